//! The figures of a grade: per category and overall, how many of the key's
//! marks the student found (recall), how many of the student's marks the
//! key has (precision), F1, and how often matched marks agree on their
//! attributes. Every count is a count of feedback items, so each figure
//! traces back to the items (and their mark ids) it counts.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ArticleGrade, Item, Outcome};
use crate::model::{CategoryId, Schema};

/// The counts and scores of one category, or of all together.
///
/// `key_marks = matched + boundary + key_in_other_category + missed`, and
/// `student_marks = matched + boundary + student_in_other_category + extra`,
/// over the articles handed in.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub key_marks: usize,
    pub student_marks: usize,
    pub matched: usize,
    pub boundary: usize,
    /// Key marks of this category the student marked as another category.
    pub key_in_other_category: usize,
    /// Student marks of this category on a key mark of another category.
    pub student_in_other_category: usize,
    pub missed: usize,
    pub extra: usize,
    /// What the matches are worth: one each, plus the boundary credit (if
    /// partial credit is on) for each boundary pair.
    pub credit: f64,
    /// `credit / student_marks`; none without student marks.
    pub precision: Option<f64>,
    /// `credit / key_marks`; none without key marks.
    pub recall: Option<f64>,
    /// `2 credit / (key_marks + student_marks)`, the harmonic mean of the
    /// two; none when there are no marks at all.
    pub f1: Option<f64>,
    /// Attributes compared on matched pairs, and those that agreed.
    pub attributes_compared: usize,
    pub attributes_agreed: usize,
    /// `attributes_agreed / attributes_compared`; none when none compared.
    pub attribute_agreement: Option<f64>,
}

/// One category's score, with the category's name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryScore {
    pub category: CategoryId,
    pub name: String,
    #[serde(flatten)]
    pub score: Score,
}

impl Score {
    fn finish(&mut self, boundary_credit: f64) {
        self.credit = self.matched as f64 + boundary_credit * self.boundary as f64;
        let share = |n: usize| (n > 0).then(|| self.credit / n as f64);
        self.precision = share(self.student_marks);
        self.recall = share(self.key_marks);
        let both = self.key_marks + self.student_marks;
        self.f1 = (both > 0).then(|| 2.0 * self.credit / both as f64);
        self.attribute_agreement = (self.attributes_compared > 0)
            .then(|| self.attributes_agreed as f64 / self.attributes_compared as f64);
    }

    fn add_attributes(&mut self, item: &Item) {
        self.attributes_compared += item.attributes_compared;
        self.attributes_agreed += item.attributes_compared - item.attributes.len();
    }
}

/// The schema's judgement categories in order (mentions are not graded),
/// then any other ids (sorted), with names.
pub(super) fn categories<'a>(
    schema: &Schema,
    others: impl Iterator<Item = &'a CategoryId>,
) -> Vec<(CategoryId, String)> {
    let mut out: Vec<(CategoryId, String)> = schema
        .judgements()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let unknown: BTreeSet<&CategoryId> = others.filter(|c| schema.category(c).is_none()).collect();
    out.extend(unknown.into_iter().map(|c| (c.clone(), c.to_string())));
    out
}

/// Per category and overall, over the articles handed in. A category no
/// schema has (a mark made before it was removed) gets a line of its own,
/// after the schema's, the first time an item uses it.
pub(super) fn scores(
    schema: &Schema,
    articles: &[ArticleGrade],
    boundary_credit: f64,
) -> (Vec<CategoryScore>, Score) {
    let mut per: Vec<CategoryScore> = categories(schema, std::iter::empty())
        .into_iter()
        .map(|(category, name)| CategoryScore {
            category,
            name,
            score: Score::default(),
        })
        .collect();
    let known = per.len();
    let at = |per: &mut Vec<CategoryScore>, id: &CategoryId| match per
        .iter()
        .position(|c| &c.category == id)
    {
        Some(i) => i,
        None => {
            per.push(CategoryScore {
                category: id.clone(),
                name: id.to_string(),
                score: Score::default(),
            });
            per.len() - 1
        }
    };
    let mut all = Score::default();
    for article in articles.iter().filter(|a| a.hand_in.handed_in()) {
        for item in &article.items {
            let k = item.key.as_ref().map(|m| at(&mut per, &m.category.id));
            let s = item.student.as_ref().map(|m| at(&mut per, &m.category.id));
            if item.key.is_some() {
                all.key_marks += 1;
            }
            if item.student.is_some() {
                all.student_marks += 1;
            }
            let mut both = |f: &dyn Fn(&mut Score)| {
                f(&mut all);
                match (k, s) {
                    (Some(k), Some(s)) if k != s => {
                        f(&mut per[k].score);
                        f(&mut per[s].score);
                    }
                    (Some(i), _) | (None, Some(i)) => f(&mut per[i].score),
                    (None, None) => {}
                }
            };
            match item.outcome {
                Outcome::Matched => both(&|c| {
                    c.matched += 1;
                    c.add_attributes(item);
                }),
                Outcome::Boundary => both(&|c| c.boundary += 1),
                Outcome::Missed => both(&|c| c.missed += 1),
                Outcome::Extra => both(&|c| c.extra += 1),
                Outcome::OtherCategory => {
                    all.key_in_other_category += 1;
                    all.student_in_other_category += 1;
                    if let Some(k) = k {
                        per[k].score.key_in_other_category += 1;
                    }
                    if let Some(s) = s {
                        per[s].score.student_in_other_category += 1;
                    }
                }
            }
            if let Some(k) = k {
                per[k].score.key_marks += 1;
            }
            if let Some(s) = s {
                per[s].score.student_marks += 1;
            }
        }
    }
    per[known..].sort_by(|x, y| x.category.cmp(&y.category));
    for c in &mut per {
        c.score.finish(boundary_credit);
    }
    all.finish(boundary_credit);
    (per, all)
}
