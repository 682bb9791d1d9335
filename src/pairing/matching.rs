//! Pairing two sets of marks on one text one-to-one: which of set `a`'s
//! spans correspond to which of set `b`'s. Grading pairs the key (`a`) with a
//! student (`b`), and agreement pairs two annotators the same way, for span
//! F1 and for the marks whose attributes it compares. It knows spans and
//! categories only, nothing of who made them.
//!
//! # The three rounds
//!
//! 1. **Matched**: same category, and the spans overlap enough for the
//!    [`MatchRule`] (by default the overlap covers at least half of the
//!    longer span, counted in chars).
//! 2. **Boundary**: of what is left, same category and overlapping, but by
//!    less than the rule asks ("right place, different extent").
//! 3. **Other category**: of what is left, overlapping marks of different
//!    categories.
//!
//! Anything still unpaired is only in `a` or only in `b`.
//!
//! Each round is a maximum-weight one-to-one assignment, not a greedy one:
//! it maximises the total overlap in chars, so two overlapping pairs are
//! never broken up to give one mark its single best partner. Among pairings
//! with the same total overlap it prefers spans whose extents differ less
//! (fewer chars in one but not the other), then marks earlier in the text.
//! The assignment is solved with the Hungarian method on each connected
//! group of overlapping marks (usually one or two marks each), so its cubic
//! cost never meets a whole article.
//!
//! The result depends only on the spans, not on the order they are given
//! in, and swapping `a` and `b` swaps the sides of every pair and nothing
//! else: the inputs are put in text order first, and every choice between
//! equals is made on that order.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::assign;
use crate::model::{CategoryId, Mark};
use crate::text::CharRange;

/// What pairing looks at in a mark: where it is, and its category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    pub range: CharRange,
    pub category: &'a CategoryId,
}

impl<'a> From<&'a Mark> for Span<'a> {
    fn from(m: &'a Mark) -> Self {
        Span {
            range: m.range(),
            category: &m.category,
        }
    }
}

/// When two marks of one category overlap enough to be *matched*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "lowercase")]
pub enum MatchRule {
    /// The same chars exactly.
    Exact,
    /// Any overlap, even one char.
    Overlap,
    /// The overlap covers at least this share of the longer span
    /// (`half` is 500 per mille, the default).
    Share { per_mille: u16 },
}

impl MatchRule {
    /// The default: the overlap covers at least half of the longer span.
    pub const HALF: MatchRule = MatchRule::Share { per_mille: 500 };

    /// Whether two ranges of the same category are close enough to match.
    pub fn accepts(self, x: CharRange, y: CharRange) -> bool {
        let overlap = overlap_chars(x, y);
        if overlap == 0 {
            return false;
        }
        match self {
            MatchRule::Exact => x == y,
            MatchRule::Overlap => true,
            MatchRule::Share { per_mille } => {
                overlap * 1000 >= usize::from(per_mille) * x.len().max(y.len())
            }
        }
    }
}

impl Default for MatchRule {
    fn default() -> Self {
        MatchRule::HALF
    }
}

/// `exact`, `overlap`, `half`, or a share of the longer span in (0, 1]
/// (`0.8`, or `80%`), as `--match` takes it.
impl FromStr for MatchRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "exact" => return Ok(MatchRule::Exact),
            "overlap" => return Ok(MatchRule::Overlap),
            "half" => return Ok(MatchRule::HALF),
            _ => {}
        }
        let share = match s.strip_suffix('%') {
            Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
            None => s.trim().parse::<f64>(),
        };
        match share {
            Ok(x) if x > 0.0 && x <= 1.0 => {
                // Whole per mille: 0.6667 is 667, and no float reaches a figure.
                let per_mille = (x * 1000.0).round().clamp(1.0, 1000.0) as u16;
                Ok(MatchRule::Share { per_mille })
            }
            _ => Err(format!(
                "{s:?} is not a match rule: use exact, overlap, half, or a share of the longer span between 0 and 1 (e.g. 0.8)"
            )),
        }
    }
}

/// How `--match` spells the rule back, so output can say which was used.
impl fmt::Display for MatchRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchRule::Exact => f.write_str("exact"),
            MatchRule::Overlap => f.write_str("overlap"),
            MatchRule::Share { per_mille: 500 } => f.write_str("half"),
            MatchRule::Share { per_mille } => {
                let s = format!("{:.3}", f64::from(*per_mille) / 1000.0);
                f.write_str(s.trim_end_matches('0'))
            }
        }
    }
}

/// How a pair of marks corresponds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Same category, overlapping as much as the rule asks.
    Matched,
    /// Same category, overlapping less than the rule asks.
    Boundary,
    /// Overlapping, with different categories.
    OtherCategory,
}

/// One mark of `a` paired with one of `b`, by their indices in the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub kind: PairKind,
    /// Chars both spans cover.
    pub overlap_chars: usize,
}

/// Every mark of `a` and of `b`, each in exactly one pair or alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Pairing {
    /// In the order of the `a` mark (by index).
    pub pairs: Vec<Pair>,
    /// Indices of `a`'s marks in no pair, ascending.
    pub only_a: Vec<usize>,
    /// Indices of `b`'s marks in no pair, ascending.
    pub only_b: Vec<usize>,
}

impl Pairing {
    /// How many pairs are of this kind.
    pub fn count(&self, kind: PairKind) -> usize {
        self.pairs.iter().filter(|p| p.kind == kind).count()
    }
}

/// Chars two ranges both cover.
pub fn overlap_chars(x: CharRange, y: CharRange) -> usize {
    let start = x.start.max(y.start);
    let end = x.end.min(y.end);
    end.0.saturating_sub(start.0)
}

/// Pairs `a`'s marks with `b`'s, one-to-one, in the three rounds the module
/// doc describes.
pub fn pair(a: &[Span], b: &[Span], rule: MatchRule) -> Pairing {
    // Text order, with the input index last so duplicates keep a fixed order.
    let order = |spans: &[Span]| {
        let mut idx: Vec<usize> = (0..spans.len()).collect();
        // Marks come from files already in text order, usually.
        if !spans.is_sorted_by(|x, y| span_order(x, y).is_le()) {
            idx.sort_unstable_by(|&i, &j| span_order(&spans[i], &spans[j]).then(i.cmp(&j)));
        }
        idx
    };
    let (a_order, b_order) = (order(a), order(b));
    let a_sorted: Vec<Span> = a_order.iter().map(|&i| a[i]).collect();
    let b_sorted: Vec<Span> = b_order.iter().map(|&i| b[i]).collect();
    let edges = overlapping(&a_sorted, &b_sorted);

    let mut a_taken = vec![false; a.len()];
    let mut b_taken = vec![false; b.len()];
    let mut pairs = Vec::with_capacity(a.len().min(b.len()));
    for kind in [
        PairKind::Matched,
        PairKind::Boundary,
        PairKind::OtherCategory,
    ] {
        let mut round: Vec<Edge> = Vec::with_capacity(edges.len());
        round.extend(
            edges
                .iter()
                .filter(|e| !a_taken[e.a] && !b_taken[e.b])
                .filter(|e| {
                    let (x, y) = (&a_sorted[e.a], &b_sorted[e.b]);
                    let same = x.category == y.category;
                    match kind {
                        PairKind::Matched => same && rule.accepts(x.range, y.range),
                        PairKind::Boundary => same,
                        PairKind::OtherCategory => !same,
                    }
                })
                .copied(),
        );
        for (i, j) in assign(&round, &a_sorted, &b_sorted) {
            a_taken[i] = true;
            b_taken[j] = true;
            pairs.push(Pair {
                a: a_order[i],
                b: b_order[j],
                kind,
                overlap_chars: overlap_chars(a_sorted[i].range, b_sorted[j].range),
            });
        }
    }
    pairs.sort_unstable_by_key(|p| p.a);
    let alone = |taken: &[bool], order: &[usize]| {
        let mut v: Vec<usize> = (0..taken.len())
            .filter(|&i| !taken[i])
            .map(|i| order[i])
            .collect();
        v.sort_unstable();
        v
    };
    Pairing {
        pairs,
        only_a: alone(&a_taken, &a_order),
        only_b: alone(&b_taken, &b_order),
    }
}

fn span_order(x: &Span, y: &Span) -> Ordering {
    (x.range.start, x.range.end, x.category).cmp(&(y.range.start, y.range.end, y.category))
}

/// Two overlapping spans, by their places in the sorted inputs.
#[derive(Clone, Copy, Debug)]
struct Edge {
    a: usize,
    b: usize,
}

/// Every overlapping `(a, b)`, for inputs sorted by start: for each `a`,
/// the `b`s that start before it ends, walked back while one of them could
/// still reach past its start.
fn overlapping(a: &[Span], b: &[Span]) -> Vec<Edge> {
    let mut reach = Vec::with_capacity(b.len()); // furthest end of b[..=j]
    let mut furthest = 0;
    for s in b {
        furthest = furthest.max(s.range.end.0);
        reach.push(furthest);
    }
    // Most marks overlap one or two of the other side's.
    let mut edges = Vec::with_capacity(a.len() + b.len());
    for (i, x) in a.iter().enumerate() {
        let before_end = b.partition_point(|y| y.range.start < x.range.end);
        let from = edges.len();
        for j in (0..before_end).rev() {
            if reach[j] <= x.range.start.0 {
                break;
            }
            if b[j].range.end > x.range.start && !b[j].range.is_empty() && !x.range.is_empty() {
                edges.push(Edge { a: i, b: j });
            }
        }
        edges[from..].reverse();
    }
    edges
}

/// Bits of each tie-break layer of a pair's weight; see `weight`.
const RANK_BITS: u32 = 20;
const EXTENT_BITS: u32 = 24;
/// A component never has more pairs than this, so the sum of a lower layer
/// never carries into the one above.
const PAIR_BITS: u32 = 20;

/// How much a round wants a pair, as one integer: the overlap in chars
/// first, then how little the extents differ, then how early the two marks
/// come in the text. Each layer is shifted past the largest possible sum of
/// the layers below it, so a larger overlap always wins.
fn weight(x: &Span, y: &Span, rank: usize) -> i128 {
    let overlap = overlap_chars(x.range, y.range) as i128;
    let union = x.range.end.max(y.range.end).0 - x.range.start.min(y.range.start).0;
    let differ = (union as i128 - overlap).min((1 << EXTENT_BITS) - 1);
    let rank = (rank as i128).min((1 << RANK_BITS) - 1);
    let rank_layer = (1i128 << RANK_BITS) - 1 - rank;
    let extent_layer = (1i128 << EXTENT_BITS) - 1 - differ;
    (overlap << (EXTENT_BITS + RANK_BITS + 2 * PAIR_BITS))
        + (extent_layer << (RANK_BITS + PAIR_BITS))
        + rank_layer
}

/// The best one-to-one set of a round's edges: split into connected groups,
/// each solved on its own. Returns `(a, b)` places in the sorted inputs.
fn assign(edges: &[Edge], a: &[Span], b: &[Span]) -> Vec<(usize, usize)> {
    // Most marks overlap one mark of the other side and nothing else: such
    // an edge is a group of its own and is taken as it is.
    let (mut degree_a, mut degree_b) = (vec![0u32; a.len()], vec![0u32; b.len()]);
    for e in edges {
        degree_a[e.a] += 1;
        degree_b[e.b] += 1;
    }
    let alone = |e: &Edge| degree_a[e.a] == 1 && degree_b[e.b] == 1;
    let mut out: Vec<(usize, usize)> = edges
        .iter()
        .filter(|e| alone(e))
        .map(|e| (e.a, e.b))
        .collect();
    let rest: Vec<Edge> = edges.iter().filter(|e| !alone(e)).copied().collect();
    let edges = &rest;
    let ends: Vec<(usize, usize)> = edges.iter().map(|e| (e.a, e.b)).collect();
    for group in assign::groups(&ends, a.len(), b.len()) {
        if let [e] = group.as_slice() {
            out.push(ends[*e]);
            continue;
        }
        let group: Vec<Edge> = group.iter().map(|&e| edges[e]).collect();
        out.extend(assign_group(&group, a, b));
    }
    out
}

/// One connected group as a weight matrix for `assign::max_weight`.
fn assign_group(group: &[Edge], a: &[Span], b: &[Span]) -> Vec<(usize, usize)> {
    let mut rows: Vec<usize> = group.iter().map(|e| e.a).collect();
    let mut cols: Vec<usize> = group.iter().map(|e| e.b).collect();
    rows.sort_unstable();
    rows.dedup();
    cols.sort_unstable();
    cols.dedup();
    // The solver wants no more rows than columns. With equal counts, the
    // side that sorts first is the rows, so swapping `a` and `b` solves the
    // same matrix.
    let a_rows = rows.len() < cols.len()
        || (rows.len() == cols.len()
            && rows
                .iter()
                .zip(&cols)
                .map(|(&i, &j)| span_order(&a[i], &b[j]))
                .find(|o| o.is_ne())
                != Some(Ordering::Greater));
    let (n, m) = if a_rows {
        (rows.len(), cols.len())
    } else {
        (cols.len(), rows.len())
    };
    let mut w = vec![0i128; n * m];
    for e in group {
        let r = rows.binary_search(&e.a).unwrap_or_default();
        let c = cols.binary_search(&e.b).unwrap_or_default();
        let weight = weight(&a[e.a], &b[e.b], r + c);
        if a_rows {
            w[r * m + c] = weight;
        } else {
            w[c * m + r] = weight;
        }
    }
    assign::max_weight(&w, n, m)
        .into_iter()
        .map(|(r, c)| {
            if a_rows {
                (rows[r], cols[c])
            } else {
                (rows[c], cols[r])
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(id: &str) -> CategoryId {
        CategoryId::new(id)
    }

    fn spans<'a>(v: &[(usize, usize, &'a CategoryId)]) -> Vec<Span<'a>> {
        v.iter()
            .map(|&(s, e, c)| Span {
                range: CharRange::new(s, e),
                category: c,
            })
            .collect()
    }

    #[test]
    fn rules_parse_and_print_back() {
        for (s, rule) in [
            ("exact", MatchRule::Exact),
            ("overlap", MatchRule::Overlap),
            ("half", MatchRule::HALF),
            ("0.5", MatchRule::HALF),
            ("80%", MatchRule::Share { per_mille: 800 }),
            ("0.6667", MatchRule::Share { per_mille: 667 }),
        ] {
            assert_eq!(s.parse::<MatchRule>(), Ok(rule), "{s}");
        }
        assert_eq!(MatchRule::Share { per_mille: 800 }.to_string(), "0.8");
        assert_eq!(MatchRule::HALF.to_string(), "half");
        for bad in ["0", "1.5", "most", "-0.2"] {
            assert!(bad.parse::<MatchRule>().is_err(), "{bad}");
        }
    }

    #[test]
    fn half_means_the_overlap_covers_half_the_longer_span() {
        let r = MatchRule::HALF;
        // 5 of the longer 10: enough; 4 of 10: not.
        assert!(r.accepts(CharRange::new(0, 10), CharRange::new(5, 15)));
        assert!(!r.accepts(CharRange::new(0, 10), CharRange::new(6, 16)));
        assert!(!MatchRule::Exact.accepts(CharRange::new(0, 10), CharRange::new(0, 9)));
        assert!(MatchRule::Overlap.accepts(CharRange::new(0, 10), CharRange::new(9, 20)));
        assert!(!MatchRule::Overlap.accepts(CharRange::new(0, 10), CharRange::new(10, 20)));
    }

    #[test]
    fn the_optimal_pairing_keeps_both_overlapping_pairs() {
        // Greedy takes the largest overlap first (a0 with b0, 10 chars) and
        // leaves a1 and b1 alone; the optimum pairs a0-b1 and a1-b0, 9 + 9.
        let l = cat("loaded");
        let a = spans(&[(0, 20, &l), (1, 10, &l)]);
        let b = spans(&[(0, 10, &l), (11, 20, &l)]);
        let p = pair(&a, &b, MatchRule::Overlap);
        let got: Vec<(usize, usize)> = p.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(got, [(0, 1), (1, 0)]);
        assert_eq!(greedy_total(&a, &b, MatchRule::Overlap), 10);
        assert_eq!(total(&p, PairKind::Matched), 18);
    }

    #[test]
    fn equal_overlaps_go_to_the_closer_extent_then_the_earlier_mark() {
        let l = cat("loaded");
        // b0 overlaps a0 and a1 by 5 chars each; a1 is the same length as
        // b0, so it is the closer extent.
        let a = spans(&[(0, 20, &l), (5, 15, &l)]);
        let b = spans(&[(10, 20, &l)]);
        let p = pair(&a, &b, MatchRule::Overlap);
        assert_eq!(p.pairs[0].a, 0, "a0 overlaps by 10");
        // Same overlap, same extents: the earlier one.
        let a = spans(&[(0, 10, &l), (10, 20, &l)]);
        let b = spans(&[(5, 15, &l)]);
        let p = pair(&a, &b, MatchRule::HALF);
        assert_eq!((p.pairs[0].a, p.only_a.as_slice()), (0, &[1][..]));
    }

    #[test]
    fn leftovers_pair_as_boundary_then_other_category() {
        let (l, e) = (cat("loaded"), cat("editorializing"));
        let a = spans(&[(0, 20, &l), (30, 40, &l), (50, 60, &e)]);
        let b = spans(&[(0, 20, &l), (30, 33, &l), (50, 60, &l), (70, 80, &l)]);
        let p = pair(&a, &b, MatchRule::HALF);
        let kinds: Vec<(usize, usize, PairKind)> =
            p.pairs.iter().map(|p| (p.a, p.b, p.kind)).collect();
        assert_eq!(
            kinds,
            [
                (0, 0, PairKind::Matched),
                (1, 1, PairKind::Boundary),
                (2, 2, PairKind::OtherCategory)
            ]
        );
        assert_eq!(
            (p.only_a.as_slice(), p.only_b.as_slice()),
            (&[][..], &[3][..])
        );
    }

    fn total(p: &Pairing, kind: PairKind) -> usize {
        p.pairs
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.overlap_chars)
            .sum()
    }

    /// The first round done greedily: largest overlap first.
    fn greedy_total(a: &[Span], b: &[Span], rule: MatchRule) -> usize {
        let mut edges = Vec::new();
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                if x.category == y.category && rule.accepts(x.range, y.range) {
                    edges.push((overlap_chars(x.range, y.range), i, j));
                }
            }
        }
        edges.sort_by_key(|e| std::cmp::Reverse(e.0));
        let (mut ta, mut tb) = (vec![false; a.len()], vec![false; b.len()]);
        let mut sum = 0;
        for (o, i, j) in edges {
            if !ta[i] && !tb[j] {
                ta[i] = true;
                tb[j] = true;
                sum += o;
            }
        }
        sum
    }

    /// The best first round by trying every assignment: small inputs only.
    fn brute_total(a: &[Span], b: &[Span], rule: MatchRule) -> usize {
        fn go(i: usize, a: &[Span], b: &[Span], used: &mut Vec<bool>, rule: MatchRule) -> usize {
            if i == a.len() {
                return 0;
            }
            let mut best = go(i + 1, a, b, used, rule);
            for j in 0..b.len() {
                if !used[j]
                    && a[i].category == b[j].category
                    && rule.accepts(a[i].range, b[j].range)
                {
                    used[j] = true;
                    let o = overlap_chars(a[i].range, b[j].range);
                    best = best.max(o + go(i + 1, a, b, used, rule));
                    used[j] = false;
                }
            }
            best
        }
        go(0, a, b, &mut vec![false; b.len()], rule)
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        const CATS: [&str; 2] = ["loaded", "attribution"];

        fn raw() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
            proptest::collection::vec((0..60usize, 1..15usize, 0..2usize), 0..9)
        }

        fn make<'a>(v: &[(usize, usize, usize)], cats: &'a [CategoryId]) -> Vec<Span<'a>> {
            v.iter()
                .map(|&(s, l, c)| Span {
                    range: CharRange::new(s, s + l),
                    category: &cats[c],
                })
                .collect()
        }

        fn rule() -> impl Strategy<Value = MatchRule> {
            prop_oneof![
                Just(MatchRule::Exact),
                Just(MatchRule::Overlap),
                Just(MatchRule::HALF),
                (1..=1000u16).prop_map(|per_mille| MatchRule::Share { per_mille }),
            ]
        }

        fn counts(p: &Pairing) -> [usize; 5] {
            [
                p.count(PairKind::Matched),
                p.count(PairKind::Boundary),
                p.count(PairKind::OtherCategory),
                p.only_a.len(),
                p.only_b.len(),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]

            #[test]
            fn every_mark_is_in_one_pair_or_alone(a in raw(), b in raw(), rule in rule()) {
                let cats: Vec<CategoryId> = CATS.iter().map(|c| cat(c)).collect();
                let (a, b) = (make(&a, &cats), make(&b, &cats));
                let p = pair(&a, &b, rule);
                let mut seen_a = vec![0; a.len()];
                let mut seen_b = vec![0; b.len()];
                for x in &p.pairs {
                    seen_a[x.a] += 1;
                    seen_b[x.b] += 1;
                    prop_assert!(x.overlap_chars > 0);
                    let same = a[x.a].category == b[x.b].category;
                    let accepted = rule.accepts(a[x.a].range, b[x.b].range);
                    match x.kind {
                        PairKind::Matched => prop_assert!(same && accepted),
                        PairKind::Boundary => prop_assert!(same && !accepted),
                        PairKind::OtherCategory => prop_assert!(!same),
                    }
                }
                for &i in &p.only_a { seen_a[i] += 1; }
                for &j in &p.only_b { seen_b[j] += 1; }
                prop_assert!(seen_a.iter().all(|&n| n == 1), "{seen_a:?}");
                prop_assert!(seen_b.iter().all(|&n| n == 1), "{seen_b:?}");
            }

            #[test]
            fn matching_overlaps_no_less_than_greedy_and_as_much_as_the_best(
                a in raw(), b in raw(), rule in rule()
            ) {
                let cats: Vec<CategoryId> = CATS.iter().map(|c| cat(c)).collect();
                let (a, b) = (make(&a, &cats), make(&b, &cats));
                let p = pair(&a, &b, rule);
                let got = total(&p, PairKind::Matched);
                prop_assert!(got >= greedy_total(&a, &b, rule));
                prop_assert_eq!(got, brute_total(&a, &b, rule));
            }

            #[test]
            fn neither_order_nor_sides_change_the_counts(
                a in raw(), b in raw(), rule in rule(), seed in any::<u64>()
            ) {
                let cats: Vec<CategoryId> = CATS.iter().map(|c| cat(c)).collect();
                let (a, b) = (make(&a, &cats), make(&b, &cats));
                let p = pair(&a, &b, rule);
                let c = counts(&p);
                // Sides swapped: only-a and only-b swap, the rest stays.
                let q = pair(&b, &a, rule);
                let d = counts(&q);
                prop_assert_eq!([c[0], c[1], c[2], c[3], c[4]], [d[0], d[1], d[2], d[4], d[3]]);
                // Shuffled (a fixed rotation and reversal from the seed).
                let mut a2 = a.clone();
                let mut b2 = b.clone();
                if !a2.is_empty() { let k = seed as usize % a2.len(); a2.rotate_left(k); }
                if seed % 2 == 0 { b2.reverse(); }
                let r = pair(&a2, &b2, rule);
                prop_assert_eq!(counts(&r), c);
                prop_assert_eq!(total(&r, PairKind::Matched), total(&p, PairKind::Matched));
            }
        }
    }
}
