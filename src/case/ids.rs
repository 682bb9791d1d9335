//! Fresh mark ids for an annotator.

use super::Case;
use crate::model::{AnnotatorId, MarkId};

/// Fresh mark ids for one annotator, for code that makes several marks
/// before storing any (they must not all get the same "next" id).
#[derive(Clone, Copy, Debug)]
pub struct MarkIds {
    next: u64,
}

impl MarkIds {
    /// Ids after the largest `m<number>` the annotator uses.
    pub fn after(case: &Case, annotator: &AnnotatorId) -> Self {
        let max = case
            .annotators
            .get(annotator)
            .into_iter()
            .flat_map(|a| a.marks.values().flatten())
            .filter_map(|m| m.id.as_str().strip_prefix('m')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        MarkIds { next: max + 1 }
    }

    /// The next id; each call gives a new one.
    pub fn next_id(&mut self) -> MarkId {
        let id = MarkId(format!("m{}", self.next));
        self.next += 1;
        id
    }
}
