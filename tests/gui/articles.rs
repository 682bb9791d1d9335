//! A case's articles edited in the window: details (the byline too),
//! order, removal, the import dialog's outlet, date and genre, and the
//! preview a text file gets before it is added.

use candor::model::{ArticleId, Genre};
use egui::Key;
use egui_kittest::kittest::{Queryable, by};

use super::util::{app_on, harness, make_case, mark_phrase};

#[test]
fn an_articles_details_are_changed_in_the_window_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    h.get_by_label("Details…").click();
    h.run();
    let outlet = h.get_by_label("Outlet:");
    outlet.focus();
    outlet.type_text(" Weekly");
    h.run();
    h.get_by_label("Move down").click();
    h.run();
    h.get_by_label("Save details").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    assert_eq!(
        case.articles()[1].meta.id,
        ArticleId::new("ledger"),
        "moved down"
    );
    assert_eq!(case.articles()[1].meta.outlet, "The Ledger Weekly");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    assert_eq!(
        case.articles()[1].meta.outlet,
        "The Ledger",
        "one undo per change"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run();
    let saved = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(
        saved.find("courier") < saved.find("ledger"),
        "the new order is saved"
    );
}

#[test]
fn removing_an_article_says_how_many_marks_go_and_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    h.get_by_label("Details…").click();
    h.run();
    h.get_by_label("Remove this article…").click();
    h.run();
    h.get_by_label_contains("and 1 mark(s) on it (1 by amara)");
    h.get_by_label("Keep it").click();
    h.run();
    assert!(root.join("articles/ledger.txt").exists());
    h.get_by_label("Remove this article…").click();
    h.run();
    h.get_by_label("Remove article and marks").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    assert_eq!(case.articles().len(), 1);
    assert!(!root.join("articles/ledger.txt").exists());
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.article_id(), Some(&ArticleId::new("courier")));
}

#[test]
fn the_import_dialog_records_outlet_date_and_genre() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let file = dir.path().join("column.txt");
    std::fs::write(
        &file,
        "Why the dam must grow\n\nIt is time the valley accepted progress.",
    )
    .expect("write");
    let mut h = harness(app_on(&root));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::I);
    h.run();
    let path =
        h.get_by_label("A .txt or .md file, or a saved web page (.html), to add as an article:");
    path.focus();
    path.type_text(file.to_str().expect("utf8"));
    h.run();
    let outlet = h.get_by_label("Outlet:");
    outlet.focus();
    outlet.type_text("The Valley Voice");
    h.run();
    h.get_by_label("Genre:").click();
    h.run();
    h.get_by_label("opinion").click();
    h.run();
    h.get_by_label("OK").click();
    h.step();
    super::util::finish_work(&mut h);
    h.run();
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case.article(&ArticleId::new("column")).expect("imported");
    assert_eq!(a.meta.outlet, "The Valley Voice");
    assert_eq!(a.meta.genre, Genre::Opinion);
    assert_eq!(a.meta.title, "Why the dam must grow");
}

#[test]
fn the_byline_is_shown_and_edited_in_details_and_hidden_under_blind_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    h.get_by_label("Details…").click();
    h.run();
    let byline = h.get_by_label("Byline:");
    byline.focus();
    byline.type_text("Dana Reyes");
    h.run();
    h.get_by_label("Save details").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    assert_eq!(case.articles()[0].meta.byline, "Dana Reyes");
    h.get_by_label_contains("by Dana Reyes");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run();
    let saved = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(saved.contains("byline: \"Dana Reyes\""), "{saved}");
    // Reopened in Details, it is there to change.
    h.get_by_label("Details…").click();
    h.run();
    let field = h.get_by_label("Byline:");
    assert_eq!(field.value().as_deref(), Some("Dana Reyes"));
    h.get_by_label("Close").click();
    h.run();
    // Under blind reading it is not shown, as the outlet is not.
    let ron = saved.replacen("    articles:", "    blind: true,\n    articles:", 1);
    std::fs::write(root.join("case.ron"), ron).expect("blind");
    let h = harness(app_on(&root));
    assert!(h.state().session.as_ref().expect("open").blind());
    let named = h
        .query_all(by().predicate(|n| {
            [n.label(), n.value()]
                .into_iter()
                .flatten()
                .any(|t| t.contains("Dana Reyes") || t.contains("The Ledger"))
        }))
        .count();
    assert_eq!(named, 0, "neither the reporter nor the outlet is named");
}

#[test]
fn a_text_file_is_previewed_before_it_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let file = dir.path().join("draft.md");
    std::fs::write(
        &file,
        "# Valley farmers face the rising reservoir with nowhere left to graze their herds this spring\n\nFarmers said the water rose overnight.\n",
    )
    .expect("write");
    let mut h = harness(app_on(&root));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::I);
    h.run();
    let path =
        h.get_by_label("A .txt or .md file, or a saved web page (.html), to add as an article:");
    path.focus();
    path.type_text(file.to_str().expect("utf8"));
    h.run();
    h.get_by_label("OK").click();
    h.step();
    super::util::finish_work(&mut h);
    h.run();
    h.get_by_label("New article from draft.md");
    h.get_by_label_contains("the text as it will be stored");
    h.get_by_label_contains("Farmers said the water rose overnight.");
    let case = &h.state().session.as_ref().expect("open").case;
    assert_eq!(
        case.articles().len(),
        2,
        "nothing is added before Add article"
    );
    let byline = h.get_by_label("Byline:");
    byline.focus();
    byline.type_text("Lee Park");
    h.run();
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case.article(&ArticleId::new("draft")).expect("added");
    assert_eq!(
        a.meta.title,
        "Valley farmers face the rising reservoir with nowhere left to graze their herds this spring",
        "a headline over 100 characters is kept whole"
    );
    assert_eq!(a.meta.byline, "Lee Park");
    assert_eq!(
        a.text.as_ref().expect("text").text,
        "# Valley farmers face the rising reservoir with nowhere left to graze their herds this spring\n\nFarmers said the water rose overnight.\n",
        "the text is stored as previewed"
    );
}
