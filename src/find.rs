//! Find a phrase in every article of a case, and turn chosen hits into marks.
//!
//! This is how a reader checks whether "rioters" appears in one outlet only,
//! and marks every occurrence in one go. Hits are char ranges, the unit marks
//! use, so a hit becomes a mark without conversion. Making the marks is kept
//! apart from storing them: `mark_all` returns one edit with every new mark,
//! which the caller applies, so a single undo takes them all back.

use serde::Serialize;

use crate::case::Case;
use crate::edit::{self, Batch, NewMark};
use crate::model::{AnnotatorId, ArticleId, CategoryId};
use crate::problem::CaseError;
use crate::text::{self, ArticleText, BytePos, CharRange, TextIndex};

/// How a phrase must match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FindOptions {
    /// Only where the phrase is not part of a longer word ("regime" does not
    /// match in "regimented").
    pub whole_word: bool,
    /// Upper and lower case must match exactly.
    pub match_case: bool,
}

/// One occurrence of the phrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub article: ArticleId,
    pub range: CharRange,
    /// The words matched, as the article writes them.
    pub matched: String,
    /// Up to `text::CONTEXT_CHARS` chars on each side, for the list of hits.
    pub before: String,
    pub after: String,
}

/// Every occurrence of `phrase` in every article with a text, in manifest
/// order then reading order. An empty or all-blank phrase finds nothing.
pub fn find(case: &Case, phrase: &str, options: FindOptions) -> Vec<Hit> {
    if phrase.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for article in case.articles() {
        let Some(text) = &article.text else {
            continue;
        };
        for range in find_in_text(text, phrase, options) {
            let (before, after) = text::context(&text.text, &text.index, range).unwrap_or_default();
            hits.push(Hit {
                article: article.meta.id.clone(),
                range,
                matched: text.slice(range).unwrap_or_default().to_string(),
                before,
                after,
            });
        }
    }
    hits
}

/// Lower-cases char by char so that char offsets in the result are offsets in
/// the original: a char whose lower case is several chars ("İ") stays as is.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// One text made ready to be searched for many phrases with the same
/// options: for a search that ignores case, the text is folded to lower
/// case (and indexed) once, not once per phrase, which is what made
/// `candor suggest` with a term list slow on a long article.
pub struct TextSearch<'t> {
    text: &'t ArticleText,
    options: FindOptions,
    /// The folded text and its index, when case is ignored. Folding may
    /// change a char's UTF-8 length, so byte offsets in it are mapped
    /// through its own index; its char offsets are the original's.
    folded: Option<(String, TextIndex)>,
}

impl<'t> TextSearch<'t> {
    pub fn new(text: &'t ArticleText, options: FindOptions) -> Self {
        let folded = (!options.match_case).then(|| {
            let folded = fold(&text.text);
            let index = TextIndex::new(&folded);
            (folded, index)
        });
        TextSearch {
            text,
            options,
            folded,
        }
    }

    /// Char ranges of the non-overlapping occurrences of `phrase`.
    pub fn find(&self, phrase: &str) -> Vec<CharRange> {
        if phrase.is_empty() {
            return Vec::new();
        }
        let (haystack, index, needle) = match &self.folded {
            Some((folded, index)) => (folded.as_str(), index, fold(phrase)),
            None => (
                self.text.text.as_str(),
                &self.text.index,
                phrase.to_string(),
            ),
        };
        let mut out = Vec::new();
        for (b, m) in haystack.match_indices(needle.as_str()) {
            if self.options.whole_word {
                let before = haystack[..b].chars().next_back();
                let after = haystack[b + m.len()..].chars().next();
                // A boundary is needed only where the phrase itself starts or
                // ends with a word char: "so-called" may follow a quote mark.
                if (is_word_char(m.chars().next()) && is_word_char(before))
                    || (is_word_char(m.chars().next_back()) && is_word_char(after))
                {
                    continue;
                }
            }
            if let (Some(start), Some(end)) = (
                index.char_of(haystack, BytePos(b)),
                index.char_of(haystack, BytePos(b + m.len())),
            ) {
                out.push(CharRange { start, end });
            }
        }
        out
    }
}

/// Char ranges of the non-overlapping occurrences of `phrase` in one text
/// (to search one text for several phrases, make one `TextSearch`).
pub fn find_in_text(text: &ArticleText, phrase: &str, options: FindOptions) -> Vec<CharRange> {
    TextSearch::new(text, options).find(phrase)
}

/// Marks of `category` for `annotator` over the chosen hits, as one edit.
///
/// Nothing is stored: the caller applies the edit, so a single undo takes
/// them all back. Hits already marked with that category
/// (`edit::already_marked`), and repeated hits, are skipped, so "mark all"
/// twice adds nothing the second time. Ids are fresh: none in use, none
/// twice in the batch. A hit whose range no
/// longer fits its article (the text changed since the search) is an error,
/// not a panic.
pub fn mark_all(
    case: &Case,
    annotator: &AnnotatorId,
    hits: &[Hit],
    category: &CategoryId,
) -> Result<Batch, CaseError> {
    let wanted = hits.iter().map(|hit| NewMark {
        article: hit.article.clone(),
        range: hit.range,
        category: category.clone(),
        note: String::new(),
    });
    edit::mark_ranges(case, annotator, wanted, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str, phrase: &str, whole_word: bool, match_case: bool) -> Vec<(usize, usize)> {
        find_in_text(
            &ArticleText::new(text.to_string()),
            phrase,
            FindOptions {
                whole_word,
                match_case,
            },
        )
        .into_iter()
        .map(|r| (r.start.0, r.end.0))
        .collect()
    }

    #[test]
    fn whole_word_skips_longer_words_and_match_case_skips_other_cases() {
        let text = "Regime, regimented REGIME";
        assert_eq!(
            ranges(text, "regime", false, false),
            [(0, 6), (8, 14), (19, 25)]
        );
        assert_eq!(ranges(text, "regime", true, false), [(0, 6), (19, 25)]);
        assert_eq!(ranges(text, "regime", false, true), [(8, 14)]);
        assert_eq!(
            ranges(text, "regime", true, true),
            Vec::<(usize, usize)>::new()
        );
    }

    #[test]
    fn offsets_are_chars_after_multibyte_text() {
        assert_eq!(ranges("İ É rioters", "rioters", true, false), [(4, 11)]);
        assert_eq!(
            ranges("ÉLITES élites", "élites", true, false),
            [(0, 6), (7, 13)]
        );
        assert_eq!(ranges("ÉLITES élites", "élites", true, true), [(7, 13)]);
    }

    #[test]
    fn phrases_with_punctuation_at_the_edge_need_no_boundary_there() {
        assert_eq!(
            ranges("the \"so-called\" camp", "so-called\"", true, false),
            [(5, 15)]
        );
        assert!(ranges("anything", "", true, false).is_empty());
    }
}
