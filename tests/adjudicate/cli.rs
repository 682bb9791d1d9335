//! `candor adjudicate` on a copy of the example case: the clusters listed
//! without writing anything, then `--min-agree 2`: only the gold
//! annotator's files are written, and `candor check --strict` accepts them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{candor, copy_dir, ok, stderr, stdout};

/// Every file of the case (but Candor's lock), with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("read") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if !path.ends_with(".candor.lock") {
                let rel = path.strip_prefix(root).expect("inside").to_path_buf();
                out.insert(rel, fs::read(&path).expect("bytes"));
            }
        }
    }
    out
}

fn example(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam"),
        &root,
    );
    root
}

#[test]
fn listing_clusters_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example(dir.path());
    let before = files(&root);
    let o = candor(&["adjudicate", "case", "--article", "wire"], dir.path());
    ok(&o);
    let out = stdout(&o);
    assert!(out.starts_with("wire: "), "{out}");
    assert!(
        out.contains("of the marks of amara, ben (2 annotator(s)), into gold"),
        "{out}"
    );
    assert!(out.contains("2 of them: amara, ben"), "{out}");
    assert_eq!(files(&root), before);
}

#[test]
fn min_agree_2_writes_only_gold_and_the_case_checks_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example(dir.path());
    let before = files(&root);
    let o = candor(
        &["adjudicate", "case", "--into", "gold", "--min-agree", "2"],
        dir.path(),
    );
    ok(&o);
    assert!(
        stdout(&o).contains("where at least 2 annotator(s) agree"),
        "{}",
        stdout(&o)
    );
    let after = files(&root);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(*bytes))
        .map(|(p, _)| p)
        .collect();
    assert!(!changed.is_empty(), "nothing was accepted");
    for p in &changed {
        assert!(p.starts_with("marks/gold"), "{} was written", p.display());
    }
    for p in before.keys() {
        assert!(after.contains_key(p), "{} is gone", p.display());
    }
    // --strict fails on any warning: the gold marks sit on their words.
    let check = candor(&["check", "case", "--strict"], dir.path());
    ok(&check);

    // The gold set is no source: adjudicating again accepts nothing more.
    let again = candor(&["adjudicate", "case", "--min-agree", "2"], dir.path());
    ok(&again);
    assert!(
        stdout(&again).contains("accepted into gold the 0 open one(s)"),
        "{}",
        stdout(&again)
    );
    assert_eq!(files(&root), after);
}

#[test]
fn min_agree_must_fit_the_annotators() {
    let dir = tempfile::tempdir().expect("tempdir");
    example(dir.path());
    let o = candor(&["adjudicate", "case", "--min-agree", "3"], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("give a number from 1 to 2"),
        "{}",
        stderr(&o)
    );
}
