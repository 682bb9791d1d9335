//! `candor grade --format moodle`: Moodle's offline grading worksheet,
//! matched by email through a roster made from Moodle's participants
//! export, filled in Grade, Last modified (grade) and Feedback comments.

use std::fs;

use super::{class, csv_text, expected, neutral, records};
use crate::util::{candor, ok, stderr};

const HEADER: [&str; 10] = [
    "Identifier",
    "Full name",
    "Email address",
    "Status",
    "Grade",
    "Maximum Grade",
    "Grade can be changed",
    "Last modified (submission)",
    "Last modified (grade)",
    "Feedback comments",
];
const GRADE: usize = 4;
const MODIFIED: usize = 8;
const FEEDBACK: usize = 9;

#[test]
fn a_worksheet_is_filled_by_email_and_nothing_else_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, pupils) = class(dir.path());
    let mut participants = vec![
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
        participants.push(vec![
            p.first.clone(),
            p.last.clone(),
            p.sis_id.clone(),
            String::new(),
            String::new(),
            p.email.clone(),
        ]);
    }
    fs::write(
        dir.path().join("participants.csv"),
        csv_text(&participants, false),
    )
    .expect("written");
    ok(&candor(
        &["roster", "northgate-dam", "--from", "participants.csv"],
        dir.path(),
    ));

    let mut sheet = vec![HEADER.map(String::from).to_vec()];
    // In another order than the roster, and one name changed in Moodle
    // since: matching is by email.
    for (i, p) in pupils.iter().enumerate().rev() {
        let name = if i == 10 {
            "Renamed Person".to_string()
        } else {
            p.full_name()
        };
        sheet.push(vec![
            format!("Participant {}", 1000 + i),
            name,
            p.email.clone(),
            "Submitted for grading".into(),
            String::new(),
            "100.00".into(),
            "Yes".into(),
            "Monday, 2 March 2026, 9:00 AM".into(),
            "-".into(),
            String::new(),
        ]);
    }
    sheet.push(
        [
            "Participant 9",
            "Zed Unknown",
            "zed@school.example",
            "No submission",
            "",
            "100.00",
            "Yes",
            "-",
            "-",
            "",
        ]
        .map(String::from)
        .to_vec(),
    );
    fs::write(dir.path().join("worksheet.csv"), csv_text(&sheet, false)).expect("written");
    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--gradebook",
            "worksheet.csv",
            "--out",
            "filled.csv",
        ],
        dir.path(),
    );
    ok(&o);
    let got = records(&dir.path().join("filled.csv"));
    assert_eq!(got.len(), sheet.len());
    assert_eq!(got[0], sheet[0], "the header is kept");
    let want = expected(&root, 100.0);
    let hostile = neutral(&pupils[29].full_name());
    assert!(hostile.starts_with("'="), "{hostile}");
    assert!(
        got.iter().any(|r| r[1] == hostile),
        "the hostile name is there, neutralised"
    );
    for (r, (g, w)) in got.iter().zip(&sheet).enumerate().skip(1) {
        assert_eq!(g.len(), w.len());
        for c in (0..w.len()).filter(|c| ![GRADE, MODIFIED, FEEDBACK].contains(c)) {
            assert_eq!(g[c], neutral(&w[c]), "row {r} column {} kept", HEADER[c]);
        }
        let Some(p) = pupils.iter().find(|p| p.email == w[2]) else {
            assert_eq!(g, w, "a row on no roster is left as it was");
            continue;
        };
        let grade = want.get(&p.annotator).cloned().flatten();
        match grade {
            Some(grade) => {
                assert_eq!(g[GRADE], grade, "{}", p.annotator);
                assert!(g[GRADE].parse::<f64>().expect("a number") <= 100.0);
                let m = &g[MODIFIED];
                assert!(
                    m.len() == 25 && m.ends_with("+00:00") && m.as_bytes()[10] == b'T',
                    "strtotime reads it: {m}"
                );
                assert!(g[FEEDBACK].starts_with("Candor: F1 "), "{}", g[FEEDBACK]);
            }
            None => {
                assert!(p.handed_in.is_empty(), "{}", p.annotator);
                assert_eq!(g[GRADE], "", "not handed in: empty, not 0");
                assert_eq!((g[MODIFIED].as_str(), g[FEEDBACK].as_str()), ("-", ""));
            }
        }
    }
    let renamed = got.iter().find(|r| r[1] == "Renamed Person").expect("row");
    assert!(!renamed[GRADE].is_empty(), "matched by email, not name");
    let two = got.iter().find(|r| r[2] == pupils[3].email).expect("row");
    assert!(
        two[FEEDBACK].contains("not handed in: voice, ledger, digest"),
        "{}",
        two[FEEDBACK]
    );
    let err = stderr(&o);
    assert!(err.contains("Zed Unknown <zed@school.example>"), "{err}");
    assert!(err.contains("scaled to each row's Maximum Grade"), "{err}");
    assert!(
        err.contains(&format!("{} <{}>", pupils[0].full_name(), pupils[0].email)),
        "{err}"
    );

    // --points: the grade out of 10, whatever Maximum Grade says.
    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--gradebook",
            "worksheet.csv",
            "--out",
            "filled.csv",
            "--points",
            "10",
        ],
        dir.path(),
    );
    assert!(
        !o.status.success(),
        "an existing file is not replaced without --force"
    );
    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--gradebook",
            "worksheet.csv",
            "--out",
            "filled.csv",
            "--points",
            "10",
            "--force",
        ],
        dir.path(),
    );
    ok(&o);
    let got = records(&dir.path().join("filled.csv"));
    let want = expected(&root, 10.0);
    assert!(
        !stderr(&o).contains("above the Maximum Grade"),
        "{}",
        stderr(&o)
    );
    let p = &pupils[7];
    let row = got.iter().find(|r| r[2] == p.email).expect("row");
    assert_eq!(Some(&row[GRADE]), want[&p.annotator].as_ref());

    let over = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--gradebook",
            "worksheet.csv",
            "--out",
            "filled.csv",
            "--points",
            "200",
            "--force",
        ],
        dir.path(),
    );
    ok(&over);
    assert!(
        stderr(&over).contains("--points 200 is above the Maximum Grade 100"),
        "{}",
        stderr(&over)
    );
}

#[test]
fn a_file_that_is_no_worksheet_is_refused_with_the_columns_it_needs() {
    let dir = tempfile::tempdir().expect("tempdir");
    class(dir.path());
    fs::write(dir.path().join("w.csv"), "Name,Score\nA,1\n").expect("written");
    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--gradebook",
            "w.csv",
            "--out",
            "o.csv",
        ],
        dir.path(),
    );
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("Identifier, Grade, Last modified (grade)") && e.contains("Name,Score"),
        "{e}"
    );
    assert!(!dir.path().join("o.csv").exists());
    let o = candor(
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "moodle",
            "--out",
            "o.csv",
        ],
        dir.path(),
    );
    assert!(stderr(&o).contains("--gradebook FILE"), "{}", stderr(&o));
}
