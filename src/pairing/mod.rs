//! The rules for judging marks against each other, kept in one place so
//! that grading (a student against the key), agreement (annotators against
//! each other) and adjudication (annotators merged into a gold set) judge
//! the same marks the same way:
//!
//! - which marks count ([`counted_marks`]: every mark but mentions, since an
//!   actor's name is not a judgement to be right or wrong about);
//! - whether an article was handed in ([`HandIn`]: marked done, or marked
//!   at all; otherwise the annotator is left out there, not counted as
//!   having found nothing);
//! - how two sets of marks pair one-to-one (`matching`), with the
//!   maximum-weight assignment its rounds are solved with (`assign`).
//!
//! GRADING.md and AGREEMENT.md state these rules for users.

mod assign;
pub mod matching;

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, Mark};

pub use matching::{MatchRule, Pair, PairKind, Pairing, Span};

/// The marks of `who` on `article` that are judged: every mark but
/// mentions. A category the schema no longer has still counts, so nothing
/// disappears from the figures.
pub fn counted_marks<'c>(case: &'c Case, who: &AnnotatorId, article: &ArticleId) -> Vec<&'c Mark> {
    let schema = case.schema();
    case.marks(who, article)
        .iter()
        .filter(|m| schema.counts(&m.category))
        .collect()
}

/// Whether an article was handed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HandIn {
    /// Marked done (with or without marks).
    Done,
    /// Not marked done, but it has marks: judged as it is.
    Marked,
    /// Not marked done and no marks: left out of the figures.
    NotHandedIn,
}

impl HandIn {
    /// Whether `who` handed `article` in: marked it done, or marked anything
    /// in it (a mention too: the annotator was there).
    pub fn of(case: &Case, who: &AnnotatorId, article: &ArticleId) -> HandIn {
        if case.is_done(who, article) {
            HandIn::Done
        } else if !case.marks(who, article).is_empty() {
            HandIn::Marked
        } else {
            HandIn::NotHandedIn
        }
    }

    /// Done, or marked: anything but not handed in.
    pub fn handed_in(self) -> bool {
        self != HandIn::NotHandedIn
    }
}

/// Two sets of marks on one text paired one-to-one, `a`'s on side `a`.
pub fn pair_marks(a: &[&Mark], b: &[&Mark], rule: MatchRule) -> Pairing {
    let a: Vec<Span> = a.iter().map(|m| Span::from(*m)).collect();
    let b: Vec<Span> = b.iter().map(|m| Span::from(*m)).collect();
    matching::pair(&a, &b, rule)
}
