//! Krippendorff's unitizing alpha (alpha_U) for one category, as
//! Krippendorff (2004, *Content Analysis*, 2nd ed., pp. 251-256) defines it
//! and DKPro Statistics computes it (`KrippendorffAlphaUnitizingAgreement`):
//! each coder cuts the continuum (an article's chars) into units of the
//! category and the gaps between them; disagreement between two coders is
//! the sum of squared differences of the starts and ends of overlapping
//! units, plus a unit's squared length where the other coder has only a gap
//! over all of it.
//!
//! A coder's units of one category must not overlap (the measure is not
//! defined otherwise): `agree` merges one annotator's overlapping marks of a
//! category into one unit before they come here. Adjacent units stay two.
//!
//! Numbers are kept as totals, `observed` and `expected`, before the last
//! division, so that categories (and articles put end to end) can be added
//! up: alpha over all categories is `1 - sum D_o / sum D_e`, not a mean of
//! alphas, as in DKPro.

/// One coder's units of one category on a continuum `[0, len)`: sorted,
/// non-empty, non-overlapping `(start, end)` pairs.
pub type Units = [(u64, u64)];

/// Observed and expected disagreement of one category on one continuum.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Disagreement {
    pub observed: f64,
    pub expected: f64,
}

impl Disagreement {
    pub fn add(&mut self, other: Disagreement) {
        self.observed += other.observed;
        self.expected += other.expected;
    }
}

/// Squared-distance sum between two coders' units, each pair once: every
/// overlapping pair of units adds `(start difference)^2 + (end
/// difference)^2`; a unit no unit of the other coder overlaps (it lies in
/// a gap of theirs) adds its length squared.
pub fn pair_distance(a: &Units, b: &Units) -> f64 {
    // Each coder's units are sorted and disjoint, so their starts and ends
    // both ascend and one forward walk finds every overlap.
    let mut sum = 0.0;
    let mut j0 = 0;
    for &(s, e) in a {
        while j0 < b.len() && b[j0].1 <= s {
            j0 += 1;
        }
        let mut any = false;
        let mut j = j0;
        while j < b.len() && b[j].0 < e {
            let (bs, be) = b[j];
            let ds = s.abs_diff(bs) as f64;
            let de = e.abs_diff(be) as f64;
            sum += ds * ds + de * de;
            any = true;
            j += 1;
        }
        if !any {
            let l = (e - s) as f64;
            sum += l * l;
        }
    }
    sum + alone(b, a)
}

/// The squared lengths of `x`'s units that no unit of `y` overlaps.
fn alone(x: &Units, y: &Units) -> f64 {
    let mut sum = 0.0;
    let mut j = 0;
    for &(s, e) in x {
        while j < y.len() && y[j].1 <= s {
            j += 1;
        }
        if j >= y.len() || y[j].0 >= e {
            let l = (e - s) as f64;
            sum += l * l;
        }
    }
    sum
}

/// Everything alpha_U needs of one category on one continuum, gathered
/// from each coder's units, so that continua can be laid end to end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Study {
    /// Length of the continuum (chars).
    pub len: u64,
    pub coders: u64,
    /// Sum over unordered coder pairs of `pair_distance`.
    pub pair_distances: f64,
    /// Every coder's unit lengths.
    pub unit_lengths: Vec<u64>,
    /// Every coder's gap lengths (the stretches between and around units).
    pub gap_lengths: Vec<u64>,
}

impl Study {
    /// One continuum of `len` chars cut by each coder in `coders`.
    pub fn new(len: u64, coders: &[&Units]) -> Study {
        // Coders who cut the continuum alike are at distance 0 from each
        // other and at the same distance from anyone else: each distinct
        // cutting is compared once, weighted by how many coders share it,
        // so a large class (most of whom mark the same few places) costs
        // its distinct cuttings squared, not its coders squared. Distances
        // are sums of squared whole numbers, so the sum is exact either way.
        let mut sorted: Vec<&Units> = coders.to_vec();
        sorted.sort_unstable();
        let mut distinct: Vec<(&Units, f64)> = Vec::new();
        for units in sorted {
            match distinct.last_mut() {
                Some((last, count)) if *last == units => *count += 1.0,
                _ => distinct.push((units, 1.0)),
            }
        }
        let mut distances = 0.0;
        for (i, (a, na)) in distinct.iter().enumerate() {
            for (b, nb) in &distinct[i + 1..] {
                distances += na * nb * pair_distance(a, b);
            }
        }
        Study::with_distances(len, coders, distances)
    }

    /// Like `new`, with the coder pairs' distances already summed: several
    /// continua laid end to end (a case's articles) have as distance the sum
    /// of theirs, since no unit crosses from one into the next; only the
    /// gaps must be read again, as a coder's last gap in one article and
    /// first gap in the next become one gap.
    pub fn with_distances(len: u64, coders: &[&Units], pair_distances: f64) -> Study {
        let mut study = Study {
            len,
            coders: coders.len() as u64,
            pair_distances,
            ..Study::default()
        };
        for units in coders {
            study.add_segments(units);
        }
        study
    }

    fn add_segments(&mut self, units: &Units) {
        let mut pos = 0;
        for &(s, e) in units {
            if s > pos {
                self.gap_lengths.push(s - pos);
            }
            self.unit_lengths.push(e - s);
            pos = e;
        }
        if self.len > pos {
            self.gap_lengths.push(self.len - pos);
        }
    }

    /// `D_o` and `D_e` as Krippendorff (2004) gives them:
    ///
    /// `D_o = 2 / (m (m-1) L^2) * sum_pairs distance`, and
    /// `D_e = (2/L) * sum_units [ (N_c - 1)(2 l^3 - 3 l^2 + l) / 3 + l^2 sum_{gaps g >= l} (g - l + 1) ]
    ///        / (m L (m L - 1) - sum_units l (l - 1))`.
    pub fn disagreement(&self) -> Disagreement {
        let m = self.coders as f64;
        let l = self.len as f64;
        if self.coders < 2 || self.len == 0 {
            return Disagreement::default();
        }
        let observed = 2.0 * self.pair_distances / (m * (m - 1.0) * l * l);
        let n = self.unit_lengths.len() as f64;
        if self.unit_lengths.is_empty() {
            return Disagreement {
                observed,
                expected: 0.0,
            };
        }
        // Gaps sorted, with suffix sums, so that the gaps at least as long
        // as a unit are found by binary search, not by a scan per unit.
        let mut gaps = self.gap_lengths.clone();
        gaps.sort_unstable();
        let mut suffix = vec![0.0; gaps.len() + 1];
        for i in (0..gaps.len()).rev() {
            suffix[i] = suffix[i + 1] + gaps[i] as f64;
        }
        let mut sum = 0.0;
        let mut squares = 0.0;
        for &len in &self.unit_lengths {
            let x = len as f64;
            squares += x * (x - 1.0);
            let within = (n - 1.0) * (2.0 * x * x * x - 3.0 * x * x + x) / 3.0;
            let from = gaps.partition_point(|&g| g < len);
            let count = (gaps.len() - from) as f64;
            let placements = suffix[from] - (x - 1.0) * count;
            sum += within + x * x * placements;
        }
        let denominator = m * l * (m * l - 1.0) - squares;
        let expected = if denominator > 0.0 {
            sum * (2.0 / l) / denominator
        } else {
            0.0
        };
        Disagreement { observed, expected }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agree::Figure;

    fn alpha(d: Disagreement) -> f64 {
        match Figure::from_disagreements(d.observed, d.expected) {
            Figure::Value(x) => x,
            Figure::Undefined(why) => panic!("undefined: {why:?}"),
        }
    }

    /// Krippendorff (2004), p. 254, as DKPro Statistics' `Krippendorff2004Test`
    /// sets it up: a continuum from 150 to 450, two coders, categories c and
    /// k. Published (DKPro's figures): c: D_o 0.0144, D_e 0.0532, alpha
    /// 0.7286; k: D_o 0, D_e 0.0490, alpha 1; both: alpha 0.8591.
    #[test]
    fn krippendorff_2004_example() {
        let shift = |units: &[(u64, u64)]| -> Vec<(u64, u64)> {
            units.iter().map(|&(o, l)| (o - 150, o - 150 + l)).collect()
        };
        let c_i = shift(&[(225, 70), (370, 30)]);
        let c_j = shift(&[(220, 80), (355, 20), (400, 20)]);
        let k_i = shift(&[(180, 60), (300, 50)]);
        let k_j = k_i.clone();
        let c = Study::new(300, &[&c_i, &c_j]).disagreement();
        let k = Study::new(300, &[&k_i, &k_j]).disagreement();
        assert_eq!(format!("{:.4}", c.observed), "0.0144");
        assert_eq!(format!("{:.4}", c.expected), "0.0532");
        assert_eq!(format!("{:.4}", alpha(c)), "0.7286");
        assert_eq!(k.observed, 0.0);
        assert_eq!(format!("{:.4}", k.expected), "0.0490");
        assert_eq!(alpha(k), 1.0);
        let mut both = c;
        both.add(k);
        // The published 0.8591 is 1 - 0.0144 / (0.0532 + 0.0490), from the
        // disagreements rounded to four places; unrounded they give 0.8587
        // (DKPro's test allows 0.0005 either way).
        assert_eq!(format!("{:.4}", alpha(both)), "0.8587");
        assert_eq!(format!("{:.4}", 1.0 - 0.0144 / (0.0532 + 0.0490)), "0.8591");
    }

    /// DKPro's distance checks from the same page (`testDistanceMetric2`).
    #[test]
    fn krippendorff_2004_distances() {
        assert_eq!(pair_distance(&[(225, 295)], &[(220, 300)]), 50.0);
        assert_eq!(pair_distance(&[(370, 400)], &[(355, 375)]), 850.0);
        // A unit of 20 over the other's gap.
        assert_eq!(pair_distance(&[], &[(400, 420)]), 400.0);
    }

    /// Krippendorff (1995), p. 57: four pairs of coders on 24 positions.
    /// The observed disagreements, as DKPro Statistics' tests give them:
    /// A 0.03125, B 2.26736, C 0.02777, D 0.38715.
    #[test]
    fn krippendorff_1995_observed_disagreements() {
        let units =
            |v: &[(u64, u64)]| -> Vec<(u64, u64)> { v.iter().map(|&(o, l)| (o, o + l)).collect() };
        type Pair = (&'static [(u64, u64)], &'static [(u64, u64)], &'static str);
        let cases: [Pair; 4] = [
            (&[(2, 8), (14, 6)], &[(4, 4), (15, 2)], "0.03125"),
            (
                &[(0, 18)],
                &[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)],
                "2.26736",
            ),
            (
                &[(2, 6), (10, 2), (14, 4), (20, 2)],
                &[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
                "0.02778",
            ),
            (
                &[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
                &[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
                "0.38715",
            ),
        ];
        for (a, b, want) in cases {
            let d = Study::new(24, &[&units(a), &units(b)]).disagreement();
            assert_eq!(format!("{:.5}", d.observed), want);
        }
    }

    #[test]
    fn continua_laid_end_to_end_are_one_continuum() {
        let (a1, b1) = (vec![(2, 5)], vec![(3, 6)]);
        let (a2, b2) = (vec![(4, 8)], vec![(1, 3)]);
        let distances =
            Study::new(10, &[&a1, &b1]).pair_distances + Study::new(10, &[&a2, &b2]).pair_distances;
        let a = vec![(2, 5), (14, 18)];
        let b = vec![(3, 6), (11, 13)];
        let joined = Study::with_distances(20, &[&a, &b], distances);
        let whole = Study::new(20, &[&a, &b]);
        assert_eq!(joined, whole);
    }
}
