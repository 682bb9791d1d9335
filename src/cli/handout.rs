//! `candor handout`: the student copy of a case, as a folder and, if asked,
//! a zip to upload to the LMS. The key never goes in (src/class/handout.rs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::say;
use crate::class::handout::{HandoutOptions, write_student_copy};
use crate::model::AnnotatorId;

pub fn run(
    case: &CaseArg,
    out: &Path,
    zip: Option<PathBuf>,
    include: &[String],
) -> Result<ExitCode> {
    let mut case = case.open()?;
    let opts = HandoutOptions {
        include: include
            .iter()
            .map(|n| AnnotatorId::new(n.as_str()))
            .collect(),
        zip,
    };
    let report = write_student_copy(&mut case, out, &opts)?;
    say(report);
    Ok(ExitCode::SUCCESS)
}
