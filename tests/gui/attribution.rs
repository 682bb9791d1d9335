//! An attribution in a handful of actions: its words suggest the cue verb,
//! the cue's stance and the source (Enter takes them all), and the claim
//! field offers the case's claims as the name is typed. Counted as a
//! person would count: a drag, a key, a click, a word typed.

use std::collections::BTreeMap;

use candor::gui::CandorApp;
use candor::model::{AnnotatorId, AttrValue, LinkKind, Links, MarkFile};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use super::util::{DAM, app_on, drag_over, find, harness, make_case, marks_of, press_ctrl};

const CLAIM_HINT: &str = "new claim, in neutral words";

/// The inspector's new-claim field, scrolled into view.
fn claim_field(h: &mut Harness<'_, CandorApp>) {
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some(CLAIM_HINT))
        .expect("the new claim field");
    field.scroll_to_me();
    h.run();
}

/// Whether any widget's words hold `text`.
fn shows(h: &Harness<'_, CandorApp>, text: &str) -> bool {
    h.query_all(by().predicate(|n| {
        [n.label(), n.value()]
            .into_iter()
            .flatten()
            .any(|s| s.contains(text))
    }))
    .next()
    .is_some()
}

fn text_attributes(attrs: &BTreeMap<String, AttrValue>) -> BTreeMap<&str, String> {
    attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_string()))
        .collect()
}

#[test]
fn an_attribution_with_a_claim_takes_at_most_seven_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    // Before counting: the case already has the claim, from another mark.
    drag_over(&mut h, find(DAM, "Riot police"));
    h.key_press(Key::Num2);
    h.run();
    {
        let s = h.state_mut().session.as_mut().expect("open");
        assert!(
            s.new_link(LinkKind::Claim, "The clearance was lawful", 1.0)
                .is_some()
        );
        s.selection = None;
        s.selected_mark = None;
    }
    h.run();

    let mut actions = 0;
    // 1: drag over the words; 2: the attribution key.
    drag_over(&mut h, find(DAM, "Officials said the clearance was lawful"));
    actions += 1;
    h.key_press(Key::Num2);
    h.run();
    actions += 1;
    // The inspector shows what the words suggest before anything is taken.
    assert!(shows(&h, "Suggested: Anonymous but described"));
    // 3: Enter takes every suggestion.
    h.key_press(Key::Enter);
    h.run();
    actions += 1;
    // 4: a click in the claim field; 5: part of its name typed.
    claim_field(&mut h);
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some(CLAIM_HINT))
        .expect("the new claim field");
    field.focus();
    actions += 1;
    field.type_text("lawful");
    h.run();
    actions += 1;
    // 6: a click on the claim it completes to.
    h.get_by_label("↳ The clearance was lawful").click();
    h.run();
    actions += 1;
    assert!(actions <= 7, "{actions} actions");

    press_ctrl(&mut h, Key::S);
    let amara = root.join("marks/amara");
    let file: MarkFile =
        ron::from_str(&std::fs::read_to_string(amara.join("ledger.ron")).expect("saved"))
            .expect("marks parse");
    let mark = file
        .marks
        .iter()
        .find(|m| m.quote == "Officials said the clearance was lawful")
        .expect("the attribution is saved");
    assert_eq!(mark.category.as_str(), "attribution");
    let attrs = text_attributes(&mark.attributes);
    assert_eq!(
        attrs.get("source_kind").map(String::as_str),
        Some("anonymous")
    );
    assert_eq!(attrs.get("source").map(String::as_str), Some("Officials"));
    assert_eq!(attrs.get("cue").map(String::as_str), Some("said"));
    assert_eq!(attrs.get("stance").map(String::as_str), Some("neutral"));
    let links: Links =
        ron::from_str(&std::fs::read_to_string(amara.join("links.ron")).expect("links saved"))
            .expect("links parse");
    assert_eq!(links.claims.len(), 1, "joined, not a second claim");
    assert!(links.claims[0].marks.contains(&mark.id));
}

#[test]
fn suggestions_are_one_undo_step_and_never_replace_a_choice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    drag_over(&mut h, find(DAM, "Officials said the clearance was lawful"));
    h.key_press(Key::Num2);
    h.run();
    // The annotator reads the cue as casting doubt: the stance is theirs.
    let doubt = h
        .get_all_by_role(egui::accesskit::Role::Button)
        .find(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
                .into_iter()
                .flatten()
                .any(|l| l.ends_with("Casts doubt"))
        })
        .expect("the Casts doubt choice");
    doubt.click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let m = marks_of(h.state(), "ledger")[0].clone();
    let attrs = text_attributes(&m.attributes);
    assert_eq!(attrs.get("stance").map(String::as_str), Some("doubt"));
    assert_eq!(
        attrs.get("source_kind").map(String::as_str),
        Some("anonymous"),
        "{attrs:?}"
    );
    // "said" does not cast doubt, so the cue is left to type.
    assert_eq!(attrs.get("cue"), None);
    // Nothing more to suggest: Enter is not taken, and says nothing.
    assert!(!shows(&h, "Suggested:"));
    press_ctrl(&mut h, Key::Z);
    let m = marks_of(h.state(), "ledger")[0].clone();
    assert!(m.attributes.is_empty(), "one undo step: {:?}", m.attributes);
    assert_eq!(m.quote, "Officials said the clearance was lawful");
}

#[test]
fn a_typed_name_the_case_has_joins_it_and_new_names_are_not_offered_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    drag_over(&mut h, find(DAM, "Officials"));
    h.key_press(Key::Num2);
    h.run();
    {
        let s = h.state_mut().session.as_mut().expect("open");
        assert!(
            s.new_link(LinkKind::Actor, "Northgate officials", 1.0)
                .is_some()
        );
        s.selection = None;
        s.selected_mark = None;
    }
    h.run();
    drag_over(&mut h, find(DAM, "Campers"));
    h.key_press(Key::Num2);
    h.run();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new actor's name"))
        .expect("the new actor field");
    field.scroll_to_me();
    field.focus();
    field.type_text("northgate OFFICIALS");
    h.run();
    // Offered as it is typed, whatever the case of the letters.
    assert!(shows(&h, "↳ Northgate officials"));
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("open");
    let links = s.case.links(&AnnotatorId::new("amara")).expect("links");
    assert_eq!(links.actors.len(), 1, "Enter joined the actor of that name");
    assert_eq!(links.actors[0].marks.len(), 2);
}
