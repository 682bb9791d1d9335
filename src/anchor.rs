//! Whether a mark still sits on the words it was made on.
//!
//! A mark keeps both its offsets and its quote. If the text at the offsets is
//! the quote, the mark stands. If not, the mark is reported rather than
//! trusted: it is never drawn over other words.

use crate::case::ArticleText;
use crate::model::Mark;
use crate::text::CharRange;

/// Where a mark stands against its article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text at the mark's offsets is its quote.
    Intact,
    /// The mark cannot be placed; the reason says why.
    Orphan(String),
}

/// Checks a mark against a text, slicing only after checking the offsets.
pub fn check(text: &ArticleText, mark: &Mark) -> Anchor {
    let range = CharRange {
        start: mark.start,
        end: mark.end,
    };
    if range.start > range.end {
        return Anchor::Orphan(format!(
            "start {} is after end {}",
            range.start.0, range.end.0
        ));
    }
    if range.is_empty() {
        return Anchor::Orphan("the mark covers no text".to_string());
    }
    match text.slice(range) {
        None => Anchor::Orphan(format!(
            "offsets {}..{} are past the end of the text ({} chars)",
            range.start.0,
            range.end.0,
            text.char_len()
        )),
        Some(found) if found == mark.quote => Anchor::Intact,
        Some(found) => Anchor::Orphan(format!(
            "the text at {}..{} is {:?}, not the quoted {:?}",
            range.start.0,
            range.end.0,
            shorten(found),
            shorten(&mark.quote)
        )),
    }
}

/// A long string cut to a readable length for messages.
fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CategoryId, MarkId, Timestamp};
    use crate::text::CharPos;

    fn mark(start: usize, end: usize, quote: &str) -> Mark {
        Mark {
            id: MarkId::new("m1"),
            category: CategoryId::new("loaded"),
            start: CharPos(start),
            end: CharPos(end),
            quote: quote.to_string(),
            prefix: String::new(),
            suffix: String::new(),
            attributes: Default::default(),
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    #[test]
    fn intact_mark_on_multibyte_text() {
        let t = ArticleText::new("“Les élites” 🎉 said".to_string());
        assert_eq!(check(&t, &mark(1, 11, "Les élites")), Anchor::Intact);
    }

    #[test]
    fn bad_offsets_are_orphans_not_panics() {
        let t = ArticleText::new("short".to_string());
        assert!(matches!(check(&t, &mark(3, 99, "x")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(4, 2, "x")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(2, 2, "")), Anchor::Orphan(_)));
        assert!(matches!(check(&t, &mark(0, 5, "other")), Anchor::Orphan(_)));
    }
}
