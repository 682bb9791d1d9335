//! `candor collect`: hand-ins from files, folders and the zips LMSs
//! download, taken into the case. One line per file on stdout says what
//! happened to it; the exit code is 1 when any was refused.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::say;
use crate::case::Case;
use crate::class::collect::{self, CollectOptions};
use crate::class::gather;
use crate::export::printable;
use crate::model::AnnotatorId;
use crate::roster::ROSTER_FILE;

pub fn run(
    case: &CaseArg,
    paths: &[PathBuf],
    as_name: Option<&str>,
    dry_run: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let mut case = case.open()?;
    let progress = super::progress::bar(quiet);
    let found = gather::read_all(paths, &progress);
    progress.finish();
    let opts = CollectOptions {
        as_name: as_name.map(AnnotatorId::new),
        dry_run,
    };
    let report = collect::apply(&mut case, found, &opts)?;
    let mut out = std::io::stdout().lock();
    for entry in &report.entries {
        writeln!(out, "{}", printable(&entry.to_string()))?;
    }
    let refused = report
        .entries
        .iter()
        .filter(|e| e.status.is_refused())
        .count();
    say(format!(
        "{} student(s) collected{}, {refused} file(s) refused, {} file(s) written{}",
        report.students().len(),
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        },
        report.written.len(),
        if refused > 0 {
            "; see the lines marked refused"
        } else {
            ""
        }
    ));
    roster_lines(&case, &report);
    Ok(if report.refused() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// With a `roster.csv`, the students on it with no hand-in in the case
/// yet, and the hand-ins just collected from names that are nobody on it,
/// on stderr (the roster is matched as `grade` matches it: by annotator,
/// name or slug). A roster that cannot be read is reported; the hand-ins
/// are collected all the same.
fn roster_lines(case: &Case, report: &collect::CollectReport) {
    let Some(roster) = super::roster::roster_to_mention(case) else {
        return;
    };
    let key = case.key();
    let handed_in: Vec<AnnotatorId> = case
        .annotators()
        .iter()
        .filter(|(a, work)| Some(*a) != key && !work.is_empty())
        .map(|(a, _)| a.clone())
        .collect();
    super::roster::say_missing(&roster, &handed_in, "have no hand-in yet");
    let collected: Vec<AnnotatorId> = report.students().into_iter().cloned().collect();
    for stranger in roster.not_on_roster(&collected) {
        say(format!(
            "{stranger} is not on {ROSTER_FILE}: add them to it, or collect their file again with --as and their annotator there"
        ));
    }
}
