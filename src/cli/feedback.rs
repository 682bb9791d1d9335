//! `candor feedback`: per student who handed in, a folder (named as the
//! LMS named theirs) with their feedback page and hand-back, and a zip of
//! the folders for the LMS's bulk upload (src/class/feedback.rs).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::say;
use crate::class::feedback::{self, FEEDBACK_ZIP};
use crate::export::folder::Replace;
use crate::grade::GradeOptions;

pub fn run(case: &CaseArg, out: &Path, force: bool, quiet: bool) -> Result<ExitCode> {
    let case = case.open()?;
    let replace = if force {
        Replace::Anything
    } else {
        Replace::OnlyCandors
    };
    let progress = super::progress::bar(quiet);
    let written = feedback::write(&case, out, &GradeOptions::default(), replace, &progress);
    progress.finish();
    let report = written?;
    for (student, folder) in &report.students {
        say(format!("{student}: {}", out.join(folder).display()));
    }
    say(format!(
        "feedback for {} student(s) written to {} (and {FEEDBACK_ZIP}, for the LMS's upload)",
        report.students.len(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
