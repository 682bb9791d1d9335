//! How alike the text around a place is to the context a mark remembers,
//! and the score of a place from that. A side is compared right next to the
//! place (`direct`: the only evidence that can make a place win), and, for
//! the other side, also as far as a paragraph break at the same distance
//! (the paragraph was moved: what lies past the break is another paragraph)
//! or past words inserted next to the quote (the old context is still there,
//! a little farther out). Quotation marks and white space are folded
//! (`distance::fold`), so straightening quotes costs nothing.

use super::places::{Place, PlaceKind};
use super::{
    DISTINCTIVE_QUOTE_CHARS, Finder, INLINE_EVIDENCE_CHARS, MAX_SCORE, MIN_QUOTE_SIMILARITY,
    MIN_SIDE_SIMILARITY, POSITION_WEIGHT, PREFIX_WEIGHT, QUOTE_WEIGHT, SUFFIX_WEIGHT,
};
use crate::anchor::distance::{edit_distance, fold, head_distance_in, similarity};
use crate::text::{BytePos, CharRange};

/// Extra chars of text looked at beside each side of context, so a few
/// chars inserted or deleted there cost only their own number.
const CONTEXT_SLACK: usize = 8;
/// A paragraph break may be this many chars nearer or farther than in the
/// old context and still be "the same break".
const BREAK_SLACK: usize = 2;
/// Words inserted next to a quote: the old context is looked for this many
/// chars farther out, by its first (last) `DISPLACED_KEY_CHARS` chars.
const MAX_INSERTED_CHARS: usize = 96;
const DISPLACED_KEY_CHARS: usize = 16;
/// A context (or the part of it past an insertion) shorter than this is too
/// little to look for farther out.
const MIN_DISPLACED_CONTEXT_CHARS: usize = 8;

/// A string with every char folded (`distance::fold`).
fn folded(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// The larger of two similarities, either of which may be unknown.
fn larger(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// What scoring a place is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Pass {
    /// Finding the best place: only places with one side of context nearly
    /// intact next to them, or up to a paragraph break, are scored.
    Intact,
    /// Looking for a rival of the best place: only whether it can score
    /// above the floor matters.
    Rival(f64),
}

/// One side of a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Prefix,
    Suffix,
}

/// Buffers reused across the many places scored for one mark.
#[derive(Default)]
pub(super) struct Scratch {
    near: Vec<char>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// A scored place where the mark could be.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    pub(super) range: CharRange,
    pub(super) place: Place,
    /// The side whose context is nearly intact right next to the place.
    pub(super) intact: Side,
    /// The worse of the two sides (each measured as leniently as it may be).
    pub(super) worst_side: f64,
    /// Whether it may be chosen: it cuts words only where the mark did
    /// (`same_word_edges`), and a span's edges are where the mark's words
    /// end (`may_end_in_new_words`).
    pub(super) edges_ok: bool,
    pub(super) score: f64,
}

impl Finder<'_> {
    fn context(&self, side: Side) -> &[char] {
        match side {
            Side::Prefix => &self.prefix_rev,
            Side::Suffix => &self.suffix,
        }
    }

    /// Similarity of one side of context with the text right next to `at`
    /// (the place's start for the prefix, its end for the suffix), or `None`
    /// if it is below `at_least`.
    pub(super) fn direct(&self, side: Side, at: BytePos, at_least: f64) -> Option<f64> {
        let s = self.s();
        let context = self.context(side);
        let mut scratch = self.scratch.borrow_mut();
        let Scratch { near, prev, cur } = &mut *scratch;
        near.clear();
        let take = context.len() + CONTEXT_SLACK;
        match side {
            Side::Prefix => near.extend(s.get(..at.0)?.chars().rev().take(take).map(fold)),
            Side::Suffix => near.extend(s.get(at.0..)?.chars().take(take).map(fold)),
        }
        if context.is_empty() {
            // No context on this side: the mark was made at the start (end)
            // of its text, and this side matches only there.
            let sim = f64::from(u8::from(near.is_empty()));
            return (sim >= at_least).then_some(sim);
        }
        let allowed = ((1.0 - at_least.max(0.0)) * context.len() as f64).floor() as usize;
        let d = head_distance_in(context, near, allowed, prev, cur)?;
        let sim = (1.0 - d as f64 / context.len() as f64).max(0.0);
        (sim >= at_least).then_some(sim)
    }

    /// How alike one side is if it is nearly intact (`MIN_SIDE_SIMILARITY`)
    /// next to the place, the evidence a place needs to win: right next to
    /// it, or, where the mark's context runs `INLINE_EVIDENCE_CHARS` chars or
    /// more before a paragraph break, up to that break (a short paragraph
    /// moved, or the paragraphs on both sides of it). Never past inserted
    /// words (`past_insertion`): that the old prefix reappears a little
    /// before a place is also true of any look-alike a little after a
    /// deleted quote. A context cut short by the start or end of the text
    /// ("Ferry " before a mark in a headline) to under `INLINE_EVIDENCE_CHARS`
    /// chars is no evidence: any "Ferry crews" has it.
    ///
    /// With `long_quote` (a quote of `DISTINCTIVE_QUOTE_CHARS` or more, found
    /// whole) the quote is evidence enough by itself, and any break or edge
    /// of the text where the mark had one will do: a whole paragraph marked,
    /// or a headline, stays marked when its paragraph moves.
    fn intact(&self, side: Side, at: BytePos, long_quote: bool) -> Option<f64> {
        let context = self.context(side);
        let enough = |chars: usize| long_quote || chars >= INLINE_EVIDENCE_CHARS;
        if context.is_empty() {
            if let Some(sim) = self.direct(side, at, 1.0).filter(|_| long_quote) {
                return Some(sim);
            }
        } else if enough(context.len())
            && let Some(sim) = self.direct(side, at, MIN_SIDE_SIMILARITY)
        {
            return Some(sim);
        }
        let old_break = match side {
            Side::Prefix => self.prefix_break,
            Side::Suffix => self.suffix_break,
        }?;
        if !enough(old_break) {
            return None;
        }
        self.up_to_break(side, at)
            .filter(|&sim| sim >= MIN_SIDE_SIMILARITY)
    }

    /// The side compared only up to a paragraph (line) break that the old
    /// context has at about the same distance from the quote: when a
    /// paragraph moves, the text past the break is another paragraph's, and
    /// says nothing against the place. The break counts as one matching char;
    /// the start and the end of the text count as breaks.
    fn up_to_break(&self, side: Side, at: BytePos) -> Option<f64> {
        let old_break = match side {
            Side::Prefix => self.prefix_break,
            Side::Suffix => self.suffix_break,
        }?;
        let s = self.s();
        let take = old_break + BREAK_SLACK + 1;
        let mut scratch = self.scratch.borrow_mut();
        let near = &mut scratch.near;
        near.clear();
        match side {
            Side::Prefix => near.extend(s.get(..at.0)?.chars().rev().take(take)),
            Side::Suffix => near.extend(s.get(at.0..)?.chars().take(take)),
        }
        // The start (end) of the text is a break too.
        let new_break = near
            .iter()
            .position(|&c| c == '\n')
            .or((near.len() < take).then_some(near.len()))?;
        if new_break.abs_diff(old_break) > BREAK_SLACK {
            return None;
        }
        near.truncate(new_break);
        near.iter_mut().for_each(|c| *c = fold(*c));
        let d = edit_distance(&self.context(side)[..old_break], near);
        Some((old_break + 1).saturating_sub(d) as f64 / (old_break + 1) as f64)
    }

    /// The side found a little farther out, past words inserted into it (a
    /// sentence added right after the quote, ", according to the Pentagon",
    /// or a few words a little way off): the context's chars from the quote
    /// outward as far as they are unchanged, then the rest of them where they
    /// reappear within `MAX_INSERTED_CHARS` chars. The inserted words must not
    /// hold the quote: if they do, the context found is that quote's, and the
    /// place is an earlier look-alike.
    fn past_insertion(&self, side: Side, at: BytePos, at_least: f64) -> Option<f64> {
        let context = self.context(side);
        let n = context.len();
        if n < MIN_DISPLACED_CONTEXT_CHARS {
            return None;
        }
        let s = self.s();
        let take = n + MAX_INSERTED_CHARS + CONTEXT_SLACK;
        let mut scratch = self.scratch.borrow_mut();
        let Scratch { near, prev, cur } = &mut *scratch;
        near.clear();
        match side {
            Side::Prefix => near.extend(s.get(..at.0)?.chars().rev().take(take).map(fold)),
            Side::Suffix => near.extend(s.get(at.0..)?.chars().take(take).map(fold)),
        }
        let same = context
            .iter()
            .zip(near.iter())
            .take_while(|(a, b)| a == b)
            .count();
        if same == n {
            return Some(1.0);
        }
        let key = &context[same..(same + DISPLACED_KEY_CHARS).min(n)];
        if key.len() < MIN_DISPLACED_CONTEXT_CHARS.min(n - same) {
            return None;
        }
        let quote: &[char] = match side {
            Side::Prefix => &self.quote_rev,
            Side::Suffix => &self.quote,
        };
        let rest = &context[same..];
        // Edits allowed in the rest for the side to reach `at_least`.
        let allowed = ((1.0 - at_least.max(0.0)) * n as f64).floor() as usize;
        let mut best: Option<f64> = None;
        for gap in 1..=MAX_INSERTED_CHARS {
            let from = same + gap;
            if near.len() < from + key.len() {
                break;
            }
            if near[from..from + key.len()] != *key {
                continue;
            }
            if near[same..from].windows(quote.len()).any(|w| w == quote) {
                break;
            }
            if let Some(d) = head_distance_in(rest, &near[from..], allowed, prev, cur) {
                best = larger(best, Some(1.0 - d as f64 / n as f64));
            }
        }
        best.filter(|&sim| sim >= at_least)
    }

    /// A side measured as leniently as the other side of a place may be:
    /// right next to it, up to a moved paragraph's break, or past inserted
    /// words, whichever is most alike.
    fn relaxed(&self, side: Side, at: BytePos) -> f64 {
        let direct = self.direct(side, at, 0.0).unwrap_or(0.0);
        let lenient = larger(
            self.up_to_break(side, at),
            self.past_insertion(side, at, 0.0),
        );
        lenient.map_or(direct, |l| l.max(direct))
    }

    /// `relaxed`, or `None` if below `at_least`; the cheap measure first.
    fn relaxed_at_least(&self, side: Side, at: BytePos, at_least: f64) -> Option<f64> {
        self.direct(side, at, at_least).or_else(|| {
            let lenient = larger(
                self.up_to_break(side, at),
                self.past_insertion(side, at, at_least),
            )?;
            (lenient >= at_least).then_some(lenient)
        })
    }

    /// Whether a candidate's edges look like the mark's: it cuts words where
    /// the mark did and nowhere else (a quote ending in "of" must not be
    /// placed on the start of "officials"), and starts and ends with white
    /// space only where the quote does.
    fn same_word_edges(&self, place: Place, found: &str) -> bool {
        let s = self.s();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = s.get(..place.start.0).and_then(|l| l.chars().next_back());
        let after = s.get(place.end.0..).and_then(|r| r.chars().next());
        let (first, last) = (found.chars().next(), found.chars().next_back());
        let joined_before = word(first) && word(before);
        let joined_after = word(last) && word(after);
        let was_joined_before = word(first) && word(self.mark.prefix.chars().next_back());
        let was_joined_after = word(last) && word(self.mark.suffix.chars().next());
        let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
        let (q_first, q_last) = (
            self.mark.quote.chars().next(),
            self.mark.quote.chars().next_back(),
        );
        joined_before == was_joined_before
            && joined_after == was_joined_after
            && space(first) == space(q_first)
            && space(last) == space(q_last)
    }

    /// Whether a span (words that differ from the quote) is more like the
    /// quote without its first or its last word: then that word may be one
    /// inserted next to the mark (outside it) as well as a word of the mark
    /// that was rewritten, and the span's edges are a guess.
    fn may_end_in_new_words(&self, found: &str, quote_similarity: f64) -> bool {
        let quote = folded(&self.mark.quote);
        let without_last = found
            .trim_end()
            .rfind(char::is_whitespace)
            .map(|i| found[..i].trim_end());
        let without_first = found
            .trim_start()
            .find(char::is_whitespace)
            .map(|i| found.trim_start()[i..].trim_start());
        [without_last, without_first]
            .into_iter()
            .flatten()
            .any(|shorter| {
                !shorter.is_empty() && similarity(&quote, &folded(shorter)) > quote_similarity
            })
    }

    /// Scores a place, or returns `None` if it cannot win (`Pass::Intact`:
    /// no side is intact) or cannot beat the floor (`Pass::Rival`; it gives
    /// up as soon as it knows).
    pub(super) fn score(&self, place: Place, pass: Pass) -> Option<Candidate> {
        let found = self.s().get(place.bytes())?;
        let quote = match place.kind {
            PlaceKind::Exact | PlaceKind::Folded => 1.0,
            PlaceKind::Span => similarity(&folded(&self.mark.quote), &folded(found)),
        };
        if quote < MIN_QUOTE_SIMILARITY {
            return None;
        }
        let choosable = self.same_word_edges(place, found)
            && !(place.kind == PlaceKind::Span && self.may_end_in_new_words(found, quote));
        let (p, s, intact) = match pass {
            Pass::Intact => {
                // One side must be nearly intact; the other is then measured
                // as leniently as it may be. The start (end) of the text
                // stands for an empty prefix (suffix) only beside a long
                // quote found whole: it is no evidence beside a short one.
                let edge =
                    self.quote_chars >= DISTINCTIVE_QUOTE_CHARS && place.kind != PlaceKind::Span;
                if let Some(p) = self.intact(Side::Prefix, place.start, edge) {
                    (p, self.relaxed(Side::Suffix, place.end), Side::Prefix)
                } else if let Some(s) = self.intact(Side::Suffix, place.end, edge) {
                    (self.relaxed(Side::Prefix, place.start), s, Side::Suffix)
                } else {
                    return None;
                }
            }
            Pass::Rival(floor) => {
                // Weighted sides needed to pass the floor, with the other
                // side and the position taken at their best.
                let need = floor * MAX_SCORE - QUOTE_WEIGHT * quote - POSITION_WEIGHT;
                let p = self.relaxed_at_least(
                    Side::Prefix,
                    place.start,
                    (need - SUFFIX_WEIGHT) / PREFIX_WEIGHT,
                )?;
                let s = self.relaxed_at_least(
                    Side::Suffix,
                    place.end,
                    (need - PREFIX_WEIGHT * p) / SUFFIX_WEIGHT,
                )?;
                (p, s, if p >= s { Side::Prefix } else { Side::Suffix })
            }
        };
        let start = self.char_of(place.start)?;
        let range = CharRange::new(start.0, start.0 + found.chars().count());
        let len = self.text.char_len();
        let distance = range.start.0.abs_diff(self.mark.start.0) as f64;
        let near = (1.0 - distance / len.max(1) as f64).max(0.0);
        let total =
            QUOTE_WEIGHT * quote + PREFIX_WEIGHT * p + SUFFIX_WEIGHT * s + POSITION_WEIGHT * near;
        Some(Candidate {
            range,
            place,
            intact,
            worst_side: p.min(s),
            edges_ok: choosable,
            score: total / MAX_SCORE,
        })
    }
}
