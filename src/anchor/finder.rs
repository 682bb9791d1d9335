//! Looking for one mark in an edited text: the exact quote with its exact
//! context nearest the old place first, then scored candidates between
//! verbatim pieces of the old context. The weights and thresholds here are
//! what decides between "moved" and "orphan".

use super::Located;
use super::distance::{
    MAX_OCCURRENCES, find_all, first_chars, head_distance_in, last_chars, similarity,
};
use crate::model::Mark;
use crate::text::{ArticleText, BytePos, CharPos, CharRange};

/// Weights of the score, as in Hypothesis' `match-quote`: the quote matters
/// most, each side of context less, closeness to the old offsets only breaks
/// near-ties.
const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;
/// Below this normalised score a candidate is not trusted. An exact quote
/// with one side of its context intact scores about 0.8; an exact short quote
/// in foreign context about 0.6.
const MIN_SCORE: f64 = 0.75;
/// At least one side of the context must be this close to the old one.
/// Without it a short quote ("said", "the") in a merely similar sentence
/// elsewhere could pass: phrases repeat in news text ("a question of fares",
/// "a question of fairness").
const MIN_SIDE_SIMILARITY: f64 = 0.9;
/// ...and the other side at least this close, unless the quote is long
/// (`DISTINCTIVE_QUOTE_CHARS`). One perfect side is not enough for a short
/// quote: "The" opening a paragraph shares its prefix (the end of the
/// paragraph before) with every other paragraph that follows that one.
const MIN_OTHER_SIDE_SIMILARITY: f64 = 0.5;
/// A quote this long is evidence in itself, as much as a side of context.
const DISTINCTIVE_QUOTE_CHARS: usize = 32;
/// An approximate quote must keep at least this much of the old one.
const MIN_QUOTE_SIMILARITY: f64 = 0.5;
/// Two candidates closer than this are "alike": the mark becomes an orphan.
const AMBIGUITY_MARGIN: f64 = 0.05;
/// How many chars of the old prefix (suffix) must reappear verbatim to anchor
/// an approximate candidate.
const ANCHOR_KEY_CHARS: usize = 16;
/// Extra chars of text looked at beside each side of context, so a few
/// chars inserted or deleted there cost only their own number.
const CONTEXT_SLACK: usize = 8;
/// A piece of context occurring more often than this near the old place is
/// not distinctive enough to anchor an approximate candidate on, and no more
/// than `MAX_SPANS` such candidates are compared with the quote: each costs an
/// edit distance as large as the quote (fuzzing found a text of repeated
/// chars that made thousands of them).
const MAX_ANCHORS: usize = 64;
const MAX_SPANS: usize = 64;
/// Search radii (in chars, around the old offsets) for the exact quote with
/// its exact context; the last pass covers the whole text.
const SEARCH_RADII_CHARS: [usize; 3] = [4_096, 65_536, 1_048_576];
/// Candidates whose context changed (the quote in edited surroundings, or a
/// corrected quote between its old context) are looked for within this many
/// chars of the old offsets: the whole text for any article of ordinary
/// length, and a bound on the work in a very long one.
const APPROX_RADIUS_CHARS: usize = 65_536;

/// The outcome of looking for the exact quote with its exact context.
pub(super) enum Nearest {
    Found(CharPos),
    Tie(CharPos, CharPos),
    /// The mark has no context and its quote occurs this many times.
    NoContext(usize),
    /// None anywhere; carries every exact occurrence of the quote nearby.
    None(Vec<BytePos>),
}

/// One mark being looked for in one text.
pub(super) struct Finder<'a> {
    text: &'a ArticleText,
    mark: &'a Mark,
    pub(super) quote_chars: usize,
    prefix: Vec<char>,
    suffix: Vec<char>,
    /// The prefix reversed, as it is compared from the quote outward.
    prefix_rev: Vec<char>,
    /// Buffers reused across the many places scored for one mark.
    scratch: std::cell::RefCell<Scratch>,
}

#[derive(Default)]
struct Scratch {
    near: Vec<char>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// A scored place where the mark could be.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    range: CharRange,
    exact: bool,
    quote: f64,
    /// The better of the prefix and suffix similarities, counting only the
    /// sides the mark has context on, and the worse of both.
    best_side: f64,
    worst_side: f64,
    /// Whether it cuts words only where the mark did (`same_word_edges`).
    edges_ok: bool,
    score: f64,
}

/// A candidate place, before it is scored: byte offsets, as it was found
/// by substring search, turned into chars only once it is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    start: BytePos,
    end: BytePos,
    exact: bool,
}

impl Place {
    fn bytes(&self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }
}

const MAX_SCORE: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

impl<'a> Finder<'a> {
    pub(super) fn new(text: &'a ArticleText, mark: &'a Mark) -> Self {
        let prefix: Vec<char> = mark.prefix.chars().collect();
        Finder {
            text,
            mark,
            quote_chars: mark.quote.chars().count(),
            prefix_rev: prefix.iter().rev().copied().collect(),
            prefix,
            suffix: mark.suffix.chars().collect(),
            scratch: Default::default(),
        }
    }

    fn s(&self) -> &'a str {
        &self.text.text
    }

    fn byte_of(&self, pos: CharPos) -> Option<BytePos> {
        self.text.index.byte_of(self.s(), pos)
    }

    fn char_of(&self, byte: BytePos) -> Option<CharPos> {
        self.text.index.char_of(self.s(), byte)
    }

    fn has_context(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }

    /// The quote starts at byte `b`, preceded by the whole prefix and followed
    /// by the whole suffix.
    fn is_perfect_at_byte(&self, BytePos(b): BytePos) -> bool {
        let s = self.s();
        let q = &self.mark.quote;
        s.get(b..).is_some_and(|r| r.starts_with(q.as_str()))
            && s.get(..b)
                .is_some_and(|l| l.ends_with(self.mark.prefix.as_str()))
            && s.get(b + q.len()..)
                .is_some_and(|r| r.starts_with(self.mark.suffix.as_str()))
    }

    fn is_perfect_at_char(&self, pos: CharPos) -> bool {
        self.byte_of(pos)
            .is_some_and(|b| self.is_perfect_at_byte(b))
    }

    /// The nearest place to the old start where the quote sits in its exact
    /// context. Windows around the old start grow until one holds such a
    /// place no farther than the window's radius, which makes it the nearest
    /// in the whole text. `guess` only adds a first, small window.
    pub(super) fn nearest_perfect(&self, guess: CharPos) -> Nearest {
        let old = self.mark.start.0;
        let len = self.text.char_len();
        if !self.has_context() {
            let all = self.occurrences(CharPos(0), CharPos(len));
            return match all.len() {
                0 => Nearest::None(all),
                1 => self
                    .char_of(all[0])
                    .map_or(Nearest::None(Vec::new()), Nearest::Found),
                n => Nearest::NoContext(n),
            };
        }
        // A perfect place is an occurrence of prefix, quote and suffix in a row.
        let whole_needle = format!(
            "{}{}{}",
            self.mark.prefix, self.mark.quote, self.mark.suffix
        );
        let prefix_chars = self.prefix.len();
        let span_chars = prefix_chars + self.quote_chars + self.suffix.len();
        let mut radii: Vec<usize> = Vec::with_capacity(SEARCH_RADII_CHARS.len() + 1);
        if guess.0 != old && guess.0 <= len && self.is_perfect_at_char(guess) {
            radii.push(guess.0.abs_diff(old));
        }
        radii.extend(SEARCH_RADII_CHARS);
        for (i, &radius) in radii.iter().enumerate() {
            let last = i + 1 == radii.len();
            let whole = last || radius >= len;
            // The window of chars, wide enough to hold the whole needle
            // around any start within `radius` of the old one.
            let (lo, hi) = if whole {
                (CharPos(0), CharPos(len))
            } else {
                (
                    CharPos(old.saturating_sub(radius + prefix_chars)),
                    CharPos(
                        old.saturating_add(radius)
                            .saturating_add(span_chars)
                            .min(len),
                    ),
                )
            };
            let (Some(from), Some(to)) = (self.byte_of(lo), self.byte_of(hi)) else {
                continue;
            };
            let pb = self.mark.prefix.len();
            let mut perfect: Vec<(usize, CharPos)> = find_all(self.s(), from, to, &whole_needle)
                .into_iter()
                .filter_map(|b| self.char_of(BytePos(b.0 + pb)))
                .map(|c| (c.0.abs_diff(old), c))
                .filter(|&(d, _)| whole || d <= radius)
                .collect();
            perfect.sort_unstable();
            match perfect.as_slice() {
                [] if whole => break,
                [] => {}
                [(d1, a), (d2, b), ..] if d1 == d2 => return Nearest::Tie(*a.min(b), *a.max(b)),
                [(_, a), ..] => return Nearest::Found(*a),
            }
        }
        let (from, to) = self.approx_window();
        Nearest::None(find_all(self.s(), from, to, &self.mark.quote))
    }

    /// Byte starts of every occurrence of the quote within chars `lo..hi`,
    /// overlapping ones included, at most `MAX_OCCURRENCES`.
    fn occurrences(&self, lo: CharPos, hi: CharPos) -> Vec<BytePos> {
        let (Some(from), Some(to)) = (self.byte_of(lo), self.byte_of(hi)) else {
            return Vec::new();
        };
        find_all(self.s(), from, to, &self.mark.quote)
    }

    /// The best candidate among the exact occurrences and the spans between an
    /// exact piece of the prefix and an exact piece of the suffix, if it is
    /// confident and clearly better than any other.
    ///
    /// Scoring every occurrence of a common word fully would be slow, so it
    /// goes in two passes: first only places with one side of context nearly
    /// intact (the only ones that can win) are scored; then, if one wins, the
    /// others are checked just far enough to know none comes close to it.
    pub(super) fn best_scored(&self, exact: Vec<BytePos>) -> Located {
        if !self.has_context() {
            return Located::Orphan(
                "the quote is not in the text, and the mark keeps no context to find it by"
                    .to_string(),
            );
        }
        if exact.len() >= MAX_OCCURRENCES {
            return Located::Orphan(format!(
                "the quote occurs {} times or more: too often to tell which is the mark's",
                MAX_OCCURRENCES
            ));
        }
        let qb = self.mark.quote.len();
        let (lo, hi) = self.approx_window();
        let mut places: Vec<Place> = exact
            .iter()
            .filter(|&&b| lo <= b && b <= hi)
            .map(|&b| Place {
                start: b,
                end: BytePos(b.0 + qb),
                exact: true,
            })
            .collect();
        places.extend(self.anchored_spans());
        places.sort_by_key(|p| (p.start, p.end, !p.exact));
        places.dedup_by_key(|p| (p.start, p.end));

        let mut scored: Vec<Candidate> = Vec::new();
        let mut rest: Vec<Place> = Vec::new();
        for p in places {
            match self.score(p, None) {
                Some(c) => scored.push(c),
                None => rest.push(p),
            }
        }
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.range.start.cmp(&b.range.start))
        });
        // A place that cuts a word the mark did not cut is never chosen, but
        // it still competes: if it scores about as well, the choice is unclear.
        let Some(best) = scored.iter().find(|c| c.edges_ok).copied() else {
            return Located::Orphan(match scored.first() {
                None => {
                    "neither the quote nor its context is where it could be placed with confidence"
                        .to_string()
                }
                Some(c) => format!(
                    "the closest match, at {}..{}, cuts a word the mark did not cut",
                    c.range.start.0, c.range.end.0
                ),
            });
        };
        let short = self.quote_chars < DISTINCTIVE_QUOTE_CHARS;
        if best.score < MIN_SCORE
            || best.best_side < MIN_SIDE_SIMILARITY
            || (short && best.worst_side < MIN_OTHER_SIDE_SIMILARITY)
        {
            return Located::Orphan(format!(
                "the best match, at {}..{}, is not close enough (score {:.2}, {:.2} needed){}",
                best.range.start.0,
                best.range.end.0,
                best.score,
                MIN_SCORE,
                if best.exact {
                    ": the quote is there but its context changed"
                } else {
                    ""
                }
            ));
        }
        let floor = best.score - AMBIGUITY_MARGIN;
        let rival = scored
            .iter()
            .copied()
            .find(|c| c.range != best.range && c.score > floor)
            .or_else(|| {
                rest.iter()
                    .filter_map(|&p| self.score(p, Some(floor)))
                    .find(|c| c.score > floor)
            });
        if let Some(second) = rival {
            return Located::Orphan(format!(
                "two places match about equally well: {}..{} and {}..{}",
                best.range.start.0, best.range.end.0, second.range.start.0, second.range.end.0
            ));
        }
        Located::Moved {
            range: best.range,
            exact: best.exact && best.quote >= 1.0,
        }
    }

    /// Spans that start right after an occurrence of the prefix's last chars
    /// and end right before an occurrence of the suffix's first chars, about
    /// as long as the quote, within `APPROX_RADIUS_CHARS` chars of the old place. A
    /// mark at the very start (end) of its text, with no prefix (suffix), is
    /// anchored on the start (end) of the text.
    fn anchored_spans(&self) -> Vec<Place> {
        let s = self.s();
        let (from, to) = self.approx_window();
        let prefix = &self.mark.prefix;
        let suffix = &self.mark.suffix;
        let ends: Vec<BytePos> = if prefix.is_empty() {
            vec![BytePos(0)]
        } else {
            let key = last_chars(prefix, ANCHOR_KEY_CHARS);
            find_all(s, from, to, key)
                .into_iter()
                .map(|b| BytePos(b.0 + key.len()))
                .collect()
        };
        let starts: Vec<BytePos> = if suffix.is_empty() {
            vec![BytePos(s.len())]
        } else {
            find_all(s, from, to, first_chars(suffix, ANCHOR_KEY_CHARS))
        };
        if ends.len() > MAX_ANCHORS || starts.len() > MAX_ANCHORS {
            return Vec::new();
        }
        // Bounds on the span's length in bytes: from half the quote's chars
        // (one byte each) to twice its bytes, plus room for a few new words.
        let min_len = (self.quote_chars / 2).max(1);
        let max_len = self.mark.quote.len() * 2 + 64;
        let mut out = Vec::new();
        for &e in &ends {
            let first = starts.partition_point(|&b| b.0 < e.0 + min_len);
            for &b in starts[first..]
                .iter()
                .take_while(|&&b| b.0 <= e.0 + max_len)
            {
                let Some(found) = s.get(e.0..b.0) else {
                    continue;
                };
                // The span is about as long as the quote in chars.
                let n = found.chars().count();
                if n >= min_len && n <= self.quote_chars * 2 + 16 {
                    out.push(Place {
                        start: e,
                        end: b,
                        exact: false,
                    });
                }
                if out.len() >= MAX_SPANS {
                    return out;
                }
            }
        }
        out
    }

    /// The bytes within `APPROX_RADIUS_CHARS` chars of the old start.
    fn approx_window(&self) -> (BytePos, BytePos) {
        let old = self.mark.start.0;
        let len = self.text.char_len();
        let from = self
            .byte_of(CharPos(old.saturating_sub(APPROX_RADIUS_CHARS)))
            .unwrap_or(BytePos(0));
        let to = self
            .byte_of(CharPos(old.saturating_add(APPROX_RADIUS_CHARS).min(len)))
            .unwrap_or(BytePos(self.s().len()));
        (from, to)
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
        let was_joined_before = word(first) && word(self.prefix.last().copied());
        let was_joined_after = word(last) && word(self.suffix.first().copied());
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

    /// Similarity of one side of context, or `None` if it is below `at_least`.
    fn side(&self, prefix_side: bool, place: Place, at_least: f64) -> Option<f64> {
        let s = self.s();
        let mut scratch = self.scratch.borrow_mut();
        let Scratch { near, prev, cur } = &mut *scratch;
        near.clear();
        let context: &[char] = if prefix_side {
            let before = s.get(..place.start.0)?;
            near.extend(before.chars().rev().take(self.prefix.len() + CONTEXT_SLACK));
            &self.prefix_rev
        } else {
            let after = s.get(place.end.0..)?;
            near.extend(after.chars().take(self.suffix.len() + CONTEXT_SLACK));
            &self.suffix
        };
        if context.is_empty() {
            // No context on this side: the mark was made at the start (end)
            // of its text, and this side matches only there.
            let at_edge = near.is_empty();
            let sim = f64::from(u8::from(at_edge));
            return (sim >= at_least).then_some(sim);
        }
        let allowed = ((1.0 - at_least.max(0.0)) * context.len() as f64).floor() as usize;
        let d = head_distance_in(context, near, allowed, prev, cur)?;
        let sim = (1.0 - d as f64 / context.len() as f64).max(0.0);
        (sim >= at_least).then_some(sim)
    }

    /// Scores a place. With `floor`, returns `None` as soon as the place
    /// cannot score above it. Without, returns `None` unless one side of
    /// context is within `MIN_SIDE_SIMILARITY` (the place cannot win).
    fn score(&self, place: Place, floor: Option<f64>) -> Option<Candidate> {
        let found = self.s().get(place.bytes())?;
        let quote = if place.exact {
            1.0
        } else {
            similarity(&self.mark.quote, found)
        };
        if quote < MIN_QUOTE_SIMILARITY {
            return None;
        }
        let (p, s) = match floor {
            None => {
                // One side must be nearly intact; the other is then measured fully.
                let has_p = !self.prefix.is_empty();
                let has_s = !self.suffix.is_empty();
                if let Some(p) = self
                    .side(true, place, MIN_SIDE_SIMILARITY)
                    .filter(|_| has_p)
                {
                    (p, self.side(false, place, 0.0)?)
                } else if let Some(s) = self
                    .side(false, place, MIN_SIDE_SIMILARITY)
                    .filter(|_| has_s)
                {
                    (self.side(true, place, 0.0)?, s)
                } else {
                    return None;
                }
            }
            Some(floor) => {
                // Weighted sides needed to pass the floor, with the other
                // side and the position taken at their best.
                let need = floor * MAX_SCORE - QUOTE_WEIGHT * quote - POSITION_WEIGHT;
                let p = self.side(true, place, (need - SUFFIX_WEIGHT) / PREFIX_WEIGHT)?;
                let s = self.side(false, place, (need - PREFIX_WEIGHT * p) / SUFFIX_WEIGHT)?;
                (p, s)
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
            exact: place.exact,
            quote,
            best_side: match (self.prefix.is_empty(), self.suffix.is_empty()) {
                (true, true) => 0.0,
                (true, false) => s,
                (false, true) => p,
                (false, false) => p.max(s),
            },
            worst_side: p.min(s),
            edges_ok: self.same_word_edges(place, found),
            score: total / MAX_SCORE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{attach, locate};
    use crate::model::{CategoryId, MarkId, Timestamp};

    fn mark(start: usize, end: usize, quote: &str) -> Mark {
        Mark {
            id: MarkId::new("m1"),
            category: CategoryId::new("loaded"),
            start: CharPos(start),
            end: CharPos(end),
            quote: quote.to_string(),
            prefix: String::new(),
            suffix: String::new(),
            attributes: Default::default(),
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    /// context occurs everywhere, and comparing each span between them with
    /// the quote took 20 seconds.
    #[test]
    fn a_text_of_one_repeated_char_does_not_make_endless_candidates() {
        let text = ArticleText::new(format!(
            "{}\u{1}\0\0\n{}",
            "\0".repeat(200),
            "\0".repeat(14)
        ));
        let m = attach(&text, &mark(0, 0, ""), CharRange::new(30, 150)).expect("fits");
        let edited = ArticleText::new(format!("{}.\u{6}{}", "\0".repeat(60), &text.text[61..]));
        assert!(Finder::new(&edited, &m).anchored_spans().len() <= MAX_SPANS);
        assert!(!matches!(locate(&edited, &m), Located::Intact));
    }
}
