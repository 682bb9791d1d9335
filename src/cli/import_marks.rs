//! `candor import-marks`: another tool's marks (brat, W3C Web Annotations)
//! taken in as a new annotator (or, from an export's folder, one annotator
//! per sub-folder), in one edit, then saved. `--category` gives annotations
//! that name no category (another tool's highlights and comments) one. What could not be
//! placed on the case's texts is listed on stderr and the exit code is 1;
//! the rest is still imported.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::CaseArg;
use super::{save, say};
use crate::import::marks::{self, MarksFormat, MarksOptions};
use crate::model::{AnnotatorId, CategoryId};

pub fn run(
    case: &CaseArg,
    from: MarksFormat,
    path: &Path,
    annotator: Option<&str>,
    category: Option<&str>,
) -> Result<ExitCode> {
    let mut case = case.open()?;
    let annotator = annotator.map(AnnotatorId::new);
    let category = category.map(CategoryId::new);
    if let Some(c) = &category
        && case.schema().category(c).is_none()
    {
        bail!(
            "no category {:?} in this case's schema (it has: {})",
            c.as_str(),
            case.schema().category_ids()
        );
    }
    let opts = MarksOptions { category };
    let import = marks::prepare(&case, from, path, annotator.as_ref(), &opts)?;
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
    if import.done > 0 {
        how.push(format!("{} article(s) marked done", import.done));
    }
    let names: Vec<&str> = import.annotators.iter().map(|a| a.as_str()).collect();
    say(format!(
        "imported {} mark(s), {} claim(s) and {} actor(s) as annotator {}{}",
        import.marks,
        import.claims,
        import.actors,
        names.join(", "),
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
