//! The class list: an optional `roster.csv` in the case folder that ties
//! each student's annotator id to who they are in the school's LMS (name,
//! email, student id, SIS login, section, Canvas id). Grading into a
//! gradebook matches its rows through it, and collecting and grading list
//! who on it has handed nothing in and which annotators are not on it.
//!
//! The file is plain CSV that an instructor may edit in a spreadsheet
//! (FORMAT.md, "roster.csv"): columns are found by their headers, extra
//! columns are ignored, and every problem names the file and line. It is
//! made from an LMS export (`lms`: Canvas's gradebook, Moodle's
//! participants) by [`Roster::update`], which keeps the annotator ids a
//! roster already gave. Its text is written by `export::gradebook` (every
//! CSV goes through the one writer) and saved here, atomically.

pub mod lms;
mod names;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{AnnotatorId, is_valid_id};
use crate::problem::Problem;
use crate::storage::{self, WriteError};

pub use names::{first_last, name_key, slug};

/// The roster's file name, in the case folder.
pub const ROSTER_FILE: &str = "roster.csv";

/// Largest roster Candor reads (16 MiB, far beyond any school's class).
pub const MAX_ROSTER_BYTES: u64 = 16 << 20;

/// The roster's columns, in the order Candor writes them. `annotator` and
/// `name` are required when reading; the others may be left out.
pub const COLUMNS: [&str; 7] = [
    "annotator",
    "name",
    "email",
    "student_id",
    "sis_login",
    "section",
    "canvas_id",
];

/// One student of the class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Student {
    /// Their annotator in the case (`marks/<annotator>/`).
    pub annotator: AnnotatorId,
    /// As a person reads it, first name first.
    pub name: String,
    pub email: String,
    /// The school's id (Canvas's "SIS User ID", Moodle's "ID number").
    pub student_id: String,
    /// Canvas's "SIS Login ID" (Moodle's username).
    pub sis_login: String,
    pub section: String,
    /// Canvas's own user id (its export's `ID` column).
    pub canvas_id: String,
}

impl Student {
    /// The cells of the student's line, in [`COLUMNS`] order.
    pub fn cells(&self) -> [&str; 7] {
        [
            self.annotator.as_str(),
            &self.name,
            &self.email,
            &self.student_id,
            &self.sis_login,
            &self.section,
            &self.canvas_id,
        ]
    }

    /// Whether the two records give different values for one id (Canvas
    /// id, SIS login, student id or email): then they are two people,
    /// whatever their names.
    fn conflicts(&self, other: &Student) -> bool {
        [
            (&self.canvas_id, &other.canvas_id),
            (&self.sis_login, &other.sis_login),
            (&self.student_id, &other.student_id),
            (&self.email, &other.email),
        ]
        .iter()
        .any(|(a, b)| !a.is_empty() && !b.is_empty() && !a.eq_ignore_ascii_case(b))
    }

    /// Whether `other` (from an LMS export) is this student: the same
    /// Canvas id, SIS login, student id or email, else the same name.
    fn same_person(&self, other: &Student) -> bool {
        let same = |a: &str, b: &str| !a.is_empty() && a.eq_ignore_ascii_case(b);
        if same(&self.canvas_id, &other.canvas_id)
            || same(&self.sis_login, &other.sis_login)
            || same(&self.student_id, &other.student_id)
            || same(&self.email, &other.email)
        {
            return true;
        }
        // Two records that give different values for one id are two
        // people, even with one name.
        !self.conflicts(other)
            && !self.name.is_empty()
            && name_key(&self.name) == name_key(&other.name)
    }
}

/// A class list, in the file's order; no two students share an annotator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Roster {
    students: Vec<Student>,
}

/// What [`Roster::update`] changed, by name, for the command to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    pub roster: Roster,
    /// New students, with the annotator each was given.
    pub added: Vec<Student>,
    /// Students already on the roster whose details changed (annotator
    /// kept), each with the fields that changed.
    pub changed: Vec<(Student, Vec<&'static str>)>,
    /// Students on the roster that the export no longer lists (kept).
    pub not_in_export: Vec<Student>,
}

impl Roster {
    /// A roster of `students`, refused if two share an annotator or one's
    /// annotator is not a valid id.
    pub fn new(students: Vec<Student>) -> Result<Roster, String> {
        let mut seen = BTreeSet::new();
        for s in &students {
            if !is_valid_id(s.annotator.as_str()) {
                return Err(format!(
                    "{:?} ({}) is not an annotator id: letters, digits, `-`, `_` and `.`, at most 64",
                    s.annotator.as_str(),
                    s.name
                ));
            }
            if !seen.insert(&s.annotator) {
                return Err(format!(
                    "two students are annotator {:?}",
                    s.annotator.as_str()
                ));
            }
        }
        Ok(Roster { students })
    }

    /// The case's `roster.csv`, or `None` if it has none.
    pub fn load(case_root: &Path) -> Result<Option<Roster>, Problem> {
        let path = case_root.join(ROSTER_FILE);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let text = storage::read_text(&path, MAX_ROSTER_BYTES)?;
        Roster::parse(&path, &text).map(Some)
    }

    /// Parses a roster's text read from `path` (which names it in problems).
    pub fn parse(path: &Path, text: &str) -> Result<Roster, Problem> {
        let table = lms::Table::parse(path, text)?;
        let column = |name: &str| table.column(&[name]);
        let (Some(annotator), Some(name)) = (column("annotator"), column("name")) else {
            return Err(Problem::error(
                path,
                format!(
                    "the header must name the columns annotator and name (and may name {}); it is \"{}\"",
                    COLUMNS[2..].join(", "),
                    table.header_line()
                ),
            )
            .at(1, 1));
        };
        let others = [COLUMNS[2], COLUMNS[3], COLUMNS[4], COLUMNS[5], COLUMNS[6]].map(column);
        let mut students = Vec::with_capacity(table.rows.len());
        let mut lines = std::collections::BTreeMap::new();
        for row in &table.rows {
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let at = |message: String| Problem::error(path, message).at(row.line as usize, 1);
            let get = |c: Option<usize>| unquote(lms::cell(row, c)).to_string();
            let id = get(Some(annotator));
            if !is_valid_id(&id) {
                return Err(at(format!(
                    "annotator {id:?} is not an id: letters, digits, `-`, `_` and `.`, at most 64, not starting with `.`"
                )));
            }
            if let Some(first) = lines.insert(id.clone(), row.line) {
                return Err(at(format!("annotator {id:?} is on line {first} already")));
            }
            let [email, student_id, sis_login, section, canvas_id] = others.map(get);
            students.push(Student {
                annotator: AnnotatorId::new(id.as_str()),
                name: get(Some(name)),
                email,
                student_id,
                sis_login,
                section,
                canvas_id,
            });
        }
        Ok(Roster { students })
    }

    pub fn students(&self) -> &[Student] {
        &self.students
    }

    pub fn is_empty(&self) -> bool {
        self.students.is_empty()
    }

    /// The student `name_or_annotator` names: the one with that annotator
    /// id; else the one whose name is the same ignoring case, accents and
    /// word order ("Ana Lopez" finds "Lopez, Ana"); else the one whose
    /// name's slug is it (`ana-lopez`). `None` when nobody, or more than
    /// one student, fits the first rule that fits anyone: two students of
    /// one name are never guessed between.
    pub fn find(&self, name_or_annotator: &str) -> Option<&Student> {
        let q = name_or_annotator.trim();
        if q.is_empty() {
            return None;
        }
        if let Some(s) = self.students.iter().find(|s| s.annotator.as_str() == q) {
            return Some(s);
        }
        let key = name_key(q);
        if let Some(s) = only(self.students.iter().filter(|s| name_key(&s.name) == key)) {
            return s;
        }
        let slugged = slug(q);
        only(self.students.iter().filter(|s| slug(&s.name) == slugged)).flatten()
    }

    /// The student whose annotator is `annotator`, or failing that whom it
    /// names ([`Roster::find`]).
    pub fn of_annotator(&self, annotator: &AnnotatorId) -> Option<&Student> {
        self.find(annotator.as_str())
    }

    /// The students with an email equal to `email` (ignoring case), if
    /// exactly one.
    pub fn by_email(&self, email: &str) -> Option<&Student> {
        let email = email.trim();
        if email.is_empty() {
            return None;
        }
        only(
            self.students
                .iter()
                .filter(|s| s.email.eq_ignore_ascii_case(email)),
        )
        .flatten()
    }

    /// The student an LMS record is, by the first id they share (SIS
    /// login, student id, Canvas id, email), else by name (or its slug)
    /// among the students with no other value for an id the record has:
    /// how a gradebook row is matched. `None` when none or several fit.
    pub fn matching(&self, record: &Student) -> Option<&Student> {
        let fields: [fn(&Student) -> &str; 4] = [
            |s| &s.sis_login,
            |s| &s.student_id,
            |s| &s.canvas_id,
            |s| &s.email,
        ];
        for field in fields {
            let wanted = field(record);
            if wanted.is_empty() {
                continue;
            }
            let found = self
                .students
                .iter()
                .filter(|s| field(s).eq_ignore_ascii_case(wanted));
            if let Some(s) = only(found) {
                return s;
            }
        }
        // By name, among the students whose ids do not say otherwise.
        let key = name_key(&record.name);
        if key.is_empty() {
            return None;
        }
        let fits = || self.students.iter().filter(|s| !s.conflicts(record));
        if let Some(s) = only(fits().filter(|s| name_key(&s.name) == key)) {
            return s;
        }
        let slugged = slug(&record.name);
        only(fits().filter(|s| slug(&s.name) == slugged)).flatten()
    }

    /// Students on the roster none of `handed_in` is (matched as
    /// [`Roster::of_annotator`] does).
    pub fn missing(&self, handed_in: &[AnnotatorId]) -> Vec<&Student> {
        let present: BTreeSet<&AnnotatorId> = handed_in
            .iter()
            .filter_map(|a| self.of_annotator(a))
            .map(|s| &s.annotator)
            .collect();
        self.students
            .iter()
            .filter(|s| !present.contains(&s.annotator))
            .collect()
    }

    /// Those of `handed_in` that are nobody on the roster.
    pub fn not_on_roster<'a>(&self, handed_in: &'a [AnnotatorId]) -> Vec<&'a AnnotatorId> {
        handed_in
            .iter()
            .filter(|a| self.of_annotator(a).is_none())
            .collect()
    }

    /// This roster brought up to date with the students of an LMS export:
    /// a student already on it keeps their annotator and takes the
    /// export's details where the export has them; a new one gets the slug
    /// of their name (first name first), made unique with `-2`, `-3`...;
    /// one the export no longer lists is kept.
    pub fn update(&self, imported: Vec<Student>) -> Update {
        let mut students = self.students.clone();
        let mut matched = vec![false; students.len()];
        let mut update = Update::default();
        let mut taken: BTreeSet<String> = students
            .iter()
            .map(|s| s.annotator.as_str().to_string())
            .collect();
        for new in imported {
            let at = students
                .iter()
                .enumerate()
                .position(|(i, s)| !matched[i] && s.same_person(&new));
            match at {
                Some(i) => {
                    matched[i] = true;
                    let changes = take_details(&mut students[i], &new);
                    if !changes.is_empty() {
                        update.changed.push((students[i].clone(), changes));
                    }
                }
                None => {
                    let base = slug(&new.name);
                    let mut id = base.as_str().to_string();
                    let mut n = 2;
                    while taken.contains(&id) {
                        let suffix = format!("-{n}");
                        let keep = base.as_str().len().min(64 - suffix.len());
                        id = format!("{}{suffix}", &base.as_str()[..keep]);
                        n += 1;
                    }
                    taken.insert(id.clone());
                    let student = Student {
                        annotator: AnnotatorId::new(id.as_str()),
                        ..new
                    };
                    update.added.push(student.clone());
                    students.push(student);
                    matched.push(true);
                }
            }
        }
        update.not_in_export = students
            .iter()
            .zip(&matched)
            .filter(|(_, m)| !**m)
            .map(|(s, _)| s.clone())
            .collect();
        update.roster = Roster { students };
        update
    }

    /// Saves `text` (this roster as `export::gradebook::roster_csv` wrote
    /// it) as the case's `roster.csv`, atomically, holding the case's lock.
    pub fn save(case_root: &Path, text: &str) -> Result<PathBuf, WriteError> {
        let bytes = text.len() as u64;
        if bytes > MAX_ROSTER_BYTES {
            return Err(WriteError::TooLarge {
                rel: PathBuf::from(ROSTER_FILE),
                bytes,
                limit: MAX_ROSTER_BYTES,
            });
        }
        let _lock = storage::CaseLock::acquire(case_root)?;
        storage::write_inside(case_root, Path::new(ROSTER_FILE), text.as_bytes())
    }
}

/// The export's non-empty details copied onto `s`; the names of the fields
/// that changed.
fn take_details(s: &mut Student, new: &Student) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let fields: [(&'static str, &mut String, &String); 6] = [
        ("name", &mut s.name, &new.name),
        ("email", &mut s.email, &new.email),
        ("student_id", &mut s.student_id, &new.student_id),
        ("sis_login", &mut s.sis_login, &new.sis_login),
        ("section", &mut s.section, &new.section),
        ("canvas_id", &mut s.canvas_id, &new.canvas_id),
    ];
    for (name, old, new) in fields {
        if !new.is_empty() && old != new {
            *old = new.clone();
            changed.push(name);
        }
    }
    changed
}

/// `Some(Some(x))` for exactly one item, `Some(None)` for several (the
/// search stops: it is ambiguous), `None` for none.
fn only<T>(mut items: impl Iterator<Item = T>) -> Option<Option<T>> {
    let first = items.next()?;
    Some(items.next().is_none().then_some(first))
}

/// A cell as a person typed it: Candor's CSV writer puts a `'` before a
/// cell that starts like a formula (`export::csv::cell`), and reading it
/// back takes that `'` off again.
fn unquote(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn student(annotator: &str, name: &str) -> Student {
        Student {
            annotator: AnnotatorId::new(annotator),
            name: name.to_string(),
            ..Student::default()
        }
    }

    fn roster(text: &str) -> Result<Roster, Problem> {
        Roster::parse(Path::new("roster.csv"), text)
    }

    #[test]
    fn a_roster_is_read_by_its_headers_and_ignores_extra_columns() {
        let r = roster(
            "name,notes,annotator,email\n\"Lopez, Ana\",late,ana-lopez,ana@x.edu\n,,,\nBen Ode,,ben,\n",
        )
        .expect("read");
        assert_eq!(r.students().len(), 2);
        assert_eq!(r.students()[0].email, "ana@x.edu");
        assert_eq!(r.students()[1].annotator.as_str(), "ben");
        assert_eq!(r.students()[1].section, "");
    }

    #[test]
    fn a_bad_roster_names_the_file_and_line() {
        let no_header = roster("who,mail\n").expect_err("no annotator column");
        assert!(
            no_header.to_string().starts_with("roster.csv:1:1"),
            "{no_header}"
        );
        let bad = roster("annotator,name\nok,A\n../x,B\n").expect_err("bad id");
        assert_eq!(bad.line, 3, "{bad}");
        let twice = roster("annotator,name\nok,A\nok,B\n").expect_err("twice");
        assert!(twice.message.contains("line 2"), "{twice}");
        assert_eq!(twice.line, 3);
    }

    #[test]
    fn find_tries_the_annotator_then_the_name_then_its_slug() {
        let r = Roster::new(vec![
            student("s1", "Lopez, Ána"),
            student("s2", "Ben Ode"),
            student("s3", "Kim Park"),
            student("s4", "Park Kim"),
        ])
        .expect("roster");
        assert_eq!(r.find("s2").map(|s| s.name.as_str()), Some("Ben Ode"));
        assert_eq!(
            r.find("Ana Lopez").map(|s| s.annotator.as_str()),
            Some("s1")
        );
        assert_eq!(
            r.find("ana-lopez").map(|s| s.annotator.as_str()),
            Some("s1")
        );
        assert_eq!(r.find("ben-ode").map(|s| s.annotator.as_str()), Some("s2"));
        assert!(
            r.find("Kim Park").is_none(),
            "two students fit: never a guess"
        );
        assert!(r.find("Nobody").is_none());
        let mut with_mail = r.clone();
        with_mail.students[1].email = "Ben@School.example".into();
        assert_eq!(
            with_mail
                .by_email(" ben@school.example")
                .map(|s| s.annotator.as_str()),
            Some("s2")
        );
        assert!(
            with_mail.by_email("").is_none(),
            "an empty email is nobody's"
        );
        assert!(r.find("").is_none());
    }

    #[test]
    fn missing_and_not_on_roster_go_both_ways() {
        let r = Roster::new(vec![student("ana", "Ana Lopez"), student("ben", "Ben Ode")])
            .expect("roster");
        let handed = [AnnotatorId::new("ana"), AnnotatorId::new("zed")];
        let missing: Vec<&str> = r.missing(&handed).iter().map(|s| s.name.as_str()).collect();
        assert_eq!(missing, ["Ben Ode"]);
        assert_eq!(r.not_on_roster(&handed), [&AnnotatorId::new("zed")]);
    }

    #[test]
    fn an_update_keeps_annotators_given_and_makes_new_ones_unique() {
        let mut ana = student("ana", "Ana Lopez");
        ana.sis_login = "alopez".into();
        let old = Roster::new(vec![ana, student("gone", "Gone Away")]).expect("roster");
        let mut renamed = student("", "Ana López-Díaz");
        renamed.sis_login = "alopez".into();
        let update = old.update(vec![
            renamed,
            student("", "Ben Ode"),
            student("", "Ben Ode"),
        ]);
        let ids: Vec<&str> = update
            .roster
            .students()
            .iter()
            .map(|s| s.annotator.as_str())
            .collect();
        assert_eq!(ids, ["ana", "gone", "ben-ode", "ben-ode-2"]);
        assert_eq!(update.roster.students()[0].name, "Ana López-Díaz");
        assert_eq!(update.changed.len(), 1);
        assert_eq!(update.changed[0].1, ["name"]);
        assert_eq!(update.added.len(), 2);
        assert_eq!(update.not_in_export[0].annotator.as_str(), "gone");
    }

    #[test]
    fn records_that_share_no_id_are_two_people_even_with_one_name() {
        let mut a = student("a", "Sam Lee");
        a.email = "sam1@x.edu".into();
        let mut b = student("", "Sam Lee");
        b.email = "sam2@x.edu".into();
        assert!(!a.same_person(&b));
        b.email.clear();
        assert!(a.same_person(&b));
    }

    #[test]
    fn a_row_is_matched_by_id_first_and_by_name_only_without_a_conflicting_id() {
        let mut sam = student("sam", "Sam Lee");
        sam.sis_login = "slee1".into();
        let mut kim = student("kim", "Kim Park");
        kim.student_id = "S9".into();
        let r = Roster::new(vec![sam, kim]).expect("roster");
        let mut row = student("", "Someone Else");
        row.student_id = "S9".into();
        assert_eq!(r.matching(&row).map(|s| s.annotator.as_str()), Some("kim"));
        let mut other_sam = student("", "Lee, Sam");
        other_sam.sis_login = "slee2".into();
        assert!(r.matching(&other_sam).is_none(), "another Sam Lee");
        other_sam.sis_login.clear();
        assert_eq!(
            r.matching(&other_sam).map(|s| s.annotator.as_str()),
            Some("sam")
        );
        assert!(r.matching(&student("", "")).is_none());
    }

    #[test]
    fn a_quoted_formula_reads_back_as_typed() {
        assert_eq!(unquote("'=HYPERLINK(1)"), "=HYPERLINK(1)");
        assert_eq!(unquote("'quoted"), "'quoted");
        assert_eq!(unquote("plain"), "plain");
    }

    #[test]
    fn a_case_without_a_roster_has_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(Roster::load(dir.path()).expect("no error"), None);
        Roster::save(dir.path(), "annotator,name\nana,Ana Lopez\n").expect("saved");
        let r = Roster::load(dir.path()).expect("read").expect("a roster");
        assert_eq!(
            r.find("Lopez Ana").map(|s| s.annotator.as_str()),
            Some("ana")
        );
    }
}
