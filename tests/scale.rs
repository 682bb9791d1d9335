//! Large inputs give the same answers the small ones do, found without
//! searching from the start for each mark (how fast is `benches/scale.rs`'s
//! business; these check that the fast paths find the right lines).

use std::fs;

use crate::util::{candor, case_with, ok, stderr, stdout};

#[test]
fn check_on_thousands_of_moved_marks_in_one_file_points_each_note_at_its_own_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text: String = (0..3000)
        .map(|i| format!("Officials said the camp {i} was cleared by a mob. "))
        .collect();
    case_with(dir.path(), &[("wire", &text)]);
    fs::write(dir.path().join("terms.tsv"), "loaded\tmob\n").expect("write");
    let o = candor(
        &[
            "suggest",
            ".",
            "--lexicon",
            "terms.tsv",
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    ok(&o);
    assert!(stderr(&o).contains("added 3000 mark(s)"), "{}", stderr(&o));
    fs::write(
        dir.path().join("articles/wire.txt"),
        format!("Update: {text}"),
    )
    .expect("edit");

    let o = candor(&["check", "."], dir.path());
    ok(&o);
    let marks = fs::read_to_string(dir.path().join("marks/key/wire.ron")).expect("read");
    let lines: Vec<&str> = marks.lines().collect();
    let out = stdout(&o);
    let notes: Vec<&str> = out.lines().filter(|l| l.contains(": note: ")).collect();
    assert_eq!(notes.len(), 3000);
    for note in notes {
        // ./marks/key/wire.ron:LINE:COL: note: mark ID moved from ...
        let mut parts = note.splitn(4, ':');
        let (_, line, col) = (parts.next(), parts.next(), parts.next());
        let line: usize = line.and_then(|l| l.parse().ok()).expect("a line");
        let col: usize = col.and_then(|c| c.parse().ok()).expect("a column");
        let id = note
            .split("note: mark ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .expect("an id");
        assert_eq!(
            &lines[line - 1][col - 1..],
            format!("id: \"{id}\","),
            "{note}"
        );
    }
}
