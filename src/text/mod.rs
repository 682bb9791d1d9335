//! Article texts and positions in them, and the one place where positions
//! change unit. (`snap`: selections, and how they grow to whole words;
//! `bidi`: right-to-left runs in the order they are shown; `scripts`: the
//! writing systems a text uses, and a font for each.)
//!
//! Marks are stored in Unicode scalar values (Rust `char`s), the unit brat and
//! the W3C Web Annotation model use, so files stay valid whatever language or
//! editor produced them. Byte offsets exist only where a `&str` is sliced, and
//! UTF-16 offsets only where another tool expects them; both are typed so that
//! one can never be passed where the other is meant.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// An offset counted in `char`s from the start of a text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharPos(pub usize);

/// An offset counted in UTF-8 bytes. Only ever valid for the text it came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BytePos(pub usize);

/// An offset counted in UTF-16 code units (what JavaScript tools count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utf16Pos(pub usize);

/// A half-open range of `char`s, `start..end`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct CharRange {
    pub start: CharPos,
    pub end: CharPos,
}

impl CharRange {
    pub fn new(start: usize, end: usize) -> Self {
        CharRange {
            start: CharPos(start),
            end: CharPos(end),
        }
    }

    pub fn len(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    pub fn is_empty(&self) -> bool {
        self.end.0 <= self.start.0
    }

    pub fn overlaps(&self, other: &CharRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// How many `char`s of context a mark keeps on each side (W3C TextQuoteSelector).
pub const CONTEXT_CHARS: usize = 32;

/// Every how many chars `TextIndex` remembers a byte offset. Small enough that
/// the scan from a checkpoint is a few cache lines, large enough that the table
/// for a 1,000,000-char article is 125 KB.
const CHECKPOINT_EVERY: usize = 64;

/// Fast conversion between char and byte offsets in one text.
///
/// For ASCII text the two are the same and no table is kept.
#[derive(Clone, Debug)]
pub struct TextIndex {
    char_len: usize,
    byte_len: usize,
    /// Byte offset of every `CHECKPOINT_EVERY`-th char; empty for ASCII text.
    checkpoints: Vec<usize>,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return TextIndex {
                char_len: text.len(),
                byte_len: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_EVERY + 1);
        let mut char_len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % CHECKPOINT_EVERY == 0 {
                checkpoints.push(byte);
            }
            char_len = i + 1;
        }
        TextIndex {
            char_len,
            byte_len: text.len(),
            checkpoints,
        }
    }

    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of a char offset, or `None` past the end.
    /// `text` must be the text this index was built from.
    pub fn byte_of(&self, text: &str, pos: CharPos) -> Option<BytePos> {
        if pos.0 > self.char_len {
            return None;
        }
        if pos.0 == self.char_len {
            return Some(BytePos(self.byte_len));
        }
        if self.checkpoints.is_empty() {
            return Some(BytePos(pos.0));
        }
        let base = self.checkpoints[pos.0 / CHECKPOINT_EVERY];
        let rest = pos.0 % CHECKPOINT_EVERY;
        text.get(base..)?
            .char_indices()
            .nth(rest)
            .map(|(b, _)| BytePos(base + b))
    }

    /// The char offset of a byte offset, or `None` if it is past the end or
    /// not on a char boundary.
    pub fn char_of(&self, text: &str, pos: BytePos) -> Option<CharPos> {
        if pos.0 > self.byte_len || !text.is_char_boundary(pos.0) {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(CharPos(pos.0));
        }
        let block = self.checkpoints.partition_point(|&b| b <= pos.0) - 1;
        let base = self.checkpoints[block];
        let extra = text.get(base..pos.0)?.chars().count();
        Some(CharPos(block * CHECKPOINT_EVERY + extra))
    }

    /// The text of a char range, or `None` if the range is reversed or past the end.
    pub fn slice<'t>(&self, text: &'t str, range: CharRange) -> Option<&'t str> {
        if range.start > range.end {
            return None;
        }
        let start = self.byte_of(text, range.start)?;
        let end = self.byte_of(text, range.end)?;
        text.get(start.0..end.0)
    }
}

/// The char length of a text.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// UTF-16 offset of a char offset (for export to tools that count UTF-16).
pub fn utf16_of(text: &str, pos: CharPos) -> Option<Utf16Pos> {
    let mut units = 0;
    let mut chars = text.chars();
    for _ in 0..pos.0 {
        units += chars.next()?.len_utf16();
    }
    Some(Utf16Pos(units))
}

/// Char offset of a UTF-16 offset; `None` past the end or inside a surrogate pair.
pub fn char_of_utf16(text: &str, pos: Utf16Pos) -> Option<CharPos> {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units == pos.0 {
            return Some(CharPos(i));
        }
        units += c.len_utf16();
        if units > pos.0 {
            return None;
        }
    }
    (units == pos.0).then(|| CharPos(text.chars().count()))
}

/// Up to `CONTEXT_CHARS` chars before and after a range: the prefix and suffix
/// a mark keeps so it can be found again if the text changes.
pub fn context(text: &str, index: &TextIndex, range: CharRange) -> Option<(String, String)> {
    let before = CharPos(range.start.0.saturating_sub(CONTEXT_CHARS));
    let after = CharPos((range.end.0 + CONTEXT_CHARS).min(index.char_len()));
    let prefix = index.slice(
        text,
        CharRange {
            start: before,
            end: range.start,
        },
    )?;
    let suffix = index.slice(
        text,
        CharRange {
            start: range.end,
            end: after,
        },
    )?;
    Some((prefix.to_string(), suffix.to_string()))
}

/// At most `max` chars of `s`, ending in `…` when cut: for titles and quotes
/// in narrow places and in messages.
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    // Cut between grapheme clusters, never inside an emoji or accented letter.
    let mut cut = String::new();
    for g in s.graphemes(true) {
        if cut.chars().count() + g.chars().count() > max.saturating_sub(1) {
            break;
        }
        cut.push_str(g);
    }
    format!("{}…", cut.trim_end())
}

/// Text as Candor keeps it: a UTF-8 BOM dropped, `\r\n` and lone `\r` made `\n`.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Words in a text, as Unicode word segmentation counts them (UAX #29).
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}
/// An article's text, with what is needed to slice it by char offsets.
#[derive(Clone, Debug)]
pub struct ArticleText {
    pub text: String,
    pub index: TextIndex,
    /// Counted on first use: word segmentation of a large case is a
    /// noticeable part of opening it, and only statistics need it.
    words: std::sync::OnceLock<usize>,
}

impl ArticleText {
    pub fn new(text: String) -> Self {
        ArticleText {
            index: TextIndex::new(&text),
            words: std::sync::OnceLock::new(),
            text,
        }
    }

    /// Words in the text (Unicode word segmentation, UAX #29).
    pub fn words(&self) -> usize {
        *self.words.get_or_init(|| word_count(&self.text))
    }

    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The text of a range, or `None` if the range does not fit this text.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        self.index.slice(&self.text, range)
    }

    /// Up to `CONTEXT_CHARS` chars on each side of a range.
    pub fn context(&self, range: CharRange) -> Option<(String, String)> {
        context(&self.text, &self.index, range)
    }
}

pub mod bidi;
pub mod scripts;
mod snap;

pub use snap::{
    Edge, Selection, sentence_at, snap_to_graphemes, snap_to_words, step_edge, word_at,
};

/// Texts that break naive offset code, for the tests of this folder.
#[cfg(test)]
pub(crate) const HARD_TEXTS: [&str; 8] = [
    "Jose\u{301} Marti\u{301} and Zoë (with a combining ë: Zoe\u{308})",
    "the crowd 👍🏽 cheered 👋🏿 and left",
    "a family 👩‍👩‍👧 and a rainbow flag 🏳️‍🌈 were seen",
    "flags 🇫🇷🇩🇪 side by side",
    "北京市的抗议者说：“我们不会离开。”",
    "spokesman محمد العلي said שלום to reporters",
    "“Les élites” ‘ont’ menti",
    "line one\nline two\n",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let t = "the ruling class";
        let ix = TextIndex::new(t);
        assert_eq!(ix.byte_of(t, CharPos(4)), Some(BytePos(4)));
        assert_eq!(ix.char_of(t, BytePos(16)), Some(CharPos(16)));
        assert_eq!(ix.byte_of(t, CharPos(17)), None);
        assert_eq!(ix.slice(t, CharRange::new(4, 10)), Some("ruling"));
    }

    #[test]
    fn multibyte_offsets_round_trip_across_checkpoints() {
        let t: String = "né 👍🏽 “quoted” 中文 ".repeat(50);
        let ix = TextIndex::new(&t);
        assert_eq!(ix.char_len(), t.chars().count());
        for (i, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.byte_of(&t, CharPos(i)), Some(BytePos(b)));
            assert_eq!(ix.char_of(&t, BytePos(b)), Some(CharPos(i)));
        }
        assert_eq!(
            ix.byte_of(&t, CharPos(ix.char_len())),
            Some(BytePos(t.len()))
        );
        // Inside a multi-byte char is not a position.
        assert_eq!(ix.char_of(&t, BytePos(2)), None);
    }

    #[test]
    fn slice_refuses_bad_ranges_instead_of_panicking() {
        let t = "émoji 🎉";
        let ix = TextIndex::new(t);
        assert_eq!(ix.slice(t, CharRange::new(6, 7)), Some("🎉"));
        assert_eq!(ix.slice(t, CharRange::new(5, 9)), None);
        assert_eq!(ix.slice(t, CharRange::new(3, 2)), None);
    }

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let t = "a🎉b";
        assert_eq!(utf16_of(t, CharPos(2)), Some(Utf16Pos(3)));
        assert_eq!(char_of_utf16(t, Utf16Pos(3)), Some(CharPos(2)));
        assert_eq!(char_of_utf16(t, Utf16Pos(2)), None);
        assert_eq!(char_of_utf16(t, Utf16Pos(4)), Some(CharPos(3)));
        assert_eq!(utf16_of(t, CharPos(4)), None);
    }

    #[test]
    fn ellipsize_counts_chars_and_marks_the_cut() {
        assert_eq!(ellipsize("Inès Marlow", 20), "Inès Marlow");
        assert_eq!(ellipsize("Inès Marlow said", 6), "Inès…");
        assert_eq!(ellipsize("👍🏽👍🏽👍🏽", 3), "👍🏽…");
        assert_eq!(ellipsize("👍🏽👍🏽👍🏽", 2), "…", "a skin tone is never cut off");
    }

    #[test]
    fn normalize_drops_bom_and_carriage_returns() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn context_is_at_most_32_chars_each_side() {
        let t = format!("{}target{}", "x".repeat(40), "y".repeat(40));
        let ix = TextIndex::new(&t);
        let (p, s) = context(&t, &ix, CharRange::new(40, 46)).expect("in range");
        assert_eq!(p, "x".repeat(32));
        assert_eq!(s, "y".repeat(32));
    }

    #[test]
    fn char_byte_and_utf16_offsets_round_trip_on_every_hard_text() {
        for t in HARD_TEXTS {
            let ix = TextIndex::new(t);
            assert_eq!(ix.char_len(), t.chars().count(), "{t}");
            let mut units = 0;
            for (i, (b, c)) in t.char_indices().enumerate() {
                assert_eq!(ix.byte_of(t, CharPos(i)), Some(BytePos(b)), "{t}");
                assert_eq!(ix.char_of(t, BytePos(b)), Some(CharPos(i)), "{t}");
                assert_eq!(utf16_of(t, CharPos(i)), Some(Utf16Pos(units)), "{t}");
                assert_eq!(char_of_utf16(t, Utf16Pos(units)), Some(CharPos(i)), "{t}");
                units += c.len_utf16();
            }
            assert_eq!(utf16_of(t, CharPos(ix.char_len())), Some(Utf16Pos(units)));
        }
    }

    fn char_at(t: &str, needle: &str) -> usize {
        let b = t.find(needle).expect("needle in text");
        t[..b].chars().count()
    }

    #[test]
    fn crlf_and_lone_cr_become_one_newline_so_offsets_match_any_editor() {
        let windows = "“Quote” one\r\nnext 👍🏽 line\r\n";
        let unix = "“Quote” one\nnext 👍🏽 line\n";
        assert_eq!(normalize(windows), unix);
        assert_eq!(normalize("old\rmac\r"), "old\nmac\n");
        let ix = TextIndex::new(unix);
        let s = char_at(unix, "next");
        assert_eq!(ix.slice(unix, CharRange::new(s, s + 4)), Some("next"));
    }
}
