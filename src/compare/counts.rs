//! Marks per category per article for several annotators side by side: the
//! figures of `candor stats`, rearranged into one table for the window.

use serde::Serialize;

use crate::model::{AnnotatorId, ArticleId, CategoryId};
use crate::stats::Stats;

/// Which annotator and category a counts column is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsColumn {
    pub category: CategoryId,
    pub annotator: AnnotatorId,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsRow {
    pub article: ArticleId,
    pub title: String,
    /// The outlet, which the window names the row by, as the other views do.
    pub outlet: String,
    pub words: usize,
    /// One per column.
    pub counts: Vec<usize>,
    /// One per column, rounded to two decimals as `candor stats` does.
    pub per_1000_words: Vec<f64>,
}

/// Marks per category per article, several annotators side by side: one
/// column per category and annotator (annotators next to each other under
/// each category, since that is the comparison a class makes). The figures
/// are `candor stats`'s, rearranged, never recomputed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsTable {
    pub columns: Vec<CountsColumn>,
    pub rows: Vec<CountsRow>,
}

impl CountsTable {
    pub fn from_stats(stats: &Stats) -> CountsTable {
        let mut columns = Vec::new();
        for c in &stats.categories {
            for a in &stats.annotators {
                columns.push(CountsColumn {
                    category: c.clone(),
                    annotator: a.annotator.clone(),
                });
            }
        }
        // Every annotator's stats list the case's articles in the same order.
        let rows = stats
            .annotators
            .first()
            .map(|first| {
                first
                    .articles
                    .iter()
                    .enumerate()
                    .map(|(i, art)| {
                        let mut counts = Vec::with_capacity(columns.len());
                        let mut rates = Vec::with_capacity(columns.len());
                        for k in 0..stats.categories.len() {
                            for a in &stats.annotators {
                                let row = a.articles.get(i);
                                counts
                                    .push(row.and_then(|r| r.counts.get(k)).copied().unwrap_or(0));
                                rates.push(
                                    row.and_then(|r| r.per_1000_words.get(k))
                                        .copied()
                                        .unwrap_or(0.0),
                                );
                            }
                        }
                        CountsRow {
                            article: art.article.clone(),
                            title: art.title.clone(),
                            outlet: art.outlet.clone(),
                            words: art.words,
                            counts,
                            per_1000_words: rates,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        CountsTable { columns, rows }
    }

    /// Whether more than one annotator is shown (column titles then name them).
    pub fn several_annotators(&self) -> bool {
        self.columns
            .iter()
            .any(|c| Some(&c.annotator) != self.columns.first().map(|f| &f.annotator))
    }
}
