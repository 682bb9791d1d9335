//! The window on a case it must not write parts of: an article whose id in
//! `case.ron` cannot be a file name. The window says why, refuses the mark,
//! and saving writes nothing, in the case or outside it.

use candor::case::Case;
use candor::model::ArticleId;
use egui::Key;
use egui_kittest::kittest::Queryable;

use super::util::{DAM, app_on, harness, mark_phrase, marks_of, press_ctrl};
use crate::util::article;

#[test]
fn marking_an_article_whose_id_leads_out_of_the_case_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let mut case = Case::create(&root, "Northgate Dam").expect("create case");
    case.add_article(
        article("ledger", "Police clear dam camp", "The Ledger"),
        DAM,
    )
    .expect("article");
    // As a hand-edited case.ron would have it.
    case.manifest_mut().expect("writable").articles[0].id = ArticleId::new("../../../ledger");
    case.save().expect("save");

    let mut h = harness(app_on(&root));
    h.get_by_label_contains("\"../../../ledger\" has an id that cannot be a file name");
    mark_phrase(&mut h, "so-called peace camp", Key::Num1);
    assert!(marks_of(h.state(), "../../../ledger").is_empty());
    press_ctrl(&mut h, Key::S);
    assert!(!dir.path().join("ledger.ron").exists());
    assert!(!root.join("marks/amara").exists());
}
