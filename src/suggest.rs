//! Pre-marking from a term list: every whole-word, case-insensitive
//! occurrence of a lexicon phrase becomes a mark of the phrase's category.
//!
//! An instructor uses this to seed a case with the terms a class discusses;
//! it is also how large cases are built for benchmarks. Occurrences the
//! annotator already marked with that category are skipped, so running it
//! twice adds nothing.

use std::collections::BTreeMap;

use crate::case::{ArticleText, Case};
use crate::model::{AnnotatorId, ArticleId, CategoryId};
use crate::problem::{CaseError, Problem};
use crate::text::{BytePos, CharRange};

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
        if case.schema.category(&category).is_none() {
            let known: Vec<&str> = case
                .schema
                .categories
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            problems.push(
                Problem::error(
                    path,
                    format!(
                        "unknown category {:?} (the schema has: {})",
                        cat.trim(),
                        known.join(", ")
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

/// Folds case char by char so that offsets in the folded text are offsets in
/// the original: a char whose lower case is several chars is kept as it is.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

/// Char ranges of whole-word, case-insensitive occurrences of `phrase`.
pub fn find_whole_words(text: &ArticleText, phrase: &str) -> Vec<CharRange> {
    let folded_text = fold(&text.text);
    let folded_phrase = fold(phrase);
    if folded_phrase.is_empty() {
        return Vec::new();
    }
    // Folding keeps every char's UTF-8 length only for most scripts, so map
    // through the folded text's own index, whose char offsets equal the original's.
    let index = crate::text::TextIndex::new(&folded_text);
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = Vec::new();
    for (b, m) in folded_text.match_indices(&folded_phrase) {
        let before = folded_text[..b].chars().next_back();
        let after = folded_text[b + m.len()..].chars().next();
        let first = m.chars().next();
        let last = m.chars().next_back();
        // Only demand a boundary where the phrase itself starts or ends in a word char.
        if (is_word(first) && is_word(before)) || (is_word(last) && is_word(after)) {
            continue;
        }
        if let (Some(s), Some(e)) = (
            index.char_of(&folded_text, BytePos(b)),
            index.char_of(&folded_text, BytePos(b + m.len())),
        ) {
            out.push(CharRange { start: s, end: e });
        }
    }
    out
}

/// Adds a mark for every occurrence not yet marked with that category by
/// `annotator`. Returns the number added per article. Nothing is saved.
pub fn suggest(
    case: &mut Case,
    annotator: &AnnotatorId,
    entries: &[Entry],
    note: &str,
) -> Result<BTreeMap<ArticleId, usize>, CaseError> {
    case.add_annotator(annotator)?;
    let mut added = BTreeMap::new();
    let article_ids: Vec<ArticleId> = case.articles.iter().map(|a| a.meta.id.clone()).collect();
    for article in article_ids {
        let Some(text) = case.article_text(&article) else {
            continue;
        };
        let mut found: Vec<(CharRange, &CategoryId)> = Vec::new();
        for e in entries {
            for r in find_whole_words(text, &e.phrase) {
                found.push((r, &e.category));
            }
        }
        found.sort();
        let first_id = case.next_mark_id(annotator).0[1..]
            .parse::<u64>()
            .unwrap_or(1);
        let mut new_marks = Vec::new();
        for (range, category) in found {
            let taken = case
                .marks(annotator, &article)
                .iter()
                .chain(new_marks.iter())
                .any(|m| &m.category == category && m.range().overlaps(&range));
            if taken {
                continue;
            }
            // Ids must stay unique while several marks are made before any is stored.
            let id = crate::model::MarkId(format!("m{}", first_id + new_marks.len() as u64));
            let mut mark = case.mark_with_id(id, &article, range, category)?;
            mark.note = note.to_string();
            new_marks.push(mark);
        }
        if new_marks.is_empty() {
            continue;
        }
        added.insert(article.clone(), new_marks.len());
        let marks = case.marks_mut(annotator, &article)?;
        marks.extend(new_marks);
        marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    Ok(added)
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
