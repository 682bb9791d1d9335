//! Selections and how they snap: a drag never splits an emoji or an accented
//! letter, and (unless the user asks for exactly what they dragged over) grows
//! to whole words. The window only feeds pointer positions in; what a
//! selection becomes when marked is decided here, where it is tested without
//! a window. A mark's end moved by a key steps over whole words here too.

use unicode_segmentation::UnicodeSegmentation;

use super::{ArticleText, BytePos, CharPos, CharRange, TextIndex};

/// A text selection in an article: where the drag (or Shift+arrows) began
/// and where it is now, as gaps between chars. Like an editor's selection,
/// `anchor` is the end that stays put and `head` the end that moves; either
/// may come first in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: CharPos,
    pub head: CharPos,
    /// Alt was held: take the selection as it is instead of whole words.
    pub exact: bool,
}

impl Selection {
    /// The chars between the two ends, in text order, as dragged over.
    pub fn raw_range(&self) -> CharRange {
        if self.anchor <= self.head {
            CharRange {
                start: self.anchor,
                end: self.head,
            }
        } else {
            CharRange {
                start: self.head,
                end: self.anchor,
            }
        }
    }

    /// The selection as it would be marked: whole words unless `exact`,
    /// never half a grapheme, never empty. `None` for an empty selection or
    /// one that does not fit the text.
    pub fn range_in(&self, text: &ArticleText) -> Option<CharRange> {
        let raw = self.raw_range();
        if raw.is_empty() {
            return None;
        }
        snap_locally(text, raw, self.exact)
    }
}

/// Snaps a range to words (or only to graphemes when `exact`), looking at
/// the text near its ends only: segmenting from the start of a
/// 1,000,000-char article on every frame would take milliseconds.
fn snap_locally(text: &ArticleText, raw: CharRange, exact: bool) -> Option<CharRange> {
    const MARGIN_CHARS: usize = 64;
    let lo = raw.start.0.saturating_sub(MARGIN_CHARS);
    let hi = (raw.end.0 + MARGIN_CHARS).min(text.char_len());
    let window = text.slice(CharRange::new(lo, hi))?;
    let index = TextIndex::new(window);
    let local = CharRange::new(raw.start.0 - lo, raw.end.0.saturating_sub(lo));
    let snapped = if exact {
        snap_to_graphemes(window, &index, local)?
    } else {
        snap_to_words(window, &index, local)?
    };
    let snapped = CharRange::new(snapped.start.0 + lo, snapped.end.0 + lo);
    (!snapped.is_empty()).then_some(snapped)
}

/// Grows a char range outward so it never splits a grapheme cluster (an emoji
/// with a skin tone, a flag, a letter with combining accents).
pub fn snap_to_graphemes(text: &str, index: &TextIndex, range: CharRange) -> Option<CharRange> {
    let start = index.byte_of(text, range.start)?.0;
    let end = index.byte_of(text, range.end)?.0;
    let mut new_start = start;
    let mut new_end = end;
    for (b, g) in text.grapheme_indices(true) {
        let g_end = b + g.len();
        if b < start && start < g_end {
            new_start = b;
        }
        if b < end && end < g_end {
            new_end = g_end;
        }
        if b >= end {
            break;
        }
    }
    Some(CharRange {
        start: index.char_of(text, BytePos(new_start))?,
        end: index.char_of(text, BytePos(new_end))?,
    })
}

/// Grows a char range to whole words: each end that falls inside a word moves
/// out to that word's edge, and white space at either end is trimmed. A range
/// that covers no word at all is returned unchanged (after grapheme snapping).
pub fn snap_to_words(text: &str, index: &TextIndex, range: CharRange) -> Option<CharRange> {
    let range = snap_to_graphemes(text, index, range)?;
    let start = index.byte_of(text, range.start)?.0;
    let end = index.byte_of(text, range.end)?.0;
    let mut new_start = start;
    let mut new_end = end;
    for (b, w) in text.split_word_bound_indices() {
        let w_end = b + w.len();
        if w_end <= start {
            continue;
        }
        if b >= end {
            break;
        }
        let is_word = w.chars().any(char::is_alphanumeric);
        if b < start && start < w_end && is_word {
            new_start = b;
        }
        if b < end && end < w_end && is_word {
            new_end = w_end;
        }
    }
    let selected = text.get(new_start..new_end)?;
    let trimmed_start = new_start + (selected.len() - selected.trim_start().len());
    let trimmed_end = new_end - (selected.len() - selected.trim_end().len());
    if trimmed_start < trimmed_end {
        new_start = trimmed_start;
        new_end = trimmed_end;
    }
    new_end = new_start + without_trailing_punctuation(text.get(new_start..new_end)?).len();
    Some(CharRange {
        start: index.char_of(text, BytePos(new_start))?,
        end: index.char_of(text, BytePos(new_end))?,
    })
}

/// Sentence punctuation a drag often runs over: never part of a mark made
/// by dragging (hold Alt to keep it).
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '…'];

/// Closing quotes and brackets, with their openers: kept at the end of a
/// selection only when the selection also holds the opener (`“so-called”`).
const CLOSERS: &[(char, char)] = &[
    ('”', '“'),
    ('»', '«'),
    (')', '('),
    (']', '['),
    ('}', '{'),
    ('"', '"'),
];

/// `s` without the sentence punctuation, unbalanced closing quotes and
/// white space at its end; `s` itself if nothing else would be left.
fn without_trailing_punctuation(s: &str) -> &str {
    let mut cut = s;
    loop {
        let trimmed = cut.trim_end();
        let Some(last) = trimmed.chars().next_back() else {
            break;
        };
        let body = &trimmed[..trimmed.len() - last.len_utf8()];
        let unbalanced = CLOSERS.iter().any(|&(close, open)| {
            if close != last {
                return false;
            }
            if close == open {
                // A straight quote closes one opened inside, if their count is even.
                trimmed.matches(close).count() % 2 == 1
            } else {
                body.matches(open).count() < trimmed.matches(close).count()
            }
        });
        if TRAILING_PUNCTUATION.contains(&last) || unbalanced {
            cut = body;
        } else {
            cut = trimmed;
            break;
        }
    }
    if cut.trim().is_empty() { s } else { cut }
}

/// How far around a position `word_at` and `sentence_at` look, so that a
/// click far into a long article does not segment it from its start.
const WINDOW_CHARS: usize = 2_000;

/// The segments of the text around `pos` (words, or sentences), each as a
/// char range of the whole text, from `split`.
fn segment_at<'t>(
    text: &'t ArticleText,
    pos: CharPos,
    split: impl Fn(&'t str) -> Vec<(usize, &'t str)>,
) -> Option<(CharRange, &'t str)> {
    let lo = pos.0.saturating_sub(WINDOW_CHARS);
    let hi = (pos.0 + WINDOW_CHARS).min(text.char_len());
    let window = text.slice(CharRange::new(lo, hi))?;
    let index = TextIndex::new(window);
    let at = index.byte_of(window, CharPos(pos.0 - lo))?.0;
    let (b, seg) = split(window)
        .into_iter()
        .find(|(b, seg)| *b <= at && at < b + seg.len())?;
    let start = index.char_of(window, BytePos(b))?.0 + lo;
    let end = index.char_of(window, BytePos(b + seg.len()))?.0 + lo;
    Some((CharRange::new(start, end), seg))
}

/// The word the char at `pos` is part of (what a double-click selects), or
/// `None` on white space or punctuation.
pub fn word_at(text: &ArticleText, pos: CharPos) -> Option<CharRange> {
    let (range, word) = segment_at(text, pos, |w| w.split_word_bound_indices().collect())?;
    word.chars().any(char::is_alphanumeric).then_some(range)
}

/// The sentence the char at `pos` is in, with its closing punctuation and
/// without the white space after it (what a triple-click selects).
pub fn sentence_at(text: &ArticleText, pos: CharPos) -> Option<CharRange> {
    let (range, sentence) = segment_at(text, pos, |w| w.split_sentence_bound_indices().collect())?;
    let trimmed = sentence.trim_end();
    let lead = sentence.len() - sentence.trim_start().len();
    let start = range.start.0 + sentence[..lead].chars().count();
    let end = range.end.0 - sentence[trimmed.len()..].chars().count();
    (start < end).then(|| CharRange::new(start, end))
}

/// Which end of a mark a key moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// `range` with one end moved by one word, toward the article's end when
/// `later`: an end lands just after a word, a start just before one, so a
/// mark one word off is put right without re-marking it. `None` where no
/// word is left that way, where the mark would become empty, or where
/// `range` does not fit the text. Looks only near the moving end, as
/// `word_at` does.
pub fn step_edge(
    text: &ArticleText,
    range: CharRange,
    edge: Edge,
    later: bool,
) -> Option<CharRange> {
    text.slice(range)?;
    if range.is_empty() {
        return None;
    }
    let pos = match edge {
        Edge::Start => range.start.0,
        Edge::End => range.end.0,
    };
    let words = words_near(text, pos)?;
    let moved = match (edge, later) {
        (Edge::End, true) => words.iter().find(|w| w.end.0 > pos).map(|w| w.end),
        (Edge::End, false) => words.iter().rev().find(|w| w.end.0 < pos).map(|w| w.end),
        (Edge::Start, true) => words.iter().find(|w| w.start.0 > pos).map(|w| w.start),
        (Edge::Start, false) => words
            .iter()
            .rev()
            .find(|w| w.start.0 < pos)
            .map(|w| w.start),
    }?;
    let out = match edge {
        Edge::Start => CharRange {
            start: moved,
            end: range.end,
        },
        Edge::End => CharRange {
            start: range.start,
            end: moved,
        },
    };
    (out.start < out.end && out.end.0 <= text.char_len()).then_some(out)
}

/// The words (segments holding a letter or digit) around `pos`, as char
/// ranges of the whole text, in order; words joined by a hyphen
/// ("so-called") are one. A word cut by the edge of the window looked at is
/// left out: its edge there is not a word's edge.
fn words_near(text: &ArticleText, pos: usize) -> Option<Vec<CharRange>> {
    let len = text.char_len();
    let lo = pos.saturating_sub(WINDOW_CHARS);
    let hi = (pos + WINDOW_CHARS).min(len);
    let window = text.slice(CharRange::new(lo, hi))?;
    let index = TextIndex::new(window);
    let mut words: Vec<CharRange> = Vec::new();
    // Whether the last segment was a hyphen right after a word.
    let mut joining = false;
    for (b, w) in window.split_word_bound_indices() {
        let start = index.char_of(window, BytePos(b))?.0 + lo;
        let end = index.char_of(window, BytePos(b + w.len()))?.0 + lo;
        if !w.chars().any(char::is_alphanumeric) {
            let after_word = words.last().is_some_and(|l| l.end.0 == start);
            joining = after_word && matches!(w, "-" | "\u{2010}");
            continue;
        }
        match words.last_mut() {
            Some(last) if joining && last.end.0 + 1 == start => last.end = CharPos(end),
            _ => words.push(CharRange::new(start, end)),
        }
        joining = false;
    }
    words.retain(|w| !((w.start.0 == lo && lo > 0) || (w.end.0 == hi && hi < len)));
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::HARD_TEXTS;

    #[test]
    fn words_snap_outward_and_trim_space() {
        let t = "officials of the ruling class said";
        let ix = TextIndex::new(t);
        // "e rul" grows to "the ruling".
        let r = snap_to_words(t, &ix, CharRange::new(15, 20)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("the ruling"));
        // " class " trims to "class".
        let r = snap_to_words(t, &ix, CharRange::new(23, 30)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("class"));
    }

    #[test]
    fn graphemes_are_never_split() {
        let t = "hi 👍🏽 there";
        let ix = TextIndex::new(t);
        // chars: h i ␠ 👍 🏽 ␠ ...; a range ending between 👍 and 🏽 grows.
        let r = snap_to_graphemes(t, &ix, CharRange::new(3, 4)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("👍🏽"));
    }

    /// The text a snapped selection covers, starting from a char range.
    fn snapped(t: &str, start: usize, end: usize) -> String {
        let ix = TextIndex::new(t);
        let r = snap_to_graphemes(t, &ix, CharRange::new(start, end)).expect("in range");
        ix.slice(t, r).expect("snapped range fits").to_string()
    }

    fn char_at(t: &str, needle: &str) -> usize {
        let b = t.find(needle).expect("needle in text");
        t[..b].chars().count()
    }

    #[test]
    fn a_selection_never_splits_a_combining_accent() {
        let t = HARD_TEXTS[0];
        // "Jose" + U+0301: a selection ending before the accent takes it too.
        let s = char_at(t, "Jose");
        assert_eq!(snapped(t, s, s + 4), "Jose\u{301}");
        // Starting on the accent alone moves back to its letter.
        assert_eq!(snapped(t, s + 4, s + 5), "e\u{301}");
    }

    #[test]
    fn a_selection_never_splits_skin_tones_zwj_sequences_or_flags() {
        let t = HARD_TEXTS[1];
        let s = char_at(t, "👋🏿");
        assert_eq!(snapped(t, s + 1, s + 2), "👋🏿");
        let t = HARD_TEXTS[2];
        let s = char_at(t, "👩‍👩‍👧");
        // Any one char of the five (three people, two joiners) selects all.
        for k in 0..5 {
            assert_eq!(snapped(t, s + k, s + k + 1), "👩‍👩‍👧", "char {k}");
        }
        let s = char_at(t, "🏳️‍🌈");
        assert_eq!(snapped(t, s + 2, s + 3), "🏳️‍🌈");
        let t = HARD_TEXTS[3];
        let s = char_at(t, "🇫🇷");
        // Two regional indicators make one flag; the next pair is the next flag.
        assert_eq!(snapped(t, s + 1, s + 2), "🇫🇷");
        assert_eq!(snapped(t, s + 1, s + 3), "🇫🇷🇩🇪");
    }

    #[test]
    fn words_snap_in_cjk_rtl_and_curly_quoted_text() {
        let t = HARD_TEXTS[4];
        let ix = TextIndex::new(t);
        let s = char_at(t, "抗议者");
        let r = snap_to_words(t, &ix, CharRange::new(s, s + 3)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("抗议者"));

        let t = HARD_TEXTS[5];
        let ix = TextIndex::new(t);
        let s = char_at(t, "محمد");
        // Two letters inside the name grow to the whole name.
        let r = snap_to_words(t, &ix, CharRange::new(s + 1, s + 3)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("محمد"));
        let s = char_at(t, "שלום");
        let r = snap_to_words(t, &ix, CharRange::new(s + 2, s + 3)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("שלום"));

        let t = HARD_TEXTS[6];
        let ix = TextIndex::new(t);
        // Inside the curly quotes: the words, without the quotes.
        let r = snap_to_words(t, &ix, CharRange::new(2, 9)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("Les élites"));
        // Including a quote mark keeps it: the user chose it.
        let r = snap_to_words(t, &ix, CharRange::new(0, 12)).expect("snap");
        assert_eq!(ix.slice(t, r), Some("“Les élites”"));
    }

    #[test]
    fn a_drag_over_a_full_stop_or_comma_leaves_it_out_unless_exact() {
        let t = ArticleText::new(
            "Officials called them a mob. Organisers, though, disagreed.".to_string(),
        );
        let drag = |a: usize, b: usize, exact: bool| {
            let sel = Selection {
                anchor: CharPos(a),
                head: CharPos(b),
                exact,
            };
            t.slice(sel.range_in(&t).expect("snaps"))
                .expect("fits")
                .to_string()
        };
        // "a mob." dragged to just past the full stop.
        assert_eq!(drag(22, 28, false), "a mob");
        assert_eq!(drag(22, 28, true), "a mob.");
        // "Organisers," with its comma and the space after.
        assert_eq!(drag(29, 41, false), "Organisers");
        // Only punctuation: kept, since nothing else would be left.
        assert_eq!(drag(27, 28, false), ".");
    }

    #[test]
    fn closing_quotes_stay_with_their_opening_quote_and_go_without_it() {
        let t = ArticleText::new("the “peaceful” camp, the peaceful” camp".to_string());
        let drag = |a: usize, b: usize| {
            let sel = Selection {
                anchor: CharPos(a),
                head: CharPos(b),
                exact: false,
            };
            t.slice(sel.range_in(&t).expect("snaps"))
                .expect("fits")
                .to_string()
        };
        assert_eq!(drag(4, 14), "“peaceful”");
        assert_eq!(
            drag(5, 14),
            "peaceful",
            "a closing quote without its opener"
        );
        assert_eq!(drag(4, 20), "“peaceful” camp");
    }

    #[test]
    fn double_click_takes_a_word_and_triple_click_a_sentence() {
        let t = ArticleText::new(
            "Police cleared the camp. Officials called it lawful! Campers disagreed.".to_string(),
        );
        let word = word_at(&t, CharPos(8)).expect("in a word");
        assert_eq!(t.slice(word), Some("cleared"));
        assert_eq!(word_at(&t, CharPos(6)), None, "a space is no word");
        let s = sentence_at(&t, CharPos(30)).expect("in a sentence");
        assert_eq!(t.slice(s), Some("Officials called it lawful!"));
        let first = sentence_at(&t, CharPos(0)).expect("the first");
        assert_eq!(t.slice(first), Some("Police cleared the camp."));
        // Far into a long text, the answer is the same as near its start.
        let long = ArticleText::new(format!(
            "{}Camp cleared. Next one.",
            "Word here. ".repeat(5_000)
        ));
        let at = long.char_len() - "Camp cleared. Next one.".len();
        let s = sentence_at(&long, CharPos(at + 6)).expect("a sentence");
        assert_eq!(long.slice(s), Some("Camp cleared."));
        let w = word_at(&long, CharPos(at + 1)).expect("a word");
        assert_eq!(long.slice(w), Some("Camp"));
    }

    #[test]
    fn a_selection_snaps_to_whole_words_in_either_direction_unless_exact() {
        let t = ArticleText::new("officials of the ruling class said".to_string());
        let forward = Selection {
            anchor: CharPos(15),
            head: CharPos(20),
            exact: false,
        };
        let r = forward.range_in(&t).expect("snaps");
        assert_eq!(t.slice(r), Some("the ruling"));
        let backward = Selection {
            anchor: CharPos(20),
            head: CharPos(15),
            ..forward
        };
        assert_eq!(backward.range_in(&t), Some(r));
        let exact = Selection {
            exact: true,
            ..forward
        };
        let r = exact.range_in(&t).expect("exact");
        assert_eq!(t.slice(r), Some("e rul"));
        let empty = Selection {
            head: CharPos(15),
            ..forward
        };
        assert_eq!(empty.range_in(&t), None);
        let past_the_end = Selection {
            head: CharPos(500),
            ..forward
        };
        assert_eq!(past_the_end.range_in(&t), None);
    }

    #[test]
    fn snapping_far_into_a_long_text_matches_snapping_the_whole_text() {
        let long = format!("{}the ruling class said", "word ".repeat(10_000));
        let t = ArticleText::new(long);
        let start = t.char_len() - 16;
        let sel = Selection {
            anchor: CharPos(start + 2),
            head: CharPos(start + 7),
            exact: false,
        };
        let local = sel.range_in(&t).expect("snaps");
        let whole =
            snap_to_words(&t.text, &t.index, CharRange::new(start + 2, start + 7)).expect("snaps");
        assert_eq!(local, whole);
        assert_eq!(t.slice(local), Some("ruling class"));
    }

    fn stepped(t: &str, phrase: &str, edge: Edge, later: bool) -> Option<String> {
        let text = ArticleText::new(t.to_string());
        let r = step_edge(&text, range_of(t, phrase), edge, later)?;
        text.slice(r).map(str::to_string)
    }

    fn range_of(t: &str, phrase: &str) -> CharRange {
        let start = char_at(t, phrase);
        CharRange::new(start, start + phrase.chars().count())
    }

    #[test]
    fn an_end_steps_a_word_at_a_time() {
        let t = "Officials said the so-called campers, who left, were warned.";
        assert_eq!(
            stepped(t, "so-called", Edge::End, true).as_deref(),
            Some("so-called campers")
        );
        // Over the comma to the next word, not to the comma.
        assert_eq!(
            stepped(t, "so-called campers", Edge::End, true).as_deref(),
            Some("so-called campers, who")
        );
        assert_eq!(
            stepped(t, "the so-called campers", Edge::End, false).as_deref(),
            Some("the so-called")
        );
        // A mark ending in punctuation loses it first.
        assert_eq!(
            stepped(t, "who left,", Edge::End, false).as_deref(),
            Some("who left")
        );
    }

    #[test]
    fn a_start_steps_a_word_at_a_time() {
        let t = "Officials said the so-called campers were warned.";
        assert_eq!(
            stepped(t, "campers", Edge::Start, false).as_deref(),
            Some("so-called campers")
        );
        assert_eq!(
            stepped(t, "the so-called campers", Edge::Start, true).as_deref(),
            Some("so-called campers")
        );
    }

    #[test]
    fn a_mark_never_empties_nor_leaves_the_text() {
        let t = "Officials said the camp was lawful.";
        assert_eq!(stepped(t, "said", Edge::End, false), None);
        assert_eq!(stepped(t, "said", Edge::Start, true), None);
        assert_eq!(stepped(t, "Officials", Edge::Start, false), None);
        assert_eq!(stepped(t, "lawful.", Edge::End, true), None);
        assert_eq!(stepped(t, "lawful", Edge::End, true), None);
        let text = ArticleText::new(t.to_string());
        let past = CharRange::new(30, 99);
        assert_eq!(step_edge(&text, past, Edge::End, false), None);
        assert_eq!(
            step_edge(&text, CharRange::new(3, 3), Edge::End, true),
            None
        );
    }

    #[test]
    fn steps_keep_graphemes_whole_and_reach_far_into_long_texts() {
        let t = "Café 👍🏽 officials said";
        assert_eq!(
            stepped(t, "Café", Edge::End, true).as_deref(),
            Some("Café 👍🏽 officials")
        );
        let long = format!("{}the camp was cleared", "word ".repeat(3_000));
        assert_eq!(
            stepped(&long, "camp", Edge::Start, false).as_deref(),
            Some("the camp")
        );
    }
}
