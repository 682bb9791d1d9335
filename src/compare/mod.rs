//! How different articles carry the same claims and name the same parties:
//! the claims x articles and actors x articles tables, built as plain data
//! from one annotator's links and marks so that the window, `candor compare`
//! and the tests all read the same figures, and every figure names the mark
//! ids it comes from.
//!
//! # How a claims cell is classified
//!
//! A cell is one claim in one article. It looks at the marks of that claim
//! (the ids listed in the claim) that lie in that article, and reads the
//! attributes of the default schema's categories:
//!
//! 1. **Attributed** if any of them is an `attribution` mark whose
//!    `source_kind` is set and is not `none`; or whose `source_kind` is unset
//!    but whose `source` text is filled in (the annotator named a source and
//!    forgot the kind, shown as kind `unspecified`). The cell carries that
//!    mark's `source_kind`, `source`, `cue` and `stance`; with several such
//!    marks, the first in reading order speaks for the cell and all are listed.
//! 2. Otherwise **hedged** if any of them is a `loaded` mark of kind `doubt`
//!    ("alleged", "so-called", scare quotes) or an `editorializing` mark of
//!    kind `speculation` ("may well have"): the writer carries the claim but
//!    signals doubt about it in their own voice.
//! 3. Otherwise **stated as fact**: the article carries the claim with no
//!    source and no hedge. An `attribution` mark with `source_kind: none` is
//!    the explicit way to say so; any other mark of the claim counts the same.
//! 4. **Absent** when the claim has no mark in that article.
//!
//! A row is *contested* when one article attributes the claim and another
//! states it as fact: the comparison a reader most needs to see.
//!
//! Claim and actor mark ids that match no mark of the annotator (a deleted
//! mark; `candor check` reports these) are listed per row as `unresolved`
//! rather than dropped silently.
//!
//! # Where things are
//!
//! `claims`, `actors` and `counts` each build one table; this module holds
//! what they share (the article columns, the mark index) and `CompareViews`,
//! every table the compare window shows, built in one call. The tables are
//! figures only: `crate::export` writes them as text, CSV and JSON.

mod actors;
mod claims;
mod counts;

use std::collections::HashMap;

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, AttrValue, CategoryId, Mark, MarkId};
use crate::stats;
use crate::text::CharRange;

pub use actors::{ActorRow, ActorWords, ActorsTable};
pub use claims::{Carriage, ClaimCell, ClaimRow, ClaimsTable, classify};
pub use counts::{CountsColumn, CountsRow, CountsTable};

/// Category and attribute ids of the default schema that the classification reads.
pub const LOADED: &str = "loaded";
pub const ATTRIBUTION: &str = "attribution";
pub const EDITORIALIZING: &str = "editorializing";

/// An article as a column of the tables.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleColumn {
    pub article: ArticleId,
    pub title: String,
    pub outlet: String,
}

/// One mark behind a cell: enough to show its words and open it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkRef {
    pub mark: MarkId,
    pub category: CategoryId,
    pub range: CharRange,
    pub quote: String,
}

impl MarkRef {
    fn of(mark: &Mark) -> Self {
        MarkRef {
            mark: mark.id.clone(),
            category: mark.category.clone(),
            range: mark.range(),
            quote: mark.quote.clone(),
        }
    }
}

/// Every comparison view of one annotator, as `candor compare --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub claims: ClaimsTable,
    pub actors: ActorsTable,
}

impl Comparison {
    pub fn build(case: &Case, annotator: &AnnotatorId) -> Comparison {
        Comparison {
            claims: ClaimsTable::build(case, annotator),
            actors: ActorsTable::build(case, annotator),
        }
    }
}

/// Every table of the compare window: the claims and actors of some
/// annotators, and the counts of `candor stats` for some (maybe other)
/// annotators, side by side. The window shows one annotator's claims and actors
/// next to the counts of that annotator or of everyone; `candor compare`
/// prints the comparisons of the annotators asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareViews {
    pub comparisons: Vec<Comparison>,
    pub counts: CountsTable,
}

impl CompareViews {
    /// Blind reading: every article named "Article n" (by its place in
    /// the case), with no outlet, as the window shows them when the case
    /// asks for it.
    pub fn blind(&mut self, case: &Case) {
        let name = |id: &ArticleId| {
            case.articles()
                .iter()
                .position(|a| &a.meta.id == id)
                .map_or_else(|| id.to_string(), crate::model::blind_name)
        };
        let columns = self.comparisons.iter_mut().flat_map(|c| {
            c.claims
                .columns
                .iter_mut()
                .chain(c.actors.columns.iter_mut())
        });
        for col in columns {
            col.title = name(&col.article);
            col.outlet.clear();
        }
        for row in &mut self.counts.rows {
            row.title = name(&row.article);
            row.outlet.clear();
        }
    }

    /// `comparisons_for`: whose claims and actors tables, in that order (an
    /// annotator without links gets empty tables); `counts_for`: whose counts,
    /// as `stats::stats` takes them. Either one empty means every annotator of
    /// the case, in the case's order.
    pub fn build(
        case: &Case,
        comparisons_for: &[AnnotatorId],
        counts_for: &[AnnotatorId],
    ) -> CompareViews {
        let comparisons = if comparisons_for.is_empty() {
            case.annotators()
                .keys()
                .map(|a| Comparison::build(case, a))
                .collect()
        } else {
            comparisons_for
                .iter()
                .map(|a| Comparison::build(case, a))
                .collect()
        };
        CompareViews {
            comparisons,
            counts: CountsTable::from_stats(&stats::stats(case, counts_for)),
        }
    }
}

/// Where each of an annotator's marks is, by id: built once per table so a
/// row costs a lookup per mark id, not a scan of the case.
struct MarkIndex<'c> {
    by_id: HashMap<&'c MarkId, (usize, &'c Mark)>,
}

impl<'c> MarkIndex<'c> {
    fn new(case: &'c Case, annotator: &AnnotatorId) -> Self {
        let mut by_id = HashMap::new();
        for (col, art) in case.articles().iter().enumerate() {
            for m in case.marks(annotator, &art.meta.id) {
                by_id.entry(&m.id).or_insert((col, m));
            }
        }
        MarkIndex { by_id }
    }

    /// The marks of `ids` per column, in reading order, and the ids not found.
    fn split(&self, ids: &[MarkId], columns: usize) -> (Vec<Vec<&'c Mark>>, Vec<MarkId>) {
        let mut per_col: Vec<Vec<&Mark>> = vec![Vec::new(); columns];
        let mut unresolved = Vec::new();
        for id in ids {
            match self.by_id.get(id) {
                Some(&(col, m)) => {
                    if !per_col[col].iter().any(|x| x.id == m.id) {
                        per_col[col].push(m);
                    }
                }
                None => unresolved.push(id.clone()),
            }
        }
        for marks in &mut per_col {
            marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        (per_col, unresolved)
    }
}

fn columns(case: &Case) -> Vec<ArticleColumn> {
    case.articles()
        .iter()
        .map(|a| ArticleColumn {
            article: a.meta.id.clone(),
            title: a.meta.title.clone(),
            outlet: a.meta.outlet.clone(),
        })
        .collect()
}

fn text_attr<'m>(mark: &'m Mark, id: &str) -> Option<&'m str> {
    match mark.attributes.get(id) {
        Some(AttrValue::Text(s)) => Some(s.as_str()),
        _ => None,
    }
}
