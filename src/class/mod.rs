//! A class without git: the instructor hands out a student copy of a case
//! (no key in it), each student hands in one file, the instructor collects
//! the files as the LMS downloads them, and hands the key back per student.
//! Every step is a file, so any LMS that takes a file per student carries
//! it, and no server is needed. docs/FORMAT.md describes each file.
//!
//! - this file: the case fingerprint (an id and a hash of each article's
//!   text) that ties a hand-in to the case it was made on, and the errors;
//! - `handout`: writing the student copy (a folder, and a zip of it);
//! - `handin`: the hand-in file, made from a student's marks;
//! - `gather`: finding hand-ins among files, folders and LMS zips, read
//!   with size limits and never written anywhere;
//! - `collect`: taking gathered hand-ins into the case, mark by mark, and
//!   what it records of each student's hand-ins;
//! - `handback`: the key's marks for the articles a student handed in,
//!   and taking them into the student copy;
//! - `feedback`: a folder per student, named for the LMS, with their
//!   feedback page and hand-back.

pub mod collect;
pub mod feedback;
pub mod gather;
pub mod handback;
pub mod handin;
pub mod handout;

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId};
use crate::problem::{CaseError, Problem};

/// The version of the hand-in and hand-back formats this Candor writes,
/// and the newest it reads.
pub const CLASS_FORMAT: u32 = 1;

/// A hand-in's file name ends so; LMSs keep the ending when they rename.
pub const HANDIN_EXT: &str = "candor-handin";
/// A hand-back's file name ends so.
pub const HANDBACK_EXT: &str = "candor-handback";

/// Largest hand-in or hand-back Candor reads (16 MiB: some hundred
/// thousand marks), so a wrong file is refused before it is read whole.
pub const MAX_CLASS_FILE_BYTES: u64 = 16 << 20;

/// What ties a hand-in to a case: the case's id and a hash of each
/// article's text (`text_hash`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The instructor's case id; in a student copy, the id it was made from.
    /// `None` for a case no student copy was ever made of.
    pub case: Option<String>,
    /// Each article with a readable text.
    pub articles: BTreeMap<ArticleId, String>,
}

/// The fingerprint of `case` as it is now.
pub fn fingerprint(case: &Case) -> Fingerprint {
    let id = match case.student_copy() {
        Some(h) => Some(h.case.clone()),
        None => case.manifest().id.clone(),
    };
    let articles = case
        .articles()
        .iter()
        .filter_map(|a| {
            let text = a.text.as_ref()?;
            Some((a.meta.id.clone(), text_hash(&text.text)))
        })
        .collect();
    Fingerprint { case: id, articles }
}

/// `sha256:` and the hex SHA-256 of `text` as Candor reads it (UTF-8, `\n`
/// line ends, no byte-order mark).
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Why a class step could not be done. Each names the file or folder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClassError {
    #[error(
        "the case has no id yet: make a student copy first (`candor handout`), which gives it one"
    )]
    NoCaseId,
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    /// A file that could not be read or parsed, with its line and column.
    #[error("{0}")]
    File(Problem),
    #[error(
        "{0} is the answer key: the key never goes into a student copy (name another annotator, or none)"
    )]
    KeyIncluded(AnnotatorId),
    #[error("the case has no annotator {:?}", .0.as_str())]
    UnknownAnnotator(AnnotatorId),
    #[error("{} is inside the case folder: a student copy goes elsewhere", .0.display())]
    InsideCase(PathBuf),
    #[error(
        "{} holds files that are not a student copy of this case: choose a new or empty folder",
        .0.display()
    )]
    NotEmpty(PathBuf),
    #[error("this is not a student copy (its case.ron has no `handout:`)")]
    NotStudentCopy,
    #[error("{} was made for another case (case {found}, this is {expected})", path.display())]
    OtherCase {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "{} is {:?}'s, and this copy is {:?}'s",
        path.display(),
        found.as_str(),
        expected.as_str()
    )]
    OtherStudent {
        path: PathBuf,
        found: AnnotatorId,
        expected: AnnotatorId,
    },
    #[error("--as names one student, but {0} hand-ins were found: collect that one file alone")]
    AsNeedsOne(usize),
    #[error("{0:?} cannot be a student's name (letters, digits, `-`, `_`, `.`; at most 64)")]
    InvalidName(String),
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Save(Vec<Problem>),
}

impl ClassError {
    fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> ClassError {
        ClassError::Io {
            path: path.into(),
            message: crate::storage::io_message(e),
        }
    }
}

/// A zip of `entries` (name, bytes; a name ending in `/` is a folder),
/// deflated, with the folders above each file, each named once.
pub(crate) fn zip_files(entries: &[(String, &[u8])]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut folders = std::collections::BTreeSet::new();
    for (name, _) in entries {
        let mut at = 0;
        while let Some(i) = name[at..].find('/') {
            folders.insert(name[..at + i + 1].to_string());
            at += i + 1;
        }
    }
    for folder in &folders {
        zip.add_directory(folder.as_str(), options)
            .map_err(|e| e.to_string())?;
    }
    for (name, bytes) in entries.iter().filter(|(n, _)| !n.ends_with('/')) {
        zip.start_file(name.as_str(), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_hash_is_sha256_in_hex() {
        assert_eq!(
            text_hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_ne!(text_hash("a"), text_hash("a "));
    }
}
