//! A class large enough that grading it takes a while: the Class view
//! computes the grades off the UI thread. While it does, frames keep being
//! drawn with "Computing grades… n of N students" and a Cancel; Cancel
//! stops it until asked again; the grades appear once the worker is done;
//! and an edit made while computing makes them computed again for the case
//! as it is, never shown stale. Its HTML report is made on a worker too,
//! and cancelled writes nothing. The class is built in a temporary folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use candor::anchor;
use candor::case::{Case, MarkIds};
use candor::edit::Edit;
use candor::export::files::FileFormat;
use candor::export::folder::Replace;
use candor::grade::{self, ClassGrade};
use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use candor::model::{AnnotatorId, ArticleId, CategoryId};
use candor::text::CharRange;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::util::{Window, app_as, finish_work};
use crate::util::article;

const STUDENTS: usize = 200;
const ARTICLES: usize = 3;
const SENTENCES: usize = 200;

const WORDS: [&str; 12] = [
    "officials",
    "stormed",
    "the",
    "so-called",
    "camp",
    "before",
    "dawn",
    "and",
    "critics",
    "slammed",
    "a",
    "crackdown",
];

/// An invented article of `SENTENCES` sentences, and where each sentence's
/// third and fourth words are (what the key marks).
fn text(seed: usize) -> (String, Vec<CharRange>) {
    let mut text = String::new();
    let mut places = Vec::new();
    for s in 0..SENTENCES {
        let mut chars = text.chars().count();
        for w in 0..8 {
            let word = WORDS[(seed * 7 + s * 5 + w * 3) % WORDS.len()];
            if w == 2 {
                let len = word.chars().count() + 1 + WORDS[(seed * 7 + s * 5 + 9) % 12].len();
                places.push(CharRange::new(chars, chars + len));
            }
            text.push_str(word);
            text.push(' ');
            chars += word.chars().count() + 1;
        }
        text.pop();
        text.push_str(". ");
    }
    (text, places)
}

/// A key and `STUDENTS` students on `ARTICLES` articles: the key marks a
/// place in every sentence, each student most of them, some a word off.
fn large_class(dir: &Path) -> PathBuf {
    let root = dir.join("class");
    let mut case = Case::create(&root, "A large class").expect("create");
    let mut articles = Vec::new();
    for a in 0..ARTICLES {
        let id = format!("report-{a}");
        let (body, places) = text(a);
        case.add_article(article(&id, &format!("Report {a}"), "The Ledger"), &body)
            .expect("article");
        articles.push((ArticleId::new(id), places));
    }
    let loaded = CategoryId::new("loaded");
    for who in std::iter::once("key".to_string()).chain((0..STUDENTS).map(|i| format!("s{i:03}"))) {
        let student = AnnotatorId::new(&who);
        let n = who.bytes().map(usize::from).sum::<usize>();
        // One set of ids taken per student: `Case::new_mark` looks at
        // every mark of theirs for each new one.
        let mut ids = MarkIds::for_annotator(&case, &student);
        for (id, places) in &articles {
            let text = case.article_text(id).expect("the text");
            let mut marks = Vec::new();
            for (p, place) in places.iter().enumerate() {
                if who != "key" && (n + p) % 4 == 0 {
                    continue;
                }
                let range = if who != "key" && (n + p) % 5 == 0 {
                    CharRange::new(place.start.0 + 1, place.end.0)
                } else {
                    *place
                };
                let mark = anchor::new_mark(text, ids.next_id(), range, loaded.clone())
                    .expect("the place fits");
                marks.push(mark);
            }
            case.marks_mut(&student, id)
                .expect("writable")
                .extend(marks);
        }
    }
    case.save().expect("saved");
    root
}

/// The class as the core grades it, from the case the window holds now.
fn graded_now(h: &Harness<'_, CandorApp>) -> ClassGrade {
    let app = h.state();
    let case = &app.session.as_ref().expect("open").case;
    let key = case.key().expect("a key").clone();
    let students = grade::students(case, &key);
    ClassGrade::build(case, &key, &students, &app.grading.options)
}

/// One more mark of s000's, through the window's session.
fn add_mark(h: &mut Harness<'_, CandorApp>, range: CharRange) {
    let s = h.state_mut().session.as_mut().expect("open");
    let (who, article) = (AnnotatorId::new("s000"), ArticleId::new("report-0"));
    let mark = s
        .case
        .new_mark(&who, &article, range, &CategoryId::new("loaded"))
        .expect("mark");
    assert!(s.apply(
        Edit::AddMark {
            annotator: who,
            article,
            mark,
        },
        "mark",
        None,
        0.0,
    ));
}

fn computing(h: &Harness<'_, CandorApp>) -> bool {
    h.state().grading.computing()
}

#[test]
fn the_class_view_grades_a_large_class_off_the_ui_thread_with_cancel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = large_class(dir.path());
    // Frames are stepped one at a time: while the worker steps, each of
    // its steps asks for a frame, so "run until settled" never settles.
    let mut h = Window::new(1500.0, 900.0).open(app_as(&root, "s000"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num8);
    h.step();
    assert_eq!(h.state().view, View::Class);
    let before = h.ctx.cumulative_pass_nr();
    for _ in 0..3 {
        h.step();
        assert!(
            computing(&h),
            "{STUDENTS} students are not graded in a frame"
        );
        h.get_by_label_contains("Computing grades…");
    }
    assert!(
        h.ctx.cumulative_pass_nr() >= before + 3,
        "frames are drawn while the class is graded"
    );
    assert!(h.state().grading.class().is_none(), "nothing to show yet");

    // Cancel stops it, and it stays stopped until asked again.
    h.get_by_label("Cancel").click();
    h.step();
    assert!(!computing(&h));
    h.step();
    h.get_by_label_contains("Grading the class cancelled.");
    for _ in 0..3 {
        h.step();
    }
    assert!(!computing(&h), "not started again by itself");
    assert!(h.state().grading.class().is_none());

    h.get_by_label("Compute again").click();
    h.step();
    h.step();
    assert!(computing(&h));
    finish_work(&mut h);
    let shown = h.state().grading.class().expect("graded").clone();
    assert!(h.state().grading.class_is_current());
    assert_eq!(shown.students.len(), STUDENTS);
    assert_eq!(shown, graded_now(&h), "the same grades as the core's");
    assert!(h.query_by_label("Computing grades…").is_none());
    assert!(
        h.get_all_by_label("s000").next().is_some(),
        "the table drawn"
    );

    // An edit: the grades are computed again, the old ones shown greyed
    // meanwhile; a second edit while computing drops that computation.
    add_mark(&mut h, CharRange::new(0, 9));
    h.step();
    assert!(computing(&h));
    assert!(!h.state().grading.class_is_current());
    assert_eq!(h.state().grading.class(), Some(&shown), "the old grades");
    h.step();
    h.get_by_label_contains("The figures below are from before the last change.");
    add_mark(&mut h, CharRange::new(10, 19));
    h.step();
    assert!(computing(&h));
    finish_work(&mut h);
    let now = h.state().grading.class().expect("graded").clone();
    assert!(h.state().grading.class_is_current());
    assert_eq!(now, graded_now(&h), "graded with both new marks, not stale");
    assert_ne!(now, shown);
    let extra = |c: &ClassGrade| c.students[0].overall.extra;
    assert_eq!(extra(&now), extra(&shown) + 2, "s000's two new marks");

    // The HTML report of the whole class is made on a worker too, one
    // annotator a step; Cancel while it is made writes nothing.
    let out = dir.path().join("report");
    let ctx = h.ctx.clone();
    h.state_mut().session.as_mut().expect("open").start_export(
        FileFormat::Html,
        Vec::new(),
        Vec::new(),
        out.clone(),
        Replace::OnlyCandors,
        Arc::new(move || ctx.request_repaint()),
        0.0,
    );
    let exporting =
        |h: &Harness<'_, CandorApp>| h.state().session.as_ref().is_some_and(|s| s.work.is_some());
    // One step per annotator, shown once the worker has begun (how soon
    // depends on the machine, so the frames are drawn until it shows).
    let of = format!(" of {})", STUDENTS + 1);
    let mut seen = false;
    for _ in 0..500 {
        h.step();
        assert!(
            exporting(&h),
            "the report of a class is not made in a frame"
        );
        // A label's words are its accessibility value.
        seen = h
            .query_all(by().predicate(|n| {
                [n.label(), n.value()]
                    .into_iter()
                    .flatten()
                    .any(|t| t.contains("making the files (") && t.contains(&of))
            }))
            .next()
            .is_some();
        if seen {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(seen, "the status bar says how far: making the files (k{of}");
    h.get_by_label("Cancel").click();
    h.step();
    assert!(!exporting(&h));
    h.step();
    h.get_by_label_contains("cancelled; no file was written after it");
    for _ in 0..3 {
        h.step();
    }
    assert!(!out.exists(), "nothing written, not even the folder");
}
