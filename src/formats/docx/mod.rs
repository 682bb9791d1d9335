//! Word documents (`.docx`, Office Open XML's WordprocessingML): what
//! `candor import` reads from a draft and what `candor export --format docx`
//! writes for a writer, in one home so the two agree on how a text maps to
//! paragraphs and where a comment's words begin and end.
//!
//! The mapping, both ways: paragraphs are separated by one blank line
//! (`\n\n`) in Candor's text, as every other import makes them; a line
//! break inside a paragraph (`w:br`) is `\n`, a tab (`w:tab`) is `\t`.
//! Empty paragraphs carry no text. A comment's span is its
//! `w:commentRangeStart` and `w:commentRangeEnd`, counted in characters of
//! that text, so a mark exported and read back lands on the same offsets.
//!
//! A `.docx` is a zip of XML parts from anyone, so it is read as the class
//! module reads an LMS download: in memory, each part with a size limit
//! and a limit on how much it unpacks from its packed size (a zip bomb),
//! nothing ever written to disk.
//!
//! - `read`: a document's text, title and comments ([`read`]);
//! - `write`: a text and its comments as a minimal document ([`write`]);
//! - `comment`: a mark in the words of a comment, and back.

pub mod comment;
mod read;
mod write;

pub use read::{Comment, Document, read};
pub use write::{Anchored, Sheet, write};

/// The WordprocessingML namespace, which every part's `w:` prefix names.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The relationship types a reader follows from the package and the
/// document to their parts.
const REL_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_CORE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const REL_COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

/// How much of a `.docx` is read: the rules of `class::gather`'s limits
/// for an LMS's zip (one entry's size, the total, the number of entries,
/// and the unpacked-to-packed ratio over 1 MiB), sized for one document.
pub(crate) mod limits {
    /// Largest part read: a novel's `document.xml` is a few MiB.
    pub const ENTRY_BYTES: u64 = 64 << 20;
    /// Largest total of the parts read from one file.
    pub const TOTAL_BYTES: u64 = 256 << 20;
    /// Most entries in one file (Word writes a dozen or two).
    pub const ENTRIES: usize = 10_000;
    /// Largest ratio of a part's size to its packed size, over 1 MiB:
    /// WordprocessingML packs about ten to one, a bomb a thousand to one.
    pub const RATIO: u64 = 200;
    /// Largest `.docx` file read at all.
    pub const FILE_BYTES: u64 = 256 << 20;
}
