//! The hand-in: one file holding one student's marks, links and done flags
//! on a student copy, with the case fingerprint (which case, which text of
//! each article) so the instructor's Candor can tell where it belongs. It
//! is readable RON, like every file of a case (docs/FORMAT.md).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CLASS_FORMAT, ClassError, MAX_CLASS_FILE_BYTES, fingerprint};
use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, Links, Mark, Timestamp, is_valid_id};
use crate::problem::Problem;
use crate::storage;

/// `<student>.candor-handin`: one annotator's work on a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "HandIn", deny_unknown_fields)]
pub struct HandIn {
    pub format: u32,
    /// The Candor version that wrote it.
    pub candor: String,
    /// The instructor's case id (the hand-out's `case`).
    pub case: String,
    pub student: AnnotatorId,
    pub made: Timestamp,
    /// The articles handed in: those marked, or marked done.
    #[serde(default)]
    pub articles: BTreeMap<ArticleId, HandInArticle>,
    #[serde(default = "Links::new")]
    pub links: Links,
}

/// One article of a hand-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct HandInArticle {
    /// The hash of the text the marks were made on (`class::text_hash`).
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    #[serde(default)]
    pub marks: Vec<Mark>,
}

impl HandIn {
    /// `student`'s hand-in of `case` (a student copy, or the instructor's
    /// case once it has an id): every article they marked or marked done.
    pub fn from_case(case: &Case, student: &AnnotatorId) -> Result<HandIn, ClassError> {
        if !is_valid_id(student.as_str()) {
            return Err(ClassError::InvalidName(student.to_string()));
        }
        let print = fingerprint(case);
        let id = print.case.ok_or(ClassError::NoCaseId)?;
        let empty = crate::case::Annotations::default();
        let work = case.annotations(student).unwrap_or(&empty);
        let mut articles = BTreeMap::new();
        for article in case.articles() {
            let marks = case.marks(student, &article.meta.id);
            let done = work.done.contains(&article.meta.id);
            let Some(text) = print.articles.get(&article.meta.id) else {
                continue; // No text: nothing can have been marked on it here.
            };
            if marks.is_empty() && !done {
                continue;
            }
            articles.insert(
                article.meta.id.clone(),
                HandInArticle {
                    text: text.clone(),
                    done,
                    marks: marks.to_vec(),
                },
            );
        }
        let mut links = work.links.clone();
        links.format = crate::model::FORMAT_VERSION;
        Ok(HandIn {
            format: CLASS_FORMAT,
            candor: env!("CARGO_PKG_VERSION").to_string(),
            case: id,
            student: student.clone(),
            made: Timestamp::now(),
            articles,
            links,
        })
    }

    pub fn mark_count(&self) -> usize {
        self.articles.values().map(|a| a.marks.len()).sum()
    }

    /// What the hand-in holds, in words: "12 marks on 3 of 5 articles, 2
    /// marked done".
    pub fn summary(&self, articles_in_case: usize) -> String {
        let marks = self.mark_count();
        let on = self
            .articles
            .values()
            .filter(|a| !a.marks.is_empty())
            .count();
        let done = self.articles.values().filter(|a| a.done).count();
        format!(
            "{marks} mark{} on {on} of {articles_in_case} article{}, {done} marked done",
            if marks == 1 { "" } else { "s" },
            if articles_in_case == 1 { "" } else { "s" },
        )
    }

    /// The hand-in as Candor writes it.
    pub fn to_ron(&self) -> Result<String, ClassError> {
        storage::to_ron(self).map_err(|e| ClassError::Io {
            path: format!("{}.{}", self.student, super::HANDIN_EXT).into(),
            message: e.to_string(),
        })
    }

    /// Writes the hand-in to `path` (a file the student chose), atomically.
    pub fn write(&self, path: &Path) -> Result<(), ClassError> {
        write_file(path, self.to_ron()?.as_bytes())
    }

    /// Reads a hand-in, refusing files over `MAX_CLASS_FILE_BYTES`; a
    /// mistake in it is named by line and column.
    pub fn read(path: &Path) -> Result<HandIn, ClassError> {
        let source = storage::read_text(path, MAX_CLASS_FILE_BYTES).map_err(ClassError::File)?;
        HandIn::parse(path, &source)
    }

    /// Parses a hand-in already read; `path` names it in messages.
    pub fn parse(path: &Path, source: &str) -> Result<HandIn, ClassError> {
        let hand_in: HandIn = storage::parse_ron(path, source).map_err(ClassError::File)?;
        if hand_in.format == 0 || hand_in.format > CLASS_FORMAT {
            return Err(ClassError::File(Problem::error(
                path,
                format!(
                    "hand-in format {} is not one this Candor reads (it reads format {CLASS_FORMAT}): update Candor",
                    hand_in.format
                ),
            )));
        }
        Ok(hand_in)
    }
}

/// Whether `source` starts like a hand-in (what `gather` looks for in a
/// file of any name, since LMSs rename files and students rename them too).
pub fn looks_like(source: &[u8], ron_name: &str) -> bool {
    let start = source
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(source.len());
    source[start..].starts_with(ron_name.as_bytes())
        && source[start + ron_name.len()..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b'(')
}

/// Writes a class file the user named (outside any case), atomically: into
/// its folder, made if missing.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ClassError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| ClassError::Io {
            path: path.to_path_buf(),
            message: "is not a file name".into(),
        })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    storage::write_output(dir, name, bytes)
        .map(|_| ())
        .map_err(|e| ClassError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_in_is_recognised_by_its_first_word_whatever_its_name() {
        assert!(looks_like(b"  HandIn(\n format: 1", "HandIn"));
        assert!(looks_like(b"HandIn (", "HandIn"));
        assert!(!looks_like(b"%PDF-1.7", "HandIn"));
        assert!(!looks_like(b"HandInX(", "HandIn"));
        assert!(!looks_like(b"", "HandIn"));
    }

    #[test]
    fn a_newer_format_is_refused_with_the_file_named() {
        let src = "HandIn(format: 9, candor: \"9\", case: \"c1\", student: \"ana\", made: \"x\")";
        let err = HandIn::parse(Path::new("ana.candor-handin"), src).expect_err("format 9");
        assert!(err.to_string().contains("ana.candor-handin"), "{err}");
        assert!(err.to_string().contains("format 9"), "{err}");
    }

    #[test]
    fn a_broken_hand_in_is_named_by_line_and_column() {
        let src = "HandIn(\n  format: 1,\n  candor: 3,\n)";
        let err = HandIn::parse(Path::new("ana.candor-handin"), src).expect_err("broken");
        assert!(err.to_string().contains("ana.candor-handin:3:"), "{err}");
    }

    #[test]
    fn summary_counts_marks_articles_and_done() {
        let mut h = HandIn {
            format: 1,
            candor: "0".into(),
            case: "c1".into(),
            student: AnnotatorId::new("ana"),
            made: Timestamp::default(),
            articles: BTreeMap::new(),
            links: Links::new(),
        };
        assert_eq!(h.summary(5), "0 marks on 0 of 5 articles, 0 marked done");
        h.articles.insert(
            ArticleId::new("wire"),
            HandInArticle {
                text: "sha256:x".into(),
                done: true,
                marks: Vec::new(),
            },
        );
        assert_eq!(h.summary(1), "0 marks on 0 of 1 article, 1 marked done");
    }
}
