//! `candor compare` run as a user runs it, on a case saved to disk.

use super::fixture;
use crate::util::{candor, ok};

#[test]
fn compare_prints_the_claims_and_actors_tables() {
    let dir = tempfile::tempdir().expect("a temp dir");
    fixture::build(dir.path());
    let path = dir.path().to_str().expect("a UTF-8 temp path");
    let out = candor(&["compare", path, "--annotator", "key"], dir.path());
    ok(&out);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(stdout.starts_with("annotator key\n\nclaims\n"));
    assert!(stdout.contains("! c1 Officers used tear gas"));
    // The schema's words, not its ids: "vague", "casts doubt".
    let flat = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("attributed to \"officials\" (vague): claimed · casts doubt"),
        "{stdout}"
    );
    assert!(stdout.contains("\nactors\n"));
    assert!(stdout.contains("\"Peaceful land defenders\" (positive)"));
}

#[test]
fn compare_as_json_has_the_same_cells_as_the_core() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let path = dir.path().to_str().expect("a UTF-8 temp path");
    let out = candor(&["compare", path, "--format", "json"], dir.path());
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let expected = serde_json::to_value(vec![candor::compare::Comparison::build(
        &case,
        &fixture::key(),
    )])
    .expect("serialisable");
    assert_eq!(json, expected);
    assert_eq!(
        json[0]["claims"]["rows"][0]["cells"][1]["carriage"]["kind"],
        "stated_as_fact"
    );
}

#[test]
fn compare_as_csv_has_one_line_per_claim_and_article() {
    let dir = tempfile::tempdir().expect("a temp dir");
    fixture::build(dir.path());
    let path = dir.path().to_str().expect("a UTF-8 temp path");
    let out = candor(&["compare", path, "--format", "csv"], dir.path());
    ok(&out);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let (claims, actors) = stdout.split_once("\n\n").expect("two tables");
    let lines: Vec<&str> = claims.lines().collect();
    assert_eq!(
        lines[0],
        "annotator,claim,label,article,carriage,source_kind,source,cue,stance,contested,marks,quotes"
    );
    assert_eq!(lines.len(), 1 + 4 * 3, "4 claims x 3 articles");
    assert!(lines.contains(&"key,c3,The clearing ends the movement,ledger,hedged,,,,,no,m7,may well mark the end of the movement"));
    assert!(actors.starts_with("annotator,actor,name,article,words,polarity,marks\n"));
    assert!(actors.contains("key,a1,People in the camp,wire,protesters,,\"m9,m10\"\n"));
}

#[test]
fn compare_names_the_annotators_a_case_has_when_asked_for_another() {
    let dir = tempfile::tempdir().expect("a temp dir");
    fixture::build(dir.path());
    let path = dir.path().to_str().expect("a UTF-8 temp path");
    let out = candor(&["compare", path, "--annotator", "zoe"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 output");
    assert!(
        stderr.contains("no annotator \"zoe\" in this case (it has: key)"),
        "{stderr}"
    );
}

#[test]
fn compare_fits_an_80_column_terminal_and_says_labels_not_ids() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args([
            "compare",
            root.to_str().expect("utf8"),
            "--annotator",
            "key",
        ])
        .env_remove("COLUMNS")
        .output()
        .expect("runs");
    crate::util::ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} chars:\n{text}");
    assert!(text.contains("(named person)"), "{text}");
    assert!(!text.contains("named_person"), "ids are not shown: {text}");
    assert!(text.contains("casts doubt"), "{text}");
    // A wider terminal gets longer lines.
    let wide = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args([
            "compare",
            root.to_str().expect("utf8"),
            "--annotator",
            "key",
        ])
        .env("COLUMNS", "140")
        .output()
        .expect("runs");
    let wide = String::from_utf8_lossy(&wide.stdout);
    assert!(wide.lines().map(|l| l.chars().count()).max().unwrap_or(0) > 80);
}
