//! `candor done`: an annotator hands in articles (or takes them back), as
//! the window's "done" checkbox does. Grading tells an article nobody marked
//! done and left empty ("not handed in") from one where they found nothing.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::CaseArg;
use super::save;
use crate::edit::Edit;
use crate::model::{AnnotatorId, ArticleId};

pub fn run(case: &CaseArg, annotator: &str, articles: &[String], clear: bool) -> Result<ExitCode> {
    let mut case = case.open()?;
    let annotator = AnnotatorId::new(annotator);
    let mut edits = Vec::new();
    for a in articles {
        let article = ArticleId::new(a.as_str());
        if case.article(&article).is_none() {
            let known: Vec<&str> = case.articles().iter().map(|a| a.meta.id.as_str()).collect();
            bail!(
                "no article {a:?} in this case (it has: {})",
                known.join(", ")
            );
        }
        edits.push(Edit::SetDone {
            annotator: annotator.clone(),
            article,
            done: !clear,
        });
    }
    Edit::Group(edits).apply(&mut case)?;
    save(&mut case)?;
    let state = if clear { "not done" } else { "done" };
    eprintln!("{annotator}: {} marked {state}", articles.join(", "));
    Ok(ExitCode::SUCCESS)
}
