//! `candor adjudicate`: the source annotators' marks clustered per article,
//! with their variants; with `--min-agree K`, every open cluster where at
//! least K agree on extent and category accepted into the gold annotator
//! and saved. Only the gold annotator's files are ever written.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

use super::args::{CaseArg, named_annotators};
use crate::adjudicate::{self, DEFAULT_GOLD};
use crate::agree;
use crate::export;
use crate::model::{AnnotatorId, ArticleId, is_valid_id};

#[derive(Debug, Args)]
pub struct AdjudicateArgs {
    #[command(flatten)]
    case: CaseArg,
    /// The gold annotator accepted marks are copied into.
    #[arg(long, default_value = DEFAULT_GOLD, value_name = "ANNOTATOR")]
    into: String,
    /// The annotators whose marks are adjudicated, comma-separated
    /// (default: everyone but the answer key and the gold annotator).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    annotators: Vec<String>,
    /// Accept every open cluster where at least this many annotators agree
    /// on extent and category, and save. Without it, only list the clusters.
    #[arg(long, value_name = "K")]
    min_agree: Option<usize>,
    /// List only this article's clusters.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
}

pub fn run(args: &AdjudicateArgs) -> Result<ExitCode> {
    let mut case = args.case.open()?;
    if !is_valid_id(&args.into) {
        bail!(
            "{:?} cannot be an annotator's name (letters, digits, - _ .)",
            args.into
        );
    }
    let gold = AnnotatorId::new(args.into.as_str());
    let sources: Vec<AnnotatorId> = if args.annotators.is_empty() {
        agree::default_annotators(&case)
            .into_iter()
            .filter(|a| a != &gold)
            .collect()
    } else {
        let named = named_annotators(&case, &args.annotators)?;
        if named.contains(&gold) {
            bail!("{gold} is the gold annotator: it cannot also be a source");
        }
        named
    };
    let mut out = std::io::stdout().lock();
    match args.min_agree {
        None => {
            let articles: Vec<ArticleId> = match &args.article {
                Some(a) => {
                    let id = ArticleId::new(a.as_str());
                    if case.article(&id).is_none() {
                        bail!("no article {a:?} in this case");
                    }
                    vec![id]
                }
                None => case.articles().iter().map(|a| a.meta.id.clone()).collect(),
            };
            for id in &articles {
                let of = adjudicate::clusters(&case, &sources, &gold, id);
                out.write_all(export::adjudicate::clusters(&of, case.schema()).as_bytes())?;
            }
        }
        Some(k) => {
            if k == 0 || k > sources.len() {
                bail!(
                    "--min-agree {k}: give a number from 1 to {} (the annotators adjudicated)",
                    sources.len()
                );
            }
            let (edit, report) = adjudicate::bulk_accept(&case, &sources, &gold, k)?;
            edit.apply(&mut case)?;
            super::save(&mut case)?;
            out.write_all(export::adjudicate::bulk(&report, gold.as_str(), k).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
