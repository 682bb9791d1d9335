//! Mark, claim and actor ids made in two places never collide: one student
//! marking on two machines (two clones, two git branches) can merge their
//! work and the case still checks.

use std::fs;

use crate::util::{candor, copy_dir, ok, stderr, stdout};

const WIRE: &str = "Police cleared the camp. The mob had blocked the road; the mob left at dawn.\n";
const LEDGER: &str =
    "Agitators held the road. Officials said the agitators were routed, agitators all.\n";

#[test]
fn one_student_marking_on_two_machines_makes_ids_that_merge_without_a_clash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(&candor(&["new", "case"], d));
    fs::write(d.join("wire.txt"), WIRE).expect("write");
    fs::write(d.join("ledger.txt"), LEDGER).expect("write");
    ok(&candor(&["import", "case", "wire.txt", "ledger.txt"], d));
    // The class repository, cloned on a laptop and on a lab machine.
    copy_dir(&d.join("case"), &d.join("laptop"));
    copy_dir(&d.join("case"), &d.join("lab"));
    fs::write(d.join("wire.tsv"), "loaded\tmob\n").expect("write");
    fs::write(d.join("ledger.tsv"), "loaded\tagitators\n").expect("write");
    for (clone, lexicon) in [("laptop", "wire.tsv"), ("lab", "ledger.tsv")] {
        let o = candor(
            &[
                "suggest",
                clone,
                "--lexicon",
                lexicon,
                "--annotator",
                "amara",
            ],
            d,
        );
        ok(&o);
        assert!(stderr(&o).contains("in 1 article(s)"), "{}", stderr(&o));
    }
    // Each branch touched a different file, so git merges them cleanly.
    fs::copy(
        d.join("lab/marks/amara/ledger.ron"),
        d.join("laptop/marks/amara/ledger.ron"),
    )
    .expect("merge");
    let o = candor(&["check", "laptop", "--strict"], d);
    ok(&o);
    assert!(!stdout(&o).contains("needs its own id"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("5 mark(s); 0 error(s)"),
        "{}",
        stderr(&o)
    );
}
