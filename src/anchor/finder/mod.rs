//! Looking for one mark in an edited text, and deciding whether a place
//! found is confidently the mark's. First the exact quote with its exact
//! context nearest the old place; then places scored on how alike their
//! quote and each side of context are to the mark's (`places`: where to
//! look; `sides`: how context is compared). The weights and thresholds here
//! are what decides between "moved" and "orphan", and every refusal says
//! which rule refused.

mod places;
mod sides;

use places::{Place, PlaceKind};
use sides::{Candidate, Pass, Side};

use super::Located;
use super::distance::{MAX_OCCURRENCES, find_all, fold};
use crate::model::Mark;
use crate::text::{ArticleText, BytePos, CONTEXT_CHARS, CharPos};

/// Weights of the score, as in Hypothesis' `match-quote`: the quote matters
/// most, each side of context less, closeness to the old offsets only breaks
/// near-ties.
const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;
const MAX_SCORE: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
/// Below this normalised score a candidate is not trusted. An exact quote
/// with one side of its context intact scores about 0.8; an exact short quote
/// in foreign context about 0.6.
const MIN_SCORE: f64 = 0.75;
/// At least one side of the context must be this close to the old one, as
/// it stands right next to the place (`sides::Finder::direct`). Without it a
/// short quote ("said", "the") in a merely similar sentence elsewhere could
/// pass: phrases repeat in news text ("a question of fares", "a question of
/// fairness").
const MIN_SIDE_SIMILARITY: f64 = 0.9;
/// ...and the other side at least this close, unless the quote is long
/// (`DISTINCTIVE_QUOTE_CHARS`). One perfect side is not enough for a short
/// quote: "The" opening a paragraph shares its prefix (the end of the
/// paragraph before) with every other paragraph that follows that one. The
/// other side may be compared up to a paragraph break or past words
/// inserted next to the quote (`sides::Finder::relaxed`).
const MIN_OTHER_SIDE_SIMILARITY: f64 = 0.5;
/// A quote this long is evidence in itself, as much as a side of context.
const DISTINCTIVE_QUOTE_CHARS: usize = 32;
/// An approximate quote must keep at least this much of the old one.
const MIN_QUOTE_SIMILARITY: f64 = 0.5;
/// A short quote whose other side was rewritten is still placed if it is
/// the only occurrence within this many chars (`Finder::alone_nearby`).
const NEARBY_CHARS: usize = 1_000;
/// Chars of context next to a quote that are evidence on their own: a side
/// cut short by the start or end of the text, or compared only up to a
/// paragraph break, needs this many to count as intact, and so does the
/// intact side of a short quote whose other side was rewritten.
const INLINE_EVIDENCE_CHARS: usize = 16;
/// Two candidates closer than this are "alike": the mark becomes an orphan.
const AMBIGUITY_MARGIN: f64 = 0.05;
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

/// How many chars of a context, read from the quote outward, come before
/// its first line break; a context cut short by the start or end of the text
/// (shorter than `CONTEXT_CHARS`) ends in one.
fn line_break(context: impl Iterator<Item = char>) -> Option<usize> {
    let mut n = 0;
    for c in context {
        if c == '\n' {
            return Some(n);
        }
        n += 1;
    }
    (n < CONTEXT_CHARS).then_some(n)
}

/// One mark being looked for in one text.
pub(super) struct Finder<'a> {
    text: &'a ArticleText,
    mark: &'a Mark,
    pub(super) quote_chars: usize,
    /// The prefix, folded (`distance::fold`) and reversed, as it is compared
    /// from the quote outward; the suffix folded.
    prefix_rev: Vec<char>,
    suffix: Vec<char>,
    /// The quote folded, and folded and reversed.
    quote: Vec<char>,
    quote_rev: Vec<char>,
    /// How many chars of the prefix (suffix) lie between the quote and the
    /// nearest line break in it, if it has one (`line_break`).
    prefix_break: Option<usize>,
    suffix_break: Option<usize>,
    /// Buffers reused across the many places scored for one mark.
    scratch: std::cell::RefCell<sides::Scratch>,
}

impl<'a> Finder<'a> {
    pub(super) fn new(text: &'a ArticleText, mark: &'a Mark) -> Self {
        Finder {
            text,
            mark,
            quote_chars: mark.quote.chars().count(),
            prefix_rev: mark.prefix.chars().rev().map(fold).collect(),
            suffix: mark.suffix.chars().map(fold).collect(),
            quote: mark.quote.chars().map(fold).collect(),
            quote_rev: mark.quote.chars().rev().map(fold).collect(),
            prefix_break: line_break(mark.prefix.chars().rev()),
            suffix_break: line_break(mark.suffix.chars()),
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
        !self.mark.prefix.is_empty() || !self.mark.suffix.is_empty()
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
        let prefix_chars = self.prefix_rev.len();
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

    /// The best candidate among the exact occurrences, the occurrences that
    /// differ only in quote marks and white space, and the spans between an
    /// exact piece of the prefix and an exact piece of the suffix (all near
    /// the old place; failing those, the quote with one whole side of its
    /// context anywhere), if it is confident (`refusal` says why not) and
    /// clearly better than any other.
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
        let places = self.places(&exact);
        let looked_at = places.len();
        let mut scored: Vec<Candidate> = Vec::new();
        let mut rest: Vec<Place> = Vec::new();
        for p in places {
            match self.score(p, Pass::Intact) {
                Some(c) => scored.push(c),
                None => rest.push(p),
            }
        }
        if scored.is_empty() {
            // Nothing near the old place: a paragraph moved far off in a
            // long text takes the marks at its edges with it.
            for p in self.far_places() {
                match self.score(p, Pass::Intact) {
                    Some(c) => scored.push(c),
                    None => rest.push(p),
                }
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
                None if looked_at == 0 => {
                    "the words around it changed too much: neither the quote nor an unchanged piece of the words around it is near its old place"
                        .to_string()
                }
                None => format!(
                    "the words around it changed too much: none of the {looked_at} place(s) like the quote near its old place has the words before or after it as they were"
                ),
                Some(c) => format!(
                    "the closest match, at {}..{}, cuts a word the mark did not cut",
                    c.range.start.0, c.range.end.0
                ),
            });
        };
        if let Some(why) = self.refusal(&best) {
            return Located::Orphan(why);
        }
        let floor = best.score - AMBIGUITY_MARGIN;
        let rival = scored
            .iter()
            .copied()
            .find(|c| c.range != best.range && c.score > floor)
            .or_else(|| {
                rest.iter()
                    .filter_map(|&p| self.score(p, Pass::Rival(floor)))
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
            exact: best.place.kind == PlaceKind::Exact,
        }
    }

    /// Why the best candidate is not confident enough, naming the rule that
    /// refuses it; `None` if every rule lets it through.
    fn refusal(&self, best: &Candidate) -> Option<String> {
        let at = format!("{}..{}", best.range.start.0, best.range.end.0);
        let short = self.quote_chars < DISTINCTIVE_QUOTE_CHARS;
        // Said in words a reader of the message knows: the thresholds are
        // the finder's business, the changed words are the user's.
        let (kept, lost) = match best.intact {
            Side::Prefix => ("the words before it", "the words after it"),
            Side::Suffix => ("the words after it", "the words before it"),
        };
        if short && best.worst_side < MIN_SIDE_SIMILARITY && self.quote_in_old_context(best.intact)
        {
            return Some(format!(
                "the quote is at {at} with {kept} as they were, but {lost} changed and held the quote too: that may be the other occurrence, brought next to {kept} by a deletion"
            ));
        }
        if short
            && best.worst_side < MIN_OTHER_SIDE_SIMILARITY
            && let Err(why) = self.alone_nearby(best)
        {
            return Some(format!(
                "the quote is at {at} with {kept} as they were, but {lost} were rewritten, and a quote this short needs the words on both sides, or to be the only one nearby, to be placed: {why}"
            ));
        }
        if best.score < MIN_SCORE {
            return Some(format!(
                "the words around it changed too much: the closest place, at {at}, is too unlike the quote and the words around it as they were"
            ));
        }
        None
    }

    /// Whether the mark's old context on the side opposite `intact` held
    /// the quote again (counting an occurrence that overlaps the quote). If
    /// it did, deleting the text from the quote to that occurrence leaves
    /// the occurrence where the quote was, next to the intact side: a
    /// look-alike the context cannot tell from a quote whose other side was
    /// edited.
    fn quote_in_old_context(&self, intact: Side) -> bool {
        let folded = |s: &str| s.chars().map(fold).collect::<String>();
        let quote = folded(&self.mark.quote);
        let old_side = match intact {
            Side::Prefix => quote.chars().skip(1).collect::<String>() + &folded(&self.mark.suffix),
            Side::Suffix => {
                let mut before = folded(&self.mark.prefix) + &quote;
                before.pop();
                before
            }
        };
        old_side.contains(&quote)
    }

    /// Whether a short quote whose other side was rewritten may still be
    /// placed on the strength of the intact side: the place holds the quote
    /// itself (exactly, or but for quotation marks and spacing), the intact
    /// side is `INLINE_EVIDENCE_CHARS` chars of the quote's own paragraph (the
    /// end of the paragraph before is shared by whatever follows it when
    /// paragraphs move), the quote occurs nowhere else within
    /// `NEARBY_CHARS` (the mark's old context on the rewritten side does not
    /// hold it either: `quote_in_old_context`, checked first). `Err` says
    /// which of these fails.
    fn alone_nearby(&self, best: &Candidate) -> Result<(), String> {
        if best.place.kind == PlaceKind::Span {
            return Err("the words there differ from the quote".to_string());
        }
        let inline = match best.intact {
            Side::Prefix => self.prefix_break,
            Side::Suffix => self.suffix_break,
        };
        if inline.is_some_and(|n| n < INLINE_EVIDENCE_CHARS) {
            return Err(format!(
                "the words kept beside it run into a paragraph break within {INLINE_EVIDENCE_CHARS} characters"
            ));
        }
        let lo = self.byte_of(CharPos(best.range.start.0.saturating_sub(NEARBY_CHARS)));
        let hi = self.byte_of(CharPos(
            (best.range.end.0 + NEARBY_CHARS).min(self.text.char_len()),
        ));
        let (lo, hi) = (
            lo.unwrap_or(BytePos(0)),
            hi.unwrap_or(BytePos(self.s().len())),
        );
        let exact = find_all(self.s(), lo, hi, &self.mark.quote)
            .into_iter()
            .map(|start| Place {
                start,
                end: BytePos(start.0 + self.mark.quote.len()),
                kind: PlaceKind::Exact,
            });
        if let Some(other) = exact
            .chain(self.folded_places_in(lo, hi))
            .find(|p| p.start != best.place.start)
            .and_then(|p| self.char_of(p.start))
        {
            return Err(format!("it occurs again at {}", other.0));
        }
        Ok(())
    }
}
