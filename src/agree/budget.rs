//! What an agreement will cost in memory, known from the counts before
//! anything is built, so a request too large is refused with a message
//! instead of ending in an allocator failure. The figures are upper
//! estimates per item (sizes of the structs, plus room for the printed
//! text of every listed pair); `MEMORY_LIMIT` is the line drawn.

use std::fmt;
use std::mem::size_of;

use super::{AgreeOptions, PairAgreement, PairMeasures, RestAgreement};
use crate::case::Case;
use crate::model::AnnotatorId;

/// The most memory `candor agree` sets out to use unless told otherwise:
/// 2 GiB.
pub const MEMORY_LIMIT: u64 = 2 << 30;

/// The environment variable that sets another limit, in MB.
pub const LIMIT_VARIABLE: &str = "CANDOR_AGREE_MEMORY_MB";

/// Per annotator and article read (`coders::Coder`): the struct, its
/// vectors' headers, and per category the merged ranges and covered units.
const CODER_BYTES: u64 = 256;
const CODER_CATEGORY_BYTES: u64 = 160;
/// Per mark read: its span, category, sorted place and attribute values.
const MARK_BYTES: u64 = 160;
/// Per listed pair and category (or overall): the printed figures, at most
/// (JSON, every field named).
const PAIR_TEXT_BYTES: u64 = 400;

/// What a request needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub annotators: u64,
    /// Pairs of annotators: compared either way, listed only if `listed`.
    pub pairs: u64,
    pub listed: bool,
    pub bytes: u64,
}

impl Estimate {
    /// `Agreement::build` of `annotators` on `case` with `options`, and
    /// the output of its listed pairs; `categories` is the number of the
    /// schema's judgement categories (a category only a mark uses adds a
    /// little).
    pub fn new(case: &Case, annotators: &[AnnotatorId], options: &AgreeOptions) -> Estimate {
        let n = annotators.len() as u64;
        let n_cat = case.schema().judgements().count() as u64 + 1;
        let articles = case.articles().len() as u64;
        let marks: u64 = annotators
            .iter()
            .filter_map(|a| case.annotators().get(a))
            .map(|a| a.mark_count() as u64)
            .sum();
        let pairs = n * n.saturating_sub(1) / 2;
        let listed = options.pairs.lists(annotators.len());
        let threads = crate::parallel::cores(8) as u64 + 1;
        let measures = size_of::<PairMeasures>() as u64;
        let coders = n * articles * (CODER_BYTES + n_cat * CODER_CATEGORY_BYTES);
        // Each thread's sums per annotator, and the lines made of them.
        let rest = n * (threads * n_cat * 64 + size_of::<RestAgreement>() as u64)
            + n * (n_cat + 1) * (measures + PAIR_TEXT_BYTES);
        let per_pair = size_of::<PairAgreement>() as u64
            + 64
            + n_cat * measures
            + (n_cat + 1) * PAIR_TEXT_BYTES;
        let listed_bytes = if listed { pairs * per_pair } else { 0 };
        Estimate {
            annotators: n,
            pairs,
            listed,
            bytes: coders + marks * MARK_BYTES + rest + listed_bytes,
        }
    }

    /// The estimate, or why it is refused: over `limit` bytes.
    pub fn check(self, limit: u64) -> Result<Estimate, TooLarge> {
        if self.bytes > limit {
            Err(TooLarge(self, limit))
        } else {
            Ok(self)
        }
    }
}

/// The limit `LIMIT_VARIABLE` sets, else `MEMORY_LIMIT`; a value that is
/// not a whole number of MB is an error naming it.
pub fn limit() -> Result<u64, String> {
    match std::env::var(LIMIT_VARIABLE) {
        Err(_) => Ok(MEMORY_LIMIT),
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .map(|mb| mb.saturating_mul(1 << 20))
            .map_err(|_| format!("{LIMIT_VARIABLE}={v:?} is not a whole number of MB")),
    }
}

/// A request over the limit (the second field, bytes), with what to do
/// about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge(pub Estimate, pub u64);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        let mb = |b: u64| b.div_ceil(1 << 20);
        write!(
            f,
            "agreement of {} annotators would need about {} MB, over the {} MB Candor sets out to use ({LIMIT_VARIABLE} sets another limit)",
            e.annotators,
            mb(e.bytes),
            mb(self.1)
        )?;
        if e.listed {
            write!(
                f,
                "; listing all {} pairs is most of it: leave out --pairs (one line per annotator against the rest), or compare fewer with --annotators A,B,...",
                e.pairs
            )
        } else {
            write!(
                f,
                "; compare fewer annotators with --annotators A,B,... (for example one section of the class at a time)"
            )
        }
    }
}

impl std::error::Error for TooLarge {}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(n: u64, listed: bool, bytes: u64) -> Estimate {
        Estimate {
            annotators: n,
            pairs: n * (n - 1) / 2,
            listed,
            bytes,
        }
    }

    #[test]
    fn over_the_limit_is_refused_naming_what_to_narrow() {
        assert!(estimate(10, true, MEMORY_LIMIT).check(MEMORY_LIMIT).is_ok());
        let refused = estimate(10_000, true, MEMORY_LIMIT + 1).check(MEMORY_LIMIT);
        let message = refused.expect_err("over the limit").to_string();
        assert!(message.contains("leave out --pairs"), "{message}");
        assert!(message.contains("--annotators"), "{message}");
        let message = estimate(10_000, false, u64::MAX)
            .check(MEMORY_LIMIT)
            .expect_err("over the limit")
            .to_string();
        assert!(message.contains("--annotators"), "{message}");
        assert!(!message.contains("--pairs"), "{message}");
    }
}
