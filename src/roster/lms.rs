//! The CSV files an LMS gives an instructor, read as they are: a Canvas
//! gradebook export, a Moodle participants or gradebook export, Moodle's
//! offline grading worksheet. Each is read whole into a [`Table`] (every
//! record with the line it starts on, the byte order mark and line ends
//! noted so a filled copy can be written the same way), and the columns
//! Candor needs are found by their headers as the LMS writes them in
//! English. `candor roster --from` turns one into students
//! ([`students_of`]); the gradebook writers (`export::gradebook`) fill one.

use std::path::{Path, PathBuf};

use super::Student;
use super::names::first_last;
use crate::model::AnnotatorId;
use crate::problem::Problem;
use crate::storage;

/// Largest LMS export Candor reads (64 MiB): a gradebook of many thousand
/// students and hundreds of columns is a few MiB.
pub const MAX_EXPORT_BYTES: u64 = 64 << 20;

/// One record of a [`Table`] after its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file where the record starts.
    pub line: u64,
    pub cells: Vec<String>,
}

/// A CSV file read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub path: PathBuf,
    /// The file started with a UTF-8 byte order mark (dropped from `header`).
    pub bom: bool,
    /// The file's lines end with `\r\n`.
    pub crlf: bool,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Reads `path`, refusing files over [`MAX_EXPORT_BYTES`] and text
    /// that is not UTF-8.
    pub fn read(path: &Path) -> Result<Table, Problem> {
        let text = storage::read_text(path, MAX_EXPORT_BYTES)?;
        Table::parse(path, &text)
    }

    /// Parses CSV text read from `path` (which names it in problems).
    pub fn parse(path: &Path, text: &str) -> Result<Table, Problem> {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let crlf = text.find('\n').is_some_and(|at| text[..at].ends_with('\r'));
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        // The reader's position of a record lies before the line end that
        // precedes it, so the line is counted here: the newlines before the
        // record's first byte, counted once from where the last one was.
        let bytes = text.as_bytes();
        let (mut counted_to, mut line) = (0usize, 1u64);
        for record in reader.records() {
            let record = record.map_err(|e| csv_problem(path, &e))?;
            let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            let start = start.max(counted_to);
            line += memchr::memchr_iter(b'\n', &bytes[counted_to..start]).count() as u64;
            counted_to = start;
            records.push(Row {
                line,
                cells: record.iter().map(str::to_string).collect(),
            });
        }
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            return Err(Problem::error(path, "the file is empty: no header line"));
        };
        Ok(Table {
            path: path.to_path_buf(),
            bom,
            crlf,
            header: header.cells.iter().map(|h| h.trim().to_string()).collect(),
            rows: records.collect(),
        })
    }

    /// The first column whose header is one of `names` (ignoring case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    }

    /// The header as one line, for messages.
    pub fn header_line(&self) -> String {
        self.header.join(",")
    }
}

/// A row's cell in `column`, trimmed; empty when the row is shorter or
/// there is no such column.
pub fn cell(row: &Row, column: Option<usize>) -> &str {
    column
        .and_then(|c| row.cells.get(c))
        .map_or("", |s| s.trim())
}

/// A CSV error as a problem at its line.
pub fn csv_problem(path: &Path, e: &::csv::Error) -> Problem {
    let p = Problem::error(path, format!("not readable as CSV: {e}"));
    match e.position() {
        Some(pos) => p.at(pos.line() as usize, 0),
        None => p,
    }
}

/// The LMSs whose files Candor reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lms {
    Canvas,
    Moodle,
}

impl Lms {
    pub fn name(self) -> &'static str {
        match self {
            Lms::Canvas => "Canvas gradebook export",
            Lms::Moodle => "Moodle export",
        }
    }
}

/// The headers Candor knows, for the message that refuses a file.
pub const KNOWN_HEADERS: &str = "a Canvas gradebook export (Student,ID,SIS User ID,SIS Login ID,Section,...) \
or a Moodle participants, gradebook or grading worksheet export (First name and Last name, or Full name; \
Email address; optionally ID number, Username, Groups)";

/// Where the columns of a Canvas gradebook export are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanvasColumns {
    pub student: usize,
    pub id: usize,
    pub sis_user_id: Option<usize>,
    pub sis_login: Option<usize>,
    pub section: Option<usize>,
    /// The columns before the assignments: never filled with a grade.
    pub identity: Vec<usize>,
}

impl CanvasColumns {
    /// The columns, if `table` is a Canvas gradebook export (its first
    /// header is `Student` and an `ID` column follows).
    pub fn of(table: &Table) -> Option<CanvasColumns> {
        if !table.header.first()?.eq_ignore_ascii_case("Student") {
            return None;
        }
        let id = table.column(&["ID"])?;
        let sis_user_id = table.column(&["SIS User ID"]);
        let sis_login = table.column(&["SIS Login ID"]);
        let section = table.column(&["Section"]);
        let integration = table.column(&["Integration ID"]);
        let root = table.column(&["Root Account"]);
        let mut identity: Vec<usize> = [Some(0), Some(id), sis_user_id, sis_login, section]
            .into_iter()
            .chain([integration, root])
            .flatten()
            .collect();
        identity.sort_unstable();
        identity.dedup();
        Some(CanvasColumns {
            student: 0,
            id,
            sis_user_id,
            sis_login,
            section,
            identity,
        })
    }

    /// What a row of the export is.
    pub fn kind(&self, row: &Row) -> CanvasRow {
        let student = cell(row, Some(self.student));
        if student.eq_ignore_ascii_case("Points Possible") {
            CanvasRow::PointsPossible
        } else if student.is_empty() && cell(row, Some(self.id)).is_empty() {
            // "Muted" or "Manual Posting" under some assignments.
            CanvasRow::Other
        } else if student.eq_ignore_ascii_case("Student, Test")
            || student.eq_ignore_ascii_case("Test Student")
        {
            CanvasRow::TestStudent
        } else {
            CanvasRow::Student
        }
    }

    /// A student row as a roster student (annotator not yet given).
    pub fn student(&self, row: &Row) -> Student {
        Student {
            annotator: AnnotatorId::new(""),
            name: first_last(cell(row, Some(self.student))),
            email: String::new(),
            student_id: cell(row, self.sis_user_id).to_string(),
            sis_login: cell(row, self.sis_login).to_string(),
            section: cell(row, self.section).to_string(),
            canvas_id: cell(row, Some(self.id)).to_string(),
        }
    }
}

/// The rows of a Canvas gradebook export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CanvasRow {
    Student,
    /// `    Points Possible`: each assignment's points.
    PointsPossible,
    /// A row with no student ("Muted", "Manual Posting").
    Other,
    /// Canvas's own test student (`Student, Test`).
    TestStudent,
}

/// Where the columns of a Moodle export with one row per participant are:
/// the participants page, the gradebook's plain-text export, a user bulk
/// download (short names: `firstname`, `email`, ...) and the assignment's
/// offline grading worksheet (`Full name`, `Email address`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoodleColumns {
    pub first: Option<usize>,
    pub last: Option<usize>,
    pub full: Option<usize>,
    pub email: Option<usize>,
    pub id_number: Option<usize>,
    pub username: Option<usize>,
    pub groups: Option<usize>,
}

impl MoodleColumns {
    /// The columns, if `table` has a name (first and last, or full) and
    /// an email address.
    pub fn of(table: &Table) -> Option<MoodleColumns> {
        let c = MoodleColumns {
            first: table.column(&["First name", "firstname"]),
            last: table.column(&["Last name", "Surname", "lastname"]),
            full: table.column(&["Full name", "fullname"]),
            email: table.column(&["Email address", "email"]),
            id_number: table.column(&["ID number", "idnumber"]),
            username: table.column(&["Username"]),
            groups: table.column(&["Groups", "Group"]),
        };
        let named = c.full.is_some() || (c.first.is_some() && c.last.is_some());
        (named && c.email.is_some()).then_some(c)
    }

    /// The participant's name as "First Last".
    pub fn name(&self, row: &Row) -> String {
        if self.first.is_some() && self.last.is_some() {
            let name = format!("{} {}", cell(row, self.first), cell(row, self.last));
            let name = name.trim();
            if !name.is_empty() {
                return name.to_string();
            }
        }
        cell(row, self.full).to_string()
    }

    pub fn student(&self, row: &Row) -> Student {
        Student {
            annotator: AnnotatorId::new(""),
            name: self.name(row),
            email: cell(row, self.email).to_string(),
            student_id: cell(row, self.id_number).to_string(),
            sis_login: cell(row, self.username).to_string(),
            section: cell(row, self.groups).to_string(),
            canvas_id: String::new(),
        }
    }
}

/// The students an LMS export lists, with which LMS it came from; the
/// annotators are left empty for `Roster::update` to give. Canvas's
/// points-possible, muted and test-student rows are skipped. A file of
/// neither kind is refused with the headers Candor knows.
pub fn students_of(table: &Table) -> Result<(Lms, Vec<Student>), Problem> {
    if let Some(c) = CanvasColumns::of(table) {
        let students = table
            .rows
            .iter()
            .filter(|r| c.kind(r) == CanvasRow::Student)
            .map(|r| c.student(r))
            .collect();
        return Ok((Lms::Canvas, students));
    }
    if let Some(c) = MoodleColumns::of(table) {
        let students = table
            .rows
            .iter()
            .map(|r| c.student(r))
            .filter(|s| !s.name.is_empty() || !s.email.is_empty())
            .collect();
        return Ok((Lms::Moodle, students));
    }
    Err(Problem::error(
        &table.path,
        format!(
            "not an export Candor knows: its header is \"{}\"; Candor reads {KNOWN_HEADERS}",
            table.header_line()
        ),
    )
    .at(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        Table::parse(Path::new("export.csv"), text).expect("parsed")
    }

    #[test]
    fn a_canvas_export_skips_points_muted_and_the_test_student() {
        let t = table(
            "\u{feff}Student,ID,SIS User ID,SIS Login ID,Section,Essay (12)\r\n\
             ,,,,,Manual Posting\r\n\
             \x20   Points Possible,,,,,10.00\r\n\
             \"Lopez, Ana\",101,S1,alopez,Sec 1,\r\n\
             \"Student, Test\",999,,,Sec 1,\r\n",
        );
        assert!(t.bom && t.crlf);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        let (lms, students) = students_of(&t).expect("known");
        assert_eq!(lms, Lms::Canvas);
        assert_eq!(students.len(), 1);
        let s = &students[0];
        assert_eq!(
            (
                s.name.as_str(),
                s.canvas_id.as_str(),
                s.student_id.as_str(),
                s.sis_login.as_str()
            ),
            ("Ana Lopez", "101", "S1", "alopez")
        );
    }

    #[test]
    fn a_moodle_export_gives_names_emails_and_id_numbers() {
        let t = table(
            "First name,Last name,ID number,Institution,Department,Email address\n\
             Ana,López,S1,,,ana@example.edu\n",
        );
        let (lms, students) = students_of(&t).expect("known");
        assert_eq!(lms, Lms::Moodle);
        assert_eq!(students[0].name, "Ana López");
        assert_eq!(students[0].email, "ana@example.edu");
        assert_eq!(students[0].student_id, "S1");
        assert!(!t.crlf && !t.bom);
    }

    #[test]
    fn an_unknown_file_is_refused_with_the_headers_candor_knows() {
        let err = students_of(&table("name,mail\nx,y\n")).expect_err("unknown");
        assert!(err.message.contains("name,mail"), "{err}");
        assert!(err.message.contains("SIS Login ID"), "{err}");
        assert!(err.message.contains("Email address"), "{err}");
    }

    #[test]
    fn an_empty_file_is_refused_by_name() {
        let empty = Table::parse(Path::new("x.csv"), "").expect_err("empty");
        assert!(empty.to_string().starts_with("x.csv"), "{empty}");
        assert!(empty.message.contains("empty"));
    }
}
