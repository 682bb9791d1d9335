//! A copy of the instructor's own Canvas gradebook export with one
//! assignment column filled, for Canvas's "Import" of the gradebook. Every
//! other row and column is copied as it was (the points-possible row, a
//! "Manual Posting" row, the test student, totals), with the file's byte
//! order mark and line ends, so Canvas sees only the one column change.
//! Rows are matched to students through the roster by SIS login, SIS user
//! id, Canvas id, then name (`Roster::matching`).

use std::collections::BTreeSet;

use super::{
    Filled, GradebookError, Grades, Scale, cells, roster_for, row_name, rule_lines, score, with_bom,
};
use crate::export::csv::{Cell, Sheet};
use crate::grade::ClassGrade;
use crate::roster::Roster;
use crate::roster::lms::{CanvasColumns, CanvasRow, Table, cell};

/// `table` (a Canvas gradebook export) with the assignment column that
/// `column` names filled with each student's grade, scaled to `points`,
/// else to the column's Points Possible.
pub fn fill(
    table: &Table,
    roster: Option<&Roster>,
    class: &ClassGrade,
    column: &str,
    points: Option<f64>,
) -> Result<Filled, GradebookError> {
    let file = table.path.display();
    let Some(cols) = CanvasColumns::of(table) else {
        return Err(GradebookError::Refused(format!(
            "{file} is not a Canvas gradebook export: its header should start Student,ID,SIS User ID,SIS Login ID,Section; it is \"{}\"",
            table.header_line()
        )));
    };
    let target = find_column(table, &cols, column)?;
    let header = &table.header[target];
    let possible = table
        .rows
        .iter()
        .find(|r| cols.kind(r) == CanvasRow::PointsPossible)
        .map(|r| cell(r, Some(target)));
    if possible.is_some_and(|p| p.contains("read only")) {
        return Err(GradebookError::Refused(format!(
            "{header:?} is read only in Canvas (a total Canvas computes): name an assignment column"
        )));
    }
    let mut filled = Filled::default();
    let scale = match (points, possible.and_then(|p| p.parse::<f64>().ok())) {
        (Some(p), Some(q)) if (p - q).abs() > 1e-9 => {
            filled.notes.push(format!(
                "--points {p} differs from the {q} points Canvas gives {header:?}: grades are out of {p}"
            ));
            Scale::Points(p)
        }
        (Some(p), _) | (None, Some(p)) => Scale::Points(p),
        (None, None) => {
            return Err(GradebookError::Refused(format!(
                "{file} gives no points possible for {header:?}: say how many with --points N"
            )));
        }
    };
    filled.rule = rule_lines(&class.rules, &scale.words());
    let roster = roster_for(roster, table, &mut filled.notes);
    let grades = Grades::new(class);
    let mut used = BTreeSet::new();
    let mut w = Sheet::copying(table.crlf);
    w.row(table.header.iter().map(|h| Cell::copied(h)))?;
    for row in &table.rows {
        let mut new: Option<String> = None;
        if cols.kind(row) == CanvasRow::Student {
            let record = cols.student(row);
            match roster.matching(&record) {
                None => filled.not_on_roster.push(row_name(&record, row.line)),
                Some(s) => {
                    used.insert(s.annotator.clone());
                    match grades.get(&s.annotator).and_then(score) {
                        Some(share) => {
                            filled.filled += 1;
                            new = Some(scale.cell(share));
                        }
                        None => {
                            let before = cell(row, Some(target));
                            if !before.is_empty() {
                                filled.notes.push(format!(
                                    "{} had {before} in the export and handed nothing in to Candor: the cell is now empty, check it before importing",
                                    row_name(&record, row.line)
                                ));
                            }
                            filled.no_hand_in.push(row_name(&record, row.line));
                            new = Some(String::new());
                        }
                    }
                }
            }
        }
        w.row(cells(row, target, new))?;
    }
    filled.without_row = grades.without(&used);
    filled.text = with_bom(table.bom, w.finish()?);
    Ok(filled)
}

/// The assignment column `name` names: its whole header, or the header
/// without Canvas's assignment number (`Essay` for `Essay (1234)`), or
/// the number alone, ignoring case. Refused, with the columns, when none
/// or several fit, or when it is one of the student's columns.
fn find_column(table: &Table, cols: &CanvasColumns, name: &str) -> Result<usize, GradebookError> {
    let name = name.trim();
    let assignments: Vec<usize> = (0..table.header.len())
        .filter(|i| !cols.identity.contains(i))
        .collect();
    let whole: Vec<usize> = assignments
        .iter()
        .copied()
        .filter(|&i| table.header[i].eq_ignore_ascii_case(name))
        .collect();
    let fits = if whole.is_empty() {
        assignments
            .iter()
            .copied()
            .filter(|&i| {
                let (title, number) = split_number(&table.header[i]);
                title.eq_ignore_ascii_case(name) || number == Some(name)
            })
            .collect()
    } else {
        whole
    };
    let listed = |is: &[usize]| {
        is.iter()
            .map(|&i| format!("{:?}", table.header[i]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match fits.as_slice() {
        [one] => Ok(*one),
        [] => {
            let identity = cols
                .identity
                .iter()
                .any(|&i| table.header[i].eq_ignore_ascii_case(name));
            let why = if identity {
                "is one of the student's columns, not an assignment"
            } else {
                "matches no column"
            };
            Err(GradebookError::Refused(format!(
                "--column {name:?} {why} of {}; its assignment columns are: {}",
                table.path.display(),
                listed(&assignments)
            )))
        }
        several => Err(GradebookError::Refused(format!(
            "--column {name:?} matches {} columns of {}: {}; give the whole header",
            several.len(),
            table.path.display(),
            listed(several)
        ))),
    }
}

/// `Essay (1234)` as `("Essay", Some("1234"))`.
fn split_number(header: &str) -> (&str, Option<&str>) {
    if let Some(open) = header.rfind(" (")
        && let Some(number) = header[open + 2..].strip_suffix(')')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return (&header[..open], Some(number));
    }
    (header, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assignment_number_is_split_from_its_title() {
        assert_eq!(split_number("Essay (1234)"), ("Essay", Some("1234")));
        assert_eq!(split_number("Essay (draft)"), ("Essay (draft)", None));
        assert_eq!(split_number("Essay"), ("Essay", None));
    }
}
