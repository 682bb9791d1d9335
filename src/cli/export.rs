//! `candor export`: the marks of the annotators asked for (all by default)
//! written to a folder as an HTML report, a CSV of marks, W3C Web
//! Annotations, brat standoff files or Word documents with the marks as
//! comments (`--article` and `--highlight` choose for those). Prints the files written. A folder
//! holding files Candor did not write is refused unless `--force` is given
//! (`export::folder`). `--blind` names the articles as blind reading does
//! (`Case::blinded`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::{AnnotatorArgs, CaseArg};
use crate::export::files::{self, FileFormat};
use crate::export::folder::Replace;

/// The choices of a Word export (`--article`, `--highlight`).
pub struct Word {
    pub articles: Vec<String>,
    pub highlight: bool,
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    case: &CaseArg,
    annotators: &AnnotatorArgs,
    format: FileFormat,
    word: &Word,
    out_dir: &Path,
    force: bool,
    blind: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let opened = case.open()?;
    if format != FileFormat::Docx && (!word.articles.is_empty() || word.highlight) {
        bail!("--article and --highlight are for --format docx");
    }
    // Articles are named by their ids in the case as it is; under --blind
    // they are the same places in the blinded case.
    let mut places = Vec::new();
    for id in &word.articles {
        match opened
            .articles()
            .iter()
            .position(|a| a.meta.id.as_str() == id)
        {
            Some(i) => places.push(i),
            None => bail!("the case has no article {id:?}"),
        }
    }
    let blinded;
    let case = if blind {
        blinded = opened.blinded();
        &*blinded
    } else {
        &opened
    };
    let only = annotators.resolve(case)?;
    let replace = if force {
        Replace::Anything
    } else {
        Replace::OnlyCandors
    };
    let progress = super::progress::bar(quiet);
    let report = if format == FileFormat::Docx {
        let choice = crate::export::docx::Choice {
            articles: places
                .iter()
                .map(|&i| case.articles()[i].meta.id.clone())
                .collect(),
            highlight: word.highlight,
        };
        files::write_docx(case, &only, &choice, out_dir, replace, &progress)
    } else {
        files::write_with_progress(case, format, &only, out_dir, replace, &progress)
    };
    progress.finish();
    let report = report?;
    let mut out = std::io::stdout().lock();
    for f in &report.files {
        writeln!(
            out,
            "{}",
            crate::export::printable(&f.display().to_string())
        )?;
    }
    eprintln!(
        "exported {} mark(s) as {} into {} file(s)",
        report.marks,
        format.name(),
        report.files.len()
    );
    Ok(ExitCode::SUCCESS)
}
