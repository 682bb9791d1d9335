//! Changing a mark's extent: Shift+Alt+→/← moves the selected mark's end
//! by a word, with Ctrl its start, and either end of the selected mark can
//! be dragged with the mouse. The mark keeps its id, attributes, note and
//! links; its quote and context are read again; each press or drag is one
//! undo step; the text does not scroll; a mark never empties nor leaves the
//! text.

use candor::gui::CandorApp;
use candor::model::{LinkKind, Mark};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{
    DAM, app_on, drag, find, harness, make_case, mark_phrase, marks_of, point_at, press, press_ctrl,
};

const END: Modifiers = Modifiers::SHIFT.plus(Modifiers::ALT);
const START: Modifiers = END.plus(Modifiers::COMMAND);

/// Marks `phrase` of the Ledger as loaded wording and gives the mark an
/// attribute, a note and a claim; returns the mark as it then is.
fn marked_with_fields(h: &mut Harness<'_, CandorApp>, phrase: &str) -> Mark {
    mark_phrase(h, phrase, Key::Num1);
    let s = h.state_mut().session.as_mut().expect("open");
    let mark = s.selected().expect("the new mark is selected").clone();
    let vk = s
        .case
        .schema()
        .category(&mark.category)
        .and_then(|c| c.value_keys(&[]).into_iter().next())
        .expect("loaded wording has an attribute with a value key");
    s.set_attribute(&vk.attribute, &vk.value, 1.0);
    let mut noted = s.selected().expect("still selected").clone();
    noted.note = "scare quotes around the camp".into();
    let e = candor::edit::replace_mark(&s.annotator, &noted_article(), noted);
    assert!(s.apply(e, "note", None, 10.0));
    assert!(
        s.new_link(LinkKind::Claim, "camp cleared lawfully", 20.0)
            .is_some()
    );
    h.run();
    let m = marks_of(h.state(), "ledger");
    assert_eq!(m.len(), 1);
    m[0].clone()
}

fn noted_article() -> candor::model::ArticleId {
    candor::model::ArticleId::new("ledger")
}

/// Whether the claim still holds the mark `m`.
fn in_claim(h: &Harness<'_, CandorApp>, m: &Mark) -> bool {
    let s = h.state().session.as_ref().expect("open");
    s.case
        .links(&s.annotator)
        .is_some_and(|l| l.claims.iter().any(|c| c.marks.contains(&m.id)))
}

/// The one mark, checked to be `before` in all but its place.
fn the_same_mark(h: &Harness<'_, CandorApp>, before: &Mark) -> Mark {
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks.len(), 1, "still one mark");
    let m = marks[0].clone();
    assert_eq!(m.id, before.id);
    assert_eq!(m.category, before.category);
    assert_eq!(m.attributes, before.attributes);
    assert!(!m.attributes.is_empty());
    assert_eq!(m.note, before.note);
    assert!(in_claim(h, &m), "the claim still holds the mark");
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.selected_mark.as_ref(), Some(&m.id), "it stays selected");
    m
}

#[test]
fn shift_alt_arrows_move_a_marks_end_keeping_its_fields_and_undo_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let before = marked_with_fields(&mut h, "so-called peace");
    let scroll = h.state().read_view.text_view.scroll_offset();

    press(&mut h, END, Key::ArrowRight);
    let m = the_same_mark(&h, &before);
    assert_eq!(m.quote, "so-called peace camp");
    assert_eq!(m.range(), find(DAM, "so-called peace camp"));
    assert!(m.suffix.starts_with(" at Northgate"), "{:?}", m.suffix);
    assert_eq!(h.state().read_view.text_view.scroll_offset(), scroll);

    press_ctrl(&mut h, Key::S);
    let saved =
        std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("the marks file");
    assert!(saved.contains("quote: \"so-called peace camp\""), "{saved}");
    let range = find(DAM, "so-called peace camp");
    assert!(saved.contains(&format!("end: {}", range.end.0)), "{saved}");

    // Twice back: the end leaves "camp", then "peace".
    press(&mut h, END, Key::ArrowLeft);
    press(&mut h, END, Key::ArrowLeft);
    assert_eq!(the_same_mark(&h, &before).quote, "so-called");

    // Each press is its own undo step.
    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_same_mark(&h, &before).quote, "so-called peace");
    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_same_mark(&h, &before).quote, "so-called peace camp");
    press_ctrl(&mut h, Key::Z);
    let back = the_same_mark(&h, &before);
    assert_eq!(back.range(), before.range());
    assert_eq!(back.quote, before.quote);
    assert_eq!(back.suffix, before.suffix);
}

#[test]
fn ctrl_shift_alt_arrows_move_a_marks_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let before = marked_with_fields(&mut h, "peace camp");

    press(&mut h, START, Key::ArrowLeft);
    let m = the_same_mark(&h, &before);
    assert_eq!(m.quote, "so-called peace camp");
    assert_eq!(m.range(), find(DAM, "so-called peace camp"));
    assert!(m.prefix.ends_with("through the "), "{:?}", m.prefix);

    press(&mut h, START, Key::ArrowRight);
    press(&mut h, START, Key::ArrowRight);
    assert_eq!(the_same_mark(&h, &before).quote, "camp");

    press_ctrl(&mut h, Key::Z);
    press_ctrl(&mut h, Key::Z);
    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
}

#[test]
fn a_mark_never_empties_nor_leaves_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));

    // One word: neither end can cross the other.
    let before = marked_with_fields(&mut h, "Riot");
    press(&mut h, END, Key::ArrowLeft);
    press(&mut h, START, Key::ArrowRight);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
    // At the text's start, the start cannot go earlier.
    press(&mut h, START, Key::ArrowLeft);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
    let s = h.state().session.as_ref().expect("open");
    assert_ne!(s.history.undo_label(), Some("move mark's start"));
    assert_ne!(s.history.undo_label(), Some("move mark's end"));
}

#[test]
fn at_the_texts_end_the_end_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let before = marked_with_fields(&mut h, "since March");
    assert_eq!(before.range().end.0 + 1, DAM.chars().count());
    press(&mut h, END, Key::ArrowRight);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
    // Without a mark selected the keys change nothing.
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, START, Key::ArrowLeft);
    assert_eq!(marks_of(h.state(), "ledger")[0].range(), before.range());
}

#[test]
fn dragging_an_end_of_the_selected_mark_moves_it_keeping_its_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let before = marked_with_fields(&mut h, "so-called peace");
    let scroll = h.state().read_view.text_view.scroll_offset();

    // From the end of the highlight into "camp": the end takes "camp".
    let from = point_at(&h, before.range().end.0, 1.0);
    let to = point_at(&h, find(DAM, "camp at").start.0 + 2, 1.0);
    drag(&mut h, from, to);
    let m = the_same_mark(&h, &before);
    assert_eq!(m.quote, "so-called peace camp");
    assert_eq!(h.state().read_view.text_view.scroll_offset(), scroll);
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.selection, None, "the drag's selection is let go");

    // From its start back into "the": the start takes "the".
    let from = point_at(&h, m.range().start.0, 1.0);
    let to = point_at(&h, find(DAM, "the so-called").start.0 + 1, 1.0);
    drag(&mut h, from, to);
    assert_eq!(the_same_mark(&h, &before).quote, "the so-called peace camp");

    // Past the other end: nothing changes.
    let from = point_at(&h, find(DAM, "the so-called").start.0, 1.0);
    let to = point_at(&h, find(DAM, "Northgate").start.0 + 2, 1.0);
    drag(&mut h, from, to);
    assert_eq!(the_same_mark(&h, &before).quote, "the so-called peace camp");

    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_same_mark(&h, &before).quote, "so-called peace camp");
    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
}

#[test]
fn in_the_note_field_the_keys_are_the_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let before = marked_with_fields(&mut h, "so-called peace");
    h.get_by_label("Note (why)").focus();
    h.run();
    press(&mut h, END, Key::ArrowRight);
    press(&mut h, START, Key::ArrowLeft);
    assert_eq!(the_same_mark(&h, &before).range(), before.range());
}
