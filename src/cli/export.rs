//! `candor export`: the marks of the annotators asked for (all by default)
//! written to a folder as an HTML report, a CSV of marks, W3C Web
//! Annotations or brat standoff files. Prints the files written. A folder
//! holding files Candor did not write is refused unless `--force` is given
//! (`export::folder`). `--blind` names the articles as blind reading does
//! (`Case::blinded`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::{AnnotatorArgs, CaseArg};
use crate::export::files::{self, FileFormat};
use crate::export::folder::Replace;

pub fn run(
    case: &CaseArg,
    annotators: &AnnotatorArgs,
    format: FileFormat,
    out_dir: &Path,
    force: bool,
    blind: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let opened = case.open()?;
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
    let report = files::write_with_progress(case, format, &only, out_dir, replace, &progress);
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
