//! Where a mark could be once its exact quote with its exact context is
//! gone: the exact quote anywhere near; the quote with its quotation marks
//! straightened or curled and its white space changed; and the spans framed
//! by an unchanged piece of the old prefix and of the old suffix (how a
//! word corrected inside the quote is followed). Each place's edges come
//! from the text, never from a guess, and a place is only ever as wide as
//! the mark's words: white space or words added at its edges stay outside.

use super::Finder;
use crate::anchor::distance::{find_all, first_chars, fold, folded_match, is_foldable, last_chars};
use crate::text::BytePos;

/// How many chars of the old prefix (suffix) must reappear verbatim to anchor
/// a span.
const ANCHOR_KEY_CHARS: usize = 16;
/// A piece of context occurring more often than this near the old place is
/// not distinctive enough to anchor a span on, and no more than `MAX_SPANS`
/// spans are compared with the quote: each costs an edit distance as large
/// as the quote (fuzzing found a text of repeated chars that made thousands
/// of them).
const MAX_ANCHORS: usize = 64;
const MAX_SPANS: usize = 64;

/// How a place was found, best first: the order in which two places on the
/// same chars are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PlaceKind {
    /// The quote, exactly.
    Exact,
    /// The quote but for its quotation marks and white space.
    Folded,
    /// Between pieces of the old context; the words may differ.
    Span,
}

/// A candidate place, before it is scored: byte offsets, as it was found
/// by substring search, turned into chars only once it is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Place {
    pub(super) start: BytePos,
    pub(super) end: BytePos,
    pub(super) kind: PlaceKind,
}

impl Place {
    pub(super) fn bytes(&self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }

    fn holds(&self, other: &Place) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A piece of context with its quotation marks in every style (straight,
/// curly opening, curly closing), so that straightening or curling them does
/// not hide it; up to two quotation marks are varied, and a piece with more
/// is looked for as it is.
fn quote_styles(key: &str) -> Vec<String> {
    const DOUBLE: [char; 3] = ['"', '“', '”'];
    const SINGLE: [char; 3] = ['\'', '’', '‘'];
    let marks = key
        .chars()
        .filter(|&c| fold(c) == '"' || fold(c) == '\'')
        .count();
    if marks == 0 || marks > 2 {
        return vec![key.to_string()];
    }
    let mut out = vec![String::new()];
    for c in key.chars() {
        let styles: &[char] = match fold(c) {
            '"' => &DOUBLE,
            '\'' => &SINGLE,
            _ => &[c][..],
        };
        out = out
            .iter()
            .flat_map(|head| styles.iter().map(move |&s| format!("{head}{s}")))
            .collect();
    }
    out
}

impl Finder<'_> {
    /// Every place worth scoring, each once: the exact occurrences given
    /// (those near the old place), the folded ones, and the spans.
    pub(super) fn places(&self, exact: &[BytePos]) -> Vec<Place> {
        let qb = self.mark.quote.len();
        let (lo, hi) = self.approx_window();
        let mut places: Vec<Place> = exact
            .iter()
            .filter(|&&b| lo <= b && b <= hi)
            .map(|&b| Place {
                start: b,
                end: BytePos(b.0 + qb),
                kind: PlaceKind::Exact,
            })
            .collect();
        places.extend(self.folded_places());
        places.sort();
        // Words inserted at a mark's edge are outside it: a span that holds
        // the quote (exactly or folded) is that place with new words added,
        // and would take them into the mark.
        let mut spans = self.anchored_spans();
        spans.retain(|span| {
            let first = places.partition_point(|p| p.start < span.start);
            !places[first..]
                .iter()
                .take_while(|p| p.start < span.end)
                .any(|p| span.holds(p))
        });
        places.extend(spans);
        places.sort();
        places.dedup_by_key(|p| (p.start, p.end));
        places
    }

    /// Outside the window near the old place (a long text only): where the
    /// quote occurs with one whole side of its context, exactly. A paragraph
    /// moved far away in a long article takes its marks with it, and those
    /// at its edges keep only the side within the paragraph.
    pub(super) fn far_places(&self) -> Vec<Place> {
        let (lo, hi) = self.approx_window();
        let s = self.s();
        if lo.0 == 0 && hi.0 == s.len() {
            return Vec::new();
        }
        let quote = self.mark.quote.as_str();
        let (prefix, suffix) = (self.mark.prefix.as_str(), self.mark.suffix.as_str());
        let whole = (BytePos(0), BytePos(s.len()));
        let mut out: Vec<Place> = Vec::new();
        if !prefix.is_empty() {
            let needle = format!("{prefix}{quote}");
            out.extend(find_all(s, whole.0, whole.1, &needle).into_iter().map(|b| {
                let start = BytePos(b.0 + prefix.len());
                Place {
                    start,
                    end: BytePos(start.0 + quote.len()),
                    kind: PlaceKind::Exact,
                }
            }));
        }
        if !suffix.is_empty() {
            let needle = format!("{quote}{suffix}");
            out.extend(
                find_all(s, whole.0, whole.1, &needle)
                    .into_iter()
                    .map(|b| Place {
                        start: b,
                        end: BytePos(b.0 + quote.len()),
                        kind: PlaceKind::Exact,
                    }),
            );
        }
        out.retain(|p| p.start < lo || p.start > hi);
        out.sort();
        out.dedup();
        out
    }

    /// Places where the quote is, but for its quotation marks (curly or
    /// straight) and its white space (a doubled space, a line break): the
    /// longest piece of the quote that folding leaves alone is found
    /// verbatim, and the rest of the quote is matched folded around it.
    fn folded_places(&self) -> Vec<Place> {
        let (lo, hi) = self.approx_window();
        self.folded_places_in(lo, hi)
    }

    /// `folded_places` between two bytes of the text.
    pub(super) fn folded_places_in(&self, lo: BytePos, hi: BytePos) -> Vec<Place> {
        let quote = self.mark.quote.as_str();
        if !quote.chars().any(is_foldable) {
            return Vec::new();
        }
        // The longest run of chars folding leaves alone, by byte range.
        let mut key = 0..0;
        let mut start = None;
        for (b, c) in quote.char_indices().chain([(quote.len(), ' ')]) {
            match (is_foldable(c), start) {
                (false, None) => start = Some(b),
                (true, Some(a)) => {
                    if b - a > key.len() {
                        key = a..b;
                    }
                    start = None;
                }
                _ => {}
            }
        }
        if key.is_empty() {
            return Vec::new();
        }
        let (before, piece, after) = (&quote[..key.start], &quote[key.clone()], &quote[key.end..]);
        let s = self.s();
        let mut out = Vec::new();
        for hit in find_all(s, lo, hi, piece) {
            let end_of_piece = hit.0 + piece.len();
            let Some(back) = folded_match(s[..hit.0].chars().rev(), before.chars().rev()) else {
                continue;
            };
            let Some(fwd) = folded_match(s[end_of_piece..].chars(), after.chars()) else {
                continue;
            };
            let place = Place {
                start: BytePos(hit.0 - back),
                end: BytePos(end_of_piece + fwd),
                kind: PlaceKind::Folded,
            };
            // Exact occurrences are known already.
            if s.get(place.bytes()) != Some(quote) {
                out.push(place);
            }
        }
        out
    }

    /// Spans that start right after an occurrence of the prefix's last chars
    /// and end right before an occurrence of the suffix's first chars, about
    /// as long as the quote, within `APPROX_RADIUS_CHARS` chars of the old
    /// place, less any white space at their edges that the quote does not
    /// have (". " becoming ".  " before a mark does not make the space part
    /// of it). A mark at the very start (end) of its text, with no prefix
    /// (suffix), is anchored on the start (end) of the text.
    pub(super) fn anchored_spans(&self) -> Vec<Place> {
        let s = self.s();
        let (from, to) = self.approx_window();
        let prefix = &self.mark.prefix;
        let suffix = &self.mark.suffix;
        let ends: Vec<BytePos> = if prefix.is_empty() {
            vec![BytePos(0)]
        } else {
            let mut ends: Vec<BytePos> = quote_styles(last_chars(prefix, ANCHOR_KEY_CHARS))
                .iter()
                .flat_map(|key| {
                    find_all(s, from, to, key)
                        .into_iter()
                        .map(|b| BytePos(b.0 + key.len()))
                })
                .collect();
            ends.sort();
            ends
        };
        let starts: Vec<BytePos> = if suffix.is_empty() {
            vec![BytePos(s.len())]
        } else {
            let mut starts: Vec<BytePos> = quote_styles(first_chars(suffix, ANCHOR_KEY_CHARS))
                .iter()
                .flat_map(|key| find_all(s, from, to, key))
                .collect();
            starts.sort();
            starts
        };
        if ends.len() > MAX_ANCHORS || starts.len() > MAX_ANCHORS {
            return Vec::new();
        }
        let quote = &self.mark.quote;
        let keep_leading = quote.starts_with(char::is_whitespace);
        let keep_trailing = quote.ends_with(char::is_whitespace);
        // Bounds on the span's length in bytes: from half the quote's chars
        // (one byte each) to twice its bytes, plus room for a few new words.
        let min_len = (self.quote_chars / 2).max(1);
        let max_len = quote.len() * 2 + 64;
        let mut out = Vec::new();
        for &e in &ends {
            let first = starts.partition_point(|&b| b.0 < e.0 + min_len);
            for &b in starts[first..]
                .iter()
                .take_while(|&&b| b.0 <= e.0 + max_len)
            {
                let Some(mut found) = s.get(e.0..b.0) else {
                    continue;
                };
                if !keep_leading {
                    found = found.trim_start();
                }
                if !keep_trailing {
                    found = found.trim_end();
                }
                // The span is about as long as the quote in chars, and it
                // does not reach over a line break the quote does not have
                // (into the paragraph before, which a moved paragraph put
                // next to the mark's old prefix).
                let n = found.chars().count();
                let breaks = |t: &str| t.matches('\n').count();
                if n >= min_len && n <= self.quote_chars * 2 + 16 && breaks(found) <= breaks(quote)
                {
                    let start = BytePos(found.as_ptr() as usize - s.as_ptr() as usize);
                    out.push(Place {
                        start,
                        end: BytePos(start.0 + found.len()),
                        kind: PlaceKind::Span,
                    });
                }
                if out.len() >= MAX_SPANS {
                    return out;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{Located, attach, locate};
    use crate::model::{CategoryId, Mark, MarkId, Timestamp};
    use crate::text::{ArticleText, CharPos, CharRange};

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

    /// Found by fuzzing: in a text of one repeated char every piece of a
    /// mark's context occurs everywhere, and comparing each span between them
    /// with the quote took 20 seconds.
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

    #[test]
    fn a_span_loses_the_white_space_at_its_edges_and_one_holding_the_quote_is_dropped() {
        let before = ArticleText::new(
            "The mayor spoke. Officers cleared the camp at dawn, witnesses said.".to_string(),
        );
        let start = before.text.find("Officers").expect("in text");
        let range = CharRange::new(start, start + "Officers cleared the camp".len());
        let m = attach(&before, &mark(0, 0, ""), range).expect("fits");
        let after = ArticleText::new(
            "The mayor spoke.  Officers cleared the camp, reportedly, at dawn, witnesses said."
                .to_string(),
        );
        let f = Finder::new(&after, &m);
        let spans = f.anchored_spans();
        assert!(!spans.is_empty());
        for p in &spans {
            let found = &after.text[p.bytes()];
            assert_eq!(found, found.trim(), "{found:?}");
        }
        // The span "Officers cleared the camp, reportedly," holds the quote:
        // only the quote itself is a place.
        let exact: Vec<BytePos> = vec![BytePos(after.text.find("Officers").expect("in text"))];
        let places = f.places(&exact);
        assert_eq!(places.len(), 1, "{places:?}");
        assert_eq!(&after.text[places[0].bytes()], "Officers cleared the camp");
    }

    #[test]
    fn straightened_quotes_and_a_doubled_space_are_found_as_folded_places() {
        let before = ArticleText::new("Board chair Héloïse Marchetti called the walkout “a reckless stunt.” Crews stayed home.".to_string());
        let start = before.text[..before.text.find('“').expect("quote")]
            .chars()
            .count();
        let m = attach(&before, &mark(0, 0, ""), CharRange::new(start, start + 18)).expect("fits");
        assert_eq!(m.quote, "“a reckless stunt.");
        let after = ArticleText::new(
            "Board chair Marchetti called the walkout \"a reckless  stunt.\" Crews stayed home."
                .to_string(),
        );
        let f = Finder::new(&after, &m);
        let folded = f.folded_places();
        assert_eq!(folded.len(), 1);
        assert_eq!(&after.text[folded[0].bytes()], "\"a reckless  stunt.");
    }
}
