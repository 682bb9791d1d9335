//! The comparison (`crate::compare`) as plain text for the command line:
//! the claims and actors tables, each claim or actor a block with one line
//! per article wrapped to the terminal's width, and the counts table. The
//! window borrows `counts_cell`, `counts_column_title`, `column_label` and
//! the carriage words so its tables read as the command line's do.

use crate::compare::{
    ATTRIBUTION, ActorWords, ActorsTable, ArticleColumn, Carriage, ClaimsTable, Comparison,
    CountsColumn, CountsRow, CountsTable, LOADED,
};
use crate::export::printable;
use crate::export::table::{Align, render, wrap};
use crate::model::{AttrValue, CategoryId, LinkId, MarkId, Schema};

use super::{carriage_name, ids};

/// How wide `candor compare` writes its tables when the terminal does not
/// say (`COLUMNS`): the classic terminal.
pub const DEFAULT_WIDTH: usize = 80;

/// A block of `head` (after a two-char `flag`) then one entry per article, each `label  text` with
/// the text wrapped under itself, all within `width` chars: how tables with
/// a column per article fit a terminal of any width.
fn blocks(out: &mut String, flag: &str, head: &str, entries: &[(String, String)], width: usize) {
    const INDENT: usize = 5;
    // Everything from the case is shown escaped: no escape sequence in a
    // title or a note reaches the terminal.
    let head_lines = wrap(&printable(head), width.saturating_sub(INDENT).max(20));
    for (i, l) in head_lines.iter().enumerate() {
        let pad = if i == 0 { flag } else { "     " };
        out.push_str(&format!("{pad}{l}\n"));
    }
    let entries: Vec<(String, String)> = entries
        .iter()
        .map(|(l, t)| (printable(l).into_owned(), printable(t).into_owned()))
        .collect();
    let label_width = entries
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    let text_width = width.saturating_sub(INDENT + label_width + 2).max(20);
    for (label, text) in &entries {
        let label = crate::text::ellipsize(label, label_width);
        for (i, l) in wrap(text, text_width).iter().enumerate() {
            let shown = if i == 0 { label.as_str() } else { "" };
            out.push_str(&format!("{:INDENT$}{shown:<label_width$}  {l}\n", ""));
        }
    }
}

/// The claims table as text within `width` chars: each claim (`!` before a
/// contested one), then each article's label and how it carries the claim,
/// with the schema's words ("named organisation"), not ids.
pub fn claims(table: &ClaimsTable, schema: &Schema, width: usize) -> String {
    if table.rows.is_empty() {
        return format!("no claims for {}\n", printable(table.annotator.as_str()));
    }
    let mut out = String::new();
    for r in &table.rows {
        let flag = if r.contested { "! " } else { "  " };
        let entries: Vec<(String, String)> = table
            .columns
            .iter()
            .zip(&r.cells)
            .map(|(col, c)| {
                let text = if c.marks.is_empty() {
                    "-".to_string()
                } else {
                    format!(
                        "{}  [{}]",
                        carriage_words(&c.carriage, schema),
                        ids(&c.marks)
                    )
                };
                (column_label(col), text)
            })
            .collect();
        blocks(
            &mut out,
            flag,
            &format!("{} {}", r.claim, r.label),
            &entries,
            width,
        );
    }
    out.push_str(&unresolved_note(
        table.rows.iter().map(|r| (&r.claim, &r.unresolved)),
    ));
    if table.rows.iter().any(|r| r.contested) {
        out.push_str("! = attributed in one article, stated as fact in another\n");
    }
    out
}

/// What an article column is called: its outlet, else the start of its
/// title, else its id.
pub fn column_label(col: &ArticleColumn) -> String {
    if !col.outlet.is_empty() {
        col.outlet.clone()
    } else if !col.title.is_empty() {
        crate::text::ellipsize(&col.title, 32)
    } else {
        col.article.to_string()
    }
}

/// An attribution's parts as a person reads them: who is cited (the source,
/// or the kind of source when none was recorded), the kind's label, the cue
/// and the stance's label, lower case.
fn attribution_parts<'c>(
    carriage: &'c Carriage,
    schema: &Schema,
) -> Option<(String, String, &'c str, String)> {
    let Carriage::Attributed {
        source_kind,
        source,
        cue,
        stance,
    } = carriage
    else {
        return None;
    };
    let attribution = CategoryId::new(ATTRIBUTION);
    let label = |attr: &str, id: &str| {
        if id.is_empty() {
            String::new()
        } else {
            schema
                .value_label(&attribution, attr, &AttrValue::Text(id.to_string()))
                .to_lowercase()
        }
    };
    let kind = label("source_kind", source_kind);
    let who = if source.is_empty() {
        kind.clone()
    } else {
        source.clone()
    };
    Some((who, kind, cue.as_str(), label("stance", stance)))
}

/// How an article carries a claim, in words:
/// `attributed to "the ministry" (named organisation): said · neutral`.
pub fn carriage_words(carriage: &Carriage, schema: &Schema) -> String {
    let Some((who, kind, cue, stance)) = attribution_parts(carriage, schema) else {
        return carriage_name(carriage).to_string();
    };
    let mut s = if who == kind {
        format!("attributed to {who}")
    } else {
        format!("attributed to \"{who}\" ({kind})")
    };
    if !cue.is_empty() {
        s.push_str(&format!(": {cue}"));
    }
    if !stance.is_empty() {
        s.push_str(&format!(" · {stance}"));
    }
    s
}

/// The same, short enough for a table cell: `Pentagon: said · neutral`.
pub fn carriage_short(carriage: &Carriage, schema: &Schema) -> String {
    let Some((who, _, cue, stance)) = attribution_parts(carriage, schema) else {
        return carriage_name(carriage).to_string();
    };
    let mut s = who;
    if !cue.is_empty() {
        s.push_str(&format!(": {cue}"));
    }
    if !stance.is_empty() {
        s.push_str(&format!(" · {stance}"));
    }
    s
}

/// The actors table as text within `width` chars: each actor, then each
/// article's label and the words it uses for the actor, with polarity.
pub fn actors(table: &ActorsTable, schema: &Schema, width: usize) -> String {
    if table.rows.is_empty() {
        return format!("no actors for {}\n", printable(table.annotator.as_str()));
    }
    let mut out = String::new();
    for r in &table.rows {
        let entries: Vec<(String, String)> = table
            .columns
            .iter()
            .zip(&r.cells)
            .map(|(col, words)| {
                let text = if words.is_empty() {
                    "-".to_string()
                } else {
                    words
                        .iter()
                        .map(|w| actor_words(w, schema))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                (column_label(col), text)
            })
            .collect();
        blocks(
            &mut out,
            "  ",
            &format!("{} {}", r.actor, r.name),
            &entries,
            width,
        );
    }
    out.push_str(&unresolved_note(
        table.rows.iter().map(|r| (&r.actor, &r.unresolved)),
    ));
    out
}

/// How many chars of an actor's words the text table shows.
pub const SUMMARY_CHARS: usize = 40;

/// `"thugs" (negative) [m4]`. Words longer than `SUMMARY_CHARS` are cut
/// with `…`: annotators sometimes link a whole sentence to an actor, and
/// one such cell would make the text table unreadable. CSV and JSON keep
/// the full words.
pub fn actor_words(w: &ActorWords, schema: &Schema) -> String {
    let words = if w.words.chars().count() > SUMMARY_CHARS {
        let cut: String = w.words.chars().take(SUMMARY_CHARS - 1).collect();
        let next = w.words.chars().nth(SUMMARY_CHARS - 1);
        // Cut at the last space rather than inside a word.
        let cut = match cut.rfind(' ') {
            Some(b) if next.is_some_and(|c| !c.is_whitespace()) => &cut[..b],
            _ => cut.as_str(),
        };
        format!("{}…", cut.trim_end().trim_end_matches(','))
    } else {
        w.words.clone()
    };
    let mut s = format!("{words:?}");
    if let Some(p) = &w.polarity {
        let label = schema.value_label(
            &CategoryId::new(LOADED),
            "polarity",
            &AttrValue::Text(p.clone()),
        );
        s.push_str(&format!(" ({})", label.to_lowercase()));
    }
    let ids: Vec<&str> = w.marks.iter().map(MarkId::as_str).collect();
    s.push_str(&format!(" [{}]", ids.join(",")));
    s
}

/// What `candor compare` prints: for each annotator, the claims table and
/// the actors table.
pub fn comparisons(comparisons: &[Comparison], schema: &Schema, width: usize) -> String {
    let mut out = String::new();
    for c in comparisons {
        out.push_str(&format!(
            "annotator {}\n\nclaims\n",
            printable(c.claims.annotator.as_str())
        ));
        out.push_str(&claims(&c.claims, schema, width));
        out.push_str("\nactors\n");
        out.push_str(&actors(&c.actors, schema, width));
        out.push('\n');
    }
    if comparisons.is_empty() {
        out.push_str("no annotators yet\n");
    }
    out
}

/// The counts table as aligned text, counts or rates per 1,000 words.
pub fn counts(table: &CountsTable, per_1000_words: bool) -> String {
    if table.rows.is_empty() {
        return "no marks yet\n".to_string();
    }
    let mut header = vec!["article".to_string(), "words".to_string()];
    header.extend(
        table
            .columns
            .iter()
            .map(|c| counts_column_title(table, c, c.category.as_str())),
    );
    let mut rows = vec![header];
    for r in &table.rows {
        let mut row = vec![r.article.0.clone(), r.words.to_string()];
        row.extend((0..table.columns.len()).map(|i| counts_cell(r, i, per_1000_words)));
        rows.push(row);
    }
    let mut out = render(&rows, Align::Numbers);
    if per_1000_words {
        out.push_str("(marks per 1,000 words)\n");
    }
    out
}

/// A counts cell as the window and the text table show it.
pub fn counts_cell(row: &CountsRow, col: usize, per_1000_words: bool) -> String {
    if per_1000_words {
        row.per_1000_words
            .get(col)
            .map_or(String::new(), |x| format!("{x:.1}"))
    } else {
        row.counts.get(col).map_or(String::new(), usize::to_string)
    }
}

/// A counts column's title from its category's name (the text table uses
/// the id, the window the schema's name), with the annotator when several
/// are shown.
pub fn counts_column_title(table: &CountsTable, col: &CountsColumn, category_name: &str) -> String {
    if table.several_annotators() {
        format!("{category_name} {}", col.annotator)
    } else {
        category_name.to_string()
    }
}

fn unresolved_note<'a>(rows: impl Iterator<Item = (&'a LinkId, &'a Vec<MarkId>)>) -> String {
    let mut out = String::new();
    for (id, missing) in rows {
        if !missing.is_empty() {
            let ids: Vec<&str> = missing.iter().map(MarkId::as_str).collect();
            let line = format!(
                "{id}: no such mark(s): {} (see `candor check`)",
                ids.join(", ")
            );
            out.push_str(&printable(&line));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribution_reads_as_kind_source_and_cue() {
        let attributed = Carriage::Attributed {
            source_kind: "unspecified".into(),
            source: "residents".into(),
            cue: "told".into(),
            stance: String::new(),
        };
        let schema = Schema::default_schema();
        assert_eq!(
            carriage_words(&attributed, &schema),
            "attributed to \"residents\" (unspecified): told"
        );
        let named = Carriage::Attributed {
            source_kind: "named_organisation".into(),
            source: "the Pentagon".into(),
            cue: "said".into(),
            stance: "neutral".into(),
        };
        assert_eq!(
            carriage_words(&named, &schema),
            "attributed to \"the Pentagon\" (named organisation): said · neutral"
        );
        assert_eq!(
            carriage_short(&named, &schema),
            "the Pentagon: said · neutral"
        );
    }

    #[test]
    fn long_actor_words_are_cut_in_the_text_table_only() {
        let w = ActorWords {
            words: "Officers moved in before dawn, armed with a court order, and were met".into(),
            polarity: None,
            marks: vec![MarkId::new("m19")],
        };
        assert_eq!(
            actor_words(&w, &Schema::default_schema()),
            "\"Officers moved in before dawn, armed…\" [m19]"
        );
    }
}
