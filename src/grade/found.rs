//! The key's marks as a class found them: for each mark of the answer key,
//! which students matched it, which marked the right place with another
//! extent or another category, which missed it, and who did not hand the
//! article in. What an instructor discusses in class ("3 of 28 found “the
//! ruling class”"), read off the students' feedback items, so every tally
//! names the students behind it.

use std::sync::Arc;

use serde::Serialize;

use super::{ClassGrade, HandIn, MarkSide, Names, Outcome};
use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, MarkId};
use crate::pairing::counted_marks;

/// One key mark and what each student made of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyMarkTally {
    pub article: ArticleId,
    /// The article's place in the case's order.
    pub article_index: usize,
    pub key: Arc<MarkSide>,
    /// Matched it.
    pub found: Vec<AnnotatorId>,
    /// Right place, different extent.
    pub boundary: Vec<AnnotatorId>,
    /// Marked it as another category.
    pub other_category: Vec<AnnotatorId>,
    pub missed: Vec<AnnotatorId>,
    /// Did not hand the article in: not counted either way.
    pub not_handed_in: Vec<AnnotatorId>,
}

impl KeyMarkTally {
    /// The students counted: everyone who handed the article in.
    pub fn counted(&self) -> usize {
        self.found.len() + self.boundary.len() + self.other_category.len() + self.missed.len()
    }

    /// The share of the students counted who found it; none when nobody
    /// handed the article in.
    pub fn share_found(&self) -> Option<f64> {
        let n = self.counted();
        (n > 0).then(|| self.found.len() as f64 / n as f64)
    }
}

impl ClassGrade {
    /// Every key mark of `case` (the case this class was graded on) with
    /// who found it, fewest found first (by share of those who handed the
    /// article in; marks nobody could find come last), then in text order.
    pub fn key_marks_found(&self, case: &Case) -> Vec<KeyMarkTally> {
        let names = Names::new(case.schema());
        let mut tallies = Vec::new();
        for (index, article) in case.articles().iter().enumerate() {
            let id = &article.meta.id;
            let start = tallies.len();
            for mark in counted_marks(case, &self.rules.key, id) {
                tallies.push(KeyMarkTally {
                    article: id.clone(),
                    article_index: index,
                    key: Arc::new(MarkSide::of(mark, &names)),
                    found: Vec::new(),
                    boundary: Vec::new(),
                    other_category: Vec::new(),
                    missed: Vec::new(),
                    not_handed_in: Vec::new(),
                });
            }
            let here = &mut tallies[start..];
            let find = |here: &mut [KeyMarkTally], mark: &MarkId| {
                here.iter_mut().position(|t| &t.key.mark == mark)
            };
            for g in &self.students {
                let Some(a) = g.articles.get(index).filter(|a| &a.article == id) else {
                    continue;
                };
                if a.hand_in == HandIn::NotHandedIn {
                    for t in here.iter_mut() {
                        t.not_handed_in.push(g.student.clone());
                    }
                    continue;
                }
                for item in &a.items {
                    let Some(key) = &item.key else { continue };
                    let Some(i) = find(here, &key.mark) else {
                        continue;
                    };
                    let t = &mut here[i];
                    let list = match item.outcome {
                        Outcome::Matched => &mut t.found,
                        Outcome::Boundary => &mut t.boundary,
                        Outcome::OtherCategory => &mut t.other_category,
                        Outcome::Missed | Outcome::Extra => &mut t.missed,
                    };
                    list.push(g.student.clone());
                }
            }
        }
        tallies.sort_by(|x, y| {
            let share = |t: &KeyMarkTally| t.share_found().unwrap_or(f64::INFINITY);
            share(x)
                .total_cmp(&share(y))
                .then(x.article_index.cmp(&y.article_index))
                .then(x.key.range.start.cmp(&y.key.range.start))
        });
        tallies
    }
}
