//! Putting every annotator's marks back on their words after an article's
//! text changed (corrected, re-imported, or changed by `git pull`), using
//! `anchor`'s matching, and keeping the record of what moved and what could
//! not be placed.

use super::{Case, FileKey};
use crate::anchor;
use crate::model::{AnnotatorId, ArticleId, Mark, MarkId, Review};
use crate::text::{ArticleText, CharRange};

/// A mark that `locate` moved (or whose context it refreshed: `from == to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedMark {
    pub annotator: AnnotatorId,
    pub article: ArticleId,
    pub mark: MarkId,
    pub from: CharRange,
    pub to: CharRange,
    /// The quote before the move; differs from the new one when not `exact`.
    pub old_quote: String,
    pub exact: bool,
}

/// A mark that could not be placed; it stays in its file as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrphanMark {
    pub annotator: AnnotatorId,
    pub article: ArticleId,
    pub mark: MarkId,
    pub reason: String,
}

/// What re-anchoring did to a case (or to one article of it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnchorReport {
    pub moved: Vec<MovedMark>,
    /// Sorted by annotator, article and mark (`replace_article` keeps them
    /// so), which `orphan_reason` relies on.
    pub orphans: Vec<OrphanMark>,
}

impl AnchorReport {
    /// Replaces what is known about one article with a fresh report on it.
    pub fn replace_article(&mut self, article: &ArticleId, fresh: AnchorReport) {
        self.moved.retain(|m| &m.article != article);
        self.orphans.retain(|o| &o.article != article);
        self.moved.extend(fresh.moved);
        self.orphans.extend(fresh.orphans);
        self.moved.sort_by(|a, b| {
            (&a.annotator, &a.article, a.to).cmp(&(&b.annotator, &b.article, b.to))
        });
        self.orphans.sort_by(|a, b| {
            (&a.annotator, &a.article, &a.mark).cmp(&(&b.annotator, &b.article, &b.mark))
        });
    }

    /// Why a mark is an orphan, if re-anchoring found it to be one. A binary
    /// search: `check` asks this of every mark, and a case can have tens of
    /// thousands of orphans.
    pub fn orphan_reason(
        &self,
        annotator: &AnnotatorId,
        article: &ArticleId,
        mark: &MarkId,
    ) -> Option<&str> {
        self.orphans
            .binary_search_by(|o| {
                (&o.annotator, &o.article, &o.mark).cmp(&(annotator, article, mark))
            })
            .ok()
            .and_then(|at| self.orphans.get(at))
            .map(|o| o.reason.as_str())
    }
}

/// Whether a mark moved onto `moved` needs review: when its words there
/// differ from its quote (`exact` is false), and it stays flagged through
/// later moves. `was` is the quote the annotator judged, from before the
/// first such move; a mark whose words come back to exactly that quote needs
/// no review any more.
fn review_after_move(old: &Mark, moved: &Mark, exact: bool) -> Option<Review> {
    let was = match (&old.review, exact) {
        (Some(review), _) => review.was.clone(),
        (None, true) => return None,
        (None, false) => old.quote.clone(),
    };
    (was != moved.quote).then_some(Review { was })
}

/// Puts marks made on another version of `text` back on their words, by
/// the rules re-anchoring follows when a case opens: a moved mark gets its
/// new offsets and context (and a review flag when its words differ), an
/// orphan is left exactly as it was. Returns how many moved and, for each
/// orphan, its id and why. For marks that arrive from elsewhere (a hand-in
/// made on an older text) before they are stored.
pub fn reanchor_marks(text: &ArticleText, marks: &mut [Mark]) -> (usize, Vec<(MarkId, String)>) {
    let found = anchor::reanchor(text, marks);
    let mut moved_count = 0;
    let mut orphans = Vec::new();
    for (mark, located) in marks.iter_mut().zip(found) {
        match located {
            anchor::Located::Intact => {}
            anchor::Located::Moved { range, exact } => {
                if let Some(mut moved) = anchor::attach(text, mark, range) {
                    moved.review = review_after_move(mark, &moved, exact);
                    *mark = moved;
                    moved_count += 1;
                }
            }
            anchor::Located::Orphan(reason) => orphans.push((mark.id.clone(), reason)),
        }
    }
    marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (moved_count, orphans)
}

impl Case {
    /// Re-anchors every annotator's marks on one article. Re-found marks get
    /// their new offsets (and quote and context from the text; a review flag
    /// when those words differ from the quote) and their file is marked
    /// changed, unless it is locked: a locked file's marks
    /// move in memory, so they are drawn in the right place, but the file is
    /// never written. Orphans are left exactly as they are.
    pub(super) fn reanchor_article(&mut self, article: &ArticleId) -> AnchorReport {
        let mut report = AnchorReport::default();
        let Some(text) = self
            .articles
            .iter()
            .find(|a| &a.meta.id == article)
            .and_then(|a| a.text.as_ref())
        else {
            return report;
        };
        let mut changed = Vec::new();
        for (annotator, annotations) in self.annotators.iter_mut() {
            let Some(marks) = annotations.marks.get_mut(article) else {
                continue;
            };
            let found = anchor::reanchor(text, marks);
            let mut any = false;
            for (mark, located) in marks.iter_mut().zip(found) {
                match located {
                    anchor::Located::Intact => {}
                    anchor::Located::Moved { range, exact } => {
                        let Some(mut moved) = anchor::attach(text, mark, range) else {
                            continue; // `locate` only returns ranges inside the text.
                        };
                        moved.review = review_after_move(mark, &moved, exact);
                        report.moved.push(MovedMark {
                            annotator: annotator.clone(),
                            article: article.clone(),
                            mark: mark.id.clone(),
                            from: mark.range(),
                            to: range,
                            old_quote: mark.quote.clone(),
                            exact,
                        });
                        *mark = moved;
                        any = true;
                    }
                    anchor::Located::Orphan(reason) => report.orphans.push(OrphanMark {
                        annotator: annotator.clone(),
                        article: article.clone(),
                        mark: mark.id.clone(),
                        reason,
                    }),
                }
            }
            if any {
                marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                changed.push(FileKey::Marks(annotator.clone(), article.clone()));
            }
        }
        for key in changed {
            if !self.is_locked(&key) {
                self.disk.dirty.insert(key);
            }
        }
        report
    }

    /// Re-anchors every article of the case; see `reanchor_article`.
    pub(super) fn reanchor_all(&mut self) -> AnchorReport {
        let ids: Vec<ArticleId> = self.articles.iter().map(|a| a.meta.id.clone()).collect();
        let mut report = AnchorReport::default();
        for id in ids {
            let fresh = self.reanchor_article(&id);
            report.replace_article(&id, fresh);
        }
        report
    }
}
