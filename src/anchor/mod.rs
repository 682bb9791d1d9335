//! Whether a mark still sits on the words it was made on, and where those
//! words went when the text changed.
//!
//! A mark keeps its offsets, its quote and up to 32 chars of context on each
//! side (the W3C TextQuoteSelector). `check` only asks whether the text at the
//! offsets is the quote; the window uses it to decide whether to draw a mark.
//! `locate` re-finds a mark after the text was edited, in the spirit of the
//! Hypothesis client's `match-quote`: first the exact quote with its exact
//! context (the nearest such place to the old offsets wins), then candidates
//! scored on quote, prefix and suffix similarity and closeness to the old
//! position (`finder`). Candidates are the quote itself, the quote with its
//! quotation marks or spacing changed, and the span between an exact piece
//! of the old prefix and an exact piece of the old suffix, so their
//! boundaries come from the text, not from a guess; one side of context must
//! be nearly intact for a place to win. When no candidate is confident, or
//! two score alike, the mark is an *orphan*: reported, never moved onto
//! words that may not be its own. A mark placed on words that differ from
//! its quote is reported as `Moved { exact: false }`, for review.

mod distance;
mod finder;

use std::collections::BTreeMap;

pub use distance::{edit_distance, similarity};
use finder::{Finder, Nearest};

use crate::model::{CategoryId, Mark, MarkId, Timestamp};
use crate::text::{ArticleText, BytePos, CharPos, CharRange};

/// Where a mark stands against its article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text at the mark's offsets is its quote.
    Intact,
    /// The mark cannot be placed; the reason says why.
    Orphan(String),
}

/// Checks a mark against a text, slicing only after checking the offsets.
pub fn check(text: &ArticleText, mark: &Mark) -> Anchor {
    let range = CharRange {
        start: mark.start,
        end: mark.end,
    };
    if range.start > range.end {
        return Anchor::Orphan(format!(
            "start {} is after end {}",
            range.start.0, range.end.0
        ));
    }
    if range.is_empty() {
        return Anchor::Orphan("the mark covers no text".to_string());
    }
    match text.slice(range) {
        None => Anchor::Orphan(format!(
            "offsets {}..{} are past the end of the text ({} chars)",
            range.start.0,
            range.end.0,
            text.char_len()
        )),
        Some(found) if found == mark.quote => Anchor::Intact,
        Some(found) => Anchor::Orphan(format!(
            "the text at {}..{} is {:?}, not the quoted {:?}",
            range.start.0,
            range.end.0,
            shorten(found),
            shorten(&mark.quote)
        )),
    }
}

/// Where `locate` found a mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    /// The quote and its context are at the mark's offsets.
    Intact,
    /// The mark's words are at `range` now. `exact` says the text there is the
    /// quote; otherwise it is a close variant (a word corrected inside the
    /// quote, its quotation marks straightened, its spacing changed), and the
    /// mark needs review.
    Moved { range: CharRange, exact: bool },
    /// No place is confidently the mark's; the reason says why.
    Orphan(String),
}

/// Finds where a mark's words are in a (possibly edited) text.
pub fn locate(text: &ArticleText, mark: &Mark) -> Located {
    locate_near(text, mark, 0)
}

/// Like `locate`, given a guess of how far the mark moved (how far the mark
/// before it did, say). The guess only makes the search faster: the answer is
/// the same whatever it is.
pub fn locate_near(text: &ArticleText, mark: &Mark, shift_chars: isize) -> Located {
    if mark.quote.is_empty() {
        return Located::Orphan("the mark has no quote to look for".to_string());
    }
    // The common case first, before anything is allocated: the quote and
    // its context are where the mark says.
    if let Some(BytePos(b)) = text.index.byte_of(&text.text, mark.start) {
        let s = text.text.as_str();
        let at_old = s
            .get(b..)
            .is_some_and(|r| r.starts_with(mark.quote.as_str()))
            && s.get(b + mark.quote.len()..)
                .is_some_and(|r| r.starts_with(mark.suffix.as_str()))
            && s.get(..b)
                .is_some_and(|l| l.ends_with(mark.prefix.as_str()));
        // The quote was checked, so the end is right too unless the file's
        // `end` disagrees with its own quote.
        let quote_chars = mark.quote.chars().count();
        if at_old && mark.end.0.checked_sub(mark.start.0) == Some(quote_chars) {
            return Located::Intact;
        }
    }
    let finder = Finder::new(text, mark);
    let guess = CharPos((mark.start.0 as isize).saturating_add(shift_chars).max(0) as usize);
    match finder.nearest_perfect(guess) {
        Nearest::Found(start) => Located::Moved {
            range: CharRange::new(start.0, start.0 + finder.quote_chars),
            exact: true,
        },
        Nearest::Tie(a, b) => Located::Orphan(format!(
            "the quote and its context occur at {} and at {}, equally near the old place",
            a.0, b.0
        )),
        Nearest::NoContext(n) => Located::Orphan(format!(
            "the quote occurs {n} times and the mark keeps no context to tell them apart"
        )),
        Nearest::None(exact) => finder.best_scored(exact),
    }
}

/// Locates every mark of one article, in the order given. Marks are visited
/// by position so each can start from where the one before it went.
pub fn reanchor(text: &ArticleText, marks: &[Mark]) -> Vec<Located> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, marks[i].end));
    let mut out = vec![Located::Intact; marks.len()];
    let mut shift: isize = 0;
    for i in order {
        let found = locate_near(text, &marks[i], shift);
        match &found {
            Located::Intact => shift = 0,
            Located::Moved { range, .. } => {
                // Offsets come from files: never overflow on absurd ones.
                shift = (range.start.0 as isize).saturating_sub(marks[i].start.0 as isize);
            }
            Located::Orphan(_) => {}
        }
        out[i] = found;
    }
    out
}

/// The mark put on `range` of the text: new offsets, and quote and context
/// read from the text there. `None` if the range does not fit the text or is
/// empty. The rest of the mark (id, category, attributes, note, timestamps)
/// is kept: the annotation did not change, only where it sits. A review flag
/// is cleared: the words there are the mark's now (re-anchoring sets it again
/// when the words it found differ from the quote).
pub fn attach(text: &ArticleText, mark: &Mark, range: CharRange) -> Option<Mark> {
    if range.is_empty() {
        return None;
    }
    let quote = text.slice(range)?;
    let (prefix, suffix) = text.context(range)?;
    Some(Mark {
        start: range.start,
        end: range.end,
        quote: quote.to_string(),
        prefix,
        suffix,
        review: None,
        ..mark.clone()
    })
}

/// A new mark of `category` on `range`, quoting the text there with its
/// context, made now. `None` if the range is empty or does not fit the text.
pub fn new_mark(
    text: &ArticleText,
    id: MarkId,
    range: CharRange,
    category: CategoryId,
) -> Option<Mark> {
    let now = Timestamp::now();
    let blank = Mark {
        id,
        category,
        start: range.start,
        end: range.end,
        quote: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        attributes: BTreeMap::new(),
        note: String::new(),
        created: now.clone(),
        modified: now,
    };
    attach(text, &blank, range)
}

/// A long string cut to a readable length for messages.
pub(crate) fn shorten(s: &str) -> String {
    crate::text::ellipsize(s, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, quote: &str) -> Mark {
        Mark {
            id: MarkId::new("m1"),
            category: CategoryId::new("loaded"),
            start: CharPos(start),
            end: CharPos(end),
            quote: quote.to_string(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            attributes: Default::default(),
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    /// A mark made the way the window makes one: quote and context from the text.
    fn marked(text: &ArticleText, quote: &str, nth: usize) -> Mark {
        let (b, _) = text
            .text
            .match_indices(quote)
            .nth(nth)
            .expect("the quote is in the text");
        let start = text
            .index
            .char_of(&text.text, BytePos(b))
            .expect("boundary")
            .0;
        let range = CharRange::new(start, start + quote.chars().count());
        new_mark(text, MarkId::new("m1"), range, CategoryId::new("loaded")).expect("range fits")
    }

    fn at(text: &ArticleText, located: &Located) -> Option<String> {
        match located {
            Located::Moved { range, .. } => text.slice(*range).map(str::to_string),
            _ => None,
        }
    }

    #[test]
    fn intact_mark_on_multibyte_text() {
        let t = ArticleText::new("“Les élites” 🎉 said".to_string());
        assert_eq!(check(&t, &mark(1, 11, "Les élites")), Anchor::Intact);
    }

    #[test]
    fn bad_offsets_are_orphans_not_panics() {
        let t = ArticleText::new("short".to_string());
        assert!(matches!(check(&t, &mark(3, 99, "x")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(4, 2, "x")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(2, 2, "")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(0, 5, "other")), Anchor::Orphan(_)));
        assert!(matches!(locate(&t, &mark(4, 2, "x")), Located::Orphan(_)));
        assert!(matches!(locate(&t, &mark(2, 2, "")), Located::Orphan(_)));
        // Absurd offsets from a hand-edited file.
        let huge = Mark {
            suffix: "rt".to_string(),
            ..mark(usize::MAX / 2 + 7, usize::MAX, "sho")
        };
        assert_eq!(
            reanchor(&t, &[huge.clone(), mark(0, 2, "sh")]),
            vec![
                Located::Moved {
                    range: CharRange::new(0, 3),
                    exact: true
                },
                Located::Intact
            ]
        );
    }

    #[test]
    fn a_mark_follows_its_words_when_a_sentence_is_added_before_them() {
        let before = ArticleText::new(
            "The mayor spoke. Officers cleared the camp at dawn, witnesses said.".to_string(),
        );
        let m = marked(&before, "cleared the camp", 0);
        let after = ArticleText::new(
            "Rain fell all night. The mayor spoke. Officers cleared the camp at dawn, witnesses said."
                .to_string(),
        );
        let found = locate(&after, &m);
        assert!(matches!(found, Located::Moved { exact: true, .. }));
        assert_eq!(at(&after, &found).as_deref(), Some("cleared the camp"));
    }

    #[test]
    fn of_two_identical_phrases_the_one_in_the_marks_context_wins() {
        let text = "Protesters said the camp was peaceful. Police said the camp was a hazard.";
        let before = ArticleText::new(text.to_string());
        let m = marked(&before, "the camp", 1);
        let after = ArticleText::new(format!("Updated: {text}"));
        let found = locate(&after, &m);
        let Located::Moved { range, exact } = found else {
            panic!("expected a move, got {found:?}");
        };
        assert!(exact);
        assert_eq!(range.start.0, m.start.0 + "Updated: ".len());
    }

    #[test]
    fn a_corrected_word_inside_the_quote_is_found_approximately() {
        let before = ArticleText::new(
            "On Tuesday the council called the protesters a violent mob of agitators, then left."
                .to_string(),
        );
        let m = marked(&before, "a violent mob of agitators", 0);
        let after = ArticleText::new(
            "On Tuesday the council called the protesters a violent mob of agitaters, then left."
                .to_string(),
        );
        let found = locate(&after, &m);
        assert!(matches!(found, Located::Moved { exact: false, .. }));
        assert_eq!(
            at(&after, &found).as_deref(),
            Some("a violent mob of agitaters")
        );
    }

    #[test]
    fn a_deleted_quote_is_an_orphan_even_if_its_word_occurs_elsewhere() {
        let before = ArticleText::new(
            "Officials called the group thugs in a statement. Later, residents said the police were calm."
                .to_string(),
        );
        let m = marked(&before, "police", 0);
        let after = ArticleText::new(
            "Officials called the group thugs in a statement. The police chief declined to comment."
                .to_string(),
        );
        assert!(matches!(locate(&after, &m), Located::Orphan(_)));
    }

    #[test]
    fn two_equally_good_places_make_an_orphan() {
        let t = ArticleText::new("they said calm today and I said calm today".to_string());
        let starts: Vec<usize> = t.text.match_indices("calm").map(|(b, _)| b).collect();
        let (a, b) = (starts[0], starts[1]);
        assert_eq!((b - a) % 2, 0, "the test needs a midpoint");
        let m = Mark {
            prefix: "said ".to_string(),
            suffix: " today".to_string(),
            ..mark((a + b) / 2, (a + b) / 2 + 4, "calm")
        };
        // Both places are perfect and equally far from the old one.
        assert!(matches!(locate(&t, &m), Located::Orphan(_)));
        // One char nearer to the second: it wins.
        let nearer = Mark {
            start: CharPos(m.start.0 + 1),
            end: CharPos(m.end.0 + 1),
            ..m
        };
        assert_eq!(
            locate(&t, &nearer),
            Located::Moved {
                range: CharRange::new(b, b + 4),
                exact: true
            }
        );
    }

    #[test]
    fn unchanged_text_leaves_marks_intact_and_context_changes_refresh_them() {
        let t = ArticleText::new("Crowds gathered near the dam before noon.".to_string());
        let m = marked(&t, "near the dam", 0);
        assert_eq!(locate(&t, &m), Located::Intact);
        let edited = ArticleText::new("Crowds gathered near the dam well before noon.".to_string());
        assert_eq!(
            locate(&edited, &m),
            Located::Moved {
                range: m.range(),
                exact: true
            }
        );
    }

    #[test]
    fn reanchor_keeps_order_and_follows_a_shift() {
        let before = ArticleText::new("alpha beta gamma delta epsilon zeta eta theta".to_string());
        let marks: Vec<Mark> = ["gamma", "alpha", "theta"]
            .iter()
            .map(|q| marked(&before, q, 0))
            .collect();
        let after =
            ArticleText::new("NEW WORDS alpha beta gamma delta epsilon zeta eta theta".to_string());
        let found = reanchor(&after, &marks);
        let texts: Vec<Option<String>> = found.iter().map(|l| at(&after, l)).collect();
        assert_eq!(
            texts,
            vec![
                Some("gamma".to_string()),
                Some("alpha".to_string()),
                Some("theta".to_string())
            ]
        );
    }
}
