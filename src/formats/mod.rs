//! The foreign formats Candor writes and reads, one home each: brat
//! standoff files ([`brat`]), W3C Web Annotations ([`w3c`]) and Word
//! documents with their comments ([`docx`]). Each file
//! holds its format's vocabulary (tags, keys, IRIs), the writer and the
//! reader, so what an export writes and what `import-marks` reads back are
//! defined in one place.
//!
//! A reader only turns files into [`Incoming`] marks, as the files give
//! them; placing them on the case's text and making them an annotator's is
//! `import::marks`. Writing a case's marks to a folder is `export::files`.
//! Both sit above this module, which needs only the case, the model and
//! storage.

pub mod brat;
pub mod docx;
pub mod w3c;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::{ArticleId, AttrValue, CategoryId, MarkId};

/// One mark as another tool's file gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incoming {
    pub article: ArticleId,
    /// Candor's id, when the file carries one.
    pub id: Option<MarkId>,
    pub category: CategoryId,
    pub start: usize,
    pub end: usize,
    /// The words the tool marked, if it says (brat shows line breaks as
    /// spaces; the comparison allows that).
    pub quote: Option<String>,
    pub prefix: String,
    pub suffix: String,
    /// The offsets may be UTF-16 units (W3C clients written in JavaScript).
    pub maybe_utf16: bool,
    pub attributes: BTreeMap<String, AttrValue>,
    pub note: String,
    pub created: Option<String>,
    pub modified: Option<String>,
    /// Claims and actors the mark is in.
    pub claims: Vec<LinkIn>,
    pub actors: Vec<LinkIn>,
    /// Notes of claims or actors (by id) that came with this mark.
    pub link_notes: Vec<(String, String)>,
    /// Where it came from, for messages (`wire.ann: T3`).
    pub origin: String,
}

/// A claim or actor a mark is in, as a file names it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkIn {
    pub id: String,
    /// The claim's label, the actor's name.
    pub label: String,
    /// Its place in the annotator's list (1 is first), when the file says.
    pub position: Option<usize>,
    /// Its own note, when the file carries it.
    pub note: Option<String>,
}

/// What reading the files gave: the marks, the articles the files say the
/// annotator marked done, and lines the reader skipped.
#[derive(Clone, Debug, Default)]
pub struct Read {
    pub marks: Vec<Incoming>,
    pub done: Vec<ArticleId>,
    pub skipped: Vec<String>,
}

/// Why a file or folder could not be read at all (a line that cannot be
/// read is skipped and said in [`Read::skipped`] instead).
#[derive(Debug, thiserror::Error)]
#[error("{}: {why}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub why: String,
}
