//! Grades into the school's gradebook, run as an instructor would: a class
//! of 30 made in a temp folder from the example case (each student's marks
//! files written under `marks/`), a roster made from a Canvas gradebook
//! export and from a Moodle participants export (`candor roster`), and
//! `candor grade --format canvas | moodle | sheet`. Each file written is
//! read back with the csv crate and compared column by column with the one
//! given: only the filled columns differ, students who handed nothing in
//! get an empty cell, hostile names are neutralised, and everyone who
//! could not be matched is listed.

mod canvas;
mod moodle;
mod roster;

use std::fs;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::export::gradebook::{Scale, score};
use candor::grade::{ClassGrade, GradeOptions};
use candor::model::AnnotatorId;

use crate::util::example_copy;

/// One student of the simulated class.
#[derive(Clone, Debug)]
pub struct Pupil {
    pub first: String,
    pub last: String,
    /// The annotator `candor roster --from` gives: the name's slug.
    pub annotator: String,
    pub email: String,
    pub canvas_id: String,
    pub sis_id: String,
    pub login: String,
    /// Which articles they handed in (none: no marks folder at all).
    pub handed_in: &'static [&'static str],
}

impl Pupil {
    pub fn canvas_name(&self) -> String {
        format!("{}, {}", self.last, self.first)
    }
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

const FIRST: [&str; 10] = [
    "Ana", "José", "Mei", "Olu", "Ines", "Tomas", "Sara", "Yusuf", "Lena", "Kofi",
];
const LAST: [&str; 3] = ["Núñez", "Park", "Okafor"];
const ALL: &[&str] = &["wire", "tribune", "voice", "digest", "ledger"];

/// The 30 students: the first three hand in nothing, the fourth two
/// articles, the rest all five; the last one's first name is a formula.
pub fn pupils() -> Vec<Pupil> {
    (0..30)
        .map(|i| {
            let first = if i == 29 {
                "=HYPERLINK(\"http://example.com/x\",\"y\")".to_string()
            } else {
                FIRST[i % 10].to_string()
            };
            let last = if i == 29 { "=Okafor" } else { LAST[i / 10] }.to_string();
            let full = format!("{first} {last}");
            let annotator = candor::roster::slug(&full).to_string();
            let handed_in: &'static [&'static str] = match i {
                0..=2 => &[],
                3 => &["wire", "tribune"],
                _ => ALL,
            };
            Pupil {
                first,
                last,
                annotator,
                email: format!("s{i:02}@school.example"),
                canvas_id: format!("{}", 5000 + i),
                sis_id: format!("S{i:04}"),
                login: format!("login{i:02}"),
                handed_in,
            }
        })
        .collect()
}

/// The example case with Ben's marks gone and each pupil's marks written
/// (Amara's files for even pupils, Ben's for odd ones, only the articles
/// they handed in). Amara stays: an annotator on no roster.
pub fn class(dir: &Path) -> (PathBuf, Vec<Pupil>) {
    let root = example_copy(dir);
    let marks = root.join("marks");
    let ben = dir.join("ben-marks");
    fs::rename(marks.join("ben"), &ben).expect("move Ben's marks aside");
    let pupils = pupils();
    for (i, p) in pupils.iter().enumerate() {
        if p.handed_in.is_empty() {
            continue;
        }
        let from = if i % 2 == 0 {
            marks.join("amara")
        } else {
            ben.clone()
        };
        let to = marks.join(&p.annotator);
        fs::create_dir_all(&to).expect("a student's folder");
        for article in p.handed_in {
            let name = format!("{article}.ron");
            fs::copy(from.join(&name), to.join(&name)).expect("copy a marks file");
        }
    }
    (root, pupils)
}

/// Every record of a CSV file, header included, as the csv crate reads it.
pub fn records(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).expect("read a CSV");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect()
}

/// A cell as the one CSV writer writes it: a `'` before one that starts
/// like a formula.
pub fn neutral(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err() && cell != "-" {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A CSV file's text from rows, as an LMS would write it (through the csv
/// crate, lines ending `\r\n` when `crlf`).
pub fn csv_text(rows: &[Vec<String>], crlf: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("a record");
    }
    String::from_utf8(w.into_inner().expect("flushed")).expect("UTF-8")
}

/// What each annotator's cell should hold, scaled to `points`, computed
/// by the library: the rule the command states.
pub fn expected(root: &Path, points: f64) -> std::collections::HashMap<String, Option<String>> {
    let case = Case::open(root).expect("the case opens");
    let key = AnnotatorId::new("key");
    let students = candor::grade::students(&case, &key);
    let class = ClassGrade::build(&case, &key, &students, &GradeOptions::default());
    class
        .students
        .iter()
        .map(|g| {
            (
                g.student.to_string(),
                score(g).map(|s| Scale::Points(points).cell(s)),
            )
        })
        .collect()
}
