//! Every pair of annotators, for the figures that compare two at a time:
//! Cohen's kappa, alpha and span F1 exact and overlapping per pair and
//! category, and the attribute coincidences on matched marks, split over
//! the cores. Marks are paired one-to-one by the shared matching
//! (`pairing::matching`, grading's too) where a mark overlaps two of the
//! other side's; elsewhere the result is known without it
//! (`isolated_overlaps`, `exact_matches`).

use super::coders::{ArticleData, AttrSpec, Coder};
use super::coding::{Coincidence, Contingency};
use super::{Figure, PairAgreement, PairMeasures, Undefined, units};
use crate::model::AnnotatorId;
use crate::pairing::{MatchRule, PairKind, matching};
use crate::parallel;

/// Per-pair sums that the articles' and the case's F1 pool.
#[derive(Clone, Copy, Default)]
pub(super) struct F1Sums {
    pub(super) marks: u64,
    pub(super) exact: u64,
    pub(super) overlap: u64,
}

impl F1Sums {
    pub(super) fn add(&mut self, o: F1Sums) {
        self.marks += o.marks;
        self.exact += o.exact;
        self.overlap += o.overlap;
    }
}

/// One annotator's pairs summed, per category: the 2x2 table
/// `(n00, n01, n10, n11)` with the annotator on the first side, their
/// marks, the others' marks, exact and overlapping matches; and how many
/// of the pairs share an article.
#[derive(Clone)]
pub(super) struct RestSums {
    pub(super) tables: Vec<[f64; 4]>,
    pub(super) sums: Vec<(u64, u64, u64, u64)>,
    pub(super) pairs: u64,
}

impl RestSums {
    fn new(n_cat: usize) -> Self {
        RestSums {
            tables: vec![[0.0; 4]; n_cat],
            sums: vec![(0, 0, 0, 0); n_cat],
            pairs: 0,
        }
    }

    /// Adds one pair's figures, the annotator on side `a` when `first`,
    /// else on side `b` (the table and the sums turned round).
    fn add_pair(&mut self, tables: &[[f64; 4]], sums: &[(u64, u64, u64, u64)], first: bool) {
        for ((t, s), (x, y)) in self
            .tables
            .iter_mut()
            .zip(&mut self.sums)
            .zip(tables.iter().zip(sums))
        {
            let x = if first { *x } else { [x[0], x[2], x[1], x[3]] };
            for (t, x) in t.iter_mut().zip(x) {
                *t += x;
            }
            let y = if first { *y } else { (y.1, y.0, y.2, y.3) };
            *s = (s.0 + y.0, s.1 + y.1, s.2 + y.2, s.3 + y.3);
        }
    }

    fn add(&mut self, o: &RestSums) {
        self.add_pair(&o.tables, &o.sums, true);
        self.pairs += o.pairs;
    }
}

/// What one thread computes over its share of the pairs, and what they
/// all pool into.
pub(super) struct PairsPart {
    /// Every pair, when they are listed; else empty.
    pub(super) pairs: Vec<PairAgreement>,
    /// `[article][category]`.
    pub(super) f1: Vec<Vec<F1Sums>>,
    pub(super) attributes: Vec<Coincidence>,
    /// Per annotator: their pairs summed.
    pub(super) rest: Vec<RestSums>,
}

impl PairsPart {
    fn new(n: usize, n_articles: usize, n_cat: usize, specs: &[AttrSpec]) -> Self {
        PairsPart {
            pairs: Vec::new(),
            f1: vec![vec![F1Sums::default(); n_cat]; n_articles],
            attributes: specs
                .iter()
                .map(|s| Coincidence::new(s.values.len() + 2))
                .collect(),
            rest: vec![RestSums::new(n_cat); n],
        }
    }
}

/// Pairs a block holds at most before its last row (whole rows of the
/// triangle of pairs are taken until there are this many): enough to keep
/// each article's coders in the cache for many pairs, few enough that the
/// block's tables stay small whatever the class.
const BLOCK_PAIRS: usize = 4096;

/// The rows `i` (pairs `(i, j)` for every `j > i`) of each block, in order:
/// at least `BLOCK_PAIRS` pairs a block, or fewer so that each of
/// `threads` gets about eight blocks, for the threads to finish together.
fn blocks(n: usize, threads: usize) -> Vec<(usize, usize)> {
    let total = n * n.saturating_sub(1) / 2;
    let target = (total / (threads.max(1) * 8)).clamp(64, BLOCK_PAIRS);
    let mut out = Vec::new();
    let (mut start, mut count) = (0, 0);
    for i in 0..n {
        count += n - 1 - i;
        if count >= target {
            out.push((start, i + 1));
            (start, count) = (i + 1, 0);
        }
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// Every pair of annotators, split over threads, and their sums pooled;
/// each pair's figures are kept only when `list` says so. The pairs are
/// made block by block, never all at once, so memory grows with the
/// annotators, not with their pairs.
pub(super) fn pairs(
    data: &[ArticleData],
    annotators: &[AnnotatorId],
    n_cat: usize,
    specs: &[AttrSpec],
    list: bool,
) -> PairsPart {
    let n = annotators.len();
    let threads = if n * n.saturating_sub(1) / 2 < 16 {
        1
    } else {
        parallel::cores(8)
    };
    let blocks = blocks(n, threads);
    let parts = parallel::par_chunks(&blocks, threads, |part| {
        let mut out = PairsPart::new(n, data.len(), n_cat, specs);
        let mut pairs = Vec::new();
        for &(r0, r1) in part {
            pairs.clear();
            pairs.extend((r0..r1).flat_map(|i| (i + 1..n).map(move |j| (i, j))));
            pairs_part(&pairs, data, annotators, n_cat, specs, list, &mut out);
        }
        out
    });
    pool(parts, n, data.len(), n_cat, specs)
}

/// The threads' parts as one: the pairs in order, and the F1 sums,
/// attribute coincidences and each annotator's sums added up, part after
/// part.
fn pool(
    parts: Vec<PairsPart>,
    n: usize,
    n_articles: usize,
    n_cat: usize,
    specs: &[AttrSpec],
) -> PairsPart {
    let mut out = PairsPart::new(n, n_articles, n_cat, specs);
    for part in parts {
        out.pairs.extend(part.pairs);
        for (mine, theirs) in out.f1.iter_mut().zip(&part.f1) {
            for (x, y) in mine.iter_mut().zip(theirs) {
                x.add(*y);
            }
        }
        for (x, y) in out.attributes.iter_mut().zip(&part.attributes) {
            x.add(y);
        }
        for (x, y) in out.rest.iter_mut().zip(&part.rest) {
            x.add(y);
        }
    }
    out
}

/// The pairs of one block, added to `out`.
pub(super) fn pairs_part(
    part: &[(usize, usize)],
    data: &[ArticleData],
    annotators: &[AnnotatorId],
    n_cat: usize,
    specs: &[AttrSpec],
    list: bool,
    out: &mut PairsPart,
) {
    let mut by_category: Vec<Vec<usize>> = vec![Vec::new(); n_cat];
    for (c, s) in specs.iter().enumerate() {
        by_category[s.category].push(c);
    }
    let mut matched: Vec<(u32, u32)> = Vec::new();
    let mut scratch: Vec<u32> = Vec::new();
    // Articles outside, pairs inside: one article's coders fit in the
    // cache and are read by every pair in turn, where pairs outside would
    // read every coder's every article from memory again for each pair.
    // Per pair and category: the 2x2 table (n00, n01, n10, n11), and the
    // marks of each side, exact and overlapping matches.
    let mut tables = vec![[0.0f64; 4]; part.len() * n_cat];
    let mut sums = vec![(0u64, 0u64, 0u64, 0u64); part.len() * n_cat];
    let mut articles = vec![0usize; part.len()];
    for (ai, d) in data.iter().enumerate() {
        for (p, &(i, j)) in part.iter().enumerate() {
            let (Some(a), Some(b)) = (&d.coders[i], &d.coders[j]) else {
                continue;
            };
            articles[p] += 1;
            let tables = &mut tables[p * n_cat..(p + 1) * n_cat];
            let sums = &mut sums[p * n_cat..(p + 1) * n_cat];
            for (t, (ca, cb)) in tables.iter_mut().zip(a.covered.iter().zip(&b.covered)) {
                let both = units::shared(ca, cb) as f64;
                let (na, nb) = (units::count(ca) as f64, units::count(cb) as f64);
                t[3] += both;
                t[2] += na - both;
                t[1] += nb - both;
                t[0] += d.units as f64 - na - nb + both;
            }
            // Matched by the overlap rule: where no mark overlaps two of
            // the other side's in its category, the matched pairs are the
            // overlapping pairs themselves (what grading's pairing makes of
            // them); anywhere else, grading's pairing decides.
            matched.clear();
            let mut simple = true;
            for c in 0..n_cat {
                if !isolated_overlaps(a, b, c, &mut matched, &mut scratch) {
                    simple = false;
                    break;
                }
            }
            if !simple {
                matched.clear();
                let pairing = matching::pair(&a.spans, &b.spans, MatchRule::Overlap);
                matched.extend(
                    pairing
                        .pairs
                        .iter()
                        .filter(|p| p.kind == PairKind::Matched)
                        .map(|p| (p.a as u32, p.b as u32)),
                );
            }
            for (c, sum) in sums.iter_mut().enumerate() {
                let exact = exact_matches(&a.spans_of[c], &b.spans_of[c]);
                let na = a.spans_of[c].len() as u64;
                let nb = b.spans_of[c].len() as u64;
                sum.0 += na;
                sum.1 += nb;
                sum.2 += exact;
                let f = &mut out.f1[ai][c];
                f.marks += na + nb;
                f.exact += exact;
            }
            for &(pa, pb) in &matched {
                let c = a.category[pa as usize];
                sums[c].3 += 1;
                out.f1[ai][c].overlap += 1;
                let (va, vb) = (&a.attrs[pa as usize], &b.attrs[pb as usize]);
                for (k, &s) in by_category[c].iter().enumerate() {
                    let unset = specs[s].values.len() as u16;
                    let (x, y) = (va[k], vb[k]);
                    if x == unset && y == unset {
                        continue;
                    }
                    out.attributes[s].add_unit_pair(usize::from(x), usize::from(y));
                }
            }
        }
    }
    for (p, &(i, j)) in part.iter().enumerate() {
        let tables = &tables[p * n_cat..(p + 1) * n_cat];
        let sums = &sums[p * n_cat..(p + 1) * n_cat];
        if articles[p] > 0 {
            for (who, first) in [(i, true), (j, false)] {
                let rest = &mut out.rest[who];
                rest.add_pair(tables, sums, first);
                rest.pairs += 1;
            }
        }
        if list {
            let (overall, categories) = measures_of(articles[p], tables, sums);
            out.pairs.push(PairAgreement {
                a: annotators[i].clone(),
                b: annotators[j].clone(),
                articles: articles[p],
                overall,
                categories,
            });
        }
    }
}

/// The figures of one pair (or one annotator against the rest) from its
/// tables and sums per category: overall (tables and sums pooled) and per
/// category. `articles` 0 says the sides share no article.
pub(super) fn measures_of(
    articles: usize,
    tables: &[[f64; 4]],
    sums: &[(u64, u64, u64, u64)],
) -> (PairMeasures, Vec<PairMeasures>) {
    let mut pooled = Contingency::new(2);
    let mut total = (0u64, 0u64, 0u64, 0u64);
    let categories = tables
        .iter()
        .zip(sums)
        .map(|(t, &s)| {
            let mut table = Contingency::new(2);
            table.add(0, 0, t[0]);
            table.add(0, 1, t[1]);
            table.add(1, 0, t[2]);
            table.add(1, 1, t[3]);
            pooled.add_table(&table);
            total = (total.0 + s.0, total.1 + s.1, total.2 + s.2, total.3 + s.3);
            pair_measures(articles, &table, s)
        })
        .collect();
    (pair_measures(articles, &pooled, total), categories)
}

pub(super) fn pair_measures(
    articles: usize,
    t: &Contingency,
    (marks_a, marks_b, exact, overlap): (u64, u64, u64, u64),
) -> PairMeasures {
    if articles == 0 {
        let none = Figure::Undefined(Undefined::NoCommonArticle);
        return PairMeasures {
            kappa: none,
            alpha: none,
            f1_exact: none,
            f1_overlap: none,
            marks_a,
            marks_b,
            matched_exact: exact,
            matched_overlap: overlap,
        };
    }
    PairMeasures {
        kappa: t.cohen(),
        alpha: t.alpha(),
        f1_exact: Figure::f1(exact, marks_a + marks_b),
        f1_overlap: Figure::f1(overlap, marks_a + marks_b),
        marks_a,
        marks_b,
        matched_exact: exact,
        matched_overlap: overlap,
    }
}

/// Adds to `out` the overlapping pairs of category `c` (mark indices of `a`
/// and `b`), and says whether each mark overlaps at most one of the other
/// side's there. Only then are those pairs the overlap rule's matches for
/// certain: each is a group of its own in grading's assignment.
pub(super) fn isolated_overlaps(
    a: &Coder,
    b: &Coder,
    c: usize,
    out: &mut Vec<(u32, u32)>,
    seen_b: &mut Vec<u32>,
) -> bool {
    let (xs, ys, reach) = (&a.spans_of[c], &b.spans_of[c], &b.reach[c]);
    seen_b.clear();
    for &(s, e, i) in xs {
        if s >= e {
            continue;
        }
        let before_end = ys.partition_point(|y| y.0 < e);
        let mut found = 0;
        for j in (0..before_end).rev() {
            if reach[j] <= s {
                break;
            }
            let (ys_, ye, yi) = ys[j];
            if ye > s && ye > ys_ {
                found += 1;
                if found > 1 {
                    return false;
                }
                out.push((i, yi));
                seen_b.push(yi);
            }
        }
    }
    seen_b.sort_unstable();
    !seen_b.windows(2).any(|w| w[0] == w[1])
}

/// How many marks two sides' sorted `(start, end, _)` lists have in common,
/// one-to-one: what grading's pairing matches by the exact rule.
pub(super) fn exact_matches(a: &[(u64, u64, u32)], b: &[(u64, u64, u32)]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        let (ka, kb) = ((a[i].0, a[i].1), (b[j].0, b[j].1));
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let ra = a[i..].iter().take_while(|x| (x.0, x.1) == ka).count();
                let rb = b[j..].iter().take_while(|x| (x.0, x.1) == kb).count();
                // An empty mark matches nothing, as in grading.
                if ka.1 > ka.0 {
                    n += ra.min(rb) as u64;
                }
                i += ra;
                j += rb;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::coders::spans_by_category;
    use super::*;
    use crate::model::{CategoryId, Mark, MarkId, Timestamp};
    use crate::pairing::Span;
    use crate::text::CharPos;
    use proptest::prelude::*;

    const CATS: [&str; 2] = ["loaded", "attribution"];

    fn marks(spec: &[(usize, usize, usize)]) -> Vec<Mark> {
        spec.iter()
            .enumerate()
            .map(|(i, &(s, n, c))| Mark {
                id: MarkId(format!("m{i}")),
                category: CategoryId::new(CATS[c]),
                start: CharPos(s),
                end: CharPos(s + n),
                quote: String::new(),
                prefix: String::new(),
                suffix: String::new(),
                review: None,
                attributes: Default::default(),
                note: String::new(),
                created: Timestamp::default(),
                modified: Timestamp::default(),
            })
            .collect()
    }

    fn coder(marks: &[Mark]) -> Coder<'_> {
        let refs: Vec<&Mark> = marks.iter().collect();
        let category: Vec<usize> = refs
            .iter()
            .map(|m| {
                CATS.iter()
                    .position(|c| *c == m.category.as_str())
                    .unwrap_or(0)
            })
            .collect();
        let (spans_of, reach) = spans_by_category(&refs, &category, CATS.len());
        Coder {
            spans: refs.iter().map(|m| Span::from(*m)).collect(),
            category,
            chars: Vec::new(),
            covered: Vec::new(),
            spans_of,
            reach,
            attrs: Vec::new(),
        }
    }

    fn spec() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
        prop::collection::vec((0usize..60, 0usize..12, 0usize..2), 0..10)
    }

    /// The blocks take every row of the triangle of pairs once, in order,
    /// so every pair is made exactly once whatever the class.
    #[test]
    fn blocks_cover_every_pair_once() {
        for (n, threads) in [
            (0, 1),
            (1, 2),
            (2, 2),
            (3, 1),
            (90, 2),
            (91, 8),
            (200, 2),
            (5000, 2),
        ] {
            let b = blocks(n, threads);
            let mut next = 0;
            for &(r0, r1) in &b {
                assert_eq!(r0, next, "n = {n}");
                assert!(r1 > r0);
                next = r1;
            }
            assert_eq!(next, n, "n = {n}");
            if n > 200 {
                // Each block but the last holds at least BLOCK_PAIRS here.
                for &(r0, r1) in &b[..b.len() - 1] {
                    let pairs: usize = (r0..r1).map(|i| n - 1 - i).sum();
                    assert!(pairs >= BLOCK_PAIRS, "n = {n}");
                }
            }
        }
    }

    proptest! {
        /// The shortcuts give what the shared pairing gives: the exact
        /// rule's matches are the spans both sides have, and where marks
        /// overlap one mark each, the overlap rule's are those overlaps.
        #[test]
        fn shortcuts_match_gradings_pairing(x in spec(), y in spec()) {
            let (ma, mb) = (marks(&x), marks(&y));
            let (a, b) = (coder(&ma), coder(&mb));
            let exact = matching::pair(&a.spans, &b.spans, MatchRule::Exact);
            let fast: u64 = (0..2).map(|c| exact_matches(&a.spans_of[c], &b.spans_of[c])).sum();
            prop_assert_eq!(fast, exact.count(PairKind::Matched) as u64);

            let overlap = matching::pair(&a.spans, &b.spans, MatchRule::Overlap);
            let mut found = Vec::new();
            let mut scratch = Vec::new();
            let simple = (0..2).all(|c| isolated_overlaps(&a, &b, c, &mut found, &mut scratch));
            if simple {
                let mut want: Vec<(u32, u32)> = overlap
                    .pairs
                    .iter()
                    .filter(|p| p.kind == PairKind::Matched)
                    .map(|p| (p.a as u32, p.b as u32))
                    .collect();
                want.sort_unstable();
                found.sort_unstable();
                prop_assert_eq!(found, want);
            }
        }
    }
}
