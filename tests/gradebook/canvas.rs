//! `candor grade --format canvas`: the instructor's Canvas gradebook export
//! (byte order mark, `\r\n`, a Manual Posting row, Points Possible, the
//! test student, totals) filled in one assignment column, all else kept.

use std::fs;
use std::path::Path;

use super::{Pupil, class, csv_text, expected, neutral, records};
use crate::util::{candor, ok, stderr};

const TARGET: usize = 5;

fn export(pupils: &[Pupil]) -> Vec<Vec<String>> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut rows = vec![
        row(&[
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            "Media essay (551)",
            "Quiz 1 (552)",
            "Current Points",
            "Final Points",
        ]),
        row(&["", "", "", "", "", "Manual Posting", "", "", ""]),
        row(&[
            "    Points Possible",
            "",
            "",
            "",
            "",
            "20.00",
            "5.00",
            "(read only)",
            "(read only)",
        ]),
    ];
    for (i, p) in pupils.iter().enumerate() {
        rows.push(row(&[
            &p.canvas_name(),
            &p.canvas_id,
            &p.sis_id,
            &p.login,
            "Section 1",
            // A grade entered in Canvas before, for a student with no hand-in.
            if i == 0 { "12.00" } else { "" },
            "4.50",
            "4.50",
            "-1.00",
        ]));
    }
    rows.push(row(&[
        "Student, Test",
        "9999",
        "",
        "",
        "Section 1",
        "",
        "",
        "",
        "",
    ]));
    rows
}

fn write_export(path: &Path, rows: &[Vec<String>]) {
    fs::write(path, format!("\u{feff}{}", csv_text(rows, true))).expect("write the export");
}

#[test]
fn only_the_named_column_changes_and_everyone_unmatched_is_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, pupils) = class(dir.path());
    let book = dir.path().join("canvas.csv");
    let mut given = export(&pupils);
    write_export(&book, &given);
    ok(&candor(
        &["roster", "northgate-dam", "--from", "canvas.csv"],
        dir.path(),
    ));
    // A student added in Canvas after the roster was made.
    given.insert(
        4,
        [
            "Late, Lee",
            "7777",
            "S7777",
            "late",
            "Section 2",
            "",
            "",
            "",
            "",
        ]
        .map(String::from)
        .to_vec(),
    );
    write_export(&book, &given);

    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "canvas",
            "--gradebook",
            "canvas.csv",
            "--column",
            "media essay",
            "--out",
            "filled.csv",
        ],
        dir.path(),
    );
    ok(&o);
    let err = stderr(&o);
    let bytes = fs::read(dir.path().join("filled.csv")).expect("written");
    assert!(
        bytes.starts_with("\u{feff}Student,ID".as_bytes()),
        "the byte order mark is kept"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "and the line ends");

    let got = records(&dir.path().join("filled.csv"));
    assert_eq!(got.len(), given.len(), "every row kept");
    let want = expected(&root, 20.0);
    let hostile = neutral(&pupils[29].canvas_name());
    assert!(hostile.starts_with("'="), "{hostile}");
    assert!(
        got.iter().any(|r| r[0] == hostile),
        "the hostile name is there, neutralised"
    );
    for (r, (g, w)) in got.iter().zip(&given).enumerate() {
        assert_eq!(g.len(), w.len(), "row {r}: every column kept");
        for (c, (gc, wc)) in g.iter().zip(w).enumerate() {
            if c == TARGET && r >= 3 {
                continue;
            }
            assert_eq!(*gc, neutral(wc), "row {r} column {c} is copied as it was");
        }
        assert!(g.iter().all(|c| !c.starts_with('=')), "row {r}: {g:?}");
    }
    assert_eq!(got[2][TARGET], "20.00", "Points Possible kept");
    assert_eq!(got[1][TARGET], "Manual Posting");
    let row_of = |name: &str| {
        got.iter()
            .find(|r| r[0] == name || r[0] == format!("'{name}"))
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    for p in &pupils {
        let cell = &row_of(&p.canvas_name())[TARGET];
        let want = want
            .get(&p.annotator)
            .cloned()
            .flatten()
            .unwrap_or_default();
        assert_eq!(*cell, want, "{} ({:?})", p.annotator, p.handed_in);
        assert_eq!(
            cell.is_empty(),
            p.handed_in.is_empty(),
            "{}: empty, not 0",
            p.annotator
        );
    }
    assert!(
        !row_of(&pupils[3].canvas_name())[TARGET].is_empty(),
        "two articles are graded"
    );
    assert_eq!(row_of("Student, Test")[TARGET], "");
    assert_eq!(
        row_of("Late, Lee")[TARGET],
        "",
        "an unmatched row is left as it was"
    );

    assert!(err.contains("had 12.00 in the export"), "{err}");
    assert!(err.contains("not 0"), "the rule is stated: {err}");
    assert!(err.contains("F1"), "{err}");
    assert!(err.contains("scaled to 20 points"), "{err}");
    assert!(err.contains("filled 27 "), "{err}");
    for p in &pupils[..3] {
        assert!(
            err.contains(&p.full_name()),
            "{} has no hand-in: {err}",
            p.full_name()
        );
    }
    assert!(err.contains("Lee Late <late>"), "not on the roster: {err}");
    assert!(
        err.contains("no row in the gradebook (their grade is not written): amara"),
        "{err}"
    );
}

#[test]
fn points_scale_the_grade_and_a_column_must_name_one_assignment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, pupils) = class(dir.path());
    let mut rows = export(&pupils);
    for (i, r) in rows.iter_mut().enumerate() {
        r.push(if i == 0 { "Essay (1)" } else { "" }.to_string());
        r.push(if i == 0 { "Essay (2)" } else { "" }.to_string());
    }
    write_export(&dir.path().join("canvas.csv"), &rows);
    let run = |column: &str, extra: &[&str]| {
        let mut args = vec![
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "canvas",
            "--gradebook",
            "canvas.csv",
            "--column",
            column,
            "--out",
            "out.csv",
            "--force",
        ];
        args.extend(extra);
        candor(&args, dir.path())
    };
    let o = run("551", &["--points", "10"]);
    ok(&o);
    let want = expected(&root, 10.0);
    let got = records(&dir.path().join("out.csv"));
    let p = &pupils[4];
    let row = got.iter().find(|r| r[1] == p.canvas_id).expect("a row");
    assert_eq!(Some(&row[TARGET]), want[&p.annotator].as_ref());
    assert!(
        stderr(&o).contains("differs from the 20 points"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("matched to annotators by name"),
        "no roster: {}",
        stderr(&o)
    );

    let none = run("Nope", &[]);
    assert!(!none.status.success());
    let e = stderr(&none);
    assert!(
        e.contains("matches no column") && e.contains("\"Quiz 1 (552)\""),
        "{e}"
    );
    let several = run("Essay", &[]);
    assert!(
        stderr(&several).contains("matches 2 columns"),
        "{}",
        stderr(&several)
    );
    assert!(stderr(&several).contains("\"Essay (1)\", \"Essay (2)\""));
    let total = run("Current Points", &[]);
    assert!(stderr(&total).contains("read only"), "{}", stderr(&total));
    let identity = run("SIS Login ID", &[]);
    assert!(
        stderr(&identity).contains("student's columns"),
        "{}",
        stderr(&identity)
    );
}
