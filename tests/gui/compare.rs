//! Comparing articles in the window, driven headless with egui_kittest on a
//! copy of the example case (annotator `key`, who has claims and actors):
//! switch views with the keyboard, follow a claim across side-by-side
//! columns, open an article from a claims cell, mark every hit of a search
//! and take them all back with one undo, add a mark from another column
//! to a claim, pick articles for the columns from the list, and find the
//! view and columns again after closing and reopening the window.

use candor::case::Case;
use candor::compare::CountsTable;
use candor::gui::app::Layout;
use candor::gui::app::commands::View;
use candor::gui::{CandorApp, State};
use candor::model::LinkRef;
use candor::model::{AnnotatorId, ArticleId, LinkId, Mark, MarkId};
use candor::stats;
use candor::text::CharPos;
use egui::{Key, Pos2, Role};
use egui_kittest::Harness;

use super::util::{Window, instructor_on, press_ctrl};
use crate::util::example_copy;
use egui_kittest::kittest::{NodeT, Queryable};

const HEIGHT: f32 = 900.0;
const WINDOW: Window = Window::new(1500.0, HEIGHT);

fn key() -> AnnotatorId {
    AnnotatorId::new("key")
}

fn case<'h>(h: &'h Harness<'_, CandorApp>) -> &'h Case {
    &h.state().session.as_ref().expect("a case is open").case
}

/// The key's marks of a claim in one article.
/// The claims table's cell of the key's claim c1 in the ledger, by the
/// claim's name (its label), as the window shows it.
const C1_IN_LEDGER: &str =
    "Three people were lightly injured and 12 arrested (the ministry's figure) in ledger:";

fn claim_marks(h: &Harness<'_, CandorApp>, claim: &str, article: &str) -> Vec<Mark> {
    let case = case(h);
    let links = &case.annotators()[&key()].links;
    let ids = &links
        .claims
        .iter()
        .find(|c| c.id.as_str() == claim)
        .expect("the claim exists")
        .marks;
    case.marks(&key(), &ArticleId::new(article))
        .iter()
        .filter(|m| ids.contains(&m.id))
        .cloned()
        .collect()
}

fn all_marks(h: &Harness<'_, CandorApp>) -> usize {
    case(h).annotators()[&key()].mark_count()
}

fn follow_claim_from_the_list(h: &mut Harness<'_, CandorApp>, starts_with: &str) {
    h.get_by_value("no claim or actor").click();
    h.run();
    h.get_by_label_contains(starts_with).click();
    h.run();
}

#[test]
fn side_by_side_shows_two_articles_and_a_followed_claim_in_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));

    press_ctrl(&mut h, Key::Num2);
    assert_eq!(h.state().view, View::SideBySide);
    let shown: Vec<String> = h
        .state()
        .side_by_side
        .articles()
        .iter()
        .map(|a| a.to_string())
        .collect();
    assert_eq!(shown, ["wire", "tribune"]);

    // c1 has one mark in the wire and one in the tribune.
    follow_claim_from_the_list(&mut h, "Three people were lightly injured");
    assert_eq!(
        h.state().side_by_side.followed,
        Some(LinkRef::Claim(LinkId("c1".into())))
    );
    assert_eq!(h.get_all_by_label("1 mark followed").count(), 2);
    // Each column has scrolled its mark of the claim into view.
    for (i, article) in ["wire", "tribune"].into_iter().enumerate() {
        let mark = &claim_marks(&h, "c1", article)[0];
        let rect = h.state().side_by_side.columns[i]
            .view
            .screen_rect_of(mark.start)
            .expect("the mark's paragraph is laid out");
        assert!(
            rect.min.y > 0.0 && rect.max.y < HEIGHT,
            "{article}'s mark of c1 is on screen: {rect:?}"
        );
        // The outline is drawn around the mark's words, not elsewhere.
        let inside = h.state().side_by_side.columns[i]
            .view
            .screen_rect_of(CharPos(mark.start.0 + 1))
            .expect("laid out")
            .center();
        let outlines = h.state().side_by_side.columns[i].view.outline_rects();
        assert!(
            outlines.iter().any(|o| o.contains(inside)),
            "{article}: {inside:?} is in one of {outlines:?}"
        );
    }
}

#[test]
fn hiding_a_category_hides_it_in_every_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num2);
    let drawn = |h: &Harness<'_, CandorApp>| -> Vec<usize> {
        h.state()
            .side_by_side
            .columns
            .iter()
            .map(|c| c.view.drawn_marks())
            .collect()
    };
    let before = drawn(&h);
    let loaded: Vec<usize> = ["wire", "tribune"]
        .iter()
        .map(|a| {
            case(&h)
                .marks(&key(), &ArticleId::new(*a))
                .iter()
                .filter(|m| m.category.as_str() == "loaded")
                .count()
        })
        .collect();
    assert!(
        loaded.iter().all(|n| *n > 0),
        "both articles have loaded wording"
    );

    h.get_by_label("show Loaded wording").click();
    h.run();
    let after = drawn(&h);
    assert_eq!(after[0], before[0] - loaded[0]);
    assert_eq!(after[1], before[1] - loaded[1]);
}

#[test]
fn choosing_a_claim_in_the_claims_view_shows_every_article_that_has_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num3);
    assert_eq!(h.state().view, View::Claims);
    // c9 (the footage review) is only in the wire and the ledger.
    h.get_by_label("The ministry will review body-camera footage")
        .click();
    h.run();
    assert_eq!(h.state().view, View::SideBySide);
    let shown: Vec<String> = h
        .state()
        .side_by_side
        .articles()
        .iter()
        .map(|a| a.to_string())
        .collect();
    assert_eq!(shown, ["wire", "ledger"]);
    assert_eq!(h.get_all_by_label("1 mark followed").count(), 2);
}

#[test]
fn a_claims_cell_opens_the_article_at_the_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num3);
    h.get_by_label_contains(C1_IN_LEDGER).click();
    h.run();

    let mark = claim_marks(&h, "c1", "ledger")[0].clone();
    let app = h.state();
    assert_eq!(app.view, View::Read);
    let s = app.session.as_ref().expect("open");
    assert_eq!(s.article_id(), Some(&ArticleId::new("ledger")));
    assert_eq!(s.selected_mark, Some(mark.id.clone()));
    let rect = app
        .read_view
        .text_view
        .screen_rect_of(mark.start)
        .expect("the mark's paragraph is laid out");
    assert!(
        rect.min.y > 0.0 && rect.max.y < HEIGHT,
        "on screen: {rect:?}"
    );
}

#[test]
fn find_a_name_mark_every_hit_and_one_undo_removes_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    let before = all_marks(&h);

    press_ctrl(&mut h, Key::Num6);
    let field = || Role::TextInput;
    h.get_by_role_and_label(field(), "Find").focus();
    h.get_by_role_and_label(field(), "Find")
        .type_text("Lowmere");
    h.run();
    h.get_by_label("whole word").click();
    h.run();
    assert!(h.query_by_label("13 hit(s) in 5 article(s)").is_some());
    h.get_by_label("Mark 13 ticked hit(s)").click();
    h.run();
    assert_eq!(all_marks(&h), before + 13);
    let lowmere = |h: &Harness<'_, CandorApp>| {
        case(h)
            .articles()
            .iter()
            .flat_map(|a| case(h).marks(&key(), &a.meta.id))
            .filter(|m| m.quote == "Lowmere")
            .count()
    };
    assert_eq!(lowmere(&h), 13);

    press_ctrl(&mut h, Key::Z);
    assert_eq!(all_marks(&h), before);
    assert_eq!(lowmere(&h), 0);
}

#[test]
fn the_counts_view_shows_the_figures_of_candor_stats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num5);
    assert_eq!(h.state().view, View::Counts);
    let expected = CountsTable::from_stats(&stats::stats(case(&h), &[key()]));
    assert_eq!(h.state().compare.counts_table(), Some(&expected));
    // The first article's first figure is on screen as the table says.
    let first = candor::export::compare::table::counts_cell(&expected.rows[0], 0, false);
    assert!(h.query_all_by_label(&first).count() >= 1);

    h.get_by_label("every annotator").click();
    h.run();
    let every = CountsTable::from_stats(&stats::stats(case(&h), &[]));
    assert_eq!(h.state().compare.counts_table(), Some(&every));
    assert!(every.several_annotators());
}

#[test]
fn a_mark_clicked_in_another_column_joins_the_followed_claim_and_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = WINDOW.open(instructor_on(&root));
    press_ctrl(&mut h, Key::Num2);
    // c9 is in the wire (left column) but not in the tribune (right column).
    follow_claim_from_the_list(&mut h, "The ministry will review");
    assert_eq!(
        h.state().side_by_side.followed,
        Some(LinkRef::Claim(LinkId("c9".into())))
    );
    assert!(h.query_by_label("not in this article").is_some());

    // Click the tribune's first mark.
    let first: Mark = case(&h).marks(&key(), &ArticleId::new("tribune"))[0].clone();
    let rect = h.state().side_by_side.columns[1]
        .view
        .screen_rect_of(CharPos(first.start.0 + 1))
        .expect("laid out");
    let at = Pos2::new(rect.min.x + 1.0, rect.center().y);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.article_id(), Some(&ArticleId::new("tribune")));
    let picked: MarkId = s.selected_mark.clone().expect("a mark is selected");

    h.get_by_label_contains("Add “").click();
    h.run();
    assert_eq!(claim_marks(&h, "c9", "tribune").len(), 1);
    assert_eq!(claim_marks(&h, "c9", "tribune")[0].id, picked);
    assert_eq!(h.get_all_by_label("1 mark followed").count(), 2);

    press_ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(root.join("marks/key/links.ron")).expect("links.ron");
    assert!(saved.contains(&format!("\"{picked}\"")), "{saved}");
    let reopened = Case::open(&root).expect("the saved case opens");
    let c9 = reopened.annotators()[&key()]
        .links
        .claims
        .iter()
        .find(|c| c.id.as_str() == "c9")
        .expect("c9 is written");
    assert!(c9.marks.contains(&picked), "{:?}", c9.marks);

    // One undo takes it out again.
    press_ctrl(&mut h, Key::Z);
    assert!(claim_marks(&h, "c9", "tribune").is_empty());
}

#[test]
fn the_comparison_tables_are_rebuilt_after_an_edit_not_every_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num3);
    let built = h.state().compare.builds();
    assert!(built >= 1);
    h.run();
    h.run();
    assert_eq!(h.state().compare.builds(), built, "nothing changed");

    // Delete c1's mark in the ledger (through the Read view), come back: the
    // ledger's c1 cell is now empty and the tables were built once more.
    let mark = claim_marks(&h, "c1", "ledger")[0].id.clone();
    h.get_by_label_contains(C1_IN_LEDGER).click();
    h.run();
    assert_eq!(
        h.state().session.as_ref().expect("open").selected_mark,
        Some(mark)
    );
    h.key_press(Key::Delete);
    h.run();
    press_ctrl(&mut h, Key::Num3);
    assert_eq!(h.state().compare.builds(), built + 1);
    assert!(h.query_by_label_contains(C1_IN_LEDGER).is_none());
    press_ctrl(&mut h, Key::Z);
    assert!(h.query_by_label_contains(C1_IN_LEDGER).is_some());
}

#[test]
fn a_claim_started_in_the_inspector_is_joined_from_another_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = WINDOW.open(instructor_on(&root));
    let wire_mark = case(&h).marks(&key(), &ArticleId::new("wire"))[0]
        .id
        .clone();
    // The key's first wire mark is selected, as a click on it would.
    h.state_mut().session.as_mut().expect("open").selected_mark = Some(wire_mark.clone());
    h.run();
    let field = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new claim, in neutral words"))
        .expect("the inspector's new claim field");
    field.focus();
    field.type_text("The dam will be expanded");
    h.run();
    // The inspector scrolls: bring the button into view, as a person would.
    h.get_by_label("New claim").scroll_to_me();
    h.run();
    h.get_by_label("New claim").click();
    h.run();
    let claims = |h: &Harness<'_, CandorApp>| case(h).annotators()[&key()].links.claims.clone();
    let new = claims(&h)
        .into_iter()
        .find(|c| c.label == "The dam will be expanded")
        .expect("the claim is made");
    assert_eq!(new.marks, std::slice::from_ref(&wire_mark));

    // The inspector's "Side by side" follows it.
    // The new claim is the mark's last link.
    h.get_all_by_label("Follow side by side")
        .last()
        .expect("the inspector's button")
        .click();
    h.run();
    assert_eq!(h.state().view, View::SideBySide);
    assert_eq!(
        h.state().side_by_side.followed,
        Some(LinkRef::Claim(new.id.clone()))
    );

    // Pick a tribune mark from "Add a mark…": it joins the claim.
    let tribune_mark = case(&h).marks(&key(), &ArticleId::new("tribune"))[0].clone();
    h.get_by_value("Add a mark…").click();
    h.run();
    h.get_by_label_contains(&format!("{} “", tribune_mark.id))
        .click();
    h.run();
    let joined = claims(&h)
        .into_iter()
        .find(|c| c.id == new.id)
        .expect("still there");
    assert_eq!(joined.marks, [wire_mark, tribune_mark.id.clone()]);
    press_ctrl(&mut h, Key::Z);
    let undone = claims(&h)
        .into_iter()
        .find(|c| c.id == new.id)
        .expect("still there");
    assert_eq!(undone.marks.len(), 1, "one undo takes the added mark out");
}

#[test]
fn a_find_hit_opens_its_article_selected_and_a_category_key_marks_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num6);
    let field = h.get_by_role_and_label(Role::TextInput, "Find");
    field.focus();
    field.type_text("farmland");
    h.run();
    assert!(h.query_by_label("4 hit(s) in 4 article(s)").is_some());
    // The third hit is the ledger's (manifest order: wire, voice, ledger, digest).
    h.get_all_by_label("farmland")
        .nth(2)
        .expect("a third hit")
        .click();
    h.run();
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(h.state().view, View::Read);
    assert_eq!(s.article_id(), Some(&ArticleId::new("ledger")));
    let range = s.selection_range().expect("the hit is selected");
    let text = &case(&h)
        .article_text(&ArticleId::new("ledger"))
        .expect("text");
    assert_eq!(text.slice(range), Some("farmland"));

    let before = all_marks(&h);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(all_marks(&h), before + 1);
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.selected().map(|m| m.quote.as_str()), Some("farmland"));
}

fn columns(h: &Harness<'_, CandorApp>) -> Vec<String> {
    h.state()
        .side_by_side
        .articles()
        .iter()
        .map(|a| a.to_string())
        .collect()
}

fn current_article(h: &Harness<'_, CandorApp>) -> Option<String> {
    let s = h.state().session.as_ref().expect("open");
    s.article_id().map(|a| a.to_string())
}

/// What eframe writes on quitting and reads back on the next start.
fn persisted(state: &State) -> State {
    let text = ron::to_string(state).expect("the state serializes");
    ron::from_str(&text).expect("the state reads back")
}

#[test]
fn side_by_side_and_its_columns_come_back_when_the_case_is_reopened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = WINDOW.open(instructor_on(&root));
    press_ctrl(&mut h, Key::Num2);
    h.get_by_label("+ Column").click();
    h.run();
    assert_eq!(columns(&h), ["wire", "tribune", "voice"]);
    // The middle column's picker: the tribune becomes the ledger.
    h.get_by(|n| n.role() == Role::ComboBox && n.value().as_deref() == Some("The Calder Tribune"))
        .click();
    h.run();
    h.get_by_label_contains("The Harwick Ledger —").click();
    h.run();
    assert_eq!(columns(&h), ["wire", "ledger", "voice"]);

    // Quit; start again on the same case.
    let state = persisted(&h.state().state);
    drop(h);
    let h = WINDOW.open(CandorApp::new(state, Some(root.to_path_buf())));
    assert_eq!(h.state().view, View::SideBySide);
    assert_eq!(columns(&h), ["wire", "ledger", "voice"]);
    assert_eq!(h.get_all_by_label("marking here").count(), 1);

    // Nothing of it went into the case's own files.
    let manifest = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(!manifest.contains("SideBySide"), "{manifest}");
}

#[test]
fn remembered_columns_leave_out_articles_the_case_no_longer_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let remembering = |ids: &[&str]| {
        let mut state = State::default();
        state.annotators.insert(root.clone(), "key".into());
        state
            .key_unlocked
            .insert(root.canonicalize().expect("the case folder"));
        let layout = Layout {
            view: View::SideBySide,
            columns: ids.iter().map(|id| ArticleId::new(*id)).collect(),
        };
        state.layouts.insert(root.clone(), layout);
        WINDOW.open(CandorApp::new(persisted(&state), Some(root.to_path_buf())))
    };

    // "gone" was removed from the case since: two columns are left.
    let h = remembering(&["gone", "ledger", "voice"]);
    assert_eq!(h.state().view, View::SideBySide);
    assert_eq!(columns(&h), ["ledger", "voice"]);
    drop(h);

    // Only one would be left: the columns start afresh.
    let h = remembering(&["ledger", "gone"]);
    assert_eq!(h.state().view, View::SideBySide);
    assert_eq!(columns(&h), ["wire", "tribune"]);
}

#[test]
fn a_state_saved_before_views_were_remembered_still_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let old = format!(
        "(dark: true, last_case: None, recent: [], annotators: {{{:?}: \"ben\"}})",
        root.display().to_string()
    );
    let state: State = ron::from_str(&old).expect("an old state reads");
    assert!(state.dark);
    assert!(state.layouts.is_empty());
    let h = WINDOW.open(CandorApp::new(state, Some(root.to_path_buf())));
    assert_eq!(h.state().view, View::Read);
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.annotator, AnnotatorId::new("ben"));
}

#[test]
fn an_article_clicked_in_the_list_goes_into_the_column_being_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num2);
    assert_eq!(columns(&h), ["wire", "tribune"]);
    assert_eq!(current_article(&h).as_deref(), Some("wire"));

    // The voice's title in the list on the left.
    h.get_by_label("Riot squads storm peaceful Northgate camp, injuring more than 40")
        .click();
    h.run();
    assert_eq!(h.state().view, View::SideBySide);
    assert_eq!(columns(&h), ["voice", "tribune"]);
    assert_eq!(current_article(&h).as_deref(), Some("voice"));
    assert_eq!(h.get_all_by_label("marking here").count(), 1);

    // An article in a column already is marked there; nothing moves.
    h.get_by_label("Order restored at Northgate Dam as police clear eco-radical camp")
        .click();
    h.run();
    assert_eq!(columns(&h), ["voice", "tribune"]);
    assert_eq!(current_article(&h).as_deref(), Some("tribune"));

    // In the other views the list opens the article to read, as before.
    press_ctrl(&mut h, Key::Num3);
    h.get_by_label("Northgate camp cleared as police move in before dawn")
        .click();
    h.run();
    assert_eq!(h.state().view, View::Read);
    assert_eq!(current_article(&h).as_deref(), Some("ledger"));
    assert_eq!(columns(&h), ["voice", "tribune"]);
}
