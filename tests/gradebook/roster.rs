//! `candor roster`: roster.csv made from a Canvas gradebook export and
//! from a Moodle participants export, kept when a person edited it, shown
//! against the case's annotators; and `--format sheet`, a row per roster
//! student.

use std::fs;

use super::{class, csv_text, records};
use crate::util::{candor, ok, stderr, stdout};

fn canvas_rows(pupils: &[super::Pupil]) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            "Essay (1)",
        ]
        .map(String::from)
        .to_vec(),
        ["    Points Possible", "", "", "", "", "10"]
            .map(String::from)
            .to_vec(),
    ];
    for p in pupils {
        rows.push(vec![
            p.canvas_name(),
            p.canvas_id.clone(),
            p.sis_id.clone(),
            p.login.clone(),
            "Section 1".into(),
            String::new(),
        ]);
    }
    rows.push(
        ["Student, Test", "1", "", "", "", ""]
            .map(String::from)
            .to_vec(),
    );
    rows
}

#[test]
fn a_canvas_export_makes_the_roster_and_an_edited_roster_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_root, pupils) = class(dir.path());
    fs::write(
        dir.path().join("canvas.csv"),
        csv_text(&canvas_rows(&pupils), true),
    )
    .expect("written");
    let o = candor(
        &["roster", "northgate-dam", "--from", "canvas.csv"],
        dir.path(),
    );
    ok(&o);
    assert!(
        stdout(&o).contains("30 students (Canvas gradebook export)"),
        "{}",
        stdout(&o)
    );
    let path = dir.path().join("northgate-dam/roster.csv");
    let roster = records(&path);
    assert_eq!(
        roster[0],
        [
            "annotator",
            "name",
            "email",
            "student_id",
            "sis_login",
            "section",
            "canvas_id"
        ]
    );
    assert_eq!(
        roster.len(),
        31,
        "30 students, no test student, no points row"
    );
    for (p, r) in pupils.iter().zip(&roster[1..]) {
        assert_eq!(r[0], p.annotator, "the slug of the name, first name first");
        assert_eq!((&r[3], &r[4], &r[6]), (&p.sis_id, &p.login, &p.canvas_id));
    }
    assert_eq!(roster[1][0], "ana-nunez", "accents folded");
    assert_eq!(
        roster[30][1],
        format!("'{}", pupils[29].full_name()),
        "a formula is neutralised"
    );

    let again = candor(
        &["roster", "northgate-dam", "--from", "canvas.csv"],
        dir.path(),
    );
    ok(&again);
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));

    // An instructor renames one annotator and adds a column by hand.
    let edited = fs::read_to_string(&path)
        .expect("read")
        .replacen("mei-nunez,", "mei,", 1)
        .replacen("canvas_id\n", "canvas_id,notes\n", 1);
    fs::write(&path, &edited).expect("edited");
    let refused = candor(
        &["roster", "northgate-dam", "--from", "canvas.csv"],
        dir.path(),
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        edited,
        "left as it was"
    );
    ok(&candor(
        &["roster", "northgate-dam", "--from", "canvas.csv", "--force"],
        dir.path(),
    ));
    let kept = records(&path);
    assert_eq!(kept[3][0], "mei", "the annotator given by hand is kept");
    assert_eq!(kept.len(), 31);

    let shown = candor(&["roster", "northgate-dam"], dir.path());
    ok(&shown);
    let out = stdout(&shown);
    assert!(out.contains("3 with no marks"), "{out}");
    assert!(out.contains("not on the roster: amara"), "{out}");
    assert!(
        out.contains("5 of 5 articles") && out.contains("2 of 5 articles"),
        "{out}"
    );

    // Grading the class says the same, whatever the format.
    let graded = candor(
        &["grade", "northgate-dam", "--all", "--format", "csv"],
        dir.path(),
    );
    ok(&graded);
    let err = stderr(&graded);
    assert!(
        err.contains("3 student(s) on roster.csv handed nothing in: Ana Núñez (ana-nunez)"),
        "{err}"
    );
    assert!(
        err.contains("1 annotator(s) not on roster.csv: amara"),
        "{err}"
    );
}

#[test]
fn a_moodle_export_makes_the_roster_and_an_unknown_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_root, pupils) = class(dir.path());
    let mut rows = vec![
        [
            "First name",
            "Last name",
            "ID number",
            "Institution",
            "Department",
            "Email address",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for p in &pupils {
        rows.push(vec![
            p.first.clone(),
            p.last.clone(),
            p.sis_id.clone(),
            "School".into(),
            String::new(),
            p.email.clone(),
        ]);
    }
    fs::write(dir.path().join("moodle.csv"), csv_text(&rows, false)).expect("written");
    let o = candor(
        &["roster", "northgate-dam", "--from", "moodle.csv"],
        dir.path(),
    );
    ok(&o);
    assert!(stdout(&o).contains("(Moodle export)"), "{}", stdout(&o));
    let roster = records(&dir.path().join("northgate-dam/roster.csv"));
    assert_eq!(roster.len(), 31);
    for (p, r) in pupils.iter().zip(&roster[1..]) {
        assert_eq!((&r[0], &r[2], &r[3]), (&p.annotator, &p.email, &p.sis_id));
    }

    fs::write(dir.path().join("other.csv"), "Nom,Courriel\nA,b\n").expect("written");
    let o = candor(
        &["roster", "northgate-dam", "--from", "other.csv"],
        dir.path(),
    );
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("other.csv:1:1") && e.contains("Nom,Courriel"),
        "{e}"
    );
    assert!(
        e.contains("SIS Login ID") && e.contains("Email address"),
        "{e}"
    );
}

#[test]
fn the_sheet_has_a_row_per_roster_student_keyed_by_email_and_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, pupils) = class(dir.path());
    let sheet = [
        "grade",
        "northgate-dam",
        "--all",
        "--format",
        "sheet",
        "--out",
        "sheet.csv",
    ];
    let none = candor(&sheet, dir.path());
    assert!(!none.status.success());
    assert!(stderr(&none).contains("candor roster"), "{}", stderr(&none));

    let mut rows = vec![
        ["First name", "Last name", "ID number", "Email address"]
            .map(String::from)
            .to_vec(),
    ];
    for p in &pupils {
        rows.push(vec![
            p.first.clone(),
            p.last.clone(),
            p.sis_id.clone(),
            p.email.clone(),
        ]);
    }
    fs::write(dir.path().join("m.csv"), csv_text(&rows, false)).expect("written");
    ok(&candor(
        &["roster", "northgate-dam", "--from", "m.csv"],
        dir.path(),
    ));
    let o = candor(&sheet, dir.path());
    ok(&o);
    let got = records(&dir.path().join("sheet.csv"));
    assert_eq!(&got[0][..3], ["email", "student_id", "name"]);
    assert_eq!(got.len(), 31);
    let want = super::expected(&root, 100.0);
    for (p, r) in pupils.iter().zip(&got[1..]) {
        assert_eq!((&r[0], &r[1], &r[4]), (&p.email, &p.sis_id, &p.annotator));
        let grade = want
            .get(&p.annotator)
            .cloned()
            .flatten()
            .unwrap_or_default();
        assert_eq!(r[5], grade, "{}", p.annotator);
        assert!(r.iter().all(|c| !c.starts_with('=')), "{r:?}");
    }
    assert!(
        stderr(&o).contains("not on roster.csv: amara"),
        "{}",
        stderr(&o)
    );
}
