//! What to draw on an article's text, decided before anything is drawn: the
//! reader's marks as highlights, each in an underline lane of its own where
//! marks overlap; the marks that lost their words (orphans), with why, which
//! are listed and never drawn; and, under *Compare with*, another
//! annotator's marks paired with the reader's by grading's own rules.
//!
//! A plain value built from the case, the article, the annotator and the
//! compare-with choice, so it is tested as text, without a window, and the
//! text widget (`view`) only lays it out, paints it and answers the pointer
//! over it. This file imports no egui (a test checks that): colours and
//! places on screen belong to the widget.

use std::collections::BTreeSet;

use crate::case::Case;
use crate::grade::{self, Item};
use crate::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId};
use crate::text::{CharPos, CharRange};
use crate::validate;

/// Underline lanes under a row: marks overlapping more deeply than this
/// share the last one.
pub const MAX_LANES: u8 = 4;

/// One of the reader's marks, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    pub range: CharRange,
    pub category: CategoryId,
    /// Which underline it uses, 0 nearest the text; marks that overlap get
    /// different lanes so every one of them stays visible.
    pub lane: u8,
    /// Its index in the annotator's marks on the article.
    pub mark: usize,
}

/// A mark whose quote is not at its offsets: never drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    /// Its index in the annotator's marks on the article.
    pub mark: usize,
    pub reason: String,
}

/// Everything drawn over one article's text for one reader.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarksOnText {
    /// The marks drawn (not hidden, not orphaned), in the marks' order.
    pub highlights: Vec<Highlight>,
    pub orphans: Vec<Orphan>,
    /// *Compare with*: the items of the pairing, in text order, leaving
    /// out those of marks (of either side) that lost their words.
    pub overlay: Vec<Item>,
}

impl MarksOnText {
    /// What `annotator` sees on `article`: their marks, less those of the
    /// `hidden` categories, and, when `compare_with` names someone else,
    /// the comparison with that annotator's marks.
    pub fn build(
        case: &Case,
        article: &ArticleId,
        annotator: &AnnotatorId,
        hidden: &BTreeSet<CategoryId>,
        compare_with: Option<&AnnotatorId>,
    ) -> Self {
        let mut out = MarksOnText::default();
        // Lanes: a sweep over marks in start order; each takes the lowest lane
        // not used by a mark still open at its start.
        let mut open: Vec<(CharPos, u8)> = Vec::new();
        for (i, mark) in case.marks(annotator, article).iter().enumerate() {
            if let Some(reason) = validate::orphan_reason(case, annotator, article, mark) {
                out.orphans.push(Orphan { mark: i, reason });
                continue;
            }
            if hidden.contains(&mark.category) {
                continue;
            }
            let range = mark.range();
            open.retain(|(end, _)| *end > range.start);
            let mut lane = 0u8;
            while open.iter().any(|(_, l)| *l == lane) && lane < MAX_LANES - 1 {
                lane += 1;
            }
            open.push((range.end, lane));
            out.highlights.push(Highlight {
                range,
                category: mark.category.clone(),
                lane,
                mark: i,
            });
        }
        if let Some(other) = compare_with.filter(|a| *a != annotator) {
            out.overlay = overlay(case, article, annotator, other);
        }
        out
    }
}

/// Pairs the reader's marks with the other annotator's, as grading does,
/// leaving out marks of either side that lost their words.
fn overlay(
    case: &Case,
    article: &ArticleId,
    reader: &AnnotatorId,
    other: &AnnotatorId,
) -> Vec<Item> {
    let orphaned = |who: &AnnotatorId, id: &MarkId| {
        case.marks(who, article)
            .iter()
            .find(|m| &m.id == id)
            .is_none_or(|m: &Mark| validate::orphan_reason(case, who, article, m).is_some())
    };
    let len = case.article_text(article).map_or(0, |t| t.char_len());
    grade::article_items(case, other, reader, article, grade::MatchRule::default())
        .into_iter()
        .filter(|item| {
            let lost = item.key.as_ref().is_some_and(|k| orphaned(other, &k.mark))
                || item
                    .student
                    .as_ref()
                    .is_some_and(|m| orphaned(reader, &m.mark));
            let range = item.range();
            !lost && !range.is_empty() && range.end.0 <= len
        })
        .collect()
}
