//! Agreement between annotators, as plain data: every figure `candor agree`
//! prints and the window's Agreement view shows, with the rules it was
//! computed by, and nothing formatted. AGREEMENT.md gives each formula and
//! the published examples the tests reproduce.
//!
//! - **Coding measures** (`coding`): each unit (a word, or a char with
//!   `Unit::Char`) is coded per category as marked or not by each
//!   annotator. Krippendorff's alpha (nominal), Fleiss' kappa, and Cohen's
//!   kappa for each pair of annotators. An annotator who has not handed an
//!   article in (`pairing::HandIn`: not marked done, and no marks there,
//!   grading's rule too) is *missing* on its units, not "marked nothing".
//! - **Unitizing alpha** (`unitizing`): Krippendorff's alpha_U on char
//!   offsets, per category, and over all categories from the summed
//!   disagreements. One annotator's overlapping marks of a category are
//!   merged into one unit first.
//! - **Span F1**: each pair of annotators' marks paired one-to-one by the
//!   matching grading uses too (`pairing::matching`), exact and overlapping.
//! - **Attributes**: alpha of each choice or yes/no attribute over the
//!   pairs of marks the overlapping matching pairs.
//!
//! Every figure is a [`Figure`]: a value, or undefined with its reason;
//! never NaN. The pairs of annotators are computed on as many threads as
//! there are cores (up to 8).
//!
//! Memory grows with the annotators, not their pairs: each pair's figures
//! are summed into each annotator's against the rest as they are made, and
//! kept only when every pair is listed (`ListPairs`: a small class, or when
//! asked). `budget` estimates a request's memory from its counts first.
//!
//! `Agreement::build` runs in six steps, each a function: the categories
//! (here), reading each article once (`coders`), every pair (`pairs`), each
//! article's coding and unitizing figures and the case's (`scopes`), then
//! the attributes and the places most split (here).

pub mod budget;
mod coders;
pub mod coding;
mod pairs;
mod scopes;
pub mod unitizing;
pub mod units;

use std::collections::HashMap;

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, CategoryId};
use crate::pairing::{self, MatchRule};
use crate::progress::{Cancelled, Progress};
use crate::text::CharRange;

use coders::{AttrSpec, attribute_specs};
use coding::Coincidence;
use pairs::{measures_of, pairs};
use scopes::Totals;
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

/// How agreement is computed: what `--unit` and `--pairs` set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AgreeOptions {
    pub unit: Unit,
    pub pairs: ListPairs,
}

/// Whether every pair of annotators gets its own figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListPairs {
    /// For a class of at most [`PAIRS_LISTED_UP_TO`] annotators.
    #[default]
    Small,
    /// Whatever the class (`--pairs`).
    Always,
}

/// Up to this many annotators (1,225 pairs), every pair is listed unless
/// asked otherwise; above it, each annotator against the rest only.
pub const PAIRS_LISTED_UP_TO: usize = 50;

impl ListPairs {
    /// Whether `annotators` of them get every pair listed.
    pub fn lists(self, annotators: usize) -> bool {
        match self {
            ListPairs::Small => annotators <= PAIRS_LISTED_UP_TO,
            ListPairs::Always => true,
        }
    }
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

/// One annotator against the rest: every pair they are part of, summed.
/// The 2x2 tables of those pairs are added up (the annotator on the first
/// side) and kappa and alpha computed from the sum, as the case's overall
/// figure pools its categories; F1 is the pairs' matched marks over their
/// marks. `marks_a` is the annotator's marks counted once per pair,
/// `marks_b` the others'.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestAgreement {
    pub annotator: AnnotatorId,
    /// Pairs with an article both handed in: what was summed.
    pub pairs: u64,
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
    /// Whether every pair is listed in `pairs` (`ListPairs`).
    pub pairs_listed: bool,
    /// Every pair, `a` before `b` in `annotators`' order, when
    /// `pairs_listed`; else empty.
    pub pairs: Vec<PairAgreement>,
    /// Each annotator against the rest, in `annotators`' order.
    pub rest: Vec<RestAgreement>,
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

/// What every step of `Agreement::build` reads.
struct Inputs<'a> {
    case: &'a Case,
    /// In the case's order.
    annotators: &'a [AnnotatorId],
    categories: &'a [CategoryInfo],
    unit: Unit,
}

impl Agreement {
    /// Agreement of `annotators` (at least the figures say why not, with
    /// fewer than two) on every article of the case, in six steps: the
    /// categories compared; each article read once; every pair of
    /// annotators; each article's coding and unitizing figures; the case's
    /// from the articles' sums; the attributes and the places most split.
    pub fn build(case: &Case, annotators: &[AnnotatorId], options: &AgreeOptions) -> Agreement {
        Agreement::build_with_progress(case, annotators, options, &Progress::none())
            .unwrap_or_else(|Cancelled| unreachable!("Progress::none is never cancelled"))
    }

    /// [`Agreement::build`] as the three steps of the stage "agreement" of
    /// `progress` (the articles read, every pair compared, the figures
    /// summed), cancelled between them: a cancel drops what was computed.
    pub fn build_with_progress(
        case: &Case,
        annotators: &[AnnotatorId],
        options: &AgreeOptions,
        progress: &Progress,
    ) -> Result<Agreement, Cancelled> {
        progress.stage("agreement", 3);
        let (categories, index) = categories(case, annotators);
        let specs = attribute_specs(case, &categories);
        let inputs = Inputs {
            case,
            annotators,
            categories: &categories,
            unit: options.unit,
        };
        let data = coders::read_articles(&inputs, &index, &specs);
        progress.step();
        progress.check()?;
        let listed = options.pairs.lists(annotators.len());
        let pooled = pairs(&data, annotators, categories.len(), &specs, listed);
        progress.step();
        progress.check()?;
        let mut totals = Totals::new(categories.len(), annotators.len());
        let articles = case
            .articles()
            .iter()
            .zip(&data)
            .zip(&pooled.f1)
            .map(|((article, d), f1)| totals.add_article(&inputs, article, d, f1))
            .collect();
        let case_scope = totals.case_scope(annotators.len());
        let attributes = attributes(&specs, &pooled.attributes, &categories);
        let rest = annotators
            .iter()
            .zip(&pooled.rest)
            .map(|(who, r)| {
                let (overall, categories) =
                    measures_of(usize::from(r.pairs > 0), &r.tables, &r.sums);
                RestAgreement {
                    annotator: who.clone(),
                    pairs: r.pairs,
                    overall,
                    categories,
                }
            })
            .collect();
        let Totals {
            alpha_u_articles,
            disputes,
            ..
        } = totals;
        progress.step();
        Ok(Agreement {
            rules: Rules::new(options),
            annotators: annotators.to_vec(),
            categories,
            case: case_scope,
            alpha_u_articles,
            articles,
            pairs_listed: listed,
            pairs: pooled.pairs,
            rest,
            attributes,
            disputes: most_split(disputes),
        })
    }

    /// One pair's figures, either way round.
    pub fn pair(&self, x: &AnnotatorId, y: &AnnotatorId) -> Option<&PairAgreement> {
        self.pairs
            .iter()
            .find(|p| (&p.a == x && &p.b == y) || (&p.a == y && &p.b == x))
    }
}

/// The categories compared, and each one's place among them: the schema's
/// judgement categories, then any other that a counted mark of
/// `annotators` uses, so no mark is left out of the figures.
fn categories(
    case: &Case,
    annotators: &[AnnotatorId],
) -> (Vec<CategoryInfo>, HashMap<CategoryId, usize>) {
    let mut categories: Vec<CategoryInfo> = case
        .schema()
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
    for article in case.articles() {
        for who in annotators {
            for m in pairing::counted_marks(case, who, &article.meta.id) {
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
    (categories, index)
}

/// Each compared attribute's alpha, from its coincidences over the pairs'
/// matched marks.
fn attributes(
    specs: &[AttrSpec],
    coincidences: &[Coincidence],
    categories: &[CategoryInfo],
) -> Vec<AttributeAgreement> {
    specs
        .iter()
        .zip(coincidences)
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
        .collect()
}

/// The `DISPUTES_KEPT` places split most evenly, the longer first among
/// equals.
fn most_split(mut disputes: Vec<Dispute>) -> Vec<Dispute> {
    disputes.sort_by(|x: &Dispute, y: &Dispute| {
        y.split()
            .total_cmp(&x.split())
            .then(y.range.len().cmp(&x.range.len()))
    });
    disputes.truncate(DISPUTES_KEPT);
    disputes
}
