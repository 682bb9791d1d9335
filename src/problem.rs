//! Problems found in a case, each tied to the file (and where possible the
//! line and column) it comes from, so a person can open the file and fix it.
//!
//! Loading never stops at the first problem: each is recorded here and the
//! rest of the case goes on loading.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{AnnotatorId, ArticleId, CategoryId, LinkRef, MANIFEST_FILE, MarkId};
use crate::text::CharRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something Candor did or will do that is not wrong (a mark re-found at
    /// a new place); never counted, even by `check --strict`.
    Note,
    /// Worth knowing; the case is still valid (`check --strict` counts these too).
    Warning,
    /// Something is wrong: data could not be read or does not fit together.
    Error,
}

/// One problem, printed as `PATH:LINE:COL: error: message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub col: usize,
    pub message: String,
}

impl Problem {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            col: 0,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Note,
            ..Problem::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Points the problem at the first place `needle` occurs in `source`
    /// (the file's text), e.g. a mark's `id: "m3"`. For many problems in one
    /// file, `near_in` finds each without searching from the start.
    pub fn near(self, source: Option<&str>, needle: &str) -> Self {
        match source.and_then(|s| line_col_of(s, needle)) {
            Some((line, col)) => self.at(line, col),
            None => self,
        }
    }

    /// Like `near`, looking `needle` up in a file's `SourceIndex`.
    pub fn near_in(self, index: &SourceIndex<'_>, needle: &str) -> Self {
        match index.line_col_of(needle) {
            Some((line, col)) => self.at(line, col),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {kind}: {}",
                self.path.display(),
                self.line,
                self.col.max(1),
                self.message
            )
        } else {
            write!(f, "{}: {kind}: {}", self.path.display(), self.message)
        }
    }
}

/// 1-based line and column (in chars) of the first occurrence of `needle`.
pub fn line_col_of(source: &str, needle: &str) -> Option<(usize, usize)> {
    let at = source.find(needle)?;
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    Some((line, col))
}

/// How a record's id starts in Candor's files: problems about a mark, a
/// claim, an article or a category point at this line.
const ID_KEY: &str = "id: \"";

/// One file's text, indexed on first use so that each of many problems can
/// be pointed at its line without searching the file from its start (which
/// made `candor check` quadratic in the marks of one file): where every
/// line starts, and where each `id: "..."` first appears. `line_col_of`
/// answers as the free function of that name does.
pub struct SourceIndex<'a> {
    source: Option<&'a str>,
    built: OnceCell<Built<'a>>,
}

struct Built<'a> {
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// Each `id: "..."` (its text up to the closing quote) and the byte
    /// offset of its first occurrence.
    ids: HashMap<&'a str, usize>,
}

impl<'a> SourceIndex<'a> {
    /// An index of `source`, a file's text (`None`: a file that could not be
    /// read, where nothing is found); built on the first look-up.
    pub fn new(source: Option<&'a str>) -> Self {
        SourceIndex {
            source,
            built: OnceCell::new(),
        }
    }

    /// 1-based line and column (in chars) of the first occurrence of
    /// `needle`. An `id: "..."` needle is looked up in the index; any other
    /// is searched for.
    pub fn line_col_of(&self, needle: &str) -> Option<(usize, usize)> {
        let source = self.source?;
        let built = self.built.get_or_init(|| Built::new(source));
        let at = if needle.starts_with(ID_KEY) {
            *built.ids.get(needle)?
        } else {
            source.find(needle)?
        };
        // The first line starts at 0, so `line` is at least 1.
        let line = built.line_starts.partition_point(|&s| s <= at);
        let start = *built.line_starts.get(line.checked_sub(1)?)?;
        Some((line, source.get(start..at)?.chars().count() + 1))
    }
}

impl<'a> Built<'a> {
    fn new(source: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        let mut ids = HashMap::new();
        let bytes = source.as_bytes();
        for at in memchr::memmem::find_iter(bytes, ID_KEY) {
            // The literal ends at the first quote not escaped by a backslash.
            let mut i = at + ID_KEY.len();
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            if let Some(key) = source.get(at..=i) {
                ids.entry(key).or_insert(at);
            }
        }
        Built { line_starts, ids }
    }
}

/// A RON parse error as a problem with the file's path, line and column.
pub fn from_ron(path: &Path, err: &ron::error::SpannedError) -> Problem {
    Problem::error(path, err.code.to_string()).at(err.span.start.line, err.span.start.col)
}

/// What kind of name an id is, for messages about an id that cannot be one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Article,
    Annotator,
}

/// An error that stops a whole operation (as opposed to a `Problem`, which
/// is recorded and the operation goes on). Callers that react differently to
/// different failures (the window offers to unlock nothing for a locked
/// file, but a fresh selection for an empty one) match on the variant; the
/// text of each is what the user reads.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaseError {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be read as what it should hold (a broken `case.ron`).
    #[error("{0}")]
    Invalid(Problem),
    /// The folder is not a case: it has no `case.ron`.
    #[error("{}: no case here (a case folder has a {MANIFEST_FILE}; `candor new` makes one)", path.display())]
    NoCase { path: PathBuf },
    /// A new case was asked for in a folder that already holds files.
    #[error("{}: folder is not empty; choose a new folder for the case", path.display())]
    NotEmpty { path: PathBuf },
    /// The file could not be read when the case was opened, so it is never written.
    #[error("{}: this file could not be read when the case was opened, so Candor will not change it; fix it by hand and reopen the case", path.display())]
    Locked { path: PathBuf },
    /// The file, or a folder it is in, is a symbolic link: Candor never
    /// writes through one.
    #[error("{}: is a symbolic link, or inside a linked folder; Candor never writes through a link (it could lead outside the case), so these marks cannot be changed: replace the link with the folder or file itself", path.display())]
    ThroughLink { path: PathBuf },
    /// The article's id in `case.ron` cannot be a file name, so its marks
    /// are read-only (they would be written where they are never read).
    #[error("article {:?} has an id that cannot be a file name, so its marks cannot be changed: fix the id in {MANIFEST_FILE} (letters, digits, `-`, `_` and `.`, at most 64, not starting with `.`)", article.as_str())]
    ReadOnlyArticle { article: ArticleId },
    /// A name that cannot be an id: ids name files and folders.
    #[error("{}", invalid_id_message(*kind, id))]
    InvalidId { kind: IdKind, id: String },
    /// A path in a case file that would lead outside the case folder.
    #[error("{0}")]
    OutsideCase(String),
    #[error("the case has no article {:?}", article.as_str())]
    NoSuchArticle { article: ArticleId },
    /// The article's text could not be read when the case was opened.
    #[error("article {:?} has no text loaded", article.as_str())]
    NoText { article: ArticleId },
    #[error("a mark needs at least one character")]
    EmptyRange,
    #[error("range {}..{} is outside article {:?} ({chars} chars)", range.start.0, range.end.0, article.as_str())]
    OutOfRange {
        article: ArticleId,
        range: CharRange,
        chars: usize,
    },
    /// Removing an article would remove annotators' marks with it.
    #[error("article {:?} has {marks} mark(s) by {annotators} annotator(s); remove it with its marks (`--with-marks`), or move them first", article.as_str())]
    HasMarks {
        article: ArticleId,
        marks: usize,
        annotators: usize,
    },
    #[error("the case already has an article {:?}; rename the file or remove the article first", article.as_str())]
    ArticleExists { article: ArticleId },
    /// A file Candor would create is already there, unknown to the case.
    #[error("{}: already exists but is not in {MANIFEST_FILE}; move it away first", path.display())]
    FileExists { path: PathBuf },
    #[error("{annotator} has no mark {mark} on {article}")]
    NoSuchMark {
        annotator: AnnotatorId,
        article: ArticleId,
        mark: MarkId,
    },
    #[error("{annotator} already has a mark {mark} on {article}")]
    MarkExists {
        annotator: AnnotatorId,
        article: ArticleId,
        mark: MarkId,
    },
    #[error("{annotator} has no {} {}", link.kind().label(), link.id())]
    NoSuchLink {
        annotator: AnnotatorId,
        link: LinkRef,
    },
    /// Only an annotator with no work may be removed, so no work is lost.
    #[error("annotator {annotator} still has marks or links")]
    AnnotatorNotEmpty { annotator: AnnotatorId },
    #[error("the schema has no category {:?}", category.as_str())]
    NoSuchCategory { category: CategoryId },
    /// An edit failed half-way and undoing its first part failed too: the
    /// case in memory may hold part of the change.
    #[error(
        "{error}; undoing the part already applied failed too ({rollback}); reopen the case before saving"
    )]
    PartlyApplied {
        error: Box<CaseError>,
        rollback: Box<CaseError>,
    },
    /// A file Candor does not import; `why` says what to do instead.
    #[error("{}: {why}", path.display())]
    CannotImport { path: PathBuf, why: String },
}

fn invalid_id_message(kind: IdKind, id: &str) -> String {
    match kind {
        IdKind::Annotator => format!(
            "{id:?} cannot be an annotator name: use letters, digits, `-`, `_` or `.` (at most 64)"
        ),
        IdKind::Article => format!("{id:?} cannot be an article id"),
    }
}

impl CaseError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CaseError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_path_line_col_message() {
        let p = Problem::error("case/marks/key/wire.ron", "expected `,`").at(12, 5);
        assert_eq!(
            p.to_string(),
            "case/marks/key/wire.ron:12:5: error: expected `,`"
        );
        let p = Problem::warning("case/case.ron", "no articles");
        assert_eq!(p.to_string(), "case/case.ron: warning: no articles");
    }

    #[test]
    fn the_index_finds_what_a_search_from_the_start_finds() {
        let src = "Marks(\n    marks: [\n        Mark(\n            id: \"m1\",\n            note: \"said id: \\\"m2\\\" twice\",\n        ),\n        Mark(id: \"m2\", quote: \"é\"),\n        Mark(id: \"m\\\"3\"),\n        Mark(id: \"m2\"),\n    ],\n)\n";
        let index = SourceIndex::new(Some(src));
        for needle in [
            "id: \"m1\"",
            "id: \"m2\"",
            "id: \"m\\\"3\"",
            "id: \"m4\"",
            "quote:",
            "marks:",
            "nothing",
        ] {
            assert_eq!(
                index.line_col_of(needle),
                line_col_of(src, needle),
                "{needle}"
            );
        }
        assert_eq!(index.line_col_of("id: \"m2\""), Some((7, 14)));
        assert_eq!(SourceIndex::new(None).line_col_of("id: \"m1\""), None);
    }

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let src = "a\n  “x” id: \"m3\"\n";
        assert_eq!(line_col_of(src, "id: \"m3\""), Some((2, 7)));
        assert_eq!(line_col_of(src, "nothing"), None);
    }
}
