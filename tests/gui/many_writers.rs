//! The window while its files change under it: a `git pull` or a second
//! window writes marks the open window has not read. Nothing is ever
//! overwritten: what changed is merged mark by mark with the unsaved work,
//! and a mark changed on both sides is put to the user.

use std::path::Path;

use candor::case::Case;
use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId, CategoryId, MarkId};
use egui::Key;
use egui_kittest::kittest::Queryable;

use super::util::{DAM, app_on, find, harness, make_case, mark_phrase, marks_of, press_ctrl};

/// Another writer (a pull, a second window) adds a mark of amara's to the
/// ledger and changes the note of her mark on "so-called", if asked.
fn write_elsewhere(root: &Path, new_phrase: &str, note_on_so_called: Option<&str>) {
    let mut other = Case::open(root).expect("another writer opens the case");
    let (amara, ledger) = (AnnotatorId::new("amara"), ArticleId::new("ledger"));
    let mark = other
        .mark_with_id(
            MarkId::new("m-pulled"),
            &ledger,
            find(DAM, new_phrase),
            &CategoryId::new("attribution"),
        )
        .expect("fits");
    Edit::AddMark {
        annotator: amara.clone(),
        article: ledger.clone(),
        mark,
    }
    .apply(&mut other)
    .expect("added");
    if let Some(note) = note_on_so_called {
        let mut m = other
            .marks(&amara, &ledger)
            .iter()
            .find(|m| m.quote == "so-called")
            .expect("the mark")
            .clone();
        m.note = note.into();
        candor::edit::replace_mark(&amara, &ledger, m)
            .apply(&mut other)
            .expect("replaced");
    }
    other.save().expect("the other writer saves");
    // The same clock tick as our own save is still a change.
    let file = root.join("marks/amara/ledger.ron");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .expect("open")
        .set_modified(later)
        .expect("time");
}

fn quotes_on_disk(root: &Path) -> Vec<String> {
    let case = Case::open(root).expect("reopen");
    case.marks(&AnnotatorId::new("amara"), &ArticleId::new("ledger"))
        .iter()
        .map(|m| m.quote.clone())
        .collect()
}

#[test]
fn a_git_pull_under_an_open_window_is_merged_with_unsaved_marks_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    press_ctrl(&mut h, Key::S);
    // An unsaved mark here...
    mark_phrase(&mut h, "no warning", Key::Num3);
    // ...while a pull brings another.
    write_elsewhere(&root, "Officials said", None);
    // egui's clock moves a quarter second a step: the poll and the autosave run.
    for _ in 0..12 {
        h.step();
    }
    let here: Vec<String> = marks_of(h.state(), "ledger")
        .into_iter()
        .map(|m| m.quote)
        .collect();
    assert_eq!(here, ["so-called", "Officials said", "no warning"]);
    assert_eq!(quotes_on_disk(&root), here, "the merge is saved");
    let s = h.state().session.as_ref().expect("open");
    assert!(
        s.notifications.contains("merged mark by mark"),
        "{:?}",
        s.notifications
    );
}

#[test]
fn a_mark_changed_here_and_on_disk_waits_for_the_user_and_taking_theirs_keeps_their_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    press_ctrl(&mut h, Key::S);
    // Deleted here, unsaved; its note changed there.
    h.key_press(Key::Delete);
    h.run();
    write_elsewhere(&root, "Officials said", Some("scare quotes"));
    let on_disk = std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("read");
    for _ in 0..12 {
        h.step();
    }
    assert_eq!(
        std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("read"),
        on_disk,
        "nothing is written over their change while it waits"
    );
    h.get_by_label_contains("Conflicts (1)");
    h.get_by_label_contains("Not saved: 1 conflict");
    h.get_by_label("Take theirs").click();
    h.run();
    for _ in 0..8 {
        h.step();
    }
    let marks = marks_of(h.state(), "ledger");
    let so_called = marks
        .iter()
        .find(|m| m.quote == "so-called")
        .expect("their version is back");
    assert_eq!(so_called.note, "scare quotes");
    assert_eq!(
        quotes_on_disk(&root),
        ["so-called", "Officials said"],
        "both their mark and their note"
    );
    assert!(h.query_by_label_contains("Conflicts (").is_none());
}

#[test]
fn keeping_mine_in_a_conflict_saves_mine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    press_ctrl(&mut h, Key::S);
    h.key_press(Key::Delete);
    h.run();
    write_elsewhere(&root, "Officials said", Some("scare quotes"));
    for _ in 0..12 {
        h.step();
    }
    h.get_by_label("Keep mine").click();
    h.run();
    for _ in 0..8 {
        h.step();
    }
    assert_eq!(
        quotes_on_disk(&root),
        ["Officials said"],
        "my delete is saved, their new mark kept"
    );
}

#[test]
fn after_a_text_changes_on_disk_the_orphan_count_is_the_orphans_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    // Ben has a mark on the same words: his orphan is not amara's.
    {
        let mut case = Case::open(&root).expect("open");
        for who in ["amara", "ben"] {
            crate::util::marked(
                &mut case,
                who,
                "ledger",
                &DAM.replace("no warning", "[no warning]{editorializing}"),
            );
        }
        case.save().expect("save");
    }
    let mut h = harness(app_on(&root));
    let corrected = DAM.replace("they had been given no warning", "they were told nothing");
    std::fs::write(root.join("articles/ledger.txt"), &corrected).expect("edit");
    for _ in 0..8 {
        h.step();
    }
    let s = h.state().session.as_ref().expect("open");
    assert!(
        s.notifications.contains(
            "ledger changed on disk: 0 of your marks moved with their words, 1 orphan(s)"
        ),
        "{:?}",
        s.notifications
    );
    assert_eq!(s.orphans().len(), 1);
    h.get_by_label_contains("Orphans (1)");
}
