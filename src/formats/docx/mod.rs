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
//! - `package`: the zip and its relationships, within the limits;
//! - `read`: a document's text, title and comments ([`read`]);
//! - `write`: a text and its comments as a minimal document ([`write`]);
//! - `comment`: a mark in the words of a comment, and back.

pub mod comment;
mod package;
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Characters that test the mapping: paragraph and line breaks, tabs,
    /// XML's special characters, spaces at edges, emoji, right-to-left
    /// script and combining marks.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\n".to_string()),
                Just("\n\n".to_string()),
                Just("\t".to_string()),
                Just(" ".to_string()),
                Just("<&>\"'".to_string()),
                Just("🌊".to_string()),
                Just("نهر".to_string()),
                Just("e\u{301}".to_string()),
                "[a-z]{1,6}",
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Whether `at` falls between the two line breaks of a paragraph break,
    /// the one place a comment edge cannot be written (it moves to a
    /// paragraph's edge; see `write`).
    fn inside_a_break(chars: &[char], at: usize) -> bool {
        let paras = write::paragraphs(chars);
        paras.windows(2).any(|w| at == w[0].1 + 1)
    }

    proptest! {
        #[test]
        fn any_text_and_comments_come_back_on_the_same_characters(
            text in text(),
            spans in proptest::collection::vec((0usize..200, 1usize..60), 0..8),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let n = chars.len();
            let comments: Vec<Anchored> = spans
                .iter()
                .filter(|_| n > 0)
                .map(|&(s, len)| (s % n, (s % n + len).min(n)))
                .filter(|&(s, e)| s < e && !inside_a_break(&chars, s) && !inside_a_break(&chars, e))
                .enumerate()
                .map(|(i, (start, end))| Anchored {
                    start,
                    end,
                    author: format!("a<{i}>"),
                    date: String::new(),
                    paragraphs: vec![format!("note & {i}"), "second\tline".into()],
                    fill: (i % 2 == 0).then(|| "F0BBB9".to_string()),
                })
                .collect();
            let bytes = write(&Sheet {
                title: "T & <t>",
                header: "A header",
                text: &text,
                comments: &comments,
            })
            .expect("written");
            let doc = read(&bytes).expect("read back");
            prop_assert_eq!(&doc.text, &text);
            prop_assert_eq!(doc.title.as_deref(), Some("T & <t>"));
            let mut got: Vec<(usize, usize, String, Vec<String>)> = doc
                .comments
                .into_iter()
                .map(|c| (c.start, c.end, c.author, c.paragraphs))
                .collect();
            let mut want: Vec<(usize, usize, String, Vec<String>)> = comments
                .into_iter()
                .map(|c| (c.start, c.end, c.author, c.paragraphs))
                .collect();
            got.sort();
            want.sort();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn a_comment_on_nothing_but_a_paragraph_break_is_not_anchored() {
        let text = "One\n\nTwo";
        let c = Anchored {
            start: 4,
            end: 5,
            author: "a".into(),
            paragraphs: vec!["x".into()],
            ..Anchored::default()
        };
        let bytes = write(&Sheet {
            text,
            comments: &[c],
            ..Sheet::default()
        })
        .expect("written");
        let doc = read(&bytes).expect("read back");
        assert_eq!(doc.text, text);
        assert!(doc.comments.is_empty());
        assert_eq!(doc.skipped.len(), 1, "{:?}", doc.skipped);
    }
}
