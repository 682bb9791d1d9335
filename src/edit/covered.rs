//! The chars some marks cover, kept so that "is this range already marked?"
//! (`already_marked`) is answered in logarithmic time while a batch keeps
//! adding marks: asking it of every mark made so far made `candor suggest`
//! and Find's "mark all" quadratic in the number of hits.

use std::collections::{BTreeMap, BTreeSet};

use crate::text::CharRange;

/// The ranges of some marks, as disjoint ranges (ranges that overlap are
/// merged; ranges that only touch are kept apart, as `CharRange::overlaps`
/// keeps them), plus the places of empty marks a hand-edited file may hold.
/// `overlaps` answers exactly what testing each range with
/// `CharRange::overlaps` would.
#[derive(Clone, Debug, Default)]
pub struct Covered {
    /// Start -> end of each merged range.
    by_start: BTreeMap<usize, usize>,
    /// Where empty ranges are.
    points: BTreeSet<usize>,
}

impl Covered {
    pub fn new(ranges: impl IntoIterator<Item = CharRange>) -> Self {
        let mut covered = Covered::default();
        for r in ranges {
            covered.add(r);
        }
        covered
    }

    /// Whether `range` overlaps any range added.
    pub fn overlaps(&self, range: CharRange) -> bool {
        let (start, end) = (range.start.0, range.end.0);
        // The merged ranges are disjoint, so the last one that starts before
        // `end` is the one that reaches furthest.
        let by_range = self
            .by_start
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| e > start);
        // An empty range at `p` overlaps `range` when `start < p < end`.
        by_range || (start < end && self.points.range(start + 1..end).next().is_some())
    }

    pub fn add(&mut self, range: CharRange) {
        let (mut start, mut end) = (range.start.0, range.end.0);
        if start >= end {
            self.points.insert(start);
            return;
        }
        // Every merged range that overlaps this one ends after `start` and
        // starts before `end`; merge them all into one.
        let overlapping: Vec<(usize, usize)> = self
            .by_start
            .range(..end)
            .rev()
            .take_while(|(_, e)| **e > start)
            .map(|(&s, &e)| (s, e))
            .collect();
        for (s, e) in overlapping {
            self.by_start.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.by_start.insert(start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn range((s, len): (usize, usize)) -> CharRange {
        CharRange::new(s, s + len)
    }

    proptest! {
        #[test]
        fn it_answers_what_testing_every_range_answers(
            added in proptest::collection::vec((0..60usize, 0..8usize), 0..30),
            asked in proptest::collection::vec((0..70usize, 0..8usize), 1..30),
        ) {
            let mut covered = Covered::default();
            let mut all = Vec::new();
            for a in added {
                covered.add(range(a));
                all.push(range(a));
                for q in &asked {
                    let q = range(*q);
                    prop_assert_eq!(
                        covered.overlaps(q),
                        all.iter().any(|r| r.overlaps(&q)),
                        "{:?} against {:?}", q, all
                    );
                }
            }
        }
    }

    #[test]
    fn ranges_that_only_touch_stay_apart() {
        let covered = Covered::new([CharRange::new(0, 5), CharRange::new(5, 10)]);
        assert!(!covered.overlaps(CharRange::new(5, 5)));
        assert!(covered.overlaps(CharRange::new(4, 6)));
        assert!(!covered.overlaps(CharRange::new(10, 12)));
    }
}
