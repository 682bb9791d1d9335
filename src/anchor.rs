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
const MAX_EDIT_CELLS: usize = 4_000_000;
/// Search radii (in chars, around the old offsets) for the exact quote with
/// its exact context; the last pass covers the whole text.
const SEARCH_RADII: [usize; 3] = [4_096, 65_536, 1_048_576];

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
    let finder = Finder::new(text, mark);
    if finder.is_perfect_at_char(mark.start.0) && mark.end.0 >= mark.start.0 {
        // `is_perfect_at_char` checked the quote, so the end is right too
        // unless the file's `end` disagrees with its own quote.
        if mark.end.0 - mark.start.0 == finder.quote_chars {
            return Located::Intact;
        }
    }
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
                shift = range.start.0 as isize - marks[i].start.0 as isize;
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
    /// None anywhere; carries every exact occurrence of the quote (char starts).
    None(Vec<usize>),
}

/// One mark being looked for in one text.
struct Finder<'a> {
    text: &'a ArticleText,
    mark: &'a Mark,
    quote_chars: usize,
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

impl<'a> Finder<'a> {
    fn new(text: &'a ArticleText, mark: &'a Mark) -> Self {
        Finder {
            text,
            mark,
            quote_chars: mark.quote.chars().count(),
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
        !self.mark.prefix.is_empty() || !self.mark.suffix.is_empty()
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
                1 => Nearest::Found(all[0]),
                0 => Nearest::None(all),
                n => Nearest::NoContext(n),
            };
        }
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
                    old.saturating_sub(radius),
                    old.saturating_add(radius)
                        .saturating_add(self.quote_chars)
                        .min(len),
                )
            };
            let all = self.occurrences(lo, hi);
            let mut perfect: Vec<(usize, usize)> = all
                .iter()
                .filter(|&&c| self.is_perfect_at_char(c))
                .map(|&c| (c.abs_diff(old), c))
                .filter(|&(d, _)| whole || d <= radius)
                .collect();
            perfect.sort_unstable();
            match perfect.as_slice() {
                [] if whole => return Nearest::None(all),
                [] => {}
                [(d1, a), (d2, b), ..] if d1 == d2 => return Nearest::Tie(*a.min(b), *a.max(b)),
                [(_, a), ..] => return Nearest::Found(*a),
            }
        }
        Nearest::None(Vec::new())
    }

    /// Char starts of every occurrence of the quote that lies within chars
    /// `lo..hi`, overlapping ones included, at most `MAX_OCCURRENCES`.
    fn occurrences(&self, lo: usize, hi: usize) -> Vec<usize> {
        let (Some(from), Some(to)) = (self.byte_of(lo), self.byte_of(hi)) else {
            return Vec::new();
        };
        find_all(self.s(), from, to, &self.mark.quote)
            .into_iter()
            .filter_map(|b| self.char_of(b))
            .collect()
    }

    /// The best candidate among the exact occurrences and the spans between an
    /// exact piece of the prefix and an exact piece of the suffix, if it is
    /// confident and clearly better than any other.
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
        let mut ranges: Vec<(CharRange, bool)> = exact
            .iter()
            .map(|&c| (CharRange::new(c, c + self.quote_chars), true))
            .collect();
        ranges.extend(self.anchored_spans().into_iter().map(|r| (r, false)));
        ranges.sort_by_key(|&(r, exact)| (r, !exact));
        ranges.dedup_by_key(|&mut (r, _)| r);
        let mut candidates: Vec<Candidate> = ranges
            .into_iter()
            .filter_map(|(r, exact)| self.score(r, exact))
            .collect();
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.range.start.cmp(&b.range.start))
        });
        // A place that cuts a word the mark did not cut is never chosen, but
        // it still competes: if it scores about as well, the choice is unclear.
        let Some(best) = candidates.iter().find(|c| c.edges_ok).copied() else {
            return Located::Orphan(match candidates.first() {
                None => "neither the quote nor its context is in the text any more".to_string(),
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
        let rival = candidates
            .iter()
            .find(|c| c.range != best.range && c.score > best.score - AMBIGUITY_MARGIN);
        if let Some(second) = rival {
            {
                return Located::Orphan(format!(
                    "two places match about equally well: {}..{} and {}..{}",
                    best.range.start.0, best.range.end.0, second.range.start.0, second.range.end.0
                ));
            }
        }
        if best.range == self.mark.range() && best.exact {
            // Same words, changed context: report a move so it is refreshed.
            return Located::Moved {
                range: best.range,
                exact: true,
            };
        }
        Located::Moved {
            range: best.range,
            exact: best.exact && best.quote >= 1.0,
        }
    }

    /// Spans that start right after an occurrence of the prefix's last chars
    /// and end right before an occurrence of the suffix's first chars, about
    /// as long as the quote. A mark at the very start (end) of its text, with
    /// no prefix (suffix), is anchored on the start (end) of the text.
    fn anchored_spans(&self) -> Vec<CharRange> {
        let len = self.text.char_len();
        let prefix = &self.mark.prefix;
        let suffix = &self.mark.suffix;
        let ends: Vec<usize> = if prefix.is_empty() {
            vec![0]
        } else {
            let key = last_chars(prefix, ANCHOR_KEY_CHARS);
            let key_chars = key.chars().count();
            find_all(self.s(), 0, self.s().len(), key)
                .into_iter()
                .filter_map(|b| self.char_of(b))
                .map(|c| c + key_chars)
                .collect()
        };
        let starts: Vec<usize> = if suffix.is_empty() {
            vec![len]
        } else {
            let key = first_chars(suffix, ANCHOR_KEY_CHARS);
            find_all(self.s(), 0, self.s().len(), key)
                .into_iter()
                .filter_map(|b| self.char_of(b))
                .collect()
        };
        if ends.len() >= MAX_OCCURRENCES || starts.len() >= MAX_OCCURRENCES {
            return Vec::new();
        }
        let min_len = (self.quote_chars / 2).max(1);
        let max_len = self.quote_chars * 2 + 16;
        let mut out = Vec::new();
        for &e in &ends {
            let from = starts.partition_point(|&s| s < e + min_len);
            for &s in starts[from..].iter().take_while(|&&s| s <= e + max_len) {
                out.push(CharRange::new(e, s));
                if out.len() >= MAX_OCCURRENCES {
                    return out;
                }
            }
        }
        out
    }

    /// Whether a candidate's edges look like the mark's: it cuts words where
    /// the mark did and nowhere else (a quote ending in "of" must not be
    /// placed on the start of "officials"), and starts and ends with white
    /// space only where the quote does.
    fn same_word_edges(&self, range: CharRange, found: &str) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = range
            .start
            .0
            .checked_sub(1)
            .and_then(|b| self.text.slice(CharRange::new(b, range.start.0)))
            .and_then(|s| s.chars().next());
        let after = self
            .text
            .slice(CharRange::new(range.end.0, range.end.0 + 1))
            .and_then(|s| s.chars().next());
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

    /// Scores a candidate range; `None` if its text is too unlike the quote.
    fn score(&self, range: CharRange, exact: bool) -> Option<Candidate> {
        let found = self.text.slice(range)?;
        let quote = if exact {
            1.0
        } else {
            similarity(&self.mark.quote, found)
        };
        if quote < MIN_QUOTE_SIMILARITY {
            return None;
        }
        let edges_ok = self.same_word_edges(range, found);
        let len = self.text.char_len();
        let prefix: Vec<char> = self.mark.prefix.chars().collect();
        let suffix: Vec<char> = self.mark.suffix.chars().collect();
        // A mark with context on one side only was made at the start (end)
        // of its text: that side matches only at the start (end).
        let p = if prefix.is_empty() {
            f64::from(u8::from(range.start.0 == 0))
        } else {
            let from = range.start.0.saturating_sub(prefix.len() + CONTEXT_SLACK);
            let before: Vec<char> = self
                .text
                .slice(CharRange::new(from, range.start.0))?
                .chars()
                .rev()
                .collect();
            let rev_p: Vec<char> = prefix.iter().rev().copied().collect();
            let d = head_distance(&rev_p, &before);
            (1.0 - d as f64 / prefix.len() as f64).max(0.0)
        };
        let s = if suffix.is_empty() {
            f64::from(u8::from(range.end.0 == len))
        } else {
            let to = (range.end.0 + suffix.len() + CONTEXT_SLACK).min(len);
            let after: Vec<char> = self
                .text
                .slice(CharRange::new(range.end.0, to))?
                .chars()
                .collect();
            let d = head_distance(&suffix, &after);
            (1.0 - d as f64 / suffix.len() as f64).max(0.0)
        };
        let distance = range.start.0.abs_diff(self.mark.start.0) as f64;
        let near = (1.0 - distance / len.max(1) as f64).max(0.0);
        let total =
            QUOTE_WEIGHT * quote + PREFIX_WEIGHT * p + SUFFIX_WEIGHT * s + POSITION_WEIGHT * near;
        let max = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
        Some(Candidate {
            range,
            exact,
            quote,
            best_side: match (prefix.is_empty(), suffix.is_empty()) {
                (true, true) => 0.0,
                (true, false) => s,
                (false, true) => p,
                (false, false) => p.max(s),
            },
            worst_side: p.min(s),
            edges_ok,
            score: total / max,
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
    let mut at = from;
    while let Some(found) = hay.get(at..to).and_then(|h| h.find(needle)) {
        out.push(at + found);
        if out.len() >= MAX_OCCURRENCES {
            break;
        }
        at += found + step;
    }
    out
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

/// The fewest edits turning `a` into some beginning of `b`: how well `a`
/// matches the start of `b` when `b` may run on past it.
fn head_distance(a: &[char], b: &[char]) -> usize {
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
    prev.iter().copied().min().unwrap_or(a.len())
}

/// A long string cut to a readable length for messages.
fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
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
        attach(text, &mark(0, 0, ""), range).expect("range fits")
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
        assert_eq!(head_distance(&a, &b), 0);
        assert_eq!(edit_distance(&a, &b), 3);
    }
}
