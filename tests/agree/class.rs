//! `candor agree` on a large class: a few hundred annotators who each mark
//! one place. Every pair is listed only with `--pairs`; by default one line
//! per annotator against the rest, whose figures are the sums of that
//! annotator's pairs; a request over the memory limit is refused with a
//! message naming what to narrow, before anything is built.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId, CategoryId};
use candor::text::CharRange;

use crate::util::{candor, case_with, ok, stderr, stdout};

const TEXT: &str = "Officers cleared the camp near the dam, residents said Tuesday, \
    and the council called the protest a riot before anyone had asked why.";

/// One article and `n` annotators `s000`, `s001`, ...: each marks one of
/// six places, as loaded wording or editorializing, some a char longer, and
/// hands the article in.
pub fn class(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("class");
    let mut case = case_with(&root, &[("dam", TEXT)]);
    let article = ArticleId::new("dam");
    let places = [(0, 8), (9, 16), (21, 25), (41, 50), (81, 87), (104, 110)];
    for i in 0..n {
        let (start, end) = places[i * 7 % places.len()];
        let end = end + usize::from(i % 5 == 0);
        let category = CategoryId::new(if i % 3 == 0 {
            "editorializing"
        } else {
            "loaded"
        });
        let annotator = AnnotatorId::new(format!("s{i:03}"));
        let mark = case
            .new_mark(&annotator, &article, CharRange::new(start, end), &category)
            .expect("the span fits");
        Edit::Group(vec![
            Edit::AddMark {
                annotator: annotator.clone(),
                article: article.clone(),
                mark,
            },
            Edit::SetDone {
                annotator,
                article: article.clone(),
                done: true,
            },
        ])
        .apply(&mut case)
        .expect("the mark is added");
    }
    case.save().expect("saved");
    root
}

fn json(o: &Output) -> serde_json::Value {
    ok(o);
    serde_json::from_str(&stdout(o)).expect("JSON")
}

fn agree_with_limit(dir: &Path, mb: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .arg("agree")
        .args(args)
        .env("CANDOR_AGREE_MEMORY_MB", mb)
        .current_dir(dir)
        .output()
        .expect("candor runs")
}

#[test]
fn a_large_class_gets_one_line_per_annotator_and_every_pair_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    class(dir.path(), 300);

    let o = candor(&["agree", "class"], dir.path());
    ok(&o);
    let table = stdout(&o);
    assert!(
        !table.contains("s000 / s001"),
        "no pair by default:\n{table}"
    );
    assert!(table.contains("annotator vs rest"), "{table}");
    assert!(table.contains("listed with --pairs"), "{table}");
    assert!(table.contains(", s049 and 250 more\n"), "{table}");
    for who in ["s000", "s150", "s299"] {
        let line = table
            .lines()
            .find(|l| l.starts_with(who))
            .unwrap_or_else(|| panic!("a line for {who}"));
        assert!(
            line.contains(" 299 "),
            "each against the 299 others: {line}"
        );
    }

    let o = candor(
        &["agree", "class", "--pairs", "--measure", "f1"],
        dir.path(),
    );
    ok(&o);
    let table = stdout(&o);
    assert!(table.contains("s000 / s001"), "every pair with --pairs");
    assert!(table.contains("s298 / s299"), "every pair with --pairs");
    assert!(!table.contains("annotator vs rest"));

    let o = candor(&["agree", "class", "--format", "csv"], dir.path());
    ok(&o);
    let csv = stdout(&o);
    assert!(!csv.contains("\npair,"), "no pair line by default");
    assert_eq!(
        csv.lines()
            .filter(|l| l.starts_with("annotator_vs_rest,,s042,,all,f1,"))
            .count(),
        2,
        "F1 exact and overlapping of s042 against the rest"
    );
}

/// Above the threshold (50), the lines against the rest are what the
/// listed pairs add up to, and the case's figures do not depend on whether
/// pairs are listed.
#[test]
fn each_annotator_against_the_rest_sums_their_pairs() {
    let dir = tempfile::tempdir().expect("tempdir");
    class(dir.path(), 60);
    let all = json(&candor(
        &["agree", "class", "--pairs", "--format", "json"],
        dir.path(),
    ));
    let rest = json(&candor(&["agree", "class", "--format", "json"], dir.path()));
    assert_eq!(all["pairs_listed"], true);
    assert_eq!(rest["pairs_listed"], false);
    assert_eq!(all["pairs"].as_array().map(Vec::len), Some(60 * 59 / 2));
    assert_eq!(rest["pairs"].as_array().map(Vec::len), Some(0));
    assert_eq!(all["case"], rest["case"]);
    assert_eq!(all["articles"], rest["articles"]);
    assert_eq!(all["attributes"], rest["attributes"]);
    assert_eq!(all["rest"], rest["rest"]);

    let pairs = all["pairs"].as_array().expect("pairs");
    let lines = rest["rest"].as_array().expect("one line per annotator");
    assert_eq!(lines.len(), 60);
    let n = |v: &serde_json::Value| v.as_u64().expect("a count");
    for line in lines {
        let who = line["annotator"].as_str().expect("a name");
        let (mut count, mut own, mut others, mut exact, mut overlap) = (0, 0, 0, 0, 0);
        for p in pairs {
            let m = &p["overall"];
            let (a, b) = (n(&m["marks_a"]), n(&m["marks_b"]));
            let (mine, theirs) = if p["a"] == who {
                (a, b)
            } else if p["b"] == who {
                (b, a)
            } else {
                continue;
            };
            count += 1;
            own += mine;
            others += theirs;
            exact += n(&m["matched_exact"]);
            overlap += n(&m["matched_overlap"]);
        }
        let m = &line["overall"];
        assert_eq!(n(&line["pairs"]), count, "{who}");
        assert_eq!(n(&m["marks_a"]), own, "{who}");
        assert_eq!(n(&m["marks_b"]), others, "{who}");
        assert_eq!(n(&m["matched_exact"]), exact, "{who}");
        assert_eq!(n(&m["matched_overlap"]), overlap, "{who}");
        let f1 = m["f1_overlap"]["value"].as_f64().expect("F1 defined");
        let want = 2.0 * overlap as f64 / (own + others) as f64;
        assert!((f1 - want).abs() < 1e-12, "{who}: {f1} vs {want}");
    }
}

#[test]
fn a_request_over_the_memory_limit_is_refused_naming_what_to_narrow() {
    let dir = tempfile::tempdir().expect("tempdir");
    class(dir.path(), 300);
    // 44,850 listed pairs need far more than 20 MB; the lines against the
    // rest fit.
    let o = agree_with_limit(dir.path(), "20", &["class", "--pairs"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("agreement of 300 annotators would need about"),
        "{err}"
    );
    assert!(err.contains("over the 20 MB"), "{err}");
    assert!(err.contains("leave out --pairs"), "{err}");
    assert!(err.contains("--annotators"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing half printed");
    ok(&agree_with_limit(dir.path(), "20", &["class"]));

    let o = agree_with_limit(dir.path(), "1", &["class"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("compare fewer annotators with --annotators"),
        "{err}"
    );
    ok(&agree_with_limit(
        dir.path(),
        "1",
        &["class", "--annotators", "s001,s002"],
    ));

    let o = agree_with_limit(dir.path(), "lots", &["class"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("CANDOR_AGREE_MEMORY_MB"),
        "{}",
        stderr(&o)
    );
}
