//! A class through files, in the window: the instructor makes a student
//! copy; the student opening it gives their name once, never sees the
//! key, marks and hands in one file; the instructor collects it by
//! dropping the LMS's zip on the window and sees what happened to each
//! file; a hand-back shows the key, but only on the articles handed in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use candor::case::Case;
use candor::class::handin::HandIn;
use candor::class::handout::{HandoutOptions, write_student_copy};
use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use candor::model::{AnnotatorId, ArticleId};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use super::util::{
    DAM, app_on, finish_work, harness, instructor_on, make_case, mark_phrase, press_ctrl,
};
use crate::util::marked;

/// A file as the window system hands it over when dropped.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The instructor's case (two articles, the key's marks on both) and the
/// student copy made of it, in `dir/case` and `dir/student`.
fn case_and_student_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let root = make_case(dir);
    let mut case = Case::open(&root).expect("opens");
    marked(
        &mut case,
        "key",
        "ledger",
        &DAM.replace("so-called", "[so-called]{loaded note=\"A scare label.\"}"),
    );
    marked(
        &mut case,
        "key",
        "courier",
        "The river authority confirmed that the camp was cleared without injuries.\n\nA spokesman [claimed]{attribution note=\"Casts doubt.\"} the protesters had blocked an access road for weeks.",
    );
    case.save().expect("saved");
    let copy = dir.join("student");
    write_student_copy(&mut case, &copy, &HandoutOptions::default()).expect("student copy");
    (root, copy)
}

/// Every label and value in the window's accessibility tree that holds
/// `word`, in any case.
fn shown_with(h: &Harness<'_, CandorApp>, word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    h.query_all(by().predicate(move |n| {
        [n.label(), n.value()]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&word))
    }))
    .map(|n| {
        let n = n.accesskit_node();
        format!("{:?}: {:?} {:?}", n.role(), n.label(), n.value())
    })
    .collect()
}

/// Types `text` into the field labelled `label`, replacing what it held.
fn type_into(h: &mut Harness<'_, CandorApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Opens the File menu and clicks `item`.
fn file_menu(h: &mut Harness<'_, CandorApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

/// The student copy open, the name given as the window asked for it.
fn student_named(copy: &Path, name: &str) -> Harness<'static, CandorApp> {
    let mut h = harness(app_on(copy));
    h.get_by_label_contains("This is a student copy");
    type_into(&mut h, "Name:", name);
    h.get_by_label("Start marking").click();
    h.run();
    h
}

fn session<'a>(h: &'a Harness<'_, CandorApp>) -> &'a candor::gui::session::Session {
    h.state().session.as_ref().expect("a case is open")
}

#[test]
fn a_student_copy_asks_the_name_once_and_marks_as_that_student() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "José Núñez");
    let ana = AnnotatorId::new("jose-nunez");
    assert_eq!(session(&h).annotator, ana);
    assert!(
        h.query_by_label("Start marking").is_none(),
        "the question is gone"
    );
    mark_phrase(&mut h, "so-called", Key::Num1);
    assert_eq!(
        session(&h)
            .case
            .marks(&ana, &ArticleId::new("ledger"))
            .len(),
        1,
        "marked as the student"
    );
    h.state_mut().save_now(0.0);
    drop(h);
    let reopened = Case::open(&copy).expect("opens");
    let handout = reopened.student_copy().expect("still a student copy");
    assert_eq!(
        handout.student.as_ref(),
        Some(&ana),
        "case.ron keeps the name"
    );
    // Opened again (and remembered as someone else), it asks no more.
    let h = harness(app_on(&copy));
    assert!(h.query_by_label("Start marking").is_none());
    assert_eq!(session(&h).annotator, ana);
}

#[test]
fn a_student_copy_never_offers_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "Ana");
    assert!(
        !shown_with(&h, "marking as").is_empty(),
        "the search sees the window"
    );
    assert_eq!(
        shown_with(&h, "key"),
        Vec::<String>::new(),
        "nothing names a key"
    );
    assert!(h.query_by_label("Feedback").is_none() && h.query_by_label("Class").is_none());
    press_ctrl(&mut h, Key::Num7);
    assert_eq!(h.state().view, View::Read, "Ctrl+7 does nothing");
    press_ctrl(&mut h, Key::Num8);
    assert_eq!(h.state().view, View::Read, "Ctrl+8 does nothing");
    h.get_by_label("View").click();
    h.run();
    assert!(
        h.query_by_label("Feedback").is_none(),
        "not in the View menu"
    );
    assert!(h.query_by_label("Class").is_none());
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label("Make student copy…").is_none());
    assert!(h.query_by_label("Collect hand-ins…").is_none());
    h.get_by_label("Hand in…");
}

#[test]
fn a_student_hands_in_one_file_that_says_what_it_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "Ana");
    mark_phrase(&mut h, "so-called", Key::Num1);
    h.get_by_label("done: Police clear dam camp").click();
    h.run();
    // Marking as someone else for a while changes whose hand-in it is not.
    type_into(&mut h, "New annotator:", "bob");
    h.get_by_label("Add").click();
    h.run();
    assert_eq!(session(&h).annotator, AnnotatorId::new("bob"));
    file_menu(&mut h, "Hand in…");
    h.get_by_label("Hand in as ana");
    h.get_by_label_contains("1 mark on 1 of 2 articles, 1 marked done");
    let out = dir.path().join("upload").join("ana.candor-handin");
    std::fs::create_dir_all(out.parent().expect("a folder")).expect("folder");
    type_into(&mut h, "Save as:", out.to_str().expect("UTF-8"));
    h.get_by_label("Hand in").click();
    h.step();
    finish_work(&mut h);
    let handin = HandIn::read(&out).expect("the hand-in reads back");
    assert_eq!(handin.student, AnnotatorId::new("ana"));
    let ledger = &handin.articles[&ArticleId::new("ledger")];
    assert!(ledger.done);
    assert_eq!(ledger.marks.len(), 1);
    assert_eq!(ledger.marks[0].quote, "so-called");
    h.get_by_label_contains("Handed in 1 mark on 1 of 2 articles");
}

/// A zip holding `files` as (name in the zip, bytes), as Canvas downloads
/// submissions.
fn zip_of(path: &Path, files: &[(&str, Vec<u8>)]) {
    let file = std::fs::File::create(path).expect("create zip");
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(bytes).expect("write entry");
    }
    zip.finish().expect("finish zip");
}

#[test]
fn the_instructor_collects_a_zip_dropped_on_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "Ana");
    mark_phrase(&mut h, "so-called", Key::Num1);
    h.state_mut().save_now(0.0);
    drop(h);
    let copied = Case::open(&copy).expect("opens");
    let handin = HandIn::from_case(&copied, &AnnotatorId::new("ana")).expect("hand-in");
    let zip = dir.path().join("submissions.zip");
    zip_of(
        &zip,
        &[
            (
                "ana_4411_98001_ana.candor-handin",
                handin.to_ron().expect("ron").into_bytes(),
            ),
            (
                "ben_4412_98002_essay.pdf",
                b"%PDF-1.7 not a hand-in".to_vec(),
            ),
        ],
    );

    let mut h = harness(instructor_on(&root));
    h.input_mut().dropped_files.push(Arc::new(Dropped(zip)));
    h.step();
    finish_work(&mut h);
    h.get_by_label("Hand-ins collected");
    h.get_by_label_contains("ana_4411_98001_ana.candor-handin");
    h.get_by_label_contains("essay.pdf");
    h.get_by_label("2 file(s): 1 taken in, 0 refused, 1 skipped.");
    let got = session(&h)
        .case
        .marks(&AnnotatorId::new("ana"), &ArticleId::new("ledger"))
        .to_vec();
    assert_eq!(got.len(), 1, "the student's mark is in the case");
    assert_eq!(got[0].quote, "so-called");
    assert!(
        session(&h)
            .case
            .articles()
            .iter()
            .all(|a| a.meta.id != ArticleId::new("submissions")),
        "a zip is never imported as an article"
    );
    let on_disk = Case::open(&root).expect("opens");
    assert_eq!(
        on_disk
            .marks(&AnnotatorId::new("ana"), &ArticleId::new("ledger"))
            .len(),
        1,
        "written to marks/ana/"
    );
    h.get_by_label("See the class").click();
    h.run();
    assert_eq!(h.state().view, View::Class);
    // The class is graded on a worker.
    finish_work(&mut h);
    let class = h.state().grading.class().expect("the class is graded");
    assert!(
        class
            .students
            .iter()
            .any(|g| g.student == AnnotatorId::new("ana")),
        "ana is in the class"
    );
}

#[test]
fn the_instructor_makes_a_student_copy_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    {
        let mut case = Case::open(&root).expect("opens");
        marked(
            &mut case,
            "key",
            "ledger",
            &DAM.replace("so-called", "[so-called]{loaded}"),
        );
        case.save().expect("saved");
    }
    let mut h = harness(instructor_on(&root));
    file_menu(&mut h, "Make student copy…");
    let out = dir.path().join("for-students");
    type_into(
        &mut h,
        "Into the folder (new or empty):",
        out.to_str().expect("UTF-8"),
    );
    let zip = dir.path().join("for-students.zip");
    type_into(&mut h, "Zip file:", zip.to_str().expect("UTF-8"));
    h.get_by_label("Make copy").click();
    h.step();
    finish_work(&mut h);
    h.get_by_label_contains("Student copy of 2 article(s) written to");
    let copy = Case::open(&out).expect("the copy opens");
    assert!(copy.student_copy().is_some());
    assert!(
        copy.annotators().is_empty(),
        "no one's marks, the key's least"
    );
    assert!(zip.is_file(), "zipped too");
    let id = Case::open(&root).expect("opens").manifest().id.clone();
    assert!(id.is_some(), "the case got its id");
    assert_eq!(
        session(&h).case.manifest().id,
        id,
        "the window's case knows its id too"
    );
}

#[test]
fn a_hand_back_shows_the_key_only_on_the_articles_handed_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, copy) = case_and_student_copy(dir.path());
    let ana = AnnotatorId::new("ana");
    let mut h = student_named(&copy, "Ana");
    mark_phrase(&mut h, "so-called", Key::Num1);
    h.state_mut().save_now(0.0);
    drop(h);
    // The instructor collects ana's hand-in (the ledger only) and hands
    // the key back for what she handed in.
    let handin = HandIn::from_case(&Case::open(&copy).expect("opens"), &ana).expect("hand-in");
    let handin_file = dir.path().join("ana.candor-handin");
    handin.write(&handin_file).expect("written");
    let mut case = Case::open(&root).expect("opens");
    let found =
        candor::class::gather::read_all(&[handin_file], &candor::progress::Progress::none());
    let report =
        candor::class::collect::apply(&mut case, found, &Default::default()).expect("collected");
    assert!(!report.refused(), "{report:?}");
    let ledger = ArticleId::new("ledger");
    let courier = ArticleId::new("courier");
    let back = candor::class::handback::HandBack::from_case(
        &case,
        &ana,
        &[ledger.clone()].into_iter().collect(),
    )
    .expect("hand-back");
    let back_file = dir.path().join("ana.candor-handback");
    back.write(&back_file).expect("written");

    let mut h = harness(app_on(&copy));
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(back_file)));
    h.step();
    h.run();
    let s = session(&h);
    assert_eq!(s.case.student_copy().expect("a copy").feedback.len(), 1);
    assert_eq!(h.state().view, View::Feedback, "the feedback is shown");
    h.get_by_label("Feedback");
    assert!(
        h.query_by_label("Class").is_none(),
        "Class stays the instructor's"
    );
    assert_eq!(s.compared_with(&ledger), Some(&AnnotatorId::new("key")));
    assert_eq!(
        s.compared_with(&courier),
        None,
        "not handed in: no key there"
    );
    assert!(s.case.marks(&AnnotatorId::new("key"), &courier).is_empty());
    // In Read, the ledger is drawn against the key, the courier is not.
    press_ctrl(&mut h, Key::Num1);
    assert!(
        !h.state().read_view.text_view.overlay_items().is_empty(),
        "the key on the ledger"
    );
    h.get_by_label("Camp cleared").click();
    h.run();
    assert!(
        h.state().read_view.text_view.overlay_items().is_empty(),
        "nothing on the courier"
    );
    h.get_by_label("Compare with").click();
    h.run();
    assert!(
        h.query_by_label_contains("answer key").is_none(),
        "the key is not offered on the courier"
    );
}

#[test]
fn the_name_is_not_undone_and_a_dropped_hand_in_is_not_collected_in_a_student_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "Ana");
    press_ctrl(&mut h, Key::Z);
    let named = |h: &Harness<'_, CandorApp>| {
        session(h)
            .case
            .student_copy()
            .and_then(|c| c.student.clone())
    };
    assert_eq!(
        named(&h),
        Some(AnnotatorId::new("ana")),
        "undo keeps the name"
    );
    assert!(
        h.query_by_label("Start marking").is_none(),
        "and asks no more"
    );
    let stray = dir.path().join("ben.candor-handin");
    std::fs::write(&stray, "HandIn(format: 1)").expect("written");
    h.input_mut().dropped_files.push(Arc::new(Dropped(stray)));
    h.step();
    h.run();
    assert!(session(&h).work.is_none(), "nothing is collected");
    h.get_by_label_contains("hand-ins are collected in the instructor's case");
}

#[test]
fn collect_hand_ins_takes_the_paths_typed_and_a_case_never_handed_out_cannot_hand_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(instructor_on(&root));
    file_menu(&mut h, "Hand in…");
    h.get_by_label_contains("the case has no id yet");
    assert!(
        h.get_by_label("Hand in").accesskit_node().is_disabled(),
        "nothing to hand in before a student copy gave the case its id"
    );
    h.get_by_label("Cancel").click();
    h.run();
    drop(h);

    let (root, copy) = case_and_student_copy(&dir.path().join("second"));
    let ana = AnnotatorId::new("ana");
    let mut student = Case::open(&copy).expect("opens");
    marked(
        &mut student,
        "ana",
        "ledger",
        &DAM.replace("so-called", "[so-called]{loaded}"),
    );
    student.save().expect("saved");
    let folder = dir
        .path()
        .join("moodle")
        .join("Ana Lopez_12345_assignsubmission_file_");
    std::fs::create_dir_all(&folder).expect("folder");
    HandIn::from_case(&student, &ana)
        .expect("hand-in")
        .write(&folder.join("ana.candor-handin"))
        .expect("written");
    let mut h = harness(instructor_on(&root));
    file_menu(&mut h, "Collect hand-ins…");
    let moodle = dir.path().join("moodle");
    type_into(
        &mut h,
        "Files, folders or zips (one a line):",
        moodle.to_str().expect("UTF-8"),
    );
    h.get_by_label("Collect").click();
    h.step();
    finish_work(&mut h);
    h.get_by_label("1 file(s): 1 taken in, 0 refused, 0 skipped.");
    assert_eq!(
        session(&h)
            .case
            .marks(&ana, &ArticleId::new("ledger"))
            .len(),
        1
    );
}

#[test]
fn a_hand_in_opened_from_the_desktop_is_collected_into_the_last_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, copy) = case_and_student_copy(dir.path());
    let mut h = student_named(&copy, "Ana");
    mark_phrase(&mut h, "so-called", Key::Num1);
    h.state_mut().save_now(0.0);
    drop(h);
    let copied = Case::open(&copy).expect("opens");
    let file = dir.path().join("ana.candor-handin");
    HandIn::from_case(&copied, &AnnotatorId::new("ana"))
        .expect("hand-in")
        .write(&file)
        .expect("written");

    // `candor open ana.candor-handin`, as a double-click runs it, with the
    // instructor's case the one opened last.
    let mut state = instructor_on(&root).state;
    state.last_case = Some(root.clone());
    let mut h = harness(CandorApp::new(state, Some(file)));
    finish_work(&mut h);
    h.get_by_label("Hand-ins collected");
    assert_eq!(session(&h).case.root(), root.as_path());
    let got = session(&h)
        .case
        .marks(&AnnotatorId::new("ana"), &ArticleId::new("ledger"))
        .to_vec();
    assert_eq!(got.len(), 1, "the student's mark is in the case");
}
