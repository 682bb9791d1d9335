//! String distances, substring search and the folding of quotation marks and
//! white space, shared by re-anchoring and by the figures that compare
//! annotators (a span a word off is not a different span).

use crate::text::BytePos;

/// Bounds on the work for one search: a piece occurring more often than this
/// is not distinctive enough to re-anchor on.
pub(crate) const MAX_OCCURRENCES: usize = 10_000;
/// Strings longer than this (in chars, product of both lengths) are compared
/// by their common beginning and end rather than by full edit distance.
const MAX_EDIT_CELLS: usize = 1_000_000;

/// Byte starts of every occurrence of `needle` in `hay[from..to]`,
/// overlapping ones included, at most `MAX_OCCURRENCES`.
pub(crate) fn find_all(hay: &str, from: BytePos, to: BytePos, needle: &str) -> Vec<BytePos> {
    let mut out = Vec::new();
    let Some(step) = needle.chars().next().map(char::len_utf8) else {
        return out;
    };
    let from = from.0;
    let Some(window) = hay.as_bytes().get(from..to.0) else {
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
                .map(|b| BytePos(from + b))
                .take(MAX_OCCURRENCES),
        );
        return out;
    }
    let mut at = 0;
    while let Some(found) = window.get(at..).and_then(|w| finder.find(w)) {
        out.push(BytePos(from + at + found));
        if out.len() >= MAX_OCCURRENCES {
            break;
        }
        at += found + step;
    }
    out
}

/// Whether two occurrences of `s` can overlap: some proper beginning of it is
/// also its end ("abab", "aa").
pub(crate) fn overlaps_itself(s: &str) -> bool {
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

pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(n)) {
        Some((b, _)) => &s[b..],
        None => s,
    }
}

pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// A char as re-anchoring compares it: curly and straight quotation marks
/// alike, any white space (a line break, a no-break space) a plain space.
/// Editors, CMSs and copy-paste change these without changing the words.
#[inline]
pub(crate) fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Whether folding could make another char equal to `c`.
pub(crate) fn is_foldable(c: char) -> bool {
    matches!(fold(c), '"' | '\'' | ' ')
}

/// How many bytes of `text` match the whole of `pattern` from their start,
/// comparing folded chars and taking any run of white space for any other
/// (a doubled space or a line break for a space). `None` if they differ.
pub(crate) fn folded_match(
    text: impl Iterator<Item = char>,
    pattern: impl Iterator<Item = char>,
) -> Option<usize> {
    let mut text = text.peekable();
    let mut pattern = pattern.peekable();
    let mut bytes = 0;
    while let Some(p) = pattern.next() {
        if p.is_whitespace() {
            while pattern.next_if(|c| c.is_whitespace()).is_some() {}
            let t = text.next().filter(|t| t.is_whitespace())?;
            bytes += t.len_utf8();
            while let Some(t) = text.next_if(|t| t.is_whitespace()) {
                bytes += t.len_utf8();
            }
        } else {
            let t = text.next().filter(|&t| fold(t) == fold(p))?;
            bytes += t.len_utf8();
        }
    }
    Some(bytes)
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
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
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
pub(crate) fn head_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    head_distance_in(a, b, max, &mut Vec::new(), &mut Vec::new())
}

/// `head_distance_within` with the two rows of the table given, so scoring
/// thousands of places allocates nothing.
pub(crate) fn head_distance_in(
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn folding_takes_quote_styles_and_white_space_runs_alike() {
        let m = |t: &str, p: &str| folded_match(t.chars(), p.chars());
        assert_eq!(m("\"so-called\" camp", "“so-called” camp"), Some(16));
        assert_eq!(m("the  camp,", "the camp"), Some(9));
        assert_eq!(m("the\ncamp", "the camp"), Some(8));
        assert_eq!(m("the dam", "the camp"), None);
        assert_eq!(m("the", "the camp"), None);
        assert!(is_foldable('’') && is_foldable(' ') && !is_foldable('a'));
    }

    #[test]
    fn self_overlapping_quotes_are_found_at_every_place() {
        assert!(overlaps_itself("abab"));
        assert!(overlaps_itself("aa"));
        assert!(overlaps_itself("été, été"));
        assert!(!overlaps_itself("abc"));
        assert!(!overlaps_itself("é"));
        let bytes = |v: Vec<BytePos>| v.into_iter().map(|b| b.0).collect::<Vec<_>>();
        assert_eq!(
            bytes(find_all("aaaa", BytePos(0), BytePos(4), "aa")),
            [0, 1, 2]
        );
        assert_eq!(
            bytes(find_all("xabcabc", BytePos(0), BytePos(7), "abc")),
            [1, 4]
        );
    }
}
