//! Pre-marking from a term list: every whole-word, case-insensitive
//! occurrence of a lexicon phrase becomes a mark of the phrase's category.
//!
//! An instructor uses this to seed a case with the terms a class discusses;
//! it is also how large cases are built for benchmarks. Occurrences the
//! annotator already marked with that category are skipped, so running it
//! twice adds nothing.

use crate::case::{Case, FileKey};
use crate::edit::{self, Batch, NewMark};
use crate::find::{FindOptions, TextSearch};
use crate::model::{AnnotatorId, CategoryId};
use crate::problem::{CaseError, Problem};
use crate::text::{ArticleText, CharRange};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub category: CategoryId,
    pub phrase: String,
}

/// Parses `category<TAB>phrase` lines. Blank lines and lines starting with
/// `#` are skipped. Every other problem is reported with its line.
pub fn parse_lexicon(
    path: &std::path::Path,
    source: &str,
    case: &Case,
) -> Result<Vec<Entry>, Vec<Problem>> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((cat, phrase)) = line.split_once('\t') else {
            problems.push(Problem::error(path, "expected `category<TAB>phrase`").at(line_no, 1));
            continue;
        };
        let category = CategoryId::new(cat.trim());
        if case.schema().category(&category).is_none() {
            problems.push(
                Problem::error(
                    path,
                    format!(
                        "unknown category {:?} (the schema has: {})",
                        cat.trim(),
                        case.schema().category_ids()
                    ),
                )
                .at(line_no, 1),
            );
            continue;
        }
        let phrase = phrase.trim();
        if phrase.is_empty() {
            problems
                .push(Problem::error(path, "empty phrase").at(line_no, cat.chars().count() + 2));
            continue;
        }
        entries.push(Entry {
            category,
            phrase: phrase.to_string(),
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// How lexicon phrases are found: whole words, any case.
const WHOLE_WORDS: FindOptions = FindOptions {
    whole_word: true,
    match_case: false,
};

/// Char ranges of whole-word, case-insensitive occurrences of `phrase`.
pub fn find_whole_words(text: &ArticleText, phrase: &str) -> Vec<CharRange> {
    crate::find::find_in_text(text, phrase, WHOLE_WORDS)
}

/// What `suggest` would do: the marks, as one edit, and the articles it
/// left alone because the annotator's marks on them cannot be changed.
#[derive(Debug)]
pub struct Suggestions {
    pub batch: Batch,
    /// Why each article left alone is (its marks file is locked, or its id
    /// cannot be a file name); the other articles are still marked.
    pub read_only: Vec<CaseError>,
}

/// A mark for every occurrence not yet marked with that category by
/// `annotator` (`edit::already_marked`), each noted with `note`, as one
/// edit. Nothing changes until the caller applies it.
pub fn suggest(
    case: &Case,
    annotator: &AnnotatorId,
    entries: &[Entry],
    note: &str,
) -> Result<Suggestions, CaseError> {
    let mut wanted = Vec::new();
    let mut read_only = Vec::new();
    for article in case.articles() {
        let Some(text) = &article.text else {
            continue;
        };
        let key = FileKey::Marks(annotator.clone(), article.meta.id.clone());
        if let Err(e) = case.check_writable(&key) {
            read_only.push(e);
            continue;
        }
        let search = TextSearch::new(text, WHOLE_WORDS);
        let mut found: Vec<(CharRange, &CategoryId)> = Vec::new();
        for e in entries {
            for r in search.find(&e.phrase) {
                found.push((r, &e.category));
            }
        }
        found.sort();
        wanted.extend(found.into_iter().map(|(range, category)| NewMark {
            article: article.meta.id.clone(),
            range,
            category: category.clone(),
            note: note.to_string(),
        }));
    }
    Ok(Suggestions {
        batch: edit::mark_ranges(case, annotator, wanted, true)?,
        read_only,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str, phrase: &str) -> Vec<(usize, usize)> {
        find_whole_words(&ArticleText::new(text.to_string()), phrase)
            .into_iter()
            .map(|r| (r.start.0, r.end.0))
            .collect()
    }

    #[test]
    fn whole_words_only_and_case_insensitive() {
        assert_eq!(
            ranges("Regime, regimented REGIME", "regime"),
            [(0, 6), (19, 25)]
        );
        assert_eq!(ranges("the so-called experts", "so-called"), [(4, 13)]);
    }

    #[test]
    fn offsets_are_chars_even_after_multibyte_text() {
        // "É" lower-cases to one char; "İ" to two, so it is kept as is.
        assert_eq!(ranges("İ É thugs", "thugs"), [(4, 9)]);
        assert_eq!(ranges("ÉLITES élites", "élites"), [(0, 6), (7, 13)]);
    }
}
