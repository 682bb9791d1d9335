//! `candor handin`: one annotator's work on a case as one file to upload
//! to the LMS (src/class/handin.rs). In a student copy the annotator is
//! the student who gave their name, unless named.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::CaseArg;
use super::say;
use crate::class::handin::HandIn;
use crate::model::AnnotatorId;

pub fn run(case: &CaseArg, annotator: Option<&str>, out: &Path) -> Result<ExitCode> {
    let case = case.open()?;
    let student = match (
        annotator,
        case.student_copy().and_then(|h| h.student.as_ref()),
    ) {
        (Some(name), _) => AnnotatorId::new(name),
        (None, Some(student)) => student.clone(),
        (None, None) => bail!(
            "whose work? name the annotator with --annotator (a student copy names its student once they open it in the window)"
        ),
    };
    let hand_in = HandIn::from_case(&case, &student)?;
    if hand_in.articles.is_empty() {
        bail!("{student} has no marks and no article marked done in this case: nothing to hand in");
    }
    hand_in.write(out)?;
    say(format!(
        "{}: hand-in of {student}: {}",
        out.display(),
        hand_in.summary(case.articles().len())
    ));
    Ok(ExitCode::SUCCESS)
}
