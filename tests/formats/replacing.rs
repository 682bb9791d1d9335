//! `candor export --out DIR` and `candor grade --out DIR` replaced a
//! `report.html` (or an `index.html`) the user had in the folder without a
//! word. They now write only into a folder that is missing, empty or
//! Candor's own (it has `.candor-export`), or with `--force`, and a refusal
//! names the folder and the files, and says what to do.

use std::fs;
use std::path::Path;

use crate::util::{candor, example_copy, ok, stderr};

const MINE: &str = "<p>my own report</p>";

/// `args` run in `cwd`, which must fail with a message naming `folder`,
/// `file` and `--force`.
#[track_caller]
fn refused(args: &[&str], cwd: &Path, folder: &str, file: &str) {
    let o = candor(args, cwd);
    assert!(!o.status.success(), "{args:?} wrote into the user's folder");
    let e = stderr(&o);
    assert!(e.contains(folder), "the folder is not named: {e}");
    assert!(
        e.contains(&format!("would replace {file}")),
        "{file} is not named: {e}"
    );
    assert!(e.contains("--force"), "no way out is said: {e}");
}

#[test]
fn export_keeps_a_users_report_html_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    example_copy(dir.path());
    let mine = dir.path().join("sent");
    fs::create_dir(&mine).expect("the user's folder");
    fs::write(mine.join("report.html"), MINE).expect("the user's report");
    let export = [
        "export",
        "northgate-dam",
        "--format",
        "html",
        "--out",
        "sent",
    ];
    refused(&export, dir.path(), "sent", "report.html");
    assert_eq!(
        fs::read_to_string(mine.join("report.html")).expect("kept"),
        MINE
    );
    assert!(!mine.join(".candor-export").exists(), "nothing written");

    let forced = [&export[..], &["--force"]].concat();
    ok(&candor(&forced, dir.path()));
    let report = fs::read_to_string(mine.join("report.html")).expect("written");
    assert!(
        report.contains("<!DOCTYPE html>") || report.contains("<html"),
        "{report}"
    );
    assert!(
        !mine.join(".candor-export").exists(),
        "a forced folder stays the user's, so the next export asks again"
    );
    refused(&export, dir.path(), "sent", "report.html");
}

#[test]
fn a_second_export_into_candors_own_folder_needs_no_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    example_copy(dir.path());
    for format in ["html", "csv", "brat", "html"] {
        let args = [
            "export",
            "northgate-dam",
            "--format",
            format,
            "--out",
            "out",
        ];
        ok(&candor(&args, dir.path()));
    }
    let out = dir.path().join("out");
    assert!(out.join(".candor-export").is_file());
    assert!(out.join("report.html").is_file() && out.join("marks.csv").is_file());
    // An empty folder the user made is free too.
    fs::create_dir(dir.path().join("empty")).expect("made");
    let args = [
        "export",
        "northgate-dam",
        "--format",
        "csv",
        "--out",
        "empty",
    ];
    ok(&candor(&args, dir.path()));
}

#[test]
fn grade_out_keeps_a_users_index_html_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    example_copy(dir.path());
    let mine = dir.path().join("pages");
    fs::create_dir(&mine).expect("the user's folder");
    fs::write(mine.join("index.html"), MINE).expect("the user's page");
    let grade = [
        "grade",
        "northgate-dam",
        "--all",
        "--format",
        "html",
        "--out",
        "pages",
    ];
    refused(&grade, dir.path(), "pages", "index.html");
    assert_eq!(
        fs::read_to_string(mine.join("index.html")).expect("kept"),
        MINE
    );
    let csv = [
        "grade",
        "northgate-dam",
        "--all",
        "--format",
        "csv",
        "--out",
        "pages",
    ];
    let o = candor(&csv, dir.path());
    assert!(
        !o.status.success(),
        "grades.csv was written beside the user's page"
    );
    assert!(stderr(&o).contains("(index.html;"), "{}", stderr(&o));

    ok(&candor(&[&grade[..], &["--force"]].concat(), dir.path()));
    assert_ne!(
        fs::read_to_string(mine.join("index.html")).expect("written"),
        MINE
    );

    let fresh = [
        "grade",
        "northgate-dam",
        "--all",
        "--format",
        "html",
        "--out",
        "class",
    ];
    ok(&candor(&fresh, dir.path()));
    ok(&candor(&fresh, dir.path()));
    let csv = [
        "grade",
        "northgate-dam",
        "--all",
        "--format",
        "csv",
        "--out",
        "class",
    ];
    ok(&candor(&csv, dir.path()));
    assert!(dir.path().join("class/grades.csv").is_file());
}
