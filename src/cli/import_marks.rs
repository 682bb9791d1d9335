//! `candor import-marks`: another tool's marks (brat, W3C Web Annotations)
//! taken in as a new annotator, in one edit, then saved. What could not be
//! placed on the case's texts is listed on stderr and the exit code is 1;
//! the rest is still imported.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::{save, say};
use crate::import::marks::{self, MarksFormat};
use crate::model::AnnotatorId;

pub fn run(case: &CaseArg, from: MarksFormat, path: &Path, annotator: &str) -> Result<ExitCode> {
    let mut case = case.open()?;
    let annotator = AnnotatorId::new(annotator);
    let import = marks::prepare(&case, from, path, &annotator)?;
    for s in &import.skipped {
        say(format!("skipped {s}"));
    }
    import.edit.apply(&mut case)?;
    save(&mut case)?;
    let mut how = Vec::new();
    if import.converted_utf16 > 0 {
        how.push(format!(
            "{} with UTF-16 offsets converted",
            import.converted_utf16
        ));
    }
    if import.found_by_quote > 0 {
        how.push(format!("{} found by their quote", import.found_by_quote));
    }
    say(format!(
        "imported {} mark(s), {} claim(s) and {} actor(s) as annotator {annotator}{}",
        import.marks,
        import.claims,
        import.actors,
        if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join(", "))
        }
    ));
    if import.skipped.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        say(format!("{} skipped", import.skipped.len()));
        Ok(ExitCode::FAILURE)
    }
}
