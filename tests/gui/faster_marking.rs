//! Filling in a mark in a few presses: a key for every attribute value, a
//! double-click for a word and a triple-click for a sentence, Shift+arrows
//! that keep extending, Enter that makes the claim, one undo for a burst.

use candor::model::AttrValue;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use super::util::{
    DAM, Window, app_on, find, harness, make_case, mark_phrase, marks_of, point_at, press_ctrl,
};
use candor::gui::CandorApp;

/// A window whose clock moves a twentieth of a second a frame, so clicks
/// a frame apart make a double or triple click.
const QUICK: Window = Window::new(1400.0, 900.0).max_steps(40).step_secs(0.05);

/// Clicks `times` times in a row at one place, as fast as a person would.
fn clicks(h: &mut Harness<'_, CandorApp>, at: Pos2, times: usize) {
    h.hover_at(at);
    h.run();
    // Each press and release in a frame of its own, a twentieth of a
    // second apart (`QUICK`), as a person clicks.
    for _ in 0..times {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: at,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
}

fn selected_text(h: &Harness<'_, CandorApp>) -> Option<String> {
    let s = h.state().session.as_ref().expect("open");
    let range = s.selection_range()?;
    let text = s.case.article_text(s.article_id()?)?;
    text.slice(range).map(str::to_string)
}

#[test]
fn a_double_click_selects_a_word_and_a_triple_click_its_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = QUICK.open(app_on(&root));
    let lawful = find(DAM, "lawful");
    let at = point_at(&h, lawful.start.0 + 2, 1.0);
    clicks(&mut h, at, 2);
    assert_eq!(selected_text(&h).as_deref(), Some("lawful"));
    // Later, a triple-click on the same word.
    h.run_steps(20);
    clicks(&mut h, at, 3);
    assert_eq!(
        selected_text(&h).as_deref(),
        Some("Officials said the clearance was lawful.")
    );
    // And a category key marks what was picked.
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(
        marks_of(h.state(), "ledger")[0].quote,
        "Officials said the clearance was lawful."
    );
}

#[test]
fn shift_arrows_keep_extending_the_selection_over_separate_presses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let start = find(DAM, "so-called").start.0;
    let at = point_at(&h, start, 0.5);
    clicks(&mut h, at, 1);
    for _ in 0..9 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    assert_eq!(selected_text(&h).as_deref(), Some("so-called"));
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(marks_of(h.state(), "ledger")[0].quote, "so-called");
}

#[test]
fn a_drag_past_the_full_stop_leaves_it_out_and_alt_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    // From inside "no" to just past the full stop after "warning".
    let end = find(DAM, "warning.").end.0;
    let from = point_at(&h, find(DAM, "no warning").start.0 + 1, 1.0);
    let to = point_at(&h, end, 1.0);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    assert_eq!(selected_text(&h).as_deref(), Some("no warning"));
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(marks_of(h.state(), "ledger")[0].quote, "no warning");
}

#[test]
fn value_keys_fill_in_a_selected_mark_and_one_undo_takes_the_burst_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    // The new mark is selected: its value keys are shown next to the values.
    h.get_by_label_contains("n  Negative");
    h.key_press(Key::N);
    h.run();
    h.key_press(Key::D);
    h.run();
    h.get_by_label_contains("Inside a quotation  (q)");
    h.key_press(Key::Q);
    h.run();
    let m = &marks_of(h.state(), "ledger")[0];
    assert_eq!(
        m.attributes.get("polarity"),
        Some(&AttrValue::Text("negative".into()))
    );
    assert_eq!(
        m.attributes.get("kind"),
        Some(&AttrValue::Text("doubt".into()))
    );
    assert_eq!(m.attributes.get("in_quote"), Some(&AttrValue::Flag(true)));
    // The same key again takes the value back off.
    h.key_press(Key::N);
    h.run();
    assert_eq!(
        marks_of(h.state(), "ledger")[0].attributes.get("polarity"),
        None
    );
    // One undo: the whole burst of edits to this mark's fields.
    press_ctrl(&mut h, Key::Z);
    let m = &marks_of(h.state(), "ledger")[0];
    assert!(m.attributes.is_empty(), "{:?}", m.attributes);
    assert_eq!(m.quote, "so-called", "the mark itself is another step");
}

#[test]
fn enter_in_the_new_claim_field_makes_the_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "no warning", Key::Num2);
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new claim, in neutral words"))
        .expect("the new claim field");
    field.scroll_to_me();
    h.run();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new claim, in neutral words"))
        .expect("the new claim field");
    field.focus();
    field.type_text("The campers had no warning");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("open");
    let links = s
        .case
        .links(&candor::model::AnnotatorId::new("amara"))
        .expect("links");
    assert_eq!(links.claims.len(), 1);
    assert_eq!(links.claims[0].label, "The campers had no warning");
}

#[test]
fn an_actor_mention_joins_an_actor_and_counts_in_no_category() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "Officials", Key::Num4);
    let m = marks_of(h.state(), "ledger")[0].clone();
    assert_eq!(m.category.as_str(), "mention");
    let s = h.state().session.as_ref().expect("open");
    let stats = candor::stats::stats(&s.case, &[]);
    assert!(
        stats.categories.iter().all(|c| c.as_str() != "mention"),
        "{:?}",
        stats.categories
    );
    let counts: usize = stats.annotators[0]
        .articles
        .iter()
        .flat_map(|a| &a.counts)
        .sum();
    assert_eq!(
        counts, 0,
        "a mention is no loaded wording, attribution or editorializing"
    );
    // It can be put in an actor like any mark.
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new actor's name"))
        .expect("the new actor field");
    field.focus();
    field.type_text("the authorities");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("open");
    let links = s
        .case
        .links(&candor::model::AnnotatorId::new("amara"))
        .expect("links");
    assert_eq!(links.actors[0].marks, [m.id]);
}

#[test]
fn a_mentions_note_does_not_ask_why_it_is_loaded_and_a_typed_actor_stays_with_its_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "Officials", Key::Num4);
    let hints = |h: &Harness<'_, CandorApp>| -> Vec<String> {
        h.get_all_by_role(egui::accesskit::Role::MultilineTextInput)
            .filter_map(|n| n.accesskit_node().placeholder().map(str::to_string))
            .collect()
    };
    let asked = hints(&h);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(!asked[0].contains("loaded"), "{asked:?}");
    // Typed under New actor, not pressed; then another mark is selected.
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new actor's name"))
        .expect("the new actor field");
    field.focus();
    field.type_text("the authorities");
    h.run();
    // A field shows its hint only while empty.
    let typed = |h: &Harness<'_, CandorApp>| {
        h.get_all_by_role(egui::accesskit::Role::TextInput)
            .any(|n| n.accesskit_node().value().as_deref() == Some("the authorities"))
    };
    assert!(typed(&h));
    h.key_press(Key::Escape);
    h.run();
    mark_phrase(&mut h, "swept through", Key::Num1);
    assert_eq!(marks_of(h.state(), "ledger").len(), 2);
    assert!(!typed(&h), "not carried to the next mark");
    assert!(
        h.get_all_by_role(egui::accesskit::Role::TextInput)
            .any(|n| n.accesskit_node().placeholder() == Some("new actor's name"))
    );
    // A judgement's note still asks why.
    assert!(hints(&h).iter().any(|x| x.contains("Why is this loaded")));
}
