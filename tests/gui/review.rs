//! A mark that needs review in the window: someone corrects the article on
//! disk, the mark is re-placed on the corrected words, and the annotator
//! sees both quotes and accepts them or marks the right words again.

use std::path::{Path, PathBuf};

use candor::gui::CandorApp;
use candor::model::{AnnotatorId, ArticleId, Mark};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{app_on, drag_over, find, harness, press_ctrl};
use crate::util::{case_with, marked};

const DAM: &str = "Riot police swept through the so-called peace camp at Northgate Dam before dawn on Tuesday.\n\nOfficials said the clearance was lawful.\n";

/// A case with amara's mark on "so-called peace camp", in `dir/case`.
fn case_with_mark(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    let mut case = case_with(&root, &[("ledger", DAM)]);
    marked(
        &mut case,
        "amara",
        "ledger",
        "Riot police swept through the [so-called peace camp]{loaded} at Northgate Dam before dawn on Tuesday.\n\nOfficials said the clearance was lawful.\n",
    );
    case.save().expect("save");
    root
}

fn the_mark(h: &Harness<'_, CandorApp>) -> Mark {
    let s = h.state().session.as_ref().expect("a case is open");
    s.case
        .marks(&AnnotatorId::new("amara"), &ArticleId::new("ledger"))[0]
        .clone()
}

/// Someone corrects the article in another editor; the window notices.
fn correct_article(h: &mut Harness<'_, CandorApp>, root: &Path) -> String {
    let corrected = DAM.replace("peace camp", "protest camp");
    std::fs::write(root.join("articles/ledger.txt"), &corrected).expect("edit");
    // egui's clock advances a quarter second a step: the poll runs.
    for _ in 0..12 {
        h.step();
    }
    corrected
}

#[test]
fn a_mark_on_corrected_words_shows_both_quotes_and_accept_clears_the_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_mark(dir.path());
    let mut h = harness(app_on(&root));
    correct_article(&mut h, &root);
    let m = the_mark(&h);
    assert_eq!(m.quote, "so-called protest camp");
    assert_eq!(m.review_was(), Some("so-called peace camp"));

    // The marks list flags it; selected, the inspector shows both quotes.
    assert!(
        h.query_by_label("review").is_some(),
        "the marks list tags it"
    );
    h.get_by_label("“so-called protest camp”").click();
    h.run();
    h.get_by_label("Needs review");
    h.get_by_label("“so-called peace camp”");
    h.get_by_label("Accept").click();
    h.run();
    assert_eq!(the_mark(&h).review, None);
    assert!(h.query_by_label("Needs review").is_none());

    press_ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("saved");
    assert!(
        saved.contains("quote: \"so-called protest camp\""),
        "{saved}"
    );
    assert!(!saved.contains("review"), "{saved}");

    // One edit: undo brings the question back.
    press_ctrl(&mut h, Key::Z);
    assert_eq!(the_mark(&h).review_was(), Some("so-called peace camp"));
}

#[test]
fn re_mark_puts_a_mark_that_needs_review_on_the_words_selected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_mark(dir.path());
    let mut h = harness(app_on(&root));
    let corrected = correct_article(&mut h, &root);
    h.get_by_label("“so-called protest camp”").click();
    h.run();
    // The annotator decides the judgement was about "so-called" alone.
    drag_over(&mut h, find(&corrected, "so-called"));
    h.get_by_label("Re-mark").click();
    h.run();
    let m = the_mark(&h);
    assert_eq!((m.quote.as_str(), m.review_was()), ("so-called", None));
    assert_eq!(m.range(), find(&corrected, "so-called"));
    assert_eq!(m.category.as_str(), "loaded", "the judgement stays");
}
