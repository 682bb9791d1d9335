//! `candor suggest`: mark every whole-word occurrence of a lexicon's
//! phrases for one annotator, and save. A bad lexicon line is reported with
//! its line number and nothing is marked; an article whose marks cannot be
//! changed is reported, the others are marked, and the exit code is 1.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::CaseArg;
use super::{save, say};
use crate::model::AnnotatorId;
use crate::suggest;

pub fn run(case: &CaseArg, lexicon: &Path, annotator: &str) -> Result<ExitCode> {
    let mut case = case.open()?;
    let source = crate::storage::read_text(lexicon, crate::storage::MAX_TEXT_BYTES)
        .map_err(|p| anyhow::anyhow!("{p}"))?;
    let entries = match suggest::parse_lexicon(lexicon, &source, &case) {
        Ok(e) => e,
        Err(problems) => {
            for p in &problems {
                say(p);
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let name = lexicon
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let suggestions = suggest::suggest(
        &case,
        &AnnotatorId::new(annotator),
        &entries,
        &format!("suggested from lexicon {name}"),
    )?;
    for e in &suggestions.read_only {
        say(format!("not marked: {e}"));
    }
    let batch = suggestions.batch;
    let (total, articles) = (batch.count(), batch.added.len());
    batch.edit.apply(&mut case)?;
    save(&mut case)?;
    eprintln!("added {total} mark(s) for {annotator} in {articles} article(s)");
    Ok(if suggestions.read_only.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
