//! Agreement's fourth and fifth steps: the coding and unitizing figures of
//! each article, per category and overall, and the case's, made from the
//! articles' sums. The case's alpha_U is over the articles every compared
//! annotator handed in, laid end to end, so it is one study and not an
//! average of articles. The places where the annotators split are
//! collected on the way.

use super::coders::ArticleData;
use super::coding::{Coincidence, Fleiss};
use super::pairs::F1Sums;
use super::unitizing::{Disagreement, Study};
use super::{ArticleAgreement, Dispute, Figure, Inputs, Measures, Scope, Undefined, units};
use crate::case::Article;
use crate::model::{ArticleId, CategoryId};
use crate::text::CharRange;

/// What the articles add up to for the case.
pub(super) struct Totals {
    /// Per category: coincidences, Fleiss' tables, units coded and F1 sums.
    o: Vec<Coincidence>,
    f: Vec<Fleiss>,
    units: Vec<u64>,
    f1: Vec<F1Sums>,
    /// The articles every annotator handed in, end to end: per category,
    /// each coder's units shifted by the length before, and the pairs'
    /// distances summed.
    joined_units: Vec<Vec<Vec<(u64, u64)>>>,
    joined_distances: Vec<f64>,
    joined_len: u64,
    /// Those articles.
    pub(super) alpha_u_articles: Vec<ArticleId>,
    /// Every split place, in the order found.
    pub(super) disputes: Vec<Dispute>,
}

impl Totals {
    pub(super) fn new(n_cat: usize, n_annotators: usize) -> Self {
        Totals {
            o: vec![Coincidence::new(2); n_cat],
            f: vec![Fleiss::new(2); n_cat],
            units: vec![0; n_cat],
            f1: vec![F1Sums::default(); n_cat],
            joined_units: vec![vec![Vec::new(); n_annotators]; n_cat],
            joined_distances: vec![0.0; n_cat],
            joined_len: 0,
            alpha_u_articles: Vec::new(),
            disputes: Vec::new(),
        }
    }

    /// One article's figures from what was read of it (`d`) and its pairs'
    /// F1 sums per category (`f1`), its sums added to the case's.
    pub(super) fn add_article(
        &mut self,
        inputs: &Inputs,
        article: &Article,
        d: &ArticleData,
        f1: &[F1Sums],
    ) -> ArticleAgreement {
        let annotators = inputs.annotators;
        let n_cat = inputs.categories.len();
        let everyone: Vec<usize> = (0..annotators.len()).collect();
        let present: Vec<usize> = everyone
            .iter()
            .copied()
            .filter(|&i| d.coders[i].is_some())
            .collect();
        let all_here = present.len() == annotators.len() && present.len() >= 2;
        if all_here {
            self.alpha_u_articles.push(article.meta.id.clone());
        }
        let text = inputs
            .case
            .article_text(&article.meta.id)
            .map_or("", |t| t.text.as_str());
        let unit_ranges = if present.len() >= 2 {
            units::units(text, inputs.unit)
        } else {
            Vec::new()
        };
        let m = present.len() as u32;
        let mut per_cat = Vec::with_capacity(n_cat);
        let mut all_o = Coincidence::new(2);
        let mut all_f = Fleiss::new(2);
        let mut all_u = Disagreement::default();
        let mut all_f1 = F1Sums::default();
        for (c, &sums) in f1[..n_cat].iter().enumerate() {
            let (o, f, coded) = if m >= 2 {
                let counts = unit_counts(d, &present, c);
                collect_disputes(
                    &mut self.disputes,
                    &article.meta.id,
                    &inputs.categories[c].id,
                    text,
                    &unit_ranges,
                    &counts,
                    m,
                );
                let (o, f) = coding_tables(&counts, m);
                (o, f, d.units)
            } else {
                (Coincidence::new(2), Fleiss::new(2), 0)
            };
            let coders: Vec<&[(u64, u64)]> = present
                .iter()
                .filter_map(|&i| d.coders[i].as_ref().map(|k| k.chars[c].as_slice()))
                .collect();
            let study = Study::new(d.len, &coders);
            let u = study.disagreement();
            if all_here {
                self.join(d, c, study.pair_distances);
            }
            per_cat.push(measures(m, &o, &f, u, sums, coded));
            all_o.add(&o);
            all_f.add(&f);
            all_u.add(u);
            all_f1.add(sums);
            self.o[c].add(&o);
            self.f[c].add(&f);
            self.units[c] += coded;
            self.f1[c].add(sums);
        }
        if all_here {
            self.joined_len += d.len;
        }
        ArticleAgreement {
            article: article.meta.id.clone(),
            title: article.meta.title.clone(),
            present: present.iter().map(|&i| annotators[i].clone()).collect(),
            missing: everyone
                .iter()
                .filter(|i| !present.contains(i))
                .map(|&i| annotators[i].clone())
                .collect(),
            scope: Scope {
                overall: measures(m, &all_o, &all_f, all_u, all_f1, d.units),
                categories: per_cat,
            },
        }
    }

    /// Adds an article every annotator handed in to the joined text of
    /// category `c`: its coders' units after the articles before it.
    fn join(&mut self, d: &ArticleData, c: usize, pair_distances: f64) {
        let shift = self.joined_len;
        self.joined_distances[c] += pair_distances;
        for (i, units) in self.joined_units[c].iter_mut().enumerate() {
            if let Some(k) = &d.coders[i] {
                units.extend(k.chars[c].iter().map(|&(s, e)| (s + shift, e + shift)));
            }
        }
    }

    /// The case's figures, per category and overall, for `n_annotators`.
    pub(super) fn case_scope(&self, n_annotators: usize) -> Scope {
        let case_m = n_annotators as u32;
        let none_common = self.alpha_u_articles.is_empty();
        let mut overall_o = Coincidence::new(2);
        let mut overall_f = Fleiss::new(2);
        let mut overall_u = Disagreement::default();
        let mut overall_f1 = F1Sums::default();
        let mut categories = Vec::with_capacity(self.o.len());
        for c in 0..self.o.len() {
            let coders: Vec<&[(u64, u64)]> =
                self.joined_units[c].iter().map(|u| u.as_slice()).collect();
            let u = if none_common {
                None
            } else {
                let study =
                    Study::with_distances(self.joined_len, &coders, self.joined_distances[c]);
                Some(study.disagreement())
            };
            let mut m = measures(
                case_m,
                &self.o[c],
                &self.f[c],
                u.unwrap_or_default(),
                self.f1[c],
                self.units[c],
            );
            if u.is_none() && case_m >= 2 {
                m.alpha_u = Figure::Undefined(Undefined::NoCommonArticle);
            }
            categories.push(m);
            overall_o.add(&self.o[c]);
            overall_f.add(&self.f[c]);
            overall_u.add(u.unwrap_or_default());
            overall_f1.add(self.f1[c]);
        }
        let mut overall = measures(
            case_m,
            &overall_o,
            &overall_f,
            overall_u,
            overall_f1,
            self.units.iter().sum(),
        );
        if none_common && case_m >= 2 {
            overall.alpha_u = Figure::Undefined(Undefined::NoCommonArticle);
        }
        Scope {
            overall,
            categories,
        }
    }
}

/// The coincidences and Fleiss' table of one category on one article, from
/// how many of the `m` present annotators marked each unit.
fn coding_tables(counts: &[u32], m: u32) -> (Coincidence, Fleiss) {
    let mut hist = vec![0u64; m as usize + 1];
    for &k in counts {
        hist[k as usize] += 1;
    }
    let mut o = Coincidence::new(2);
    let mut f = Fleiss::new(2);
    for (k, &times) in hist.iter().enumerate() {
        let unit = [m - k as u32, k as u32];
        o.add_unit(&unit, times);
        f.add_unit(&unit, times);
    }
    (o, f)
}

/// The measures from a scope's sums; `m` is how many annotators are
/// compared there (fewer than two: every figure says so).
fn measures(
    m: u32,
    o: &Coincidence,
    f: &Fleiss,
    u: Disagreement,
    f1: F1Sums,
    units: u64,
) -> Measures {
    if m < 2 {
        let none = Figure::Undefined(Undefined::TooFewAnnotators);
        return Measures {
            alpha: none,
            fleiss: none,
            alpha_u: none,
            f1_exact: none,
            f1_overlap: none,
            units: 0,
        };
    }
    Measures {
        alpha: o.alpha(),
        fleiss: f.kappa(),
        alpha_u: Figure::from_disagreements(u.observed, u.expected),
        f1_exact: Figure::f1(f1.exact, f1.marks),
        f1_overlap: Figure::f1(f1.overlap, f1.marks),
        units,
    }
}

/// Per unit of the article, how many of `present` marked it in category `c`.
fn unit_counts(d: &ArticleData, present: &[usize], c: usize) -> Vec<u32> {
    let n = d.units as usize;
    let mut delta = vec![0i64; n + 1];
    for &i in present {
        if let Some(k) = &d.coders[i] {
            for &(lo, hi) in &k.covered[c] {
                delta[lo as usize] += 1;
                delta[hi as usize] -= 1;
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut run = 0i64;
    for x in &delta[..n] {
        run += x;
        out.push(run as u32);
    }
    out
}

/// Adds the article's runs of split units to `out`.
fn collect_disputes(
    out: &mut Vec<Dispute>,
    article: &ArticleId,
    category: &CategoryId,
    text: &str,
    unit_ranges: &[(u64, u64)],
    counts: &[u32],
    of: u32,
) {
    let mut i = 0;
    let mut found = Vec::new();
    while i < counts.len() {
        let k = counts[i];
        let mut j = i + 1;
        while j < counts.len() && counts[j] == k {
            j += 1;
        }
        if k > 0 && k < of {
            found.push((unit_ranges[i].0, unit_ranges[j - 1].1, k));
        }
        i = j;
    }
    if found.is_empty() {
        return;
    }
    let index = crate::text::TextIndex::new(text);
    for (s, e, k) in found {
        let range = CharRange::new(s as usize, e as usize);
        out.push(Dispute {
            article: article.clone(),
            category: category.clone(),
            range,
            quote: index.slice(text, range).unwrap_or_default().to_string(),
            marked: k,
            of,
        });
    }
}
