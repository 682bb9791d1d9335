//! `candor agree` run as a research team would: the rules stated above the
//! figures, every format, `--annotators`, `--measure`, `--unit`, `--by`,
//! and CSV cells that a spreadsheet cannot run.

use std::path::{Path, PathBuf};

use crate::util::{candor, case_with, marked, ok, stderr, stdout};

const WIRE: &str = "Police cleared the so-called peace camp of eco-radicals at dawn.";
const VOICE: &str = "Riot squads stormed the peaceful camp, injuring more than 40.";

/// Xu and Yan on both articles; Quinn on the wire only: Quinn has not
/// handed the voice in, and nobody marked attribution.
fn team(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    let mut case = case_with(&root, &[("wire", WIRE), ("voice", VOICE)]);
    marked(
        &mut case,
        "xu",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt} peace camp of [eco-radicals]{loaded kind=label} at dawn.",
    );
    marked(
        &mut case,
        "yan",
        "wire",
        "Police cleared the [so-called peace camp]{loaded kind=doubt} of [eco-radicals]{loaded kind=label} at dawn.",
    );
    marked(
        &mut case,
        "xu",
        "voice",
        "[Riot squads]{loaded} stormed the [peaceful]{loaded} camp, injuring more than 40.",
    );
    marked(
        &mut case,
        "yan",
        "voice",
        "[Riot squads]{loaded} [stormed]{loaded} the peaceful camp, injuring more than 40.",
    );
    marked(
        &mut case,
        "quinn",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of eco-radicals at dawn.",
    );
    case.save().expect("saved");
    root
}

#[test]
fn the_table_states_how_the_figures_were_computed() {
    let dir = tempfile::tempdir().expect("tempdir");
    team(dir.path());
    let o = candor(&["agree", "case"], dir.path());
    ok(&o);
    let out = stdout(&o);
    for says in [
        "Agreement of 3 annotator(s): quinn, xu, yan",
        "over words (Unicode word segmentation, UAX #29)",
        "is missing there, not counted as marking nothing",
        "overlapping marks of a category merged into one first",
        "by the exact and the overlap rule",
        "Loaded wording",
        "all categories",
        "xu / yan",
        "Loaded wording: Kind",
        "where they split most",
        // Quinn did not hand the voice in: the case's alpha_U says over what.
        "The case's alpha_U is over the 1 article(s) every annotator handed in (wire).",
    ] {
        assert!(out.contains(says), "{says:?} missing from:\n{out}");
    }
    // Nobody marked attribution: undefined, with the reason under the table.
    assert!(out.contains("n/a (no variation)"), "{out}");
    assert!(out.contains("n/a (no variation): every unit has the same value"));
    assert!(!out.contains("NaN"), "{out}");
}

#[test]
fn annotators_measure_unit_and_by_choose_what_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    team(dir.path());
    let o = candor(
        &[
            "agree",
            "case",
            "--annotators",
            "xu,yan",
            "--measure",
            "alpha",
            "--unit",
            "char",
            "--by",
            "article",
        ],
        dir.path(),
    );
    ok(&o);
    let out = stdout(&o);
    assert!(
        out.contains("Agreement of 2 annotator(s): xu, yan"),
        "{out}"
    );
    assert!(out.contains("over chars (Unicode scalar values)"), "{out}");
    let header = out
        .lines()
        .find(|l| l.starts_with("article"))
        .expect("a header");
    assert!(header.contains("alpha"), "{header}");
    for not in ["Fleiss", "alpha_U", "F1"] {
        assert!(!header.contains(not), "{header}");
    }
    // One row per article and category, then each article's total.
    let wire_rows = out.lines().filter(|l| l.starts_with("wire ")).count();
    assert_eq!(wire_rows, 4, "{out}");
    assert!(!out.contains("xu / yan"), "no pairs table for alpha: {out}");

    let kappa = candor(
        &[
            "agree",
            "case",
            "--annotators",
            "xu,yan",
            "--measure",
            "kappa",
        ],
        dir.path(),
    );
    ok(&kappa);
    assert!(stdout(&kappa).contains("Cohen kappa"));
    // Kappa is per pair: no table of the case's figures per category.
    assert!(!stdout(&kappa).lines().any(|l| l.starts_with("category")));

    let wrong = candor(&["agree", "case", "--annotators", "xu,nobody"], dir.path());
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("no annotator \"nobody\""),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn csv_lines_say_what_they_are_and_cannot_run_as_formulas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = team(dir.path());
    // An annotator folder whose name a spreadsheet would run.
    let mut case = candor::case::Case::open(&root).expect("opens");
    marked(
        &mut case,
        "-cmd",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of eco-radicals at dawn.",
    );
    case.save().expect("saved");
    let o = candor(
        &[
            "agree",
            "case",
            "--format",
            "csv",
            "--annotators",
            "xu,-cmd",
        ],
        dir.path(),
    );
    ok(&o);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "scope,article,annotator_a,annotator_b,category,measure,value,undefined_because,unit,match,units_or_pairs,missing_data"
        )
    );
    assert!(out.contains("'-cmd"), "{out}");
    assert!(!out.contains(",-cmd,"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("case,,,,loaded,alpha,")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains(",f1,") && l.contains(",exact,")),
        "{out}"
    );
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.ends_with("not handed in = missing"))
    );
}

#[test]
fn json_carries_every_figure_with_undefined_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    team(dir.path());
    let o = candor(&["agree", "case", "--format", "json"], dir.path());
    ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["rules"]["unit"], "word");
    assert_eq!(v["rules"]["missing"], "not_handed_in_is_missing");
    let loaded = &v["case"]["categories"][0];
    assert!(loaded["alpha"]["value"].is_number(), "{loaded}");
    let attribution = &v["case"]["categories"][1];
    assert_eq!(attribution["alpha"]["undefined"], "no_variation");
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["articles"][1]["missing"][0], "quinn");
}
