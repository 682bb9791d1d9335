//! CSV for a spreadsheet: long format, one line per cell (claim and article,
//! actor, article and wording, annotator and article), so any column can be
//! filtered on. Text and ids are written in full, never shortened; a cell
//! that a spreadsheet would run as a formula is written as text (`cell`).

use std::borrow::Cow;

use ::csv::Writer;

use crate::compare::{ActorsTable, Carriage, ClaimsTable, Comparison};
use crate::model::{CategoryId, MarkId};
use crate::stats::Stats;

use super::{carriage_name, ids};

/// The claims table as CSV, one line per claim and article (long format, so
/// a spreadsheet can filter by any column).
pub fn claims(tables: &[&ClaimsTable]) -> Result<String, ::csv::Error> {
    let mut w = Writer::from_writer(Vec::new());
    write_row(
        &mut w,
        [
            "annotator",
            "claim",
            "label",
            "article",
            "carriage",
            "source_kind",
            "source",
            "cue",
            "stance",
            "contested",
            "marks",
            "quotes",
        ],
    )?;
    for t in tables {
        for r in &t.rows {
            for (col, cell) in t.columns.iter().zip(&r.cells) {
                let (kind, source, cue, stance) = match &cell.carriage {
                    Carriage::Attributed {
                        source_kind,
                        source,
                        cue,
                        stance,
                    } => (
                        source_kind.as_str(),
                        source.as_str(),
                        cue.as_str(),
                        stance.as_str(),
                    ),
                    _ => ("", "", "", ""),
                };
                let quotes: Vec<&str> = cell.marks.iter().map(|m| m.quote.as_str()).collect();
                write_row(
                    &mut w,
                    [
                        t.annotator.as_str(),
                        r.claim.as_str(),
                        &r.label,
                        col.article.as_str(),
                        carriage_name(&cell.carriage),
                        kind,
                        source,
                        cue,
                        stance,
                        if r.contested { "yes" } else { "no" },
                        &ids(&cell.marks),
                        &quotes.join(" | "),
                    ],
                )?;
            }
        }
    }
    finish(w)
}

/// The actors table as CSV, one line per actor, article and wording.
pub fn actors(tables: &[&ActorsTable]) -> Result<String, ::csv::Error> {
    let mut w = Writer::from_writer(Vec::new());
    write_row(
        &mut w,
        [
            "annotator",
            "actor",
            "name",
            "article",
            "words",
            "polarity",
            "marks",
        ],
    )?;
    for t in tables {
        for r in &t.rows {
            for (col, words) in t.columns.iter().zip(&r.cells) {
                for word in words {
                    let ids: Vec<&str> = word.marks.iter().map(MarkId::as_str).collect();
                    write_row(
                        &mut w,
                        [
                            t.annotator.as_str(),
                            r.actor.as_str(),
                            &r.name,
                            col.article.as_str(),
                            &word.words,
                            word.polarity.as_deref().unwrap_or(""),
                            &ids.join(","),
                        ],
                    )?;
                }
            }
        }
    }
    finish(w)
}

/// What `candor compare --format csv` prints: two tables of different
/// shapes, claims first, then a blank line, then actors.
pub fn comparisons(comparisons: &[Comparison]) -> Result<String, ::csv::Error> {
    let claims_tables: Vec<_> = comparisons.iter().map(|c| &c.claims).collect();
    let actors_tables: Vec<_> = comparisons.iter().map(|c| &c.actors).collect();
    Ok(format!(
        "{}\n{}",
        claims(&claims_tables)?,
        actors(&actors_tables)?
    ))
}

/// `candor stats` as CSV: one line per annotator and article, the counts and
/// then the rates per 1,000 words (two decimals).
pub fn stats(s: &Stats) -> Result<String, ::csv::Error> {
    let mut w = Writer::from_writer(Vec::new());
    let mut header = vec![
        "annotator".to_string(),
        "article".into(),
        "outlet".into(),
        "words".into(),
    ];
    header.extend(s.categories.iter().map(CategoryId::to_string));
    header.extend(s.categories.iter().map(|c| format!("{c}_per_1000_words")));
    write_row(&mut w, &header)?;
    for a in &s.annotators {
        for r in &a.articles {
            let mut row = vec![
                a.annotator.to_string(),
                r.article.to_string(),
                r.outlet.clone(),
                r.words.to_string(),
            ];
            row.extend(r.counts.iter().map(usize::to_string));
            row.extend(r.per_1000_words.iter().map(|x| format!("{x:.2}")));
            write_row(&mut w, &row)?;
        }
    }
    finish(w)
}

/// A cell as a spreadsheet must read it: as text. A cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be taken for a
/// formula (`=HYPERLINK(...)` in a claim's label runs when the file is
/// opened), so it gets a leading `'`, as OWASP advises for CSV files;
/// spreadsheets show the `'` and nothing runs.
pub fn cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Writes one record, every cell through `cell`.
pub(super) fn write_row<I, S>(w: &mut Writer<Vec<u8>>, cells: I) -> Result<(), ::csv::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    w.write_record(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()))
}

/// The written CSV as a string (a `Vec` writer fails only if a record did).
pub(super) fn finish(w: Writer<Vec<u8>>) -> Result<String, ::csv::Error> {
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_get_a_quote_and_others_are_untouched() {
        for live in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(live), format!("'{live}"));
        }
        for plain in ["m1", "so-called", "", "1.50", " =not first"] {
            assert!(matches!(cell(plain), Cow::Borrowed(_)), "{plain:?}");
        }
    }
}
