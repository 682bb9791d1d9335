//! Argument groups that several commands share, flattened into each
//! command's own arguments so every command spells them the same way. They
//! are parsed raw by clap and checked once against the case, in one place
//! (ripgrep's low and high arguments, in miniature): a command receives
//! `Vec<AnnotatorId>` that exist, never names it must check itself.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::case::Case;
use crate::import::ImportOptions;
use crate::model::{AnnotatorId, ArticleId, Genre};

/// The case folder a command works on.
#[derive(Debug, Args)]
pub struct CaseArg {
    /// The case folder.
    pub path: PathBuf,
}

impl CaseArg {
    /// Opens the case, reporting on stderr any file that could not be read
    /// (the rest of the case still opens).
    pub fn open(&self) -> Result<Case> {
        let case = Case::open(&self.path)?;
        for p in case.load_problems() {
            super::say(p);
        }
        Ok(case)
    }
}

/// Which annotators a command reports on, as named on the command line.
#[derive(Debug, Args)]
pub struct AnnotatorArgs {
    /// Only this annotator (repeat for several; default: all).
    #[arg(long = "annotator", short = 'a')]
    annotators: Vec<String>,
}

impl AnnotatorArgs {
    /// The annotators asked for, each checked to exist in the case, in the
    /// case's order and once each (the order every output lists them in).
    /// Empty when none was asked for, which means all of them.
    pub fn resolve(&self, case: &Case) -> Result<Vec<AnnotatorId>> {
        let only: Vec<AnnotatorId> = self
            .annotators
            .iter()
            .map(|a| AnnotatorId::new(a.as_str()))
            .collect();
        for a in &only {
            if !case.annotators().contains_key(a) {
                let known: Vec<&str> = case.annotators().keys().map(|k| k.as_str()).collect();
                bail!(
                    "no annotator {:?} in this case (it has: {})",
                    a.as_str(),
                    known.join(", ")
                );
            }
        }
        Ok(case
            .annotators()
            .keys()
            .filter(|a| only.contains(a))
            .cloned()
            .collect())
    }
}

/// Which articles a command covers, as named on the command line.
#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// Only this article, by its id (repeat, or give a comma-separated
    /// list, for several; default: every article).
    #[arg(long = "article", value_name = "ID", value_delimiter = ',')]
    articles: Vec<String>,
}

impl ArticleArgs {
    /// The articles asked for, each checked to be in the case, in the
    /// case's order and once each. Empty when none was asked for, which
    /// means all of them.
    pub fn resolve(&self, case: &Case) -> Result<Vec<ArticleId>> {
        for a in &self.articles {
            if case.article(&ArticleId::new(a.trim())).is_none() {
                let known: Vec<&str> = case.articles().iter().map(|a| a.meta.id.as_str()).collect();
                bail!(
                    "no article {:?} in this case (it has: {})",
                    a.trim(),
                    known.join(", ")
                );
            }
        }
        Ok(case
            .articles()
            .iter()
            .map(|a| a.meta.id.clone())
            .filter(|id| self.articles.iter().any(|a| a.trim() == id.as_str()))
            .collect())
    }
}

/// How a report is printed.
#[derive(Debug, Args)]
pub struct FormatArg {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `table` (aligned text), `csv` or `json`; see `crate::export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// What `candor import` records about the articles it adds.
#[derive(Debug, Args)]
pub struct MetaArgs {
    /// Title for every imported article (default: each file's first line).
    #[arg(long)]
    title: Option<String>,
    /// The outlet that published the articles.
    #[arg(long, default_value = "")]
    outlet: String,
    /// Publication date, e.g. 2026-03-02.
    #[arg(long, default_value = "")]
    date: String,
    /// Where the article was published.
    #[arg(long, default_value = "")]
    url: String,
    /// news, opinion or analysis.
    #[arg(long, default_value = "news")]
    genre: Genre,
}

impl From<MetaArgs> for ImportOptions {
    fn from(meta: MetaArgs) -> Self {
        ImportOptions {
            title: meta.title,
            outlet: meta.outlet,
            date: meta.date,
            url: meta.url,
            genre: meta.genre,
        }
    }
}

/// The annotators named with `--annotators`, each checked to be in the case
/// (the error lists those it has), in the order given, without repeats.
pub fn named_annotators(case: &Case, names: &[String]) -> Result<Vec<AnnotatorId>> {
    let mut named = Vec::new();
    for a in names {
        let id = AnnotatorId::new(a.trim());
        if case.annotations(&id).is_none() {
            let known: Vec<&str> = case.annotators().keys().map(|k| k.as_str()).collect();
            bail!(
                "no annotator {:?} in this case (it has: {})",
                id.as_str(),
                known.join(", ")
            );
        }
        if !named.contains(&id) {
            named.push(id);
        }
    }
    Ok(named)
}
