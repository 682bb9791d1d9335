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
//! position. Approximate candidates are only ever the span between an exact
//! piece of the old prefix and an exact piece of the old suffix, so their
//! boundaries come from the text, not from a guess. When no candidate is
//! confident, or two score alike, the mark is an *orphan*: reported, never
//! moved onto words that may not be its own.

use crate::case::{ArticleText, Case, FileKey};
use crate::model::{AnnotatorId, ArticleId, Mark, MarkId};
use crate::text::{self, BytePos, CharPos, CharRange};

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
    /// quote) found between the mark's unchanged context.
    Moved { range: CharRange, exact: bool },
    /// No place is confidently the mark's; the reason says why.
    Orphan(String),
}

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
/// Bounds on the work for one mark: a quote or context piece occurring more
/// often than this is not distinctive enough to re-anchor on.
const MAX_OCCURRENCES: usize = 10_000;
/// Quotes longer than this (in chars, product of both lengths) are compared
/// by their common beginning and end rather than by full edit distance.
const MAX_EDIT_CELLS: usize = 1_000_000;
/// A piece of context occurring more often than this near the old place is
/// not distinctive enough to anchor an approximate candidate on, and no more
/// than `MAX_SPANS` such candidates are compared with the quote: each costs an
/// edit distance as large as the quote (fuzzing found a text of repeated
/// chars that made thousands of them).
const MAX_ANCHORS: usize = 64;
const MAX_SPANS: usize = 64;
/// Search radii (in chars, around the old offsets) for the exact quote with
/// its exact context; the last pass covers the whole text.
const SEARCH_RADII: [usize; 3] = [4_096, 65_536, 1_048_576];
/// Candidates whose context changed (the quote in edited surroundings, or a
/// corrected quote between its old context) are looked for within this many
/// chars of the old offsets: the whole text for any article of ordinary
/// length, and a bound on the work in a very long one.
const APPROX_RADIUS: usize = 65_536;

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
    let guess = (mark.start.0 as isize).saturating_add(shift_chars).max(0) as usize;
    match finder.nearest_perfect(guess) {
        Nearest::Found(start) => Located::Moved {
            range: CharRange::new(start, start + finder.quote_chars),
            exact: true,
        },
        Nearest::Tie(a, b) => Located::Orphan(format!(
            "the quote and its context occur at {a} and at {b}, equally near the old place"
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

/// The mark moved onto `range` of the text: new offsets, and quote and
/// context read from the text there. `None` if the range does not fit the
/// text or is empty. The rest of the mark (id, category, attributes, note,
/// timestamps) is kept: the annotation did not change, only where it sits.
pub fn attach(text: &ArticleText, mark: &Mark, range: CharRange) -> Option<Mark> {
    if range.is_empty() {
        return None;
    }
    let quote = text.slice(range)?;
    let (prefix, suffix) = text::context(&text.text, &text.index, range)?;
    Some(Mark {
        start: range.start,
        end: range.end,
        quote: quote.to_string(),
        prefix,
        suffix,
        ..mark.clone()
    })
}

/// A mark that `locate` moved (or whose context it refreshed: `from == to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedMark {
    pub annotator: AnnotatorId,
    pub article: ArticleId,
    pub mark: MarkId,
    pub from: CharRange,
    pub to: CharRange,
    /// The quote before the move; differs from the new one when not `exact`.
    pub old_quote: String,
    pub exact: bool,
}

/// A mark that could not be placed; it stays in its file as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrphanMark {
    pub annotator: AnnotatorId,
    pub article: ArticleId,
    pub mark: MarkId,
    pub reason: String,
}

/// What re-anchoring did to a case (or to one article of it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnchorReport {
    pub moved: Vec<MovedMark>,
    pub orphans: Vec<OrphanMark>,
}

impl AnchorReport {
    /// Replaces what is known about one article with a fresh report on it.
    pub fn replace_article(&mut self, article: &ArticleId, fresh: AnchorReport) {
        self.moved.retain(|m| &m.article != article);
        self.orphans.retain(|o| &o.article != article);
        self.moved.extend(fresh.moved);
        self.orphans.extend(fresh.orphans);
        self.moved.sort_by(|a, b| {
            (&a.annotator, &a.article, a.to).cmp(&(&b.annotator, &b.article, b.to))
        });
        self.orphans.sort_by(|a, b| {
            (&a.annotator, &a.article, &a.mark).cmp(&(&b.annotator, &b.article, &b.mark))
        });
    }

    /// Why a mark is an orphan, if re-anchoring found it to be one.
    pub fn orphan_reason(
        &self,
        annotator: &AnnotatorId,
        article: &ArticleId,
        mark: &MarkId,
    ) -> Option<&str> {
        self.orphans
            .iter()
            .find(|o| &o.annotator == annotator && &o.article == article && &o.mark == mark)
            .map(|o| o.reason.as_str())
    }
}

/// Re-anchors every annotator's marks on one article of a case. Re-found
/// marks get their new offsets (and quote and context from the text) and
/// their file is marked changed, unless it is locked: a locked file's marks
/// move in memory, so they are drawn in the right place, but the file is
/// never written. Orphans are left exactly as they are.
pub fn reanchor_article(case: &mut Case, article: &ArticleId) -> AnchorReport {
    let mut report = AnchorReport::default();
    let Some(text) = case
        .articles
        .iter()
        .find(|a| &a.meta.id == article)
        .and_then(|a| a.text.as_ref())
    else {
        return report;
    };
    let mut changed = Vec::new();
    for (annotator, annotations) in case.annotators.iter_mut() {
        let Some(marks) = annotations.marks.get_mut(article) else {
            continue;
        };
        let found = reanchor(text, marks);
        let mut any = false;
        for (mark, located) in marks.iter_mut().zip(found) {
            match located {
                Located::Intact => {}
                Located::Moved { range, exact } => {
                    let Some(moved) = attach(text, mark, range) else {
                        continue; // `locate` only returns ranges inside the text.
                    };
                    report.moved.push(MovedMark {
                        annotator: annotator.clone(),
                        article: article.clone(),
                        mark: mark.id.clone(),
                        from: mark.range(),
                        to: range,
                        old_quote: mark.quote.clone(),
                        exact,
                    });
                    *mark = moved;
                    any = true;
                }
                Located::Orphan(reason) => report.orphans.push(OrphanMark {
                    annotator: annotator.clone(),
                    article: article.clone(),
                    mark: mark.id.clone(),
                    reason,
                }),
            }
        }
        if any {
            marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            changed.push(FileKey::Marks(annotator.clone(), article.clone()));
        }
    }
    for key in changed {
        if !case.is_locked(&key) {
            case.touch(key);
        }
    }
    report
}

/// Re-anchors every article of a case; see `reanchor_article`.
pub fn reanchor_case(case: &mut Case) -> AnchorReport {
    let ids: Vec<ArticleId> = case.articles.iter().map(|a| a.meta.id.clone()).collect();
    let mut report = AnchorReport::default();
    for id in ids {
        let fresh = reanchor_article(case, &id);
        report.replace_article(&id, fresh);
    }
    report
}

/// One line per re-anchored mark, `PATH:LINE:COL: note: ...`, pointing at
/// the mark's `id:` line, for `candor check`. Not problems: the marks are on
/// their words; the notes say what will change in their files when saved.
pub fn moved_notes(case: &Case) -> Vec<String> {
    case.anchoring
        .moved
        .iter()
        .map(|m| {
            let key = FileKey::Marks(m.annotator.clone(), m.article.clone());
            let path = case.root.join(case.path_of(&key));
            let at = case
                .source_of(&key)
                .and_then(|src| {
                    crate::problem::line_col_of(src, &format!("id: {:?}", m.mark.as_str()))
                })
                .map_or(String::new(), |(line, col)| format!(":{line}:{col}"));
            let what = if m.from == m.to {
                "is on its words; its context changed and is refreshed".to_string()
            } else {
                format!(
                    "moved from {}..{} to {}..{}",
                    m.from.start.0, m.from.end.0, m.to.start.0, m.to.end.0
                )
            };
            let quote = match case.article_text(&m.article).and_then(|t| t.slice(m.to)) {
                Some(now) if !m.exact => {
                    format!(
                        " (approximate: the quote was {:?}, is now {:?})",
                        shorten(&m.old_quote),
                        shorten(now)
                    )
                }
                _ => String::new(),
            };
            format!(
                "{}{at}: note: mark {} {what}{quote}",
                path.display(),
                m.mark
            )
        })
        .collect()
}

/// The outcome of looking for the exact quote with its exact context.
enum Nearest {
    Found(usize),
    Tie(usize, usize),
    /// The mark has no context and its quote occurs this many times.
    NoContext(usize),
    /// None anywhere; carries every exact occurrence of the quote (byte starts).
    None(Vec<usize>),
}

/// One mark being looked for in one text.
struct Finder<'a> {
    text: &'a ArticleText,
    mark: &'a Mark,
    quote_chars: usize,
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

/// A candidate place in bytes, before it is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    start: usize,
    end: usize,
    exact: bool,
}

const MAX_SCORE: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

impl<'a> Finder<'a> {
    fn new(text: &'a ArticleText, mark: &'a Mark) -> Self {
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

    fn byte_of(&self, pos: usize) -> Option<usize> {
        self.text.index.byte_of(self.s(), CharPos(pos)).map(|b| b.0)
    }

    fn char_of(&self, byte: usize) -> Option<usize> {
        self.text
            .index
            .char_of(self.s(), BytePos(byte))
            .map(|c| c.0)
    }

    fn has_context(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }

    /// The quote starts at byte `b`, preceded by the whole prefix and followed
    /// by the whole suffix.
    fn is_perfect_at_byte(&self, b: usize) -> bool {
        let s = self.s();
        let q = &self.mark.quote;
        s.get(b..).is_some_and(|r| r.starts_with(q.as_str()))
            && s.get(..b)
                .is_some_and(|l| l.ends_with(self.mark.prefix.as_str()))
            && s.get(b + q.len()..)
                .is_some_and(|r| r.starts_with(self.mark.suffix.as_str()))
    }

    fn is_perfect_at_char(&self, pos: usize) -> bool {
        self.byte_of(pos)
            .is_some_and(|b| self.is_perfect_at_byte(b))
    }

    /// The nearest place to the old start where the quote sits in its exact
    /// context. Windows around the old start grow until one holds such a
    /// place no farther than the window's radius, which makes it the nearest
    /// in the whole text. `guess` only adds a first, small window.
    fn nearest_perfect(&self, guess: usize) -> Nearest {
        let old = self.mark.start.0;
        let len = self.text.char_len();
        if !self.has_context() {
            let all = self.occurrences(0, len);
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
        let mut radii: Vec<usize> = Vec::with_capacity(SEARCH_RADII.len() + 1);
        if guess != old && guess <= len && self.is_perfect_at_char(guess) {
            radii.push(guess.abs_diff(old));
        }
        radii.extend(SEARCH_RADII);
        for (i, &radius) in radii.iter().enumerate() {
            let last = i + 1 == radii.len();
            let whole = last || radius >= len;
            let (lo, hi) = if whole {
                (0, len)
            } else {
                (
                    old.saturating_sub(radius + prefix_chars),
                    old.saturating_add(radius)
                        .saturating_add(span_chars)
                        .min(len),
                )
            };
            let (Some(from), Some(to)) = (self.byte_of(lo), self.byte_of(hi)) else {
                continue;
            };
            let pb = self.mark.prefix.len();
            let mut perfect: Vec<(usize, usize)> = find_all(self.s(), from, to, &whole_needle)
                .into_iter()
                .filter_map(|b| self.char_of(b + pb))
                .map(|c| (c.abs_diff(old), c))
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
    fn occurrences(&self, lo: usize, hi: usize) -> Vec<usize> {
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
    fn best_scored(&self, exact: Vec<usize>) -> Located {
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
                end: b + qb,
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
    /// as long as the quote, within `APPROX_RADIUS` chars of the old place. A
    /// mark at the very start (end) of its text, with no prefix (suffix), is
    /// anchored on the start (end) of the text.
    fn anchored_spans(&self) -> Vec<Place> {
        let s = self.s();
        let (from, to) = self.approx_window();
        let prefix = &self.mark.prefix;
        let suffix = &self.mark.suffix;
        let ends: Vec<usize> = if prefix.is_empty() {
            vec![0]
        } else {
            let key = last_chars(prefix, ANCHOR_KEY_CHARS);
            find_all(s, from, to, key)
                .into_iter()
                .map(|b| b + key.len())
                .collect()
        };
        let starts: Vec<usize> = if suffix.is_empty() {
            vec![s.len()]
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
            let first = starts.partition_point(|&b| b < e + min_len);
            for &b in starts[first..].iter().take_while(|&&b| b <= e + max_len) {
                let Some(found) = s.get(e..b) else { continue };
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

    /// The bytes within `APPROX_RADIUS` chars of the old start.
    fn approx_window(&self) -> (usize, usize) {
        let old = self.mark.start.0;
        let len = self.text.char_len();
        let from = self.byte_of(old.saturating_sub(APPROX_RADIUS)).unwrap_or(0);
        let to = self
            .byte_of(old.saturating_add(APPROX_RADIUS).min(len))
            .unwrap_or(self.s().len());
        (from, to)
    }

    /// Whether a candidate's edges look like the mark's: it cuts words where
    /// the mark did and nowhere else (a quote ending in "of" must not be
    /// placed on the start of "officials"), and starts and ends with white
    /// space only where the quote does.
    fn same_word_edges(&self, place: Place, found: &str) -> bool {
        let s = self.s();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = s.get(..place.start).and_then(|l| l.chars().next_back());
        let after = s.get(place.end..).and_then(|r| r.chars().next());
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
            let before = s.get(..place.start)?;
            near.extend(before.chars().rev().take(self.prefix.len() + CONTEXT_SLACK));
            &self.prefix_rev
        } else {
            let after = s.get(place.end..)?;
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
        let found = self.s().get(place.start..place.end)?;
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
        let range = CharRange::new(start, start + found.chars().count());
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

/// Byte starts of every occurrence of `needle` in `hay[from..to]`,
/// overlapping ones included, at most `MAX_OCCURRENCES`.
fn find_all(hay: &str, from: usize, to: usize, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(step) = needle.chars().next().map(char::len_utf8) else {
        return out;
    };
    let Some(window) = hay.as_bytes().get(from..to) else {
        return out;
    };
    // memchr's searcher (already in the build through csv and serde_json) is
    // several times faster than `str::find` on long texts. A match of valid
    // UTF-8 in valid UTF-8 always starts on a char boundary.
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    if !overlaps_itself(needle) {
        // Matches cannot overlap, so one pass finds them all.
        out.extend(
            finder
                .find_iter(window)
                .map(|b| from + b)
                .take(MAX_OCCURRENCES),
        );
        return out;
    }
    let mut at = 0;
    while let Some(found) = window.get(at..).and_then(|w| finder.find(w)) {
        out.push(from + at + found);
        if out.len() >= MAX_OCCURRENCES {
            break;
        }
        at += found + step;
    }
    out
}

/// Whether two occurrences of `s` can overlap: some proper beginning of it is
/// also its end ("abab", "aa").
fn overlaps_itself(s: &str) -> bool {
    // The longest proper border, by the Knuth-Morris-Pratt failure function:
    // linear in the length, where trying every suffix would be quadratic.
    let b = s.as_bytes();
    let mut fail = vec![0usize; b.len()];
    let mut k = 0;
    for i in 1..b.len() {
        while k > 0 && b[i] != b[k] {
            k = fail[k - 1];
        }
        if b[i] == b[k] {
            k += 1;
        }
        fail[i] = k;
    }
    // A border of whole UTF-8 chars: valid UTF-8 borders always are.
    fail.last().is_some_and(|&k| k > 0)
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(n)) {
        Some((b, _)) => &s[b..],
        None => s,
    }
}

fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// 1 minus the edit distance over the longer length: 1 for equal strings,
/// 0 for strings with nothing in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let distance = if a.len().saturating_mul(b.len()) > MAX_EDIT_CELLS {
        // Too long to compare cell by cell: count what differs between the
        // common beginning and the common end, an upper bound of the distance.
        let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let tail = a[head..]
            .iter()
            .rev()
            .zip(b[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        longest - head - tail
    } else {
        edit_distance(&a, &b)
    };
    1.0 - distance as f64 / longest as f64
}

/// Levenshtein distance, two rows.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The fewest edits turning `a` into some beginning of `b` (how well `a`
/// matches the start of `b` when `b` may run on past it), if at most `max`;
/// gives up as soon as every alignment costs more, so most places are
/// rejected after a few rows.
#[cfg(test)]
fn head_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    head_distance_in(a, b, max, &mut Vec::new(), &mut Vec::new())
}

/// `head_distance_within` with the two rows of the table given, so scoring
/// thousands of places allocates nothing.
fn head_distance_in(
    a: &[char],
    b: &[char],
    max: usize,
    prev: &mut Vec<usize>,
    cur: &mut Vec<usize>,
) -> Option<usize> {
    // Both strings start aligned, so a cell more than `max` off the diagonal
    // costs more than `max`: only the band around it is computed.
    let inf = max.saturating_add(1);
    let n = b.len();
    prev.clear();
    prev.extend((0..=n).map(|j| j.min(inf)));
    cur.clear();
    cur.resize(n + 1, inf);
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(max).max(1);
        let hi = row.saturating_add(max).min(n);
        cur[0] = row.min(inf);
        if lo > 1 {
            cur[lo - 1] = inf;
        }
        let mut row_min = cur[0];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(*ca != b[j - 1]);
            let v = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(inf);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < n {
            cur[hi + 1] = inf;
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    prev.iter().copied().min().filter(|&d| d <= max)
}

/// A long string cut to a readable length for messages.
fn shorten(s: &str) -> String {
    crate::text::ellipsize(s, 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CategoryId, MarkId, Timestamp};
    use crate::text::CharPos;

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
        text.new_mark(MarkId::new("m1"), CategoryId::new("loaded"), range)
            .expect("range fits")
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

    #[test]
    fn similarity_and_context_distance() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert!((similarity("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-9);
        let a: Vec<char> = "abc".chars().collect();
        let b: Vec<char> = "abcxyz".chars().collect();
        assert_eq!(head_distance_within(&a, &b, 5), Some(0));
        let c: Vec<char> = "xyzabc".chars().collect();
        assert_eq!(head_distance_within(&a, &c, 5), Some(3));
        assert_eq!(head_distance_within(&a, &c, 2), None);
        assert_eq!(edit_distance(&a, &b), 3);
    }

    #[test]
    fn self_overlapping_quotes_are_found_at_every_place() {
        assert!(overlaps_itself("abab"));
        assert!(overlaps_itself("aa"));
        assert!(overlaps_itself("été, été"));
        assert!(!overlaps_itself("abc"));
        assert!(!overlaps_itself("é"));
        assert_eq!(find_all("aaaa", 0, 4, "aa"), vec![0, 1, 2]);
        assert_eq!(find_all("xabcabc", 0, 7, "abc"), vec![1, 4]);
    }

    /// Found by fuzzing: in a text of one repeated char, every piece of
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
