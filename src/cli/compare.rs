//! `candor compare`: the claims and actors tables of the annotators asked
//! for, built as the compare window builds them, in the format asked for.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::args::{AnnotatorArgs, CaseArg, Format};
use crate::compare::CompareViews;
use crate::export;

/// The terminal's width as the shell tells it (`COLUMNS`), else 80; within
/// reason, so a stray value cannot make the output unreadable.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .unwrap_or(export::compare::table::DEFAULT_WIDTH)
        .clamp(40, 400)
}

pub fn run(case: &CaseArg, annotators: &AnnotatorArgs, format: Format) -> Result<ExitCode> {
    let case = case.open()?;
    let only = annotators.resolve(&case)?;
    let comparisons = CompareViews::build(&case, &only, &only).comparisons;
    let text = match format {
        Format::Json => export::json(&comparisons)?,
        Format::Csv => export::compare::csv::comparisons(&comparisons)?,
        Format::Table => {
            export::compare::table::comparisons(&comparisons, case.schema(), terminal_width())
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
