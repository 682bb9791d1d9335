//! `candor handback`: a student takes in the hand-back their instructor
//! sent (src/class/handback.rs): the key on the articles they handed in.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::say;
use crate::class::handback;

pub fn run(case: &CaseArg, file: &Path) -> Result<ExitCode> {
    let mut case = case.open()?;
    let report = handback::apply(&mut case, file)?;
    say(report);
    Ok(ExitCode::SUCCESS)
}
