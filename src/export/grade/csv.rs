//! A class's grades as CSV, for a spreadsheet: the scores (one line per
//! student and category, then `all`), a blank line, then every feedback
//! item (one line per pair or lone mark, with both mark ids, offsets in
//! chars and quotes). The rule and partial credit are columns of every
//! score line, so a sheet cut out of the file still says how it was made.
//! Every line goes through `export::csv::Sheet`, so a key's note or an id
//! that starts like a formula is written as text.

use super::words::{attribute_line, outcome_label};
use crate::export::csv::Sheet;
use crate::grade::{ClassGrade, HandIn, MarkSide, Score};

/// What `candor grade --format csv` prints.
pub fn grade(class: &ClassGrade) -> Result<String, ::csv::Error> {
    Ok(format!("{}\n{}", scores(class)?, items(class)?))
}

/// One line per student and category, and one for all categories.
pub fn scores(class: &ClassGrade) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row([
        "student",
        "category",
        "key_marks",
        "student_marks",
        "matched",
        "boundary",
        "key_in_other_category",
        "student_in_other_category",
        "missed",
        "extra",
        "precision",
        "recall",
        "f1",
        "attributes_compared",
        "attributes_agreed",
        "not_handed_in",
        "key",
        "match",
        "boundary_credit",
    ])?;
    let rules = &class.rules;
    for g in &class.students {
        let not_in: Vec<&str> = g.not_handed_in().map(|a| a.article.as_str()).collect();
        let lines = g
            .categories
            .iter()
            .map(|c| (c.category.as_str(), &c.score))
            .chain([("all", &g.overall)]);
        for (category, s) in lines {
            let mut row = vec![g.student.to_string(), category.to_string()];
            row.extend(counts(s));
            row.extend([
                not_in.join(" "),
                rules.key.to_string(),
                rules.rule.to_string(),
                number(Some(rules.boundary_credit)),
            ]);
            w.row(&row)?;
        }
    }
    w.finish()
}

fn counts(s: &Score) -> Vec<String> {
    vec![
        s.key_marks.to_string(),
        s.student_marks.to_string(),
        s.matched.to_string(),
        s.boundary.to_string(),
        s.key_in_other_category.to_string(),
        s.student_in_other_category.to_string(),
        s.missed.to_string(),
        s.extra.to_string(),
        number(s.precision),
        number(s.recall),
        number(s.f1),
        s.attributes_compared.to_string(),
        s.attributes_agreed.to_string(),
    ]
}

/// Four decimals, or empty for none: stable from run to run.
fn number(x: Option<f64>) -> String {
    x.map_or(String::new(), |x| format!("{x:.4}"))
}

/// One line per feedback item, in text order per article.
pub fn items(class: &ClassGrade) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row([
        "student",
        "article",
        "handed_in",
        "outcome",
        "key_mark",
        "key_category",
        "key_start",
        "key_end",
        "key_quote",
        "student_mark",
        "student_category",
        "student_start",
        "student_end",
        "student_quote",
        "overlap_chars",
        "attributes",
        "key_note",
    ])?;
    for g in &class.students {
        for a in &g.articles {
            let handed_in = match a.hand_in {
                HandIn::Done => "done",
                HandIn::Marked => "marked",
                HandIn::NotHandedIn => "no",
            };
            for item in &a.items {
                let mut row = vec![
                    g.student.to_string(),
                    a.article.to_string(),
                    handed_in.to_string(),
                    outcome_label(item.outcome).to_string(),
                ];
                row.extend(side(item.key.as_deref()));
                row.extend(side(item.student.as_ref()));
                let attrs: Vec<String> = item.attributes.iter().map(attribute_line).collect();
                row.extend([
                    item.overlap_chars.to_string(),
                    attrs.join(" "),
                    item.key.as_ref().map_or(String::new(), |k| k.note.clone()),
                ]);
                w.row(&row)?;
            }
        }
    }
    w.finish()
}

fn side(m: Option<&MarkSide>) -> [String; 5] {
    match m {
        Some(m) => [
            m.mark.to_string(),
            m.category.id.to_string(),
            m.range.start.0.to_string(),
            m.range.end.0.to_string(),
            m.quote.clone(),
        ],
        None => Default::default(),
    }
}
