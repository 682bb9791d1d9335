//! `candor stats`: marks per article and category for the annotators asked
//! for, in the format asked for.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::args::{AnnotatorArgs, CaseArg, Format};
use crate::{export, stats};

pub fn run(case: &CaseArg, annotators: &AnnotatorArgs, format: Format) -> Result<ExitCode> {
    let case = case.open()?;
    let only = annotators.resolve(&case)?;
    let s = stats::stats(&case, &only);
    let text = match format {
        Format::Json => export::json(&s)?,
        Format::Csv => export::marks::csv::stats(&s)?,
        Format::Table => export::marks::table::stats(&s),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
