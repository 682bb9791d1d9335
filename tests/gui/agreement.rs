//! The Agreement and Adjudicate views, driven headless on a copy of the
//! example case: the pair matrix and its measure picker (and, for a class
//! of 60, the rows against the rest), a place of
//! disagreement opened at its words, and clusters accepted, rejected,
//! bulk-accepted and undone into the gold annotator.

use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use candor::model::{AnnotatorId, ArticleId};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{Window, app_on, finish_work, press_ctrl};
use crate::util::example_copy;

const WINDOW: Window = Window::new(1600.0, 1500.0);

fn gold_marks(h: &Harness<'_, CandorApp>) -> usize {
    let case = &h.state().session.as_ref().expect("a case").case;
    case.annotations(&AnnotatorId::new("gold"))
        .map_or(0, |a| a.mark_count())
}

#[test]
fn the_agreement_view_shows_the_pair_matrix_per_measure_built_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num9);
    finish_work(&mut h);
    assert_eq!(h.state().view, View::Agreement);
    // Amara and Ben (the key is left out): Cohen's kappa over all
    // categories, once each way round, as `candor agree` prints it.
    assert_eq!(h.get_all_by_label("0.463").count(), 2);
    h.get_by_label("F1 overlap").click();
    h.run();
    assert_eq!(h.get_all_by_label("0.477").count(), 2);
    // Pick one category: its kappa.
    h.get_by_value("All categories").click();
    h.run();
    h.get_by_label("Loaded wording").click();
    h.run();
    h.get_by_label("Cohen's kappa").click();
    h.run();
    assert_eq!(h.get_all_by_label("0.307").count(), 2);
    // Frames and clicks rebuild nothing: the figures wait for a change.
    assert_eq!(h.state().agreement.builds(), 1);
    let a = h.state().agreement.agreement().expect("figures");
    assert_eq!(a.annotators.len(), 2);
}

/// Above 50 annotators there is no matrix: the view says so and shows one
/// row per annotator against the rest.
#[test]
fn a_large_class_is_shown_against_the_rest_not_as_a_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::agree::class::class(dir.path(), 60);
    let mut h = WINDOW.open(app_on(&root));
    press_ctrl(&mut h, Key::Num9);
    finish_work(&mut h);
    assert_eq!(h.state().view, View::Agreement);
    h.get_by_label_contains("60 annotators: too many for an annotator x annotator matrix");
    h.get_by_label("annotator vs rest");
    for who in ["s000", "s059"] {
        h.get_by_label(who);
    }
    let a = h.state().agreement.agreement().expect("figures");
    assert!(!a.pairs_listed);
    assert_eq!(a.rest.len(), 60);
}

#[test]
fn a_place_of_disagreement_opens_its_words_selected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num9);
    finish_work(&mut h);
    let first = h.state().agreement.agreement().expect("figures").disputes[0].clone();
    h.get_by_label_contains(&format!(
        "{} {}..{}",
        first.article, first.range.start.0, first.range.end.0
    ))
    .click();
    h.run();
    assert_eq!(h.state().view, View::Read);
    let s = h.state().session.as_ref().expect("a case");
    assert_eq!(s.article_id(), Some(&first.article));
    let sel = s.selection.expect("the words are selected");
    assert_eq!((sel.anchor, sel.head), (first.range.start, first.range.end));
}

#[test]
fn adjudicating_accepts_rejects_and_bulk_accepts_into_gold_undoably() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::J);
    assert_eq!(h.state().view, View::Adjudicate);
    let article: ArticleId = h
        .state()
        .adjudicate
        .clusters()
        .expect("clusters")
        .article
        .clone();
    let amara_before = h
        .state()
        .session
        .as_ref()
        .expect("a case")
        .case
        .marks(&AnnotatorId::new("amara"), &article)
        .to_vec();
    assert_eq!(h.state().adjudicate.current, 0);
    h.get_by_label("Accept variant 1").click();
    h.run();
    assert_eq!(gold_marks(&h), 1);
    assert_eq!(h.state().adjudicate.current, 1, "on to the next cluster");
    // One key: the next cluster, and back.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().adjudicate.current, 2);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().adjudicate.current, 1);
    // Undo takes the accepted mark back.
    press_ctrl(&mut h, Key::Z);
    assert_eq!(gold_marks(&h), 0);
    // Back on the first cluster, accept, then reject: gold has nothing there.
    h.key_press(Key::ArrowLeft);
    h.run();
    h.get_by_label("Accept variant 1").click();
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().adjudicate.current, 0);
    h.get_by_label("Reject cluster").click();
    h.run();
    assert_eq!(gold_marks(&h), 0);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().adjudicate.current, 0);
    h.get_by_label_contains(": rejected;");
    // The bulk button: every cluster where two agree, as the command line
    // (28), but the one rejected here.
    h.get_by_label("Accept them (every article)").click();
    h.run();
    assert_eq!(gold_marks(&h), 27);
    press_ctrl(&mut h, Key::Z);
    assert_eq!(gold_marks(&h), 0);
    let s = h.state().session.as_ref().expect("a case");
    assert_eq!(
        s.case.marks(&AnnotatorId::new("amara"), &article),
        amara_before.as_slice(),
        "the sources are never changed"
    );
}

#[test]
fn an_accepted_mark_opens_in_read_marking_as_gold_to_be_edited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::J);
    h.get_by_label("Accept variant 1").click();
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    h.get_by_label("Edit gold's mark").click();
    h.run();
    assert_eq!(h.state().view, View::Read);
    let s = h.state().session.as_ref().expect("a case");
    assert_eq!(s.annotator, AnnotatorId::new("gold"));
    let selected = s.selected_mark.clone().expect("the gold mark is selected");
    assert!(s.marks().iter().any(|m| m.id == selected));
}
