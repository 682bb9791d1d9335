//! Marks per article and category, absolute and per 1,000 words: the figure
//! an instructor puts on the board, built as plain data so the window, the
//! command line and the tests all read the same numbers.

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, CategoryId};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// Category ids, in schema order (then any unknown ones found in marks).
    pub categories: Vec<CategoryId>,
    pub annotators: Vec<AnnotatorStats>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnotatorStats {
    pub annotator: AnnotatorId,
    pub articles: Vec<ArticleStats>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleStats {
    pub article: ArticleId,
    pub title: String,
    pub outlet: String,
    pub words: usize,
    /// One count per entry of `Stats::categories`.
    pub counts: Vec<usize>,
    /// `counts` per 1,000 words, rounded to two decimals; 0 for an empty text.
    pub per_1000_words: Vec<f64>,
}

/// Counts for the given annotators (all of them when `only` is empty).
/// Mentions (an actor's name marked without a judgement) are no category's
/// figure and are left out.
pub fn stats(case: &Case, only: &[AnnotatorId]) -> Stats {
    let schema = case.schema();
    let mut categories: Vec<CategoryId> = schema.judgements().map(|c| c.id.clone()).collect();
    for a in case.annotators().values() {
        for m in a.marks.values().flatten() {
            if !categories.contains(&m.category) && schema.counts(&m.category) {
                categories.push(m.category.clone());
            }
        }
    }
    let annotators = case
        .annotators()
        .keys()
        .filter(|a| only.is_empty() || only.contains(a))
        .map(|ann| AnnotatorStats {
            annotator: ann.clone(),
            articles: case
                .articles()
                .iter()
                .map(|art| {
                    let words = art.text.as_ref().map_or(0, |t| t.words());
                    let marks = case.marks(ann, &art.meta.id);
                    let counts: Vec<usize> = categories
                        .iter()
                        .map(|c| marks.iter().filter(|m| &m.category == c).count())
                        .collect();
                    let per_1000_words = counts.iter().map(|&n| per_1000(n, words)).collect();
                    ArticleStats {
                        article: art.meta.id.clone(),
                        title: art.meta.title.clone(),
                        outlet: art.meta.outlet.clone(),
                        words,
                        counts,
                        per_1000_words,
                    }
                })
                .collect(),
        })
        .collect();
    Stats {
        categories,
        annotators,
    }
}

/// `n` per 1,000 of `words`, rounded to two decimals so output is stable.
pub fn per_1000(n: usize, words: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (n as f64 * 1000.0 / words as f64 * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_rounded_and_safe_for_empty_texts() {
        assert_eq!(per_1000(1, 3), 333.33);
        assert_eq!(per_1000(5, 0), 0.0);
        assert_eq!(per_1000(0, 500), 0.0);
    }
}
