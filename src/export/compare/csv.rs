//! The comparison (`crate::compare`) as CSV in long format: one line per
//! cell (claim and article, actor, article and wording), so any column can
//! be filtered on.

use crate::compare::{ActorsTable, Carriage, ClaimsTable, Comparison};
use crate::export::csv::Sheet;
use crate::model::MarkId;

use super::{carriage_name, ids};

/// The claims table as CSV, one line per claim and article (long format, so
/// a spreadsheet can filter by any column).
pub fn claims(tables: &[&ClaimsTable]) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row([
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
    ])?;
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
                w.row([
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
                ])?;
            }
        }
    }
    w.finish()
}

/// The actors table as CSV, one line per actor, article and wording.
pub fn actors(tables: &[&ActorsTable]) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row([
        "annotator",
        "actor",
        "name",
        "article",
        "words",
        "polarity",
        "marks",
    ])?;
    for t in tables {
        for r in &t.rows {
            for (col, words) in t.columns.iter().zip(&r.cells) {
                for word in words {
                    let ids: Vec<&str> = word.marks.iter().map(MarkId::as_str).collect();
                    w.row([
                        t.annotator.as_str(),
                        r.actor.as_str(),
                        &r.name,
                        col.article.as_str(),
                        &word.words,
                        word.polarity.as_deref().unwrap_or(""),
                        &ids.join(","),
                    ])?;
                }
            }
        }
    }
    w.finish()
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
