//! Moodle's offline grading worksheet filled, for the assignment's
//! "Upload grading worksheet". Moodle's importer
//! (`mod/assign/feedback/offline/importgradeslib.php`) finds its columns by
//! their English headers: `Identifier` (the participant), `Grade`, `Last
//! modified (grade)` (read with PHP's `strtotime`; a grade changed in
//! Moodle after that time is skipped as stale unless the instructor ticks
//! "Ignore modified"), and a column per feedback plugin, `Feedback
//! comments`. Each row is matched through the roster by email, else by
//! name; Grade gets the grade scaled to the row's `Maximum Grade` (or to
//! `--points`), Last modified (grade) the time of writing, and Feedback
//! comments a short comment. Every other cell is copied as it was.

use std::collections::BTreeSet;

use super::{
    Filled, GradebookError, Grades, Scale, cells, comment, roster_for, row_name, rule_lines, score,
    with_bom,
};
use crate::export::csv::{Cell, Sheet};
use crate::grade::ClassGrade;
use crate::roster::lms::{Table, cell};
use crate::roster::{Roster, Student};

/// The headers the worksheet must have for Moodle to import it.
const REQUIRED: [&str; 3] = ["Identifier", "Grade", "Last modified (grade)"];

/// `when` as the worksheet's `Last modified (grade)`: ISO 8601 with its
/// offset (`2026-03-02T14:05:00+00:00`), which `strtotime` reads exactly
/// whatever the server's time zone.
pub fn moodle_time(when: std::time::SystemTime) -> String {
    let utc = humantime::format_rfc3339_seconds(when).to_string();
    match utc.strip_suffix('Z') {
        Some(t) => format!("{t}+00:00"),
        None => utc,
    }
}

/// `table` (a worksheet) filled: `now` is written as each filled row's
/// Last modified (grade) ([`moodle_time`]).
pub fn fill(
    table: &Table,
    roster: Option<&Roster>,
    class: &ClassGrade,
    points: Option<f64>,
    now: &str,
) -> Result<Filled, GradebookError> {
    let [id, grade_col, modified] = REQUIRED.map(|h| table.column(&[h]));
    let (Some(_), Some(grade_col), Some(modified)) = (id, grade_col, modified) else {
        return Err(GradebookError::Refused(format!(
            "{} is not a Moodle grading worksheet: it needs the columns {} (download it in English, with \"Offline grading worksheet\" on); its header is \"{}\"",
            table.path.display(),
            REQUIRED.join(", "),
            table.header_line()
        )));
    };
    let full = table.column(&["Full name"]);
    let email = table.column(&["Email address"]);
    let maximum = table.column(&["Maximum Grade"]);
    let feedback = table.column(&["Feedback comments"]);
    let scale_words = match points {
        Some(p) => Scale::Points(p).words(),
        None => "scaled to each row's Maximum Grade".to_string(),
    };
    let mut filled = Filled {
        rule: rule_lines(&class.rules, &scale_words),
        ..Filled::default()
    };
    if feedback.is_none() {
        filled.notes.push(
            "The worksheet has no Feedback comments column (the assignment's feedback comments are off): grades only."
                .to_string(),
        );
    }
    if points.is_none() && maximum.is_none() {
        return Err(GradebookError::Refused(format!(
            "{} has no Maximum Grade column: say how many points with --points N",
            table.path.display()
        )));
    }
    let roster = roster_for(roster, table, &mut filled.notes);
    let grades = Grades::new(class);
    let mut used = BTreeSet::new();
    let mut above_max = false;
    let mut w = Sheet::copying(table.crlf);
    w.row(table.header.iter().map(|h| Cell::copied(h)))?;
    for row in &table.rows {
        let record = Student {
            name: cell(row, full).to_string(),
            email: cell(row, email).to_string(),
            ..Student::default()
        };
        if record.name.is_empty() && record.email.is_empty() {
            w.row(cells(row, grade_col, None))?;
            continue;
        }
        let Some(student) = roster.matching(&record) else {
            filled.not_on_roster.push(row_name(&record, row.line));
            w.row(cells(row, grade_col, None))?;
            continue;
        };
        used.insert(student.annotator.clone());
        let graded = grades.get(&student.annotator);
        let Some((g, share)) = graded.and_then(|g| Some((g, score(g)?))) else {
            filled.no_hand_in.push(row_name(&record, row.line));
            w.row(cells(row, grade_col, Some(String::new())))?;
            continue;
        };
        let scale = match points {
            Some(p) => Scale::Points(p),
            None => match cell(row, maximum).parse::<f64>() {
                Ok(m) => Scale::Points(m),
                Err(_) => {
                    filled.notes.push(format!(
                        "{}: Maximum Grade {:?} is not a number (a scale?): left as it was; give --points N",
                        row_name(&record, row.line),
                        cell(row, maximum)
                    ));
                    w.row(cells(row, grade_col, None))?;
                    continue;
                }
            },
        };
        if let (Scale::Points(p), Ok(max)) = (scale, cell(row, maximum).parse::<f64>())
            && p > max
            && !above_max
        {
            above_max = true;
            filled.notes.push(format!(
                "--points {p} is above the Maximum Grade {max} of {}: Moodle skips a grade over the maximum",
                row_name(&record, row.line)
            ));
        }
        filled.filled += 1;
        let mut out = cells(row, grade_col, Some(scale.cell(share)));
        set(&mut out, modified, Cell::from(now.to_string()));
        if let Some(f) = feedback {
            set(&mut out, f, Cell::from(comment(g)));
        }
        w.row(out)?;
    }
    filled.without_row = grades.without(&used);
    filled.text = with_bom(table.bom, w.finish()?);
    Ok(filled)
}

fn set<'a>(cells: &mut Vec<Cell<'a>>, at: usize, value: Cell<'a>) {
    if cells.len() <= at {
        cells.resize_with(at + 1, || Cell::Number(String::new()));
    }
    cells[at] = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_is_written_with_its_offset() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_772_460_300);
        assert_eq!(moodle_time(t), "2026-03-02T14:05:00+00:00");
    }
}
