//! What the coding measures count: the units of a text (its words, as
//! Unicode word segmentation (UAX #29) finds them, or its chars), and which
//! of them one annotator's marks of one category cover.
//!
//! A unit is *marked* when a mark covers at least one of its chars: a mark
//! made with Alt over part of a word marks that word. One annotator's
//! overlapping marks of a category are merged first (a unit is marked or
//! not, however many marks cover it), and so are they for alpha_U, which
//! needs a coder's units not to overlap.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Mark;

/// What a unit of the coding measures is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A word, as Unicode word segmentation (UAX #29) finds them;
    /// punctuation and spaces are no unit.
    #[default]
    Word,
    /// A char (Unicode scalar value), spaces and punctuation included.
    Char,
}

/// The units of a text, each as its char range, in text order.
pub fn units(text: &str, unit: Unit) -> Vec<(u64, u64)> {
    match unit {
        Unit::Char => {
            let n = text.chars().count() as u64;
            (0..n).map(|i| (i, i + 1)).collect()
        }
        Unit::Word => {
            let mut out = Vec::new();
            let mut chars_before = 0u64;
            let mut byte_at = 0usize;
            for (byte, word) in text.unicode_word_indices() {
                chars_before += text[byte_at..byte].chars().count() as u64;
                let len = word.chars().count() as u64;
                out.push((chars_before, chars_before + len));
                chars_before += len;
                byte_at = byte + word.len();
            }
            out
        }
    }
}

/// The char ranges `marks` cover, overlapping ones merged (adjacent ones
/// are kept apart), sorted. Empty marks cover nothing.
pub fn merged<'m>(marks: impl IntoIterator<Item = &'m Mark>) -> Vec<(u64, u64)> {
    let mut ranges: Vec<(u64, u64)> = marks
        .into_iter()
        .filter(|m| m.end > m.start)
        .map(|m| (m.start.0 as u64, m.end.0 as u64))
        .collect();
    ranges.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The units (as index ranges into `units`) that the char ranges touch,
/// sorted, disjoint, touching ranges joined.
pub fn covered(units: &[(u64, u64)], ranges: &[(u64, u64)]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for &(s, e) in ranges {
        let lo = units.partition_point(|u| u.1 <= s) as u32;
        let hi = units.partition_point(|u| u.0 < e) as u32;
        if lo >= hi {
            continue;
        }
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// How many units two coders' covered ranges share.
pub fn shared(a: &[(u32, u32)], b: &[(u32, u32)]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if hi > lo {
            n += u64::from(hi - lo);
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// How many units covered ranges hold.
pub fn count(a: &[(u32, u32)]) -> u64 {
    a.iter().map(|&(lo, hi)| u64::from(hi - lo)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_uax29_words_in_chars() {
        let text = "Émile’s “so-called” camp, 40 tents.";
        let words: Vec<&str> = units(text, Unit::Word)
            .iter()
            .map(|&(s, e)| {
                let s = text.char_indices().nth(s as usize).map_or(0, |c| c.0);
                let e = text
                    .char_indices()
                    .nth(e as usize)
                    .map_or(text.len(), |c| c.0);
                &text[s..e]
            })
            .collect();
        assert_eq!(words, ["Émile’s", "so", "called", "camp", "40", "tents"]);
        assert_eq!(units("ab", Unit::Char), [(0, 1), (1, 2)]);
    }

    #[test]
    fn a_unit_touched_by_a_mark_is_covered_and_ranges_merge() {
        let words = [(0, 3), (4, 9), (10, 14)];
        // Part of the second word, and the third whole.
        assert_eq!(covered(&words, &[(5, 6), (10, 14)]), [(1, 3)]);
        // A space between words covers no word.
        assert_eq!(covered(&words, &[(3, 4)]), []);
        assert_eq!(shared(&[(0, 4), (6, 9)], &[(2, 7)]), 3);
        assert_eq!(count(&[(0, 4), (6, 9)]), 7);
    }
}
