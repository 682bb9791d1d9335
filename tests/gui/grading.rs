//! Grading in the window, on a copy of the example case (key `key`,
//! students `amara` and `ben`): compare with the key and see a missed mark
//! outlined, open Feedback and click an item to land on its words, hand an
//! article in and take it back with undo, keep the key locked until an
//! instructor unlocks it, and use the Class view to open a student and see
//! who found a key mark.

use candor::grade::{HandIn, Outcome};
use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use candor::model::{AnnotatorId, ArticleId};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{Window, app_as, finish_work, press_ctrl};
use crate::util::example_copy;

const HEIGHT: f32 = 900.0;
const WINDOW: Window = Window::new(1500.0, HEIGHT);

fn annotator(h: &Harness<'_, CandorApp>) -> AnnotatorId {
    h.state().session.as_ref().expect("open").annotator.clone()
}

fn compare_with_the_key(h: &mut Harness<'_, CandorApp>) {
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("key (answer key)").click();
    h.run();
}

#[test]
fn compare_with_the_key_outlines_what_was_missed_and_feedback_lands_on_the_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_as(&example_copy(dir.path()), "amara"));
    assert!(h.state().read_view.text_view.overlay_drawn().is_empty());
    compare_with_the_key(&mut h);
    let drawn: Vec<Outcome> = h
        .state()
        .read_view
        .text_view
        .overlay_drawn()
        .iter()
        .map(|(o, _)| *o)
        .collect();
    assert!(drawn.contains(&Outcome::Missed), "{drawn:?}");
    assert!(drawn.contains(&Outcome::Matched), "{drawn:?}");
    // Every badge is at least as tall as a line of body text.
    let body = egui::TextStyle::Body.resolve(&h.ctx.global_style()).size;
    for (o, rect) in h.state().read_view.text_view.overlay_drawn() {
        assert!(rect.height() >= body, "{o:?} badge {rect:?} under {body}");
    }
    // The legend counts what the overlay holds, the same as grading does.
    let items = h.state().read_view.text_view.overlay_items();
    let missed = items
        .iter()
        .filter(|i| i.outcome == Outcome::Missed)
        .count();
    assert!(h.query_by_label(&format!("! missed {missed}")).is_some());

    // Feedback: the grade of amara, with an item of the ledger.
    press_ctrl(&mut h, Key::Num7);
    finish_work(&mut h);
    assert_eq!(h.state().view, View::Feedback);
    let grade = h.state().grading.feedback().expect("built").clone();
    assert_eq!(grade.student, AnnotatorId::new("amara"));
    let ledger = grade
        .articles
        .iter()
        .find(|a| a.article == ArticleId::new("ledger"))
        .expect("the ledger");
    let item = ledger
        .items
        .iter()
        .rev()
        .find(|i| i.outcome == Outcome::Missed)
        .expect("a missed mark in the ledger");
    let sentence = candor::export::grade::words::item_sentence(item);
    h.get_by_label(&sentence).scroll_to_me();
    h.run();
    h.get_by_label(&sentence).click();
    h.run();

    let app = h.state();
    assert_eq!(app.view, View::Read);
    let s = app.session.as_ref().expect("open");
    assert_eq!(s.article_id(), Some(&ArticleId::new("ledger")));
    assert_eq!(s.compare_with, Some(AnnotatorId::new("key")));
    let rect = app
        .read_view
        .text_view
        .screen_rect_of(item.range().start)
        .expect("the item's paragraph is laid out");
    assert!(
        rect.min.y > 0.0 && rect.max.y < HEIGHT,
        "the missed words are on screen: {rect:?}"
    );
    // And the missed mark is outlined there.
    assert!(
        app.read_view
            .text_view
            .overlay_drawn()
            .iter()
            .any(|(o, _)| *o == Outcome::Missed)
    );
}

#[test]
fn the_feedback_view_is_built_once_not_every_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_as(&example_copy(dir.path()), "ben"));
    press_ctrl(&mut h, Key::Num7);
    finish_work(&mut h);
    let built = h.state().grading.builds();
    assert!(h.state().grading.feedback().is_some(), "built");
    for _ in 0..5 {
        h.run();
    }
    assert_eq!(h.state().grading.builds(), built);
    assert!(!h.state().working(), "nothing computed again");
    // A different rule is a different grade.
    h.get_by_label("exact").click();
    h.run();
    finish_work(&mut h);
    assert_eq!(h.state().grading.builds(), built + 1);
    let g = h.state().grading.feedback().expect("built");
    assert_eq!(g.rules.rule, candor::grade::MatchRule::Exact);
}

#[test]
fn handing_an_article_in_is_a_checkbox_saved_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = WINDOW.open(app_as(&root, "ben"));
    let digest = ArticleId::new("digest");
    let done = |h: &Harness<'_, CandorApp>| {
        let s = h.state().session.as_ref().expect("open");
        s.case.is_done(&AnnotatorId::new("ben"), &digest)
    };
    assert!(!done(&h), "ben never marked the digest done");
    let title = h
        .state()
        .session
        .as_ref()
        .expect("open")
        .case
        .article(&digest)
        .expect("the digest")
        .meta
        .title
        .clone();
    h.get_by_label(&format!("done: {title}")).click();
    h.run();
    assert!(done(&h));
    press_ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(root.join("marks/ben/digest.ron")).expect("saved");
    assert!(saved.contains("done: true"), "{saved}");
    // Feedback now says it was handed in.
    press_ctrl(&mut h, Key::Num7);
    finish_work(&mut h);
    let g = h.state().grading.feedback().expect("built");
    let hand_in = g
        .articles
        .iter()
        .find(|a| a.article == digest)
        .map(|a| a.hand_in);
    assert_eq!(hand_in, Some(HandIn::Done));
    press_ctrl(&mut h, Key::Z);
    assert!(!done(&h), "one undo takes it back");
}

#[test]
fn the_key_is_not_offered_for_marking_until_an_instructor_unlocks_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    // Even when the window last marked as the key, it opens as someone else.
    let mut h = WINDOW.open(app_as(&root, "key"));
    assert_ne!(annotator(&h), AnnotatorId::new("key"));
    h.get_by_label("Marking as").click();
    h.run();
    assert!(
        h.query_by_label("key").is_none(),
        "the key is not in the list while locked"
    );
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Let me mark as the key").click();
    h.run();
    h.get_by_label("Marking as").click();
    h.run();
    h.get_by_label("key").click();
    h.run();
    assert_eq!(annotator(&h), AnnotatorId::new("key"));
    let unlocked = h.state().state.key_unlocked.clone();
    assert_eq!(unlocked.len(), 1, "remembered for this case");
    // Locking it again moves off the key.
    h.get_by_label("Let me mark as the key").click();
    h.run();
    assert_ne!(annotator(&h), AnnotatorId::new("key"));
}

#[test]
fn the_class_view_ranks_the_keys_marks_and_opens_a_student() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_as(&example_copy(dir.path()), "amara"));
    press_ctrl(&mut h, Key::Num8);
    finish_work(&mut h);
    assert_eq!(h.state().view, View::Class);
    let class = h.state().grading.class().expect("built");
    assert_eq!(class.students.len(), 2);
    let tallies = h.state().grading.tallies().to_vec();
    assert!(!tallies.is_empty());
    let shares: Vec<f64> = tallies.iter().filter_map(|t| t.share_found()).collect();
    assert!(
        shares.windows(2).all(|w| w[0] <= w[1]),
        "fewest found first"
    );
    // A click on a key mark shows who found it.
    let first = &tallies[0];
    let who = candor::export::grade::words::found_details(first);
    assert!(h.query_by_label(&who[0]).is_none());
    h.get_all_by_label("0 of 2").next().expect("a row").click();
    h.run();
    assert!(h.query_by_label(&who[0]).is_some(), "{who:?}");

    // Sorting by F1, best first: ben (74%) above amara (68%).
    h.get_by_label("F1").click();
    h.run();
    let order = |h: &Harness<'_, CandorApp>| -> Vec<f32> {
        ["amara", "ben"]
            .iter()
            .map(|n| h.get_by_label(n).rect().min.y)
            .collect()
    };
    let y = order(&h);
    assert!(y[1] < y[0], "ben first: {y:?}");
    h.get_by_label("F1").click();
    h.run();
    let y = order(&h);
    assert!(y[0] < y[1], "amara first: {y:?}");

    // A click on a student opens their marks with the key outlined.
    h.get_by_label("ben").click();
    h.run();
    let app = h.state();
    assert_eq!(app.view, View::Read);
    let s = app.session.as_ref().expect("open");
    assert_eq!(s.annotator, AnnotatorId::new("ben"));
    assert_eq!(s.compare_with, Some(AnnotatorId::new("key")));
    assert!(!app.read_view.text_view.overlay_drawn().is_empty());

    // Shown, not marked as: an edit to ben's marks is refused and says why.
    assert!(s.viewing);
    let bens = |h: &Harness<'_, CandorApp>| {
        let s = h.state().session.as_ref().expect("open");
        s.case.annotators()[&AnnotatorId::new("ben")].mark_count()
    };
    let before = bens(&h);
    let first = h.state().session.as_ref().expect("open").marks()[0]
        .id
        .clone();
    h.state_mut().session.as_mut().expect("open").selected_mark = Some(first.clone());
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(bens(&h), before, "nothing deleted");
    assert!(h.query_by_label_contains("shown read-only").is_some());
    // Choosing to mark as ben ends it.
    h.get_by_label("Mark as ben").click();
    h.run();
    assert!(!h.state().session.as_ref().expect("open").viewing);
    h.state_mut().session.as_mut().expect("open").selected_mark = Some(first);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(bens(&h), before - 1);
}

#[test]
fn blind_reading_hides_outlets_titles_and_dates_and_is_saved_in_the_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = WINDOW.open(app_as(&root, "amara"));
    assert!(h.query_by_label("Continental Press").is_some());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Blind reading").click();
    h.run();
    // The list, the heading and the tables name articles by their place.
    assert!(h.query_by_label("Continental Press").is_none());
    assert!(
        h.query_by_label_contains("Police clear Northgate")
            .is_none()
    );
    assert!(h.query_by_label("2026-03-03").is_none());
    assert!(
        h.get_all_by_label("Article 1").count() >= 2,
        "list and heading"
    );
    assert!(h.query_by_label("Article 5").is_some());
    assert!(h.query_by_label("Details…").is_none());
    press_ctrl(&mut h, Key::Num5);
    assert!(h.query_by_label("Continental Press").is_none());
    assert!(
        h.get_all_by_label("Article 3").count() >= 2,
        "the list and the counts row"
    );
    press_ctrl(&mut h, Key::Num7);
    finish_work(&mut h);
    assert!(h.query_by_label_contains("Article 2 (done)").is_some());

    press_ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(saved.contains("blind: true"), "{saved}");
    // The command line still names the outlets: blind reading is the window's.
    let o = crate::util::candor(&["compare", root.to_str().expect("utf-8")], &root);
    assert!(crate::util::stdout(&o).contains("Continental Press"));

    press_ctrl(&mut h, Key::Z);
    press_ctrl(&mut h, Key::Num1);
    assert!(h.query_by_label("Continental Press").is_some(), "undone");
}

#[test]
fn compare_with_works_in_every_side_by_side_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_as(&example_copy(dir.path()), "ben"));
    press_ctrl(&mut h, Key::Num2);
    compare_with_the_key(&mut h);
    let app = h.state();
    assert!(app.side_by_side.columns.len() >= 2);
    for col in &app.side_by_side.columns {
        let drawn = col.view.overlay_drawn();
        assert!(
            !drawn.is_empty(),
            "{} has the key's marks outlined",
            col.article
        );
        // Each column's counts line says what it holds, by badge.
        let line = candor::gui::text::overlay::counts_line(col.view.overlay_items());
        assert!(h.query_by_label(&line).is_some(), "{line}");
    }
    // "nobody" takes the overlay away again.
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("nobody").click();
    h.run();
    assert!(
        h.state()
            .side_by_side
            .columns
            .iter()
            .all(|c| c.view.overlay_drawn().is_empty())
    );
}

/// The example case with eight students (amara and ben, and six copies of
/// amara), none of whom handed the wire in.
fn class_of_eight(dir: &std::path::Path) -> std::path::PathBuf {
    let root = example_copy(dir);
    let marks = root.join("marks");
    for name in ["cleo", "dev", "emil", "fay", "gus", "hana"] {
        crate::util::copy_dir(&marks.join("amara"), &marks.join(name));
    }
    for name in ["amara", "ben", "cleo", "dev", "emil", "fay", "gus", "hana"] {
        std::fs::remove_file(marks.join(name).join("wire.ron")).expect("remove");
    }
    root
}

#[test]
fn every_student_of_a_class_of_eight_is_in_sight_at_a_laptops_sizes() {
    for (width, height) in [(1360.0, 880.0), (1024.0, 640.0)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = Window::new(width, height).open(app_as(&class_of_eight(dir.path()), "amara"));
        press_ctrl(&mut h, Key::Num8);
        h.run();
        assert_eq!(h.state().view, View::Class);
        finish_work(&mut h);
        let students = h.state().grading.class().expect("built").students.len();
        assert_eq!(students, 8);
        // The key's marks start below the table: a row above them is not
        // hidden by the table's scrolling, nor under its sideways bar.
        let key_marks = h.get_by_label("The key's marks, fewest found first").rect();
        let header = h.get_by_label("student").rect();
        for name in ["amara", "ben", "cleo", "dev", "emil", "fay", "gus", "hana"] {
            let row = h.get_by_label(name).rect();
            assert!(
                row.min.y >= header.max.y && row.max.y + 10.0 <= key_marks.min.y,
                "{name} at {row:?} is between the header {header:?} and the key's marks {key_marks:?} at {width}x{height}"
            );
            assert!(
                row.max.x <= width && row.max.y <= height,
                "{name} at {row:?}"
            );
        }
        // The key's marks in the wire, last: nobody handed it in, said in full.
        let show = h
            .get_all_by_label("Show")
            .next()
            .expect("a key mark")
            .rect();
        h.hover_at(show.center());
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -100.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
        let cell = h
            .get_all_by_label(candor::gui::views::grade::class::NOT_HANDED_IN)
            .map(|n| n.rect())
            .find(|r| r.min.y > key_marks.max.y)
            .expect("a key mark nobody could find");
        let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
        let full = h.ctx.fonts_mut(|f| {
            f.layout_no_wrap("not handed in".into(), font, egui::Color32::WHITE)
                .size()
                .x
        });
        assert!(
            cell.width() >= full,
            "{cell:?} fits {full} px at {width}x{height}"
        );
        assert!(cell.max.y <= height, "{cell:?} in the window");
    }
}

#[test]
fn feedback_on_the_keys_actor_mention_says_what_the_key_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let text = "Minister Hale opened the dam on Monday. Crowds cheered.";
    let mut case = crate::util::case_with(&root, &[("wire", text)]);
    crate::util::marked(
        &mut case,
        "key",
        "wire",
        "[Minister Hale]{mention} opened the dam on Monday. [Crowds cheered]{editorializing kind=filler}.",
    );
    crate::util::marked(
        &mut case,
        "amara",
        "wire",
        "[Minister Hale]{loaded kind=label} opened the dam on Monday. Crowds cheered.",
    );
    case.save().expect("saved");
    let mut h = WINDOW.open(app_as(&root, "amara"));
    press_ctrl(&mut h, Key::Num7);
    assert_eq!(h.state().view, View::Feedback);
    finish_work(&mut h);
    let g = h.state().grading.feedback().cloned();
    assert!(g.is_some(), "graded");
    assert!(
        h.query_by_label(
            "“Minister Hale” (Loaded wording): the key marked this as an actor mention, not loaded wording."
        )
        .is_some(),
        "{g:#?}"
    );
    assert!(h.query_by_label_contains("has no mark here").is_none());
}
