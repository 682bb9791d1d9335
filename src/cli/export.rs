//! `candor export`: the marks of the annotators asked for (all by default)
//! written to a folder as an HTML report, a CSV of marks, W3C Web
//! Annotations or brat standoff files. Prints the files written.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::{AnnotatorArgs, CaseArg};
use crate::export::files::{self, FileFormat};

pub fn run(
    case: &CaseArg,
    annotators: &AnnotatorArgs,
    format: FileFormat,
    out_dir: &Path,
) -> Result<ExitCode> {
    let case = case.open()?;
    let only = annotators.resolve(&case)?;
    let report = files::write(&case, format, &only, out_dir)?;
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
