//! The coding measures, on counts alone: Krippendorff's alpha (nominal)
//! from a coincidence matrix, Fleiss' kappa from the values each unit got,
//! and Cohen's kappa from a two-coder contingency table. They know nothing
//! of marks or texts: `agree` turns word or char units into counts, the
//! tests feed the published tables in directly.
//!
//! Values are indices `0..k`. A unit is given as how many of its coders
//! gave it each value; a coder missing on a unit is simply not counted
//! there, which is how alpha treats missing data (Krippendorff 2011). A
//! unit with fewer than two values is not pairable and adds nothing.

use super::{Figure, Undefined};

/// Krippendorff's coincidence matrix: `o[c][k]` is how often value `c` was
/// paired with `k` within a unit, each unit's pairs weighted by
/// `1 / (m_u - 1)` so that every pairable value counts once.
#[derive(Clone, Debug, PartialEq)]
pub struct Coincidence {
    k: usize,
    o: Vec<f64>,
}

impl Coincidence {
    pub fn new(values: usize) -> Self {
        Coincidence {
            k: values,
            o: vec![0.0; values * values],
        }
    }

    /// Adds `times` units that each got `counts[v]` values `v`.
    pub fn add_unit(&mut self, counts: &[u32], times: u64) {
        debug_assert_eq!(counts.len(), self.k);
        let m: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        if m < 2 || times == 0 {
            return;
        }
        let w = times as f64 / (m - 1) as f64;
        for (c, &nc) in counts.iter().enumerate() {
            if nc == 0 {
                continue;
            }
            for (k, &nk) in counts.iter().enumerate() {
                let pairs = if c == k {
                    f64::from(nc) * (f64::from(nc) - 1.0)
                } else {
                    f64::from(nc) * f64::from(nk)
                };
                self.o[c * self.k + k] += pairs * w;
            }
        }
    }

    /// Adds one unit of two values (a pair of marks): `o[a][b]` and
    /// `o[b][a]` grow by one.
    pub fn add_unit_pair(&mut self, a: usize, b: usize) {
        self.o[a * self.k + b] += 1.0;
        self.o[b * self.k + a] += 1.0;
    }

    /// Adds a matrix built the same way (over other units, or another
    /// category): pooling units is adding their coincidences.
    pub fn add(&mut self, other: &Coincidence) {
        debug_assert_eq!(self.k, other.k);
        for (x, y) in self.o.iter_mut().zip(&other.o) {
            *x += y;
        }
    }

    /// `o[c][k]`.
    pub fn get(&self, c: usize, k: usize) -> f64 {
        self.o[c * self.k + k]
    }

    /// Pairable values, `n..` in Krippendorff's notation.
    pub fn pairable(&self) -> f64 {
        self.o.iter().sum()
    }

    /// Nominal alpha: `1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k`.
    /// Undefined with no pairable values, or when every pairable value is
    /// the same (no disagreement is expected, so none can be corrected for).
    pub fn alpha(&self) -> Figure {
        let n = self.pairable();
        if n < 2.0 {
            return Figure::Undefined(Undefined::NoUnits);
        }
        let marginal: Vec<f64> = (0..self.k)
            .map(|c| (0..self.k).map(|k| self.get(c, k)).sum())
            .collect();
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..self.k {
            for k in 0..self.k {
                if c != k {
                    observed += self.get(c, k);
                    expected += marginal[c] * marginal[k];
                }
            }
        }
        Figure::from_disagreements(observed * (n - 1.0), expected)
    }
}

/// What Fleiss' kappa needs of every unit: its share of agreeing pairs, and
/// how often each value was given. Units may have different numbers of
/// coders (a coder missing there is not counted); each unit's `P_i` is over
/// its own coders, and the value shares `p_j` over all values given.
#[derive(Clone, Debug, PartialEq)]
pub struct Fleiss {
    /// Sum of `P_i` over the units with two coders or more.
    agreement: f64,
    units: u64,
    /// Values given, per value.
    given: Vec<f64>,
}

impl Fleiss {
    pub fn new(values: usize) -> Self {
        Fleiss {
            agreement: 0.0,
            units: 0,
            given: vec![0.0; values],
        }
    }

    pub fn add_unit(&mut self, counts: &[u32], times: u64) {
        let m: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        if m < 2 || times == 0 {
            return;
        }
        let pairs: f64 = counts
            .iter()
            .map(|&c| f64::from(c) * (f64::from(c) - 1.0))
            .sum();
        self.agreement += times as f64 * pairs / (m as f64 * (m as f64 - 1.0));
        self.units += times;
        for (g, &c) in self.given.iter_mut().zip(counts) {
            *g += times as f64 * f64::from(c);
        }
    }

    pub fn add(&mut self, other: &Fleiss) {
        self.agreement += other.agreement;
        self.units += other.units;
        for (g, o) in self.given.iter_mut().zip(&other.given) {
            *g += o;
        }
    }

    /// `P-bar`, the mean share of agreeing pairs per unit.
    pub fn observed(&self) -> Option<f64> {
        (self.units > 0).then(|| self.agreement / self.units as f64)
    }

    /// `P_e`, the sum of the squared value shares.
    pub fn expected(&self) -> Option<f64> {
        let total: f64 = self.given.iter().sum();
        (total > 0.0).then(|| self.given.iter().map(|g| (g / total).powi(2)).sum())
    }

    /// `(P-bar - P_e) / (1 - P_e)`.
    pub fn kappa(&self) -> Figure {
        match (self.observed(), self.expected()) {
            (Some(p), Some(pe)) => Figure::from_agreements(p, pe),
            _ => Figure::Undefined(Undefined::NoUnits),
        }
    }
}

/// A two-coder contingency table: `t[a][b]` units coded `a` by the first
/// coder and `b` by the second.
#[derive(Clone, Debug, PartialEq)]
pub struct Contingency {
    k: usize,
    t: Vec<f64>,
}

impl Contingency {
    pub fn new(values: usize) -> Self {
        Contingency {
            k: values,
            t: vec![0.0; values * values],
        }
    }

    pub fn add(&mut self, a: usize, b: usize, units: f64) {
        self.t[a * self.k + b] += units;
    }

    pub fn add_table(&mut self, other: &Contingency) {
        for (x, y) in self.t.iter_mut().zip(&other.t) {
            *x += y;
        }
    }

    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.t[a * self.k + b]
    }

    pub fn units(&self) -> f64 {
        self.t.iter().sum()
    }

    /// Cohen's kappa: `(p_o - p_e) / (1 - p_e)`, with `p_e` from each
    /// coder's own value shares.
    pub fn cohen(&self) -> Figure {
        let n = self.units();
        if n <= 0.0 {
            return Figure::Undefined(Undefined::NoUnits);
        }
        let observed = (0..self.k).map(|v| self.get(v, v)).sum::<f64>() / n;
        let expected = (0..self.k)
            .map(|v| {
                let a: f64 = (0..self.k).map(|b| self.get(v, b)).sum();
                let b: f64 = (0..self.k).map(|a| self.get(a, v)).sum();
                (a / n) * (b / n)
            })
            .sum::<f64>();
        Figure::from_agreements(observed, expected)
    }

    /// Krippendorff's alpha of the same two coders: each unit is a pair of
    /// values, so the coincidences are the table plus its transpose.
    pub fn alpha(&self) -> Figure {
        let mut o = Coincidence::new(self.k);
        for a in 0..self.k {
            for b in 0..self.k {
                o.o[a * self.k + b] += self.get(a, b);
                o.o[b * self.k + a] += self.get(a, b);
            }
        }
        o.alpha()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(f: Figure) -> f64 {
        match f {
            Figure::Value(x) => x,
            Figure::Undefined(why) => panic!("undefined: {why:?}"),
        }
    }

    /// Units given as each coder's value (`None` missing), values `1..=k`.
    fn counts(unit: &[Option<usize>], k: usize) -> Vec<u32> {
        let mut c = vec![0; k];
        for v in unit.iter().flatten() {
            c[v - 1] += 1;
        }
        c
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability",
    /// section C: four observers, twelve units, values 1 to 5, missing
    /// data. The paper gives nominal alpha 0.743.
    #[test]
    fn krippendorff_2011_nominal_is_0_743() {
        let n = None;
        let (a, b, c, d) = (Some(1), Some(2), Some(3), Some(4));
        let e = Some(5);
        let observers = [
            [a, b, c, c, b, a, d, a, b, n, n, n],
            [a, b, c, c, b, b, d, a, b, e, n, c],
            [n, c, c, c, b, c, d, b, b, e, a, n],
            [a, b, c, c, b, d, d, a, b, e, a, n],
        ];
        let mut o = Coincidence::new(5);
        for u in 0..12 {
            let unit: Vec<Option<usize>> = observers.iter().map(|obs| obs[u]).collect();
            o.add_unit(&counts(&unit, 5), 1);
        }
        // Unit 12 has one value only and is not pairable: n.. = 40.
        assert!((o.pairable() - 40.0).abs() < 1e-9);
        assert_eq!(format!("{:.3}", value(o.alpha())), "0.743");
        assert!((value(o.alpha()) - 0.7434).abs() < 0.00005);
    }

    /// Fleiss (1971), p. 379: 30 patients, 6 psychiatrists each, five
    /// diagnoses. Published: P-bar 0.5556, P_e 0.2201, kappa 0.430.
    /// (DKPro Statistics' `Fleiss1971Test` has the same table.)
    #[test]
    fn fleiss_1971_is_0_430() {
        let rows: [[usize; 6]; 30] = [
            [4, 4, 4, 4, 4, 4],
            [2, 2, 2, 5, 5, 5],
            [2, 3, 3, 3, 3, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3],
            [3, 3, 3, 3, 5, 5],
            [1, 1, 3, 3, 3, 4],
            [1, 1, 4, 4, 4, 4],
            [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4],
            [1, 2, 4, 4, 4, 4],
            [2, 2, 2, 3, 3, 3],
            [1, 4, 4, 4, 4, 4],
            [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5],
            [1, 1, 1, 4, 5, 5],
            [1, 1, 1, 1, 1, 2],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 4, 4, 4, 4, 4],
            [2, 2, 4, 5, 5, 5],
            [1, 1, 4, 4, 4, 4],
            [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4],
            [1, 1, 1, 1, 5, 5],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 3, 3, 3],
            [5, 5, 5, 5, 5, 5],
        ];
        let mut f = Fleiss::new(5);
        for row in &rows {
            let unit: Vec<Option<usize>> = row.iter().map(|&v| Some(v)).collect();
            f.add_unit(&counts(&unit, 5), 1);
        }
        assert_eq!(format!("{:.4}", f.observed().unwrap_or_default()), "0.5556");
        // Fleiss rounds the value shares to three places (0.144, 0.144,
        // 0.167, 0.306, 0.239) before squaring them: 0.2201. Unrounded they
        // give 0.2199; kappa is 0.430 either way.
        let pe = f.expected().unwrap_or_default();
        assert_eq!(format!("{pe:.4}"), "0.2199");
        let rounded: f64 = [0.144f64, 0.144, 0.167, 0.306, 0.239]
            .iter()
            .map(|p| p * p)
            .sum();
        assert_eq!(format!("{rounded:.4}"), "0.2201");
        assert_eq!(format!("{:.3}", value(f.kappa())), "0.430");
    }

    /// Cohen (1960), p. 45: 200 units, three values. Published: p_o 0.70,
    /// p_e 0.41, kappa 0.492.
    #[test]
    fn cohen_1960_is_0_492() {
        let cells = [
            (0, 0, 88.0),
            (0, 1, 14.0),
            (0, 2, 18.0),
            (1, 0, 10.0),
            (1, 1, 40.0),
            (1, 2, 10.0),
            (2, 0, 2.0),
            (2, 1, 6.0),
            (2, 2, 12.0),
        ];
        let mut t = Contingency::new(3);
        for (a, b, n) in cells {
            t.add(a, b, n);
        }
        assert_eq!(format!("{:.3}", value(t.cohen())), "0.492");
    }

    /// Krippendorff (1995, p. 57), pair A digitized, as DKPro Statistics'
    /// tests give it: kappa 0.385, alpha 0.329.
    #[test]
    fn krippendorff_1995_digitized_pair_a() {
        let bertha = "001111111100001111110000";
        let bill = "000011110000000110000000";
        let mut t = Contingency::new(2);
        for (x, y) in bertha.bytes().zip(bill.bytes()) {
            t.add(usize::from(x - b'0'), usize::from(y - b'0'), 1.0);
        }
        assert_eq!(format!("{:.3}", value(t.cohen())), "0.385");
        assert_eq!(format!("{:.3}", value(t.alpha())), "0.329");
    }

    #[test]
    fn a_single_value_everywhere_is_undefined_not_nan() {
        let mut t = Contingency::new(2);
        t.add(1, 1, 24.0);
        assert_eq!(t.cohen(), Figure::Undefined(Undefined::NoVariation));
        assert_eq!(t.alpha(), Figure::Undefined(Undefined::NoVariation));
        let mut f = Fleiss::new(2);
        f.add_unit(&[0, 3], 10);
        assert_eq!(f.kappa(), Figure::Undefined(Undefined::NoVariation));
        assert_eq!(
            Coincidence::new(2).alpha(),
            Figure::Undefined(Undefined::NoUnits)
        );
        assert_eq!(
            Contingency::new(2).cohen(),
            Figure::Undefined(Undefined::NoUnits)
        );
    }
}
