//! A class's grades into the school's gradebook: a copy of the
//! instructor's own Canvas export with one assignment column filled
//! ([`canvas`]), Moodle's offline grading worksheet filled ([`moodle`]),
//! and one row per roster student for any spreadsheet ([`sheet`]); and the
//! roster's own file ([`roster_csv`]).
//!
//! One rule makes every grade, stated by [`rule_lines`] in the output and
//! in GRADING.md: the student's overall F1 against the key over the
//! articles they handed in, scaled to the points asked for; a student who
//! handed in nothing gets an empty cell, never 0. Every row of a
//! gradebook is matched to a student through the roster (`crate::roster`),
//! and what cannot be matched is listed both ways in a [`Filled`], never
//! dropped. Every cell, copied or filled, goes through
//! `export::csv::Sheet`.

pub mod canvas;
pub mod moodle;
pub mod sheet;

use std::collections::{BTreeSet, HashMap};

use super::grade::words::{percent, rule_words};
use crate::export::csv::{Cell, Sheet};
use crate::grade::{ClassGrade, Grade, Rules};
use crate::model::AnnotatorId;
use crate::roster::lms::{self, Row, Table};
use crate::roster::{COLUMNS, Roster, Student};

/// Why a gradebook could not be filled.
#[derive(Debug, thiserror::Error)]
pub enum GradebookError {
    /// The file or the request does not fit (a column no header names, a
    /// worksheet without a Grade column...): the message says what to do.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Csv(#[from] ::csv::Error),
}

/// What a score is scaled to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// 0 to 100.
    Percent,
    /// 0 to this many points.
    Points(f64),
}

impl Scale {
    /// `share` (0 to 1) as the cell says it, two decimals.
    pub fn cell(self, share: f64) -> String {
        let out_of = match self {
            Scale::Percent => 100.0,
            Scale::Points(p) => p,
        };
        format!("{:.2}", share * out_of)
    }

    pub fn words(self) -> String {
        match self {
            Scale::Percent => "as a percentage (0 to 100)".to_string(),
            Scale::Points(p) => format!("scaled to {} points", trim(p)),
        }
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The score a gradebook gets for `grade`, from 0 to 1: the overall F1
/// over the articles handed in; `None` when nothing was handed in (or
/// neither side has a mark there).
pub fn score(grade: &Grade) -> Option<f64> {
    let handed_in = grade.articles.iter().any(|a| a.hand_in.handed_in());
    if handed_in { grade.overall.f1 } else { None }
}

/// The rule every gradebook output states, with the scale it used.
pub fn rule_lines(rules: &Rules, scale: &str) -> Vec<String> {
    let credit = if rules.partial_credit() {
        format!(
            "partial credit on: a boundary pair counts {}",
            trim(rules.boundary_credit)
        )
    } else {
        "partial credit off".to_string()
    };
    vec![
        format!(
            "Grade: each student's overall F1 against the answer key of {} (matched: {}, --match {}; {credit}), counted over the articles they handed in, {scale}.",
            rules.key,
            rule_words(rules.rule),
            rules.rule,
        ),
        "An article not handed in is left out of the score; a student who handed in nothing gets an empty cell, not 0."
            .to_string(),
    ]
}

/// A short plain-text comment for a student's gradebook entry.
pub fn comment(grade: &Grade) -> String {
    let total = grade.articles.len();
    let missing: Vec<&str> = grade.not_handed_in().map(|a| a.article.as_str()).collect();
    let handed = total - missing.len();
    if handed == 0 {
        return format!("Candor: no article handed in (of {total}).");
    }
    let s = &grade.overall;
    let mut out = format!(
        "Candor: F1 {} against the answer key. You found {} of the key's {} marks",
        percent(s.f1),
        s.matched,
        s.key_marks
    );
    if s.boundary > 0 {
        out.push_str(&format!(
            " ({} more in the right place with a different extent)",
            s.boundary
        ));
    }
    out.push_str(&format!(
        "; {} of your {} marks the key does not have. Handed in {handed} of {total} articles",
        s.extra, s.student_marks
    ));
    if missing.is_empty() {
        out.push('.');
    } else {
        out.push_str(&format!("; not handed in: {}.", missing.join(", ")));
    }
    out
}

/// A class's grades by annotator.
pub struct Grades<'c> {
    class: &'c ClassGrade,
    by: HashMap<&'c AnnotatorId, &'c Grade>,
}

impl<'c> Grades<'c> {
    pub fn new(class: &'c ClassGrade) -> Self {
        Grades {
            class,
            by: class.students.iter().map(|g| (&g.student, g)).collect(),
        }
    }

    pub fn get(&self, annotator: &AnnotatorId) -> Option<&'c Grade> {
        self.by.get(annotator).copied()
    }

    /// The graded annotators that `used` does not hold, in the class's
    /// order.
    fn without(&self, used: &BTreeSet<AnnotatorId>) -> Vec<AnnotatorId> {
        self.class
            .students
            .iter()
            .map(|g| g.student.clone())
            .filter(|a| !used.contains(a))
            .collect()
    }
}

/// A gradebook written, and who was and was not matched.
#[derive(Debug, Default)]
pub struct Filled {
    /// The file's text.
    pub text: String,
    /// The rule, as [`rule_lines`] words it.
    pub rule: Vec<String>,
    /// Rows (or roster students) given a grade.
    pub filled: usize,
    /// Rows whose student handed nothing in: the cell left empty.
    pub no_hand_in: Vec<String>,
    /// Rows that are no student of the roster: left as they were.
    pub not_on_roster: Vec<String>,
    /// Graded annotators no row is: their grade is written nowhere.
    pub without_row: Vec<AnnotatorId>,
    /// Anything else the person should know (a row left as it was, and why).
    pub notes: Vec<String>,
}

impl Filled {
    /// What the command prints on stderr: the rule, then every list.
    pub fn summary(&self, what: &str) -> Vec<String> {
        let mut out = self.rule.clone();
        out.push(format!("filled {} {what}", self.filled));
        let list = |out: &mut Vec<String>, items: &[String], title: &str| {
            if !items.is_empty() {
                out.push(format!("{} {title}: {}", items.len(), items.join("; ")));
            }
        };
        list(
            &mut out,
            &self.no_hand_in,
            "with no hand-in in Candor (left empty, not 0)",
        );
        list(
            &mut out,
            &self.not_on_roster,
            "not matched to any student (left as they were)",
        );
        let without: Vec<String> = self.without_row.iter().map(|a| a.to_string()).collect();
        list(
            &mut out,
            &without,
            "graded in Candor with no row in the gradebook (their grade is not written)",
        );
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// The roster a gradebook's rows are matched through: the case's, or
/// without one, the gradebook's own students (each annotator the slug of
/// the name, as `candor roster --from` would give), with a note saying so.
fn roster_for<'r>(
    given: Option<&'r Roster>,
    table: &Table,
    notes: &mut Vec<String>,
) -> std::borrow::Cow<'r, Roster> {
    match given {
        Some(r) => std::borrow::Cow::Borrowed(r),
        None => {
            notes.push(
                "The case has no roster.csv: rows were matched to annotators by name (the annotator is the name's slug, as `candor roster --from` gives)."
                    .to_string(),
            );
            let students = lms::students_of(table).map_or(Vec::new(), |(_, s)| s);
            std::borrow::Cow::Owned(Roster::default().update(students).roster)
        }
    }
}

/// A row's name as the lists show it.
fn row_name(student: &Student, line: u64) -> String {
    let mut name = student.name.clone();
    let id = [&student.email, &student.sis_login, &student.student_id]
        .into_iter()
        .find(|s| !s.is_empty());
    if let Some(id) = id {
        name.push_str(&format!(" <{id}>"));
    }
    format!("{name} (line {line})")
}

/// A row's cells copied, with `target` set to `new` if there is one.
fn cells(row: &Row, target: usize, new: Option<String>) -> Vec<Cell<'_>> {
    let mut cells: Vec<Cell> = row.cells.iter().map(|c| Cell::copied(c)).collect();
    if let Some(new) = new {
        if cells.len() <= target {
            cells.resize_with(target + 1, || Cell::Number(String::new()));
        }
        cells[target] = Cell::Number(new);
    }
    cells
}

fn with_bom(bom: bool, text: String) -> String {
    if bom { format!("\u{feff}{text}") } else { text }
}

/// The roster as `roster.csv`: the header of [`COLUMNS`], a line per
/// student, each cell through the one CSV writer.
pub fn roster_csv(roster: &Roster) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row(COLUMNS)?;
    for s in roster.students() {
        w.row(s.cells())?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_give_two_decimals() {
        assert_eq!(Scale::Percent.cell(0.625), "62.50");
        assert_eq!(Scale::Points(10.0).cell(0.625), "6.25");
        assert_eq!(Scale::Points(12.5).words(), "scaled to 12.5 points");
    }

    #[test]
    fn the_roster_file_reads_back_as_written_even_with_a_formula_name() {
        let roster = Roster::new(vec![Student {
            annotator: AnnotatorId::new("x"),
            name: "=HYPERLINK(\"http://x\")".into(),
            email: "-x@y.z".into(),
            ..Student::default()
        }])
        .expect("roster");
        let text = roster_csv(&roster).expect("written");
        assert!(text.contains("\"'=HYPERLINK"), "{text}");
        let back = Roster::parse(std::path::Path::new("roster.csv"), &text).expect("read");
        assert_eq!(back, roster);
    }
}
