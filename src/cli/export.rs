//! `candor export`: the marks of the annotators asked for (all by default)
//! written to a folder as an HTML report, a CSV of marks, W3C Web
//! Annotations, brat standoff files or Word documents with the marks as
//! comments (`--highlight` shades them). Prints the files written. A folder
//! holding files Candor did not write is refused unless `--force` is given
//! (`export::folder`). `--blind` names the articles as blind reading does
//! (`Case::blinded`). `--article` writes only the articles named, in the
//! case's order, in every format (`Snapshot::keeping`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::{AnnotatorArgs, ArticleArgs, CaseArg};
use crate::export::files::{self, FileFormat};
use crate::export::folder::Replace;

/// The choices of a Word export (`--highlight`).
pub struct Word {
    pub highlight: bool,
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    case: &CaseArg,
    annotators: &AnnotatorArgs,
    articles: &ArticleArgs,
    format: FileFormat,
    word: &Word,
    out_dir: &Path,
    force: bool,
    blind: bool,
    quiet: bool,
) -> Result<ExitCode> {
    if format != FileFormat::Docx && word.highlight {
        bail!("--highlight is for --format docx");
    }
    let opened = case.open()?;
    let keep = articles.resolve(&opened)?;
    // Blind names go by each article's place in the whole case, so the
    // articles kept are found by their place before they are renamed.
    let places: Vec<usize> = opened
        .articles()
        .iter()
        .enumerate()
        .filter(|(_, a)| keep.contains(&a.meta.id))
        .map(|(i, _)| i)
        .collect();
    let mut snapshot = if blind {
        opened.blinded()
    } else {
        opened.snapshot()
    };
    if !keep.is_empty() {
        let named: Vec<_> = places
            .iter()
            .map(|&i| snapshot.articles()[i].meta.id.clone())
            .collect();
        snapshot = snapshot.keeping(&named);
    }
    let case = &*snapshot;
    let only = annotators.resolve(case)?;
    let replace = if force {
        Replace::Anything
    } else {
        Replace::OnlyCandors
    };
    let progress = super::progress::bar(quiet);
    let report = if format == FileFormat::Docx {
        // The snapshot holds only the articles asked for already.
        let choice = crate::export::docx::Choice {
            articles: Vec::new(),
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
