//! The answer key is part of the case (`case.ron` may name it), and an
//! annotator hands an article in by marking it done: the flag is saved in
//! their marks file for that article, undone like any edit, and set from the
//! command line with `candor done`.

use std::fs;

use candor::case::Case;
use candor::edit::{Edit, History};
use candor::model::{AnnotatorId, ArticleId};

use crate::util::{candor, case_with, marked, ok, stderr, stdout};

const TEXT: &str = "Police cleared the so-called camp at dawn, officials said.";

#[test]
fn an_annotator_called_key_is_the_key_unless_the_case_names_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let mut case = case_with(&root, &[("wire", TEXT)]);
    assert_eq!(case.key(), None, "no annotator yet, none named");

    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared the [so-called]{loaded} camp at dawn, officials said.",
    );
    assert_eq!(case.key(), None, "amara is a student");
    marked(
        &mut case,
        "key",
        "wire",
        "Police cleared the [so-called]{loaded} camp at dawn, officials said.",
    );
    assert_eq!(case.key(), Some(&AnnotatorId::new("key")));

    case.manifest_mut().expect("writable").key = Some(AnnotatorId::new("ms-okafor"));
    case.save().expect("saved");
    let manifest = fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(manifest.contains("key: \"ms-okafor\""), "{manifest}");
    let reopened = Case::open(&root).expect("reopens");
    assert_eq!(reopened.key(), Some(&AnnotatorId::new("ms-okafor")));
    // Named but never marked: the case still opens and `check` says so.
    let o = candor(&["check", "case"], dir.path());
    ok(&o);
    assert!(
        stdout(&o).contains(
            "case.ron:5:5: warning: the answer key is \"ms-okafor\", who has no marks yet"
        ),
        "{}",
        stdout(&o)
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_never_picks_a_named_key_to_mark_as() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(
        &mut case,
        "aaron-key",
        "wire",
        "[Police]{loaded} cleared the so-called camp at dawn, officials said.",
    );
    marked(
        &mut case,
        "zoe",
        "wire",
        "[Police]{loaded} cleared the so-called camp at dawn, officials said.",
    );
    case.manifest_mut().expect("writable").key = Some(AnnotatorId::new("aaron-key"));
    let chosen = candor::gui::session::choose_annotator(&case, None);
    assert_eq!(chosen, AnnotatorId::new("zoe"));
}

#[test]
fn done_is_saved_in_the_annotators_file_and_undone_like_any_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let mut case = case_with(&root, &[("wire", TEXT), ("tribune", TEXT)]);
    let (amara, wire) = (AnnotatorId::new("amara"), ArticleId::new("wire"));
    let mut history = History::new();
    let done = |d| Edit::SetDone {
        annotator: amara.clone(),
        article: wire.clone(),
        done: d,
    };

    // Done with no marks: she read it and found nothing. The file is written.
    history
        .apply(&mut case, done(true), "done")
        .expect("applied");
    assert!(case.is_done(&amara, &wire));
    case.save().expect("saved");
    let file = root.join("marks/amara/wire.ron");
    let saved = fs::read_to_string(&file).expect("the marks file exists");
    assert_eq!(
        saved,
        "Marks(\n    format: 1,\n    done: true,\n    marks: [],\n)\n"
    );
    let reopened = Case::open(&root).expect("reopens");
    assert!(reopened.is_done(&amara, &wire));
    assert!(!reopened.is_done(&amara, &ArticleId::new("tribune")));

    // Setting it again changes nothing; undo takes it back.
    history
        .apply(&mut case, done(true), "done again")
        .expect("applied");
    history.undo(&mut case).expect("undo");
    assert!(case.is_done(&amara, &wire));
    history.undo(&mut case).expect("undo");
    assert!(!case.is_done(&amara, &wire));
    case.save().expect("saved");
    let saved = fs::read_to_string(&file).expect("the file stays");
    assert!(!saved.contains("done"), "not done is left out: {saved}");
    // An annotator who has only handed in is not empty: removing refuses.
    history.redo(&mut case).expect("redo");
    assert!(
        Edit::RemoveAnnotator(amara.clone())
            .apply(&mut case)
            .is_err()
    );
}

#[test]
fn candor_done_hands_articles_in_and_clear_takes_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    case_with(&root, &[("wire", TEXT), ("tribune", TEXT)]);
    ok(&candor(
        &["done", "case", "--annotator", "ben", "wire", "tribune"],
        dir.path(),
    ));
    let case = Case::open(&root).expect("opens");
    let ben = AnnotatorId::new("ben");
    assert!(case.is_done(&ben, &ArticleId::new("wire")));
    assert!(case.is_done(&ben, &ArticleId::new("tribune")));

    ok(&candor(
        &["done", "case", "--annotator", "ben", "--clear", "tribune"],
        dir.path(),
    ));
    let case = Case::open(&root).expect("opens");
    assert!(case.is_done(&ben, &ArticleId::new("wire")));
    assert!(!case.is_done(&ben, &ArticleId::new("tribune")));

    let o = candor(&["done", "case", "--annotator", "ben", "ferry"], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no article \"ferry\""),
        "{}",
        stderr(&o)
    );
}
