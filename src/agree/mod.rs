//! Agreement between annotators, as plain data: every figure `candor agree`
//! prints and the window's Agreement view shows, with the rules it was
//! computed by, and nothing formatted. AGREEMENT.md gives each formula and
//! the published examples the tests reproduce.
//!
//! - **Coding measures** (`coding`): each unit (a word, or a char with
//!   `Unit::Char`) is coded per category as marked or not by each
//!   annotator. Krippendorff's alpha (nominal), Fleiss' kappa, and Cohen's
//!   kappa for each pair of annotators. An annotator who has not handed an
//!   article in (not marked done, and no marks there, as grading says) is
//!   *missing* on its units, not "marked nothing".
//! - **Unitizing alpha** (`unitizing`): Krippendorff's alpha_U on char
//!   offsets, per category, and over all categories from the summed
//!   disagreements. One annotator's overlapping marks of a category are
//!   merged into one unit first.
//! - **Span F1**: each pair of annotators' marks paired one-to-one by
//!   grading's matching (`grade::matching`), exact and overlapping.
//! - **Attributes**: alpha of each choice or yes/no attribute over the
//!   pairs of marks the overlapping matching pairs.
//!
//! Every figure is a [`Figure`]: a value, or undefined with its reason;
//! never NaN. The pairs of annotators are computed on as many threads as
//! there are cores (up to 8).

pub mod coding;
mod pairs;
pub mod unitizing;
pub mod units;

use std::collections::HashMap;

use serde::Serialize;

use crate::case::Case;
use crate::grade::matching::{self, MatchRule, PairKind, Span};
use crate::model::{AnnotatorId, ArticleId, AttrValue, AttributeKind, CategoryId};
use crate::text::CharRange;

use coding::{Coincidence, Contingency, Fleiss};
use pairs::{F1Sums, attribute_specs, pairs};
use unitizing::{Disagreement, Study};
pub use units::Unit;

/// Why a figure cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// Fewer than two annotators handed the article in (or were chosen).
    TooFewAnnotators,
    /// No unit was coded by two annotators or more (an empty text).
    NoUnits,
    /// Every unit has the same value (nothing marked, or everything, by
    /// everyone): no disagreement is expected by chance, so there is none
    /// to correct for.
    NoVariation,
    /// Neither annotator marked anything: no span to agree on.
    NoMarks,
    /// No pair of matched marks where either sets this attribute.
    NoMatchedMarks,
    /// No article that every annotator compared handed in.
    NoCommonArticle,
}

/// A figure, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Value(f64),
    Undefined(Undefined),
}

/// Below this, an expected disagreement (or `1 - P_e`) is taken for zero:
/// rounding in the sums must not turn "no variation" into a huge alpha.
const EPSILON: f64 = 1e-12;

impl Figure {
    /// `1 - observed / expected`.
    pub fn from_disagreements(observed: f64, expected: f64) -> Figure {
        if !observed.is_finite() || !expected.is_finite() || expected <= EPSILON {
            return Figure::Undefined(Undefined::NoVariation);
        }
        Figure::Value(1.0 - observed / expected)
    }

    /// `(observed - expected) / (1 - expected)`, for agreements in [0, 1].
    pub fn from_agreements(observed: f64, expected: f64) -> Figure {
        if !observed.is_finite() || !expected.is_finite() || 1.0 - expected <= EPSILON {
            return Figure::Undefined(Undefined::NoVariation);
        }
        Figure::Value((observed - expected) / (1.0 - expected))
    }

    /// F1 from matched pairs and both sides' marks.
    pub fn f1(matched: u64, marks: u64) -> Figure {
        if marks == 0 {
            return Figure::Undefined(Undefined::NoMarks);
        }
        Figure::Value(2.0 * matched as f64 / marks as f64)
    }

    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Value(x) => Some(x),
            Figure::Undefined(_) => None,
        }
    }
}

/// How agreement is computed: what `--unit` sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AgreeOptions {
    pub unit: Unit,
}

/// Everything output must state for the figures to explain themselves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rules {
    /// The coding measures' unit.
    pub unit: Unit,
    /// alpha_U is on char offsets whatever the unit.
    pub unitizing_unit: &'static str,
    /// How articles not handed in count: the annotator is missing there.
    pub missing: &'static str,
    /// How one annotator's overlapping marks of a category are treated.
    pub overlaps: &'static str,
    /// The two span matchings F1 is computed with (grading's).
    pub f1_rules: [MatchRule; 2],
    /// The matching whose matched pairs attribute agreement compares.
    pub attributes_rule: MatchRule,
}

impl Rules {
    fn new(options: &AgreeOptions) -> Self {
        Rules {
            unit: options.unit,
            unitizing_unit: "chars",
            missing: "not_handed_in_is_missing",
            overlaps: "merged_per_annotator_and_category",
            f1_rules: [MatchRule::Exact, MatchRule::Overlap],
            attributes_rule: MatchRule::Overlap,
        }
    }
}

/// A category as the figures' columns show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryInfo {
    pub id: CategoryId,
    pub name: String,
}

/// Every measure of one scope (the case, or one article), for one category
/// or all of them together.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Measures {
    pub alpha: Figure,
    pub fleiss: Figure,
    pub alpha_u: Figure,
    /// Over every pair of annotators: `2 * matched / marks of both`.
    pub f1_exact: Figure,
    pub f1_overlap: Figure,
    /// Units coded by two annotators or more (per category).
    pub units: u64,
}

/// The measures of one scope, for all categories and for each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scope {
    /// All categories together: coincidences and disagreements summed.
    pub overall: Measures,
    /// In the order of `Agreement::categories`.
    pub categories: Vec<Measures>,
}

/// One article's agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleAgreement {
    pub article: ArticleId,
    pub title: String,
    /// The annotators compared who handed it in.
    pub present: Vec<AnnotatorId>,
    /// Those who did not: missing on its units.
    pub missing: Vec<AnnotatorId>,
    pub scope: Scope,
}

/// One pair's figures on one category, or all together.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PairMeasures {
    pub kappa: Figure,
    pub alpha: Figure,
    pub f1_exact: Figure,
    pub f1_overlap: Figure,
    pub marks_a: u64,
    pub marks_b: u64,
    pub matched_exact: u64,
    pub matched_overlap: u64,
}

/// Two annotators compared, on the articles both handed in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    pub a: AnnotatorId,
    pub b: AnnotatorId,
    /// Articles both handed in.
    pub articles: usize,
    pub overall: PairMeasures,
    pub categories: Vec<PairMeasures>,
}

/// Alpha of one attribute over matched marks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeAgreement {
    pub category: CategoryId,
    pub attribute: String,
    /// The attribute's name in the schema.
    pub name: String,
    /// Matched pairs where either mark sets it.
    pub pairs: u64,
    pub alpha: Figure,
}

/// A stretch of text where the annotators split: consecutive units of one
/// category that the same number of them marked, neither all nor none.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dispute {
    pub article: ArticleId,
    pub category: CategoryId,
    pub range: CharRange,
    pub quote: String,
    /// Annotators who marked it.
    pub marked: u32,
    /// Annotators who handed the article in.
    pub of: u32,
}

impl Dispute {
    /// Share of the annotator pairs that disagree on it, 1 at an even split
    /// of two.
    pub fn split(&self) -> f64 {
        let (k, m) = (f64::from(self.marked), f64::from(self.of));
        if m < 2.0 {
            return 0.0;
        }
        2.0 * k * (m - k) / (m * (m - 1.0))
    }
}

/// How many disputes `Agreement::disputes` keeps.
pub const DISPUTES_KEPT: usize = 20;

/// The agreement of a group of annotators on a case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub rules: Rules,
    /// In the case's order.
    pub annotators: Vec<AnnotatorId>,
    /// The schema's judgement categories, then any other that a mark uses.
    pub categories: Vec<CategoryInfo>,
    pub case: Scope,
    /// The case's alpha_U is over these articles, laid end to end: those
    /// every annotator compared handed in.
    pub alpha_u_articles: Vec<ArticleId>,
    pub articles: Vec<ArticleAgreement>,
    /// Every pair, `a` before `b` in `annotators`' order.
    pub pairs: Vec<PairAgreement>,
    pub attributes: Vec<AttributeAgreement>,
    /// The places the annotators split on most, most split first.
    pub disputes: Vec<Dispute>,
}

impl Agreement {
    /// A category's name for people: the schema's, or its id for a
    /// category only a mark uses.
    pub fn category_name<'a>(&'a self, id: &'a CategoryId) -> &'a str {
        self.categories
            .iter()
            .find(|c| &c.id == id)
            .map_or(id.as_str(), |c| c.name.as_str())
    }
}

/// Whom agreement compares by default: every annotator but the answer key
/// and an adjudicated gold set (`gold`), in the case's order.
pub fn default_annotators(case: &Case) -> Vec<AnnotatorId> {
    case.annotators()
        .keys()
        .filter(|a| case.key() != Some(*a) && a.as_str() != "gold")
        .cloned()
        .collect()
}

/// Whether `who` handed `article` in: marked it done, or marked anything
/// in it. Otherwise they are missing there (grading's rule).
pub fn handed_in(case: &Case, who: &AnnotatorId, article: &ArticleId) -> bool {
    case.is_done(who, article) || !case.marks(who, article).is_empty()
}

/// One annotator's marks on one article, read once for every pair.
struct Coder<'c> {
    spans: Vec<Span<'c>>,
    /// Per mark, its category's index.
    category: Vec<usize>,
    /// Per category: char ranges (merged) and covered units.
    chars: Vec<Vec<(u64, u64)>>,
    covered: Vec<Vec<(u32, u32)>>,
    /// Per category: the marks as `(start, end, index in marks)`, in text
    /// order, and the furthest end of each prefix of them.
    spans_of: Vec<Vec<(u64, u64, u32)>>,
    reach: Vec<Vec<u64>>,
    /// Per mark, its value of each attribute its category's specs list
    /// (`AttrSpec::index`), so pairs compare numbers, not strings.
    attrs: Vec<Vec<u16>>,
}

/// What is read of one article.
struct ArticleData<'c> {
    len: u64,
    units: u64,
    /// Per annotator (in `annotators`' order): `None` when missing.
    coders: Vec<Option<Coder<'c>>>,
}

impl Agreement {
    /// Agreement of `annotators` (at least the figures say why not, with
    /// fewer than two) on every article of the case.
    pub fn build(case: &Case, annotators: &[AnnotatorId], options: &AgreeOptions) -> Agreement {
        let schema = case.schema();
        let mut categories: Vec<CategoryInfo> = schema
            .judgements()
            .map(|c| CategoryInfo {
                id: c.id.clone(),
                name: c.name.clone(),
            })
            .collect();
        let mut index: HashMap<CategoryId, usize> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        // Categories marks use that the schema lacks are counted too.
        for article in case.articles() {
            for who in annotators {
                for m in crate::grade::graded(case, who, &article.meta.id) {
                    if !index.contains_key(&m.category) {
                        index.insert(m.category.clone(), categories.len());
                        categories.push(CategoryInfo {
                            id: m.category.clone(),
                            name: m.category.to_string(),
                        });
                    }
                }
            }
        }
        let n_cat = categories.len();
        let attr_specs = attribute_specs(case, &categories);
        let mut specs_of: Vec<Vec<usize>> = vec![Vec::new(); n_cat];
        for (i, spec) in attr_specs.iter().enumerate() {
            specs_of[spec.category].push(i);
        }

        let data: Vec<ArticleData> = case
            .articles()
            .iter()
            .map(|article| {
                let id = &article.meta.id;
                let text = case.article_text(id).map_or("", |t| t.text.as_str());
                let unit_ranges = units::units(text, options.unit);
                let coders = annotators
                    .iter()
                    .map(|who| {
                        handed_in(case, who, id).then(|| {
                            let marks = crate::grade::graded(case, who, id);
                            let spans = marks.iter().map(|m| Span::from(*m)).collect();
                            let category: Vec<usize> =
                                marks.iter().map(|m| index[&m.category]).collect();
                            let chars: Vec<Vec<(u64, u64)>> = (0..n_cat)
                                .map(|c| {
                                    units::merged(
                                        marks
                                            .iter()
                                            .zip(&category)
                                            .filter(|(_, k)| **k == c)
                                            .map(|(m, _)| *m),
                                    )
                                })
                                .collect();
                            let covered = chars
                                .iter()
                                .map(|r| units::covered(&unit_ranges, r))
                                .collect();
                            let mut spans_of: Vec<Vec<(u64, u64, u32)>> = vec![Vec::new(); n_cat];
                            for (i, (m, &c)) in marks.iter().zip(&category).enumerate() {
                                spans_of[c].push((m.start.0 as u64, m.end.0 as u64, i as u32));
                            }
                            let reach = spans_of
                                .iter_mut()
                                .map(|v| {
                                    v.sort_unstable();
                                    let mut far = 0;
                                    v.iter()
                                        .map(|x| {
                                            far = far.max(x.1);
                                            far
                                        })
                                        .collect()
                                })
                                .collect();
                            let attrs = marks
                                .iter()
                                .zip(&category)
                                .map(|(m, &c)| {
                                    specs_of[c]
                                        .iter()
                                        .map(|&s| {
                                            let spec = &attr_specs[s];
                                            spec.index(m.attributes.get(&spec.id)) as u16
                                        })
                                        .collect()
                                })
                                .collect();
                            Coder {
                                spans,
                                category,
                                chars,
                                covered,
                                spans_of,
                                reach,
                                attrs,
                            }
                        })
                    })
                    .collect();
                ArticleData {
                    len: text.chars().count() as u64,
                    units: unit_ranges.len() as u64,
                    coders,
                }
            })
            .collect();

        let parts = pairs(&data, annotators, n_cat, &attr_specs);
        let mut pair_list = Vec::new();
        let mut f1 = vec![vec![F1Sums::default(); n_cat]; data.len()];
        let mut attr_o: Vec<Coincidence> = attr_specs
            .iter()
            .map(|s| Coincidence::new(s.values.len() + 2))
            .collect();
        for part in parts {
            pair_list.extend(part.pairs);
            for (mine, theirs) in f1.iter_mut().zip(&part.f1) {
                for (x, y) in mine.iter_mut().zip(theirs) {
                    x.add(*y);
                }
            }
            for (x, y) in attr_o.iter_mut().zip(&part.attributes) {
                x.add(y);
            }
        }

        // Coding and unitizing, per article and category.
        let mut case_o = vec![Coincidence::new(2); n_cat];
        let mut case_f = vec![Fleiss::new(2); n_cat];
        let mut case_units = vec![0u64; n_cat];
        let mut case_f1 = vec![F1Sums::default(); n_cat];
        let everyone: Vec<usize> = (0..annotators.len()).collect();
        let mut alpha_u_articles = Vec::new();
        // The case's alpha_U: the articles every annotator handed in, end
        // to end; per category, each coder's units shifted by the length
        // before, and the pairs' distances summed.
        let mut joined_units: Vec<Vec<Vec<(u64, u64)>>> =
            vec![vec![Vec::new(); annotators.len()]; n_cat];
        let mut joined_distances = vec![0.0; n_cat];
        let mut joined_len = 0u64;
        let mut articles = Vec::with_capacity(data.len());
        let mut disputes = Vec::new();
        for (ai, (article, d)) in case.articles().iter().zip(&data).enumerate() {
            let present: Vec<usize> = everyone
                .iter()
                .copied()
                .filter(|&i| d.coders[i].is_some())
                .collect();
            let all_here = present.len() == annotators.len() && present.len() >= 2;
            if all_here {
                alpha_u_articles.push(article.meta.id.clone());
            }
            let text = case
                .article_text(&article.meta.id)
                .map_or("", |t| t.text.as_str());
            let unit_ranges = if present.len() >= 2 {
                units::units(text, options.unit)
            } else {
                Vec::new()
            };
            let mut per_cat = Vec::with_capacity(n_cat);
            let mut all_o = Coincidence::new(2);
            let mut all_f = Fleiss::new(2);
            let mut all_u = Disagreement::default();
            let mut all_f1 = F1Sums::default();
            for c in 0..n_cat {
                let m = present.len() as u32;
                let (o, f, coded) = if m >= 2 {
                    let counts = unit_counts(d, &present, c);
                    collect_disputes(
                        &mut disputes,
                        &article.meta.id,
                        &categories[c].id,
                        text,
                        &unit_ranges,
                        &counts,
                        m,
                    );
                    let mut hist = vec![0u64; m as usize + 1];
                    for &k in &counts {
                        hist[k as usize] += 1;
                    }
                    let mut o = Coincidence::new(2);
                    let mut f = Fleiss::new(2);
                    for (k, &times) in hist.iter().enumerate() {
                        let unit = [m - k as u32, k as u32];
                        o.add_unit(&unit, times);
                        f.add_unit(&unit, times);
                    }
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
                    joined_distances[c] += study.pair_distances;
                    for (i, units) in joined_units[c].iter_mut().enumerate() {
                        if let Some(k) = &d.coders[i] {
                            units.extend(
                                k.chars[c]
                                    .iter()
                                    .map(|&(s, e)| (s + joined_len, e + joined_len)),
                            );
                        }
                    }
                }
                let sums = f1[ai][c];
                per_cat.push(measures(m, &o, &f, u, sums, coded));
                all_o.add(&o);
                all_f.add(&f);
                all_u.add(u);
                all_f1.add(sums);
                case_o[c].add(&o);
                case_f[c].add(&f);
                case_units[c] += coded;
                case_f1[c].add(sums);
            }
            if all_here {
                joined_len += d.len;
            }
            let m = present.len() as u32;
            articles.push(ArticleAgreement {
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
            });
        }

        // The case.
        let case_m = annotators.len() as u32;
        let mut overall_o = Coincidence::new(2);
        let mut overall_f = Fleiss::new(2);
        let mut overall_u = Disagreement::default();
        let mut overall_f1 = F1Sums::default();
        let mut case_cats = Vec::with_capacity(n_cat);
        for c in 0..n_cat {
            let coders: Vec<&[(u64, u64)]> = joined_units[c].iter().map(|u| u.as_slice()).collect();
            let u = if alpha_u_articles.is_empty() {
                None
            } else {
                Some(Study::with_distances(joined_len, &coders, joined_distances[c]).disagreement())
            };
            let mut m = measures(
                case_m,
                &case_o[c],
                &case_f[c],
                u.unwrap_or_default(),
                case_f1[c],
                case_units[c],
            );
            if u.is_none() && case_m >= 2 {
                m.alpha_u = Figure::Undefined(Undefined::NoCommonArticle);
            }
            case_cats.push(m);
            overall_o.add(&case_o[c]);
            overall_f.add(&case_f[c]);
            overall_u.add(u.unwrap_or_default());
            overall_f1.add(case_f1[c]);
        }
        let mut overall = measures(
            case_m,
            &overall_o,
            &overall_f,
            overall_u,
            overall_f1,
            case_units.iter().sum(),
        );
        if alpha_u_articles.is_empty() && case_m >= 2 {
            overall.alpha_u = Figure::Undefined(Undefined::NoCommonArticle);
        }

        let attributes = attr_specs
            .iter()
            .zip(&attr_o)
            .map(|(spec, o)| {
                let pairs = (o.pairable() / 2.0).round() as u64;
                AttributeAgreement {
                    category: categories[spec.category].id.clone(),
                    attribute: spec.id.clone(),
                    name: spec.name.clone(),
                    pairs,
                    alpha: if pairs == 0 {
                        Figure::Undefined(Undefined::NoMatchedMarks)
                    } else {
                        o.alpha()
                    },
                }
            })
            .collect();

        disputes.sort_by(|x: &Dispute, y: &Dispute| {
            y.split()
                .total_cmp(&x.split())
                .then(y.range.len().cmp(&x.range.len()))
        });
        disputes.truncate(DISPUTES_KEPT);

        Agreement {
            rules: Rules::new(options),
            annotators: annotators.to_vec(),
            categories,
            case: Scope {
                overall,
                categories: case_cats,
            },
            alpha_u_articles,
            articles,
            pairs: pair_list,
            attributes,
            disputes,
        }
    }

    /// One pair's figures, either way round.
    pub fn pair(&self, x: &AnnotatorId, y: &AnnotatorId) -> Option<&PairAgreement> {
        self.pairs
            .iter()
            .find(|p| (&p.a == x && &p.b == y) || (&p.a == y && &p.b == x))
    }
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

#[cfg(test)]
mod tests {
    use super::pairs::{exact_matches, isolated_overlaps};
    use super::*;
    use crate::model::{Mark, MarkId, Timestamp};
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
        let mut spans_of = vec![Vec::new(); 2];
        for (i, (m, &c)) in refs.iter().zip(&category).enumerate() {
            spans_of[c].push((m.start.0 as u64, m.end.0 as u64, i as u32));
        }
        let reach = spans_of
            .iter_mut()
            .map(|v: &mut Vec<(u64, u64, u32)>| {
                v.sort_unstable();
                let mut far = 0;
                v.iter()
                    .map(|x| {
                        far = far.max(x.1);
                        far
                    })
                    .collect()
            })
            .collect();
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

    proptest! {
        /// The shortcuts give what grading's pairing gives: the exact
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
