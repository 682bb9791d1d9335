//! Marks re-placed on words that differ from their quote need review: the
//! flag is saved in the mark with the quote that was judged, `candor check`
//! warns about it, and accepting the new words clears it in one undoable
//! edit. Files written before the flag existed read as before.

use candor::case::Case;
use candor::edit;
use candor::model::Mark;

use super::{ferry_case, write_article};
use crate::util::{self, candor};

const TYPO: &str = "Board chair Héloïse Marchetti called the walkout “a reckles stunt that punishes commuters,” and left.\n";

fn marks_file(root: &std::path::Path) -> String {
    std::fs::read_to_string(root.join("marks/amara/ferry.ron")).expect("marks file")
}

#[test]
fn a_word_corrected_inside_a_mark_flags_it_for_review_until_it_is_accepted() {
    let (dir, key, article) = ferry_case(TYPO, &["a reckles stunt that punishes commuters"]);
    let root = dir.path().join("case");
    let root_arg = root.to_str().expect("temp path is UTF-8");
    write_article(&root, &TYPO.replace("reckles", "reckless"));

    let mut case = Case::open(&root).expect("open");
    let m: &Mark = &case.marks(&key, &article)[0];
    assert_eq!(m.quote, "a reckless stunt that punishes commuters");
    assert_eq!(
        m.review_was(),
        Some("a reckles stunt that punishes commuters")
    );
    case.save().expect("save");
    let saved = marks_file(&root);
    assert!(
        saved.contains("review: Some(Review(")
            && saved.contains("was: \"a reckles stunt that punishes commuters\""),
        "{saved}"
    );

    // `candor check` says so, with both quotes, as a warning: --strict counts it.
    let out = candor(&["check", root_arg], &root);
    let stdout = util::stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("ferry.ron:")
            && stdout.contains("warning: mark m1 needs review")
            && stdout.contains("\"a reckless stunt that punishes commuters\"")
            && stdout.contains("\"a reckles stunt that punishes commuters\""),
        "{stdout}"
    );
    let out = candor(&["check", "--strict", root_arg], &root);
    assert_eq!(out.status.code(), Some(1));

    // Accepting the new words clears the flag; undo brings it back.
    let mark = case.marks(&key, &article)[0].clone();
    let undo = edit::accept_review(&key, &article, &mark)
        .apply(&mut case)
        .expect("accept");
    assert_eq!(case.marks(&key, &article)[0].review, None);
    assert_eq!(case.marks(&key, &article)[0].quote, mark.quote);
    let redo = undo.apply(&mut case).expect("undo");
    assert_eq!(case.marks(&key, &article)[0].review, mark.review);
    redo.apply(&mut case).expect("redo");
    case.save().expect("save");
    assert!(!marks_file(&root).contains("review"));
    let out = candor(&["check", "--strict", root_arg], &root);
    assert_eq!(out.status.code(), Some(0), "{}", util::stdout(&out));
}

#[test]
fn an_exact_move_needs_no_review_and_a_file_without_the_flag_reads_as_before() {
    let (dir, key, article) = ferry_case(TYPO, &["a reckles stunt", "and left"]);
    let root = dir.path().join("case");
    let before = marks_file(&root);
    assert!(!before.contains("review"), "{before}");
    write_article(&root, &format!("Updated at noon.\n{TYPO}"));
    let mut case = Case::open(&root).expect("open");
    assert_eq!(case.anchoring().moved.len(), 2);
    assert!(
        case.marks(&key, &article)
            .iter()
            .all(|m| m.review.is_none())
    );
    case.save().expect("save");
    assert!(!marks_file(&root).contains("review"));
}

#[test]
fn a_mark_keeps_the_quote_it_was_judged_on_through_later_moves_and_is_cleared_when_it_comes_back() {
    let (dir, key, article) = ferry_case(TYPO, &["a reckles stunt that punishes commuters"]);
    let root = dir.path().join("case");
    let was = "a reckles stunt that punishes commuters";
    // Corrected, then straightened: still the first quote to review against.
    write_article(&root, &TYPO.replace("reckles", "reckless"));
    Case::open(&root).expect("open").save().expect("save");
    write_article(
        &root,
        &TYPO
            .replace("reckles", "reckless")
            .replace(['“', '”'], "\""),
    );
    let mut case = Case::open(&root).expect("reopen");
    assert_eq!(case.marks(&key, &article)[0].review_was(), Some(was));
    case.save().expect("save");
    // The text as it was: the mark is on its judged words again.
    write_article(&root, TYPO);
    let case = Case::open(&root).expect("reopen");
    let m = &case.marks(&key, &article)[0];
    assert_eq!((m.quote.as_str(), m.review_was()), (was, None));
}
