//! Right-to-left text in the order it is read on screen. Offsets, marks and
//! selections stay in logical order (the order a text is stored, typed and
//! searched in); only drawing a line needs its visual order, which the
//! Unicode Bidirectional Algorithm (UAX #9, the `unicode-bidi` crate) gives.
//!
//! A line is handed to the text layout as pieces in visual order. A
//! left-to-right run is one piece. A right-to-left run is cut into words and
//! the spaces and signs between them, and those come in reverse order: each
//! word is then shaped on its own (which gives Arabic its joined forms and
//! draws its letters right to left), and the words read right to left.

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// Whether the text holds a right-to-left letter (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko...) or an Arabic digit, and so needs reordering to be shown.
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN))
}

/// One piece of a line, in visual order: chars counted from the start of the
/// paragraph, and whether it reads right to left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub chars: Range<usize>,
    pub rtl: bool,
}

/// A paragraph's bidi levels, worked out once and asked for line after line.
pub struct BidiParagraph<'a> {
    info: ParagraphBidiInfo<'a>,
    /// Byte offset of each char, and the text's length at the end.
    bytes: Vec<usize>,
}

impl<'a> BidiParagraph<'a> {
    /// The paragraph's direction comes from its first strong letter (rules
    /// P2 and P3): a paragraph that starts in Arabic is right to left.
    pub fn new(text: &'a str) -> Self {
        let bytes = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        BidiParagraph {
            info: ParagraphBidiInfo::new(text, None),
            bytes,
        }
    }

    /// Whether the paragraph as a whole reads right to left (its lines are
    /// then aligned right).
    pub fn is_rtl(&self) -> bool {
        self.info.paragraph_level.is_rtl()
    }

    /// The pieces of one line (a char range of the paragraph), left to right
    /// on screen.
    pub fn visual_pieces(&self, line: Range<usize>) -> Vec<Piece> {
        let text = self.info.text;
        let (Some(&from), Some(&to)) = (self.bytes.get(line.start), self.bytes.get(line.end))
        else {
            return Vec::new();
        };
        if from >= to {
            return Vec::new();
        }
        let (levels, runs) = self.info.visual_runs(from..to);
        let mut pieces = Vec::new();
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l: &Level| l.is_rtl());
            if !rtl {
                pieces.push(self.piece(run, false));
                continue;
            }
            let start = run.start;
            let words: Vec<Range<usize>> = text[run.clone()]
                .split_word_bound_indices()
                .map(|(b, w)| start + b..start + b + w.len())
                .collect();
            pieces.extend(words.into_iter().rev().map(|w| self.piece(w, true)));
        }
        pieces
    }

    fn piece(&self, bytes: Range<usize>, rtl: bool) -> Piece {
        let char_of = |b: usize| self.bytes.partition_point(|&x| x < b);
        Piece {
            chars: char_of(bytes.start)..char_of(bytes.end),
            rtl,
        }
    }
}

/// The char drawn for `c` inside a right-to-left piece: brackets and other
/// paired signs face the other way there (rule L4), "(" looking like ")".
pub fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each piece, left to right on screen.
    fn shown(text: &str, line: Range<usize>) -> Vec<(String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        BidiParagraph::new(text)
            .visual_pieces(line)
            .into_iter()
            .map(|p| (chars[p.chars].iter().collect(), p.rtl))
            .collect()
    }

    fn all(text: &str) -> Range<usize> {
        0..text.chars().count()
    }

    #[test]
    fn english_has_no_rtl_and_is_one_piece() {
        let text = "Riot police swept through the camp.";
        assert!(!has_rtl(text));
        assert_eq!(shown(text, all(text)), vec![(text.to_string(), false)]);
    }

    #[test]
    fn an_arabic_name_in_english_reads_right_to_left_word_by_word() {
        let text = "The minister قاسم الأعرجي said so.";
        assert!(has_rtl(text));
        let para = BidiParagraph::new(text);
        assert!(!para.is_rtl(), "an English paragraph reads left to right");
        assert_eq!(
            shown(text, all(text)),
            vec![
                ("The minister ".to_string(), false),
                ("الأعرجي".to_string(), true),
                (" ".to_string(), true),
                ("قاسم".to_string(), true),
                (" said so.".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_hebrew_paragraph_is_right_to_left_with_its_number_left_to_right() {
        let text = "שלום לכולם 2026";
        assert!(BidiParagraph::new(text).is_rtl());
        assert_eq!(
            shown(text, all(text)),
            vec![
                ("2026".to_string(), false),
                (" ".to_string(), true),
                ("לכולם".to_string(), true),
                (" ".to_string(), true),
                ("שלום".to_string(), true),
            ]
        );
    }

    #[test]
    fn each_line_is_ordered_on_its_own() {
        // Two lines of one right-to-left paragraph: the first line holds the
        // first words, not the last ones.
        let text = "אחת שתיים שלוש ארבע";
        let cut = "אחת שתיים ".chars().count();
        let first = shown(text, 0..cut);
        assert_eq!(first.last().map(|p| p.0.as_str()), Some("אחת"));
        let second = shown(text, cut..text.chars().count());
        assert_eq!(second.last().map(|p| p.0.as_str()), Some("שלוש"));
    }

    #[test]
    fn pieces_cover_every_char_of_the_line_once() {
        let text = "Said «قاسم (الأعرجي)» and שלום, 12 then 👍🏽 e\u{301}.";
        let mut seen: Vec<usize> = BidiParagraph::new(text)
            .visual_pieces(all(text))
            .into_iter()
            .flat_map(|p| p.chars)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, all(text).collect::<Vec<_>>());
    }

    #[test]
    fn controls_separators_and_lone_marks_never_lose_or_repeat_a_char() {
        for text in [
            "a\u{2029}b שלום\u{2029}",
            "\u{202E}override\u{202C} and \u{2067}isolate\u{2069} قاسم",
            "\u{301}\u{64E} starts with marks \u{200F}\u{200E}",
            "👨\u{200D}👩\u{200D}👧 עם 🇮🇱 ו-🇵🇸 12.5%",
            " ",
            "\t\u{FEFF}",
        ] {
            let para = BidiParagraph::new(text);
            let n = text.chars().count();
            for cut in 0..=n {
                let mut seen: Vec<usize> = para
                    .visual_pieces(0..cut)
                    .into_iter()
                    .chain(para.visual_pieces(cut..n))
                    .flat_map(|p| p.chars)
                    .collect();
                seen.sort_unstable();
                assert_eq!(seen, (0..n).collect::<Vec<_>>(), "{text:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn brackets_face_the_other_way_inside_right_to_left_text() {
        assert_eq!(mirrored('('), ')');
        assert_eq!(mirrored('«'), '»');
        assert_eq!(mirrored('a'), 'a');
    }
}
