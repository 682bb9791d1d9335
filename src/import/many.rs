//! Importing many files at once (`candor import CASE *.html`, the window's
//! import of several files), with progress and a cancel. Two stages: every
//! source is read and extracted first (the slow part: Readability on saved
//! pages), without touching the case; then every article read is added.
//!
//! A cancel is honoured only in the first stage, between files, so a
//! cancelled import adds nothing: the case is as it was. The second stage,
//! which writes each article's text, runs to its end once begun, each
//! article whole. A file that cannot be imported is reported in its
//! [`Imported`] and the others still are.

use std::path::PathBuf;

use super::{ImportOptions, Prepared, add, read_file, read_pasted};
use crate::case::Case;
use crate::model::ArticleId;
use crate::problem::CaseError;
use crate::progress::{Cancelled, Progress};

/// Where one article comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A file; its name gives the article's id.
    File(PathBuf),
    /// Text or a page's source already read (standard input, the
    /// clipboard), and how messages name it; the id comes from its title.
    Text { name: String, raw: String },
}

impl Source {
    /// How messages name the source.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Text { name, .. } => name.clone(),
        }
    }
}

/// One source after the first stage: the article it would add, or why not.
#[derive(Debug)]
pub struct Read {
    pub name: String,
    pub result: Result<Prepared, CaseError>,
}

/// One source after both stages: the id it was added as, or why not.
#[derive(Debug)]
pub struct Imported {
    pub name: String,
    pub result: Result<ArticleId, CaseError>,
}

/// Reads every source, in order, without changing the case (what a dry run
/// shows). Stops with [`Cancelled`] between two files when asked.
pub fn read_all(
    case: &Case,
    sources: &[Source],
    opts: &ImportOptions,
    progress: &Progress,
) -> Result<Vec<Read>, Cancelled> {
    progress.stage("reading", sources.len());
    let mut read = Vec::with_capacity(sources.len());
    for source in sources {
        progress.check()?;
        let result = match source {
            Source::File(path) => read_file(path, opts),
            Source::Text { name, raw } => read_pasted(case, name, raw, opts),
        };
        read.push(Read {
            name: source.name(),
            result,
        });
        progress.step();
    }
    progress.check()?;
    Ok(read)
}

/// Reads every source, then adds every article read, in order (saved on
/// the case's next save). Cancelled, it adds nothing (see the module's
/// comment).
pub fn import_all(
    case: &mut Case,
    sources: &[Source],
    opts: &ImportOptions,
    progress: &Progress,
) -> Result<Vec<Imported>, Cancelled> {
    let read = read_all(case, sources, opts, progress)?;
    progress.stage("adding", read.len());
    let imported = read
        .into_iter()
        .map(|r| {
            let result = r.result.and_then(|prepared| add(case, &prepared));
            progress.step();
            Imported {
                name: r.name,
                result,
            }
        })
        .collect();
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Cancel, Watch};

    /// Presses Cancel when the reading stage reaches `at` files.
    struct CancelAt {
        at: u64,
        cancel: Cancel,
    }

    impl Watch for CancelAt {
        fn stage(&self, _: &str, _: u64) {}
        fn position(&self, done: u64) {
            if done == self.at {
                self.cancel.cancel();
            }
        }
    }

    /// A case and `n` text files beside it, `story-0.txt`...
    fn case_and_files(n: usize) -> (tempfile::TempDir, Case, Vec<Source>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = Case::create(&dir.path().join("case"), "Many").expect("new case");
        let sources = (0..n)
            .map(|i| {
                let path = dir.path().join(format!("story-{i}.txt"));
                std::fs::write(&path, format!("Story {i}\n\nThe council met on day {i}.\n"))
                    .expect("write");
                Source::File(path)
            })
            .collect();
        (dir, case, sources)
    }

    #[test]
    fn every_file_is_added_in_order_and_counted() {
        let (_dir, mut case, sources) = case_and_files(5);
        let progress = Progress::none();
        let imported =
            import_all(&mut case, &sources, &ImportOptions::default(), &progress).expect("run");
        let ids: Vec<String> = imported
            .iter()
            .map(|i| i.result.as_ref().expect("added").to_string())
            .collect();
        assert_eq!(ids, ["story-0", "story-1", "story-2", "story-3", "story-4"]);
        assert_eq!(case.articles().len(), 5);
        assert_eq!(
            (progress.message().as_str(), progress.done()),
            ("adding", 5)
        );
    }

    #[test]
    fn a_file_that_fails_is_reported_and_the_others_are_added() {
        let (dir, mut case, mut sources) = case_and_files(2);
        sources.insert(1, Source::File(dir.path().join("missing.txt")));
        let imported = import_all(
            &mut case,
            &sources,
            &ImportOptions::default(),
            &Progress::none(),
        )
        .expect("run");
        assert!(imported[0].result.is_ok() && imported[2].result.is_ok());
        assert!(imported[1].result.is_err());
        assert_eq!(case.articles().len(), 2);
    }

    #[test]
    fn an_import_cancelled_half_way_adds_nothing_and_writes_nothing() {
        let (_dir, mut case, sources) = case_and_files(10);
        let cancel = Cancel::new();
        let progress = Progress::new(
            CancelAt {
                at: 5,
                cancel: cancel.clone(),
            },
            cancel,
        );
        let result = import_all(&mut case, &sources, &ImportOptions::default(), &progress);
        assert!(matches!(result, Err(Cancelled)));
        assert_eq!(
            progress.done(),
            5,
            "stopped between the fifth and sixth file"
        );
        assert!(case.articles().is_empty());
        let texts = std::fs::read_dir(case.root().join("articles"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(texts, 0, "no article text was written");
        // Nothing left to save either: the case on disk is as it was.
        let saved = case.save().expect("save");
        assert!(saved.written.is_empty());
    }

    #[test]
    fn pasted_text_is_read_with_the_files() {
        let (_dir, mut case, mut sources) = case_and_files(1);
        sources.push(Source::Text {
            name: "(standard input)".into(),
            raw: "Pasted headline\n\nBody.\n".into(),
        });
        let imported = import_all(
            &mut case,
            &sources,
            &ImportOptions::default(),
            &Progress::none(),
        )
        .expect("run");
        assert_eq!(imported[1].name, "(standard input)");
        assert_eq!(
            imported[1].result.as_ref().expect("added").as_str(),
            "pasted-headline"
        );
    }
}
