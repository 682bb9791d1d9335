//! Problems found in a case, each tied to the file (and where possible the
//! line and column) it comes from, so a person can open the file and fix it.
//!
//! Loading never stops at the first problem: each is recorded here and the
//! rest of the case goes on loading.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
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

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Points the problem at the first place `needle` occurs in `source`
    /// (the file's text), e.g. a mark's `id: "m3"`.
    pub fn near(self, source: Option<&str>, needle: &str) -> Self {
        match source.and_then(|s| line_col_of(s, needle)) {
            Some((line, col)) => self.at(line, col),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
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

/// A RON parse error as a problem with the file's path, line and column.
pub fn from_ron(path: &Path, err: &ron::error::SpannedError) -> Problem {
    Problem::error(path, err.code.to_string()).at(err.span.start.line, err.span.start.col)
}

/// An error that stops a whole operation (as opposed to a `Problem`, which
/// is recorded and the operation goes on).
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Problem),
    #[error("{0}")]
    Usage(String),
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
    fn line_col_counts_chars_not_bytes() {
        let src = "a\n  “x” id: \"m3\"\n";
        assert_eq!(line_col_of(src, "id: \"m3\""), Some((2, 7)));
        assert_eq!(line_col_of(src, "nothing"), None);
    }
}
