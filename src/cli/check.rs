//! `candor check`: every finding about a case on stdout, one per line (the
//! problems, then the notes about marks that were re-found), and a summary
//! on stderr. Findings are the output, not failures of the command: the exit
//! code says whether the case is valid. A finding quotes the case, so its
//! control characters are shown escaped.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use crate::case::Case;
use crate::problem::CaseError;
use crate::{export, validate};

pub fn run(case_arg: &CaseArg, strict: bool, fix: bool, quiet: bool) -> Result<ExitCode> {
    let path = &case_arg.path;
    let mut out = std::io::stdout().lock();
    let mut case = match Case::open(path) {
        Ok(case) => case,
        // A broken case.ron is a finding like any other: report it where
        // problems go and say "not valid", rather than fail as a command.
        Err(CaseError::Invalid(problem)) => {
            writeln!(out, "{}", export::printable(&problem.to_string()))?;
            eprintln!(
                "{}: the case cannot be read until this is fixed",
                path.display()
            );
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    let problems = validate::check(&case);
    for p in &problems {
        writeln!(out, "{}", export::printable(&p.to_string()))?;
    }
    if fix {
        super::save_with(&mut case, &super::progress::bar(quiet))?;
    } else if !case.anchoring().moved.is_empty() {
        eprintln!("`candor check --fix` saves the new offsets of re-found marks");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.iter().filter(|p| p.is_warning()).count();
    let marks: usize = case.annotators().values().map(|a| a.mark_count()).sum();
    eprintln!(
        "{}: {} article(s), {} annotator(s), {} mark(s); {errors} error(s), {warnings} warning(s)",
        path.display(),
        case.articles().len(),
        case.annotators().len(),
        marks
    );
    Ok(if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
