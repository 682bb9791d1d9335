//! One row per roster student, keyed by email and student id, for Google
//! Classroom's grade import or any spreadsheet: who they are, their
//! annotator, the grade (as the rule in `rule_lines` makes it), what it is
//! out of, how many articles they handed in, and a short comment.

use std::collections::{BTreeSet, HashMap};

use super::{Filled, GradebookError, Grades, Scale, comment, rule_lines, score};
use crate::export::csv::{Cell, Sheet};
use crate::grade::ClassGrade;
use crate::model::AnnotatorId;
use crate::roster::Roster;

/// The sheet's columns.
pub const HEADER: [&str; 9] = [
    "email",
    "student_id",
    "name",
    "section",
    "annotator",
    "grade",
    "out_of",
    "articles_handed_in",
    "comment",
];

/// A row per student of `roster`, in its order.
pub fn write(roster: &Roster, class: &ClassGrade, scale: Scale) -> Result<Filled, GradebookError> {
    let grades = Grades::new(class);
    let out_of = match scale {
        Scale::Percent => "100".to_string(),
        Scale::Points(p) => Scale::Points(p).cell(1.0),
    };
    let mut filled = Filled {
        rule: rule_lines(&class.rules, &scale.words()),
        ..Filled::default()
    };
    // Each graded annotator's roster student, looked up once.
    let graded: HashMap<&AnnotatorId, &AnnotatorId> = class
        .students
        .iter()
        .filter_map(|g| Some((&roster.of_annotator(&g.student)?.annotator, &g.student)))
        .collect();
    let mut used = BTreeSet::new();
    let mut w = Sheet::new();
    w.row(HEADER)?;
    for s in roster.students() {
        let grade = graded.get(&s.annotator).and_then(|a| {
            used.insert((*a).clone());
            grades.get(a)
        });
        let share = grade.and_then(score);
        let (value, handed, words) = match (grade, share) {
            (Some(g), Some(share)) => {
                filled.filled += 1;
                let handed = g.articles.iter().filter(|a| a.hand_in.handed_in()).count();
                (
                    scale.cell(share),
                    format!("{handed} of {}", g.articles.len()),
                    comment(g),
                )
            }
            (g, _) => {
                filled
                    .no_hand_in
                    .push(format!("{} ({})", s.name, s.annotator));
                let words = g.map_or("Candor: no marks handed in.".to_string(), comment);
                (String::new(), String::new(), words)
            }
        };
        w.row([
            Cell::from(&s.email),
            Cell::from(&s.student_id),
            Cell::from(&s.name),
            Cell::from(&s.section),
            Cell::from(s.annotator.as_str()),
            Cell::Number(value),
            Cell::Number(out_of.clone()),
            Cell::from(handed),
            Cell::from(words),
        ])?;
    }
    filled.without_row = grades.without(&used);
    filled.text = w.finish()?;
    Ok(filled)
}
