//! Fresh ids for marks, claims and actors.
//!
//! Ids are random rather than counted: an annotator who marks one article
//! on a laptop and another on a lab machine (two clones of the case, two
//! git branches) would otherwise make `m1`, `m2` in both places, and the
//! merged case would use each id twice. A fresh id is its kind's letter and
//! ten random base-32 characters (`m4k7q2x9d1z`, `c…`, `a…`): 50 bits, so
//! among 10,000 marks of one annotator made in two places the chance that
//! any two are equal is below one in twenty million; ids made in one place
//! are checked against every id in use there and never repeat.
//! Old counted ids (`m12`, `c1`) stay valid: an id is any string.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Case;
use crate::model::{AnnotatorId, LinkId, LinkKind, MarkId};

/// How many random characters follow an id's letter.
pub const RANDOM_ID_CHARS: usize = 10;

/// What a fresh mark id starts with (claims and actors: `LinkKind::id_prefix`).
pub const MARK_PREFIX: &str = "m";

/// Crockford's base 32 in lower case: digits and letters without i, l, o
/// and u, so an id read aloud or copied by hand is not misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Fresh mark ids for one annotator, for code that makes several marks
/// before storing any: each is new to the annotator's marks and links and
/// to every id this value gave before.
#[derive(Clone, Debug)]
pub struct MarkIds {
    taken: HashSet<String>,
}

impl MarkIds {
    /// Ids for `annotator`'s new marks: never the id of one of their marks,
    /// nor one their claims and actors name (a link to a deleted mark must
    /// not come to point at a new one).
    pub fn for_annotator(case: &Case, annotator: &AnnotatorId) -> Self {
        let annotations = case.annotators.get(annotator);
        let marks = annotations
            .into_iter()
            .flat_map(|a| a.marks.values().flatten().map(|m| &m.id));
        let linked = annotations
            .into_iter()
            .flat_map(|a| a.links.groups().flat_map(|g| g.marks));
        MarkIds {
            taken: marks.chain(linked).map(|id| id.0.clone()).collect(),
        }
    }

    /// The next id; each call gives a new one.
    pub fn next_id(&mut self) -> MarkId {
        MarkId(fresh(MARK_PREFIX, &mut self.taken))
    }
}

/// A fresh id for a new claim or actor of `annotator`: `c` or `a` and
/// random characters, never one of their claims' or actors' ids.
pub fn new_link_id(case: &Case, annotator: &AnnotatorId, kind: LinkKind) -> LinkId {
    let mut taken: HashSet<String> = case
        .annotators
        .get(annotator)
        .into_iter()
        .flat_map(|a| a.links.groups().map(|g| g.id.0.clone()))
        .collect();
    LinkId(fresh(kind.id_prefix(), &mut taken))
}

/// A fresh id for a case (`c` and random characters): what every student
/// copy and hand-in of the case names (src/class/).
pub fn new_case_id() -> String {
    fresh("c", &mut HashSet::new())
}

/// `prefix` and random characters, not in `taken`; added to it.
fn fresh(prefix: &str, taken: &mut HashSet<String>) -> String {
    fresh_from(prefix, taken, random_u64)
}

/// `fresh`, drawing the bits of each try from `draw`.
fn fresh_from(prefix: &str, taken: &mut HashSet<String>, mut draw: impl FnMut() -> u64) -> String {
    loop {
        let mut bits = draw();
        let mut id = String::with_capacity(prefix.len() + RANDOM_ID_CHARS);
        id.push_str(prefix);
        for _ in 0..RANDOM_ID_CHARS {
            id.push(char::from(ALPHABET[(bits & 31) as usize]));
            bits >>= 5;
        }
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

/// 64 random bits, without a dependency: SipHash keyed by the standard
/// library's per-process random keys (`RandomState`, seeded by the system),
/// over the time, the process id and a counter. Not for secrets; enough
/// that two machines, two runs, or two calls in one run never agree but by
/// chance.
fn random_u64() -> u64 {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(CALLS.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(now);
    h.write_u32(std::process::id());
    h.finish()
}

/// Whether `id` has the form of a fresh id with `prefix` (`m`, `c` or `a`
/// and ten characters of the alphabet above); old counted ids do not.
pub fn is_fresh_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == RANDOM_ID_CHARS && rest.bytes().all(|b| ALPHABET.contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_thousand_ids_in_one_batch_are_all_different_and_well_formed() {
        let mut taken = HashSet::new();
        taken.insert("m12".to_string());
        let mut seen = HashSet::new();
        for _ in 0..100_000 {
            let id = fresh("m", &mut taken);
            assert!(is_fresh_id(&id, "m"), "{id}");
            assert!(seen.insert(id));
        }
        assert!(!is_fresh_id("m12", "m"));
        assert!(!is_fresh_id("c4k7q2x9d1z", "m"));
        assert!(is_fresh_id("c4k7q2x9d1z", "c"));
        assert!(!is_fresh_id("c4k7q2x9d1i", "c"), "no i in the alphabet");
    }

    #[test]
    fn an_id_in_use_is_never_given_even_when_drawn_again() {
        let mut taken = HashSet::new();
        let first = fresh_from("m", &mut taken, || 7);
        let mut draws = [7, 7, 8].into_iter();
        let second = fresh_from("m", &mut taken, || draws.next().unwrap_or(9));
        assert_ne!(first, second);
        assert_eq!(
            draws.next(),
            None,
            "the taken id was drawn twice and skipped"
        );
    }
}
