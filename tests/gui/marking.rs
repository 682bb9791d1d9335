//! The window, driven headless with egui_kittest the way an annotator uses
//! it: drag over words, press a key, undo, change an attribute, open a case
//! with a broken file. Every case is built in a temp folder from invented text.

use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::gui::{CandorApp, State};
use candor::model::{AnnotatorId, ArticleId, CategoryId};
use candor::text::CharRange;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{
    DAM, RIVER, app_on, drag_over, find, harness, make_case, mark_phrase, marks_of, point_at,
    press_ctrl,
};
use crate::util::article;

#[test]
fn the_case_opens_on_its_first_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let h = harness(app_on(&root));
    h.get_by_label("article text");
    assert!(h.query_by_label("The Ledger").is_some());
    assert!(h.query_by_label("The Courier").is_some());
    assert_eq!(
        h.state().session.as_ref().expect("open").annotator.as_str(),
        "amara"
    );
}

#[test]
fn drag_over_a_phrase_press_1_save_undo_redo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));

    mark_phrase(&mut h, "so-called peace camp", Key::Num1);

    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks.len(), 1, "one mark made");
    assert_eq!(marks[0].quote, "so-called peace camp");
    assert_eq!(marks[0].range(), find(DAM, "so-called peace camp"));
    assert_eq!(marks[0].category, CategoryId::new("loaded"));
    let session = h.state().session.as_ref().expect("open");
    assert_eq!(session.selected_mark.as_ref(), Some(&marks[0].id));

    press_ctrl(&mut h, Key::S);
    let file = root.join("marks/amara/ledger.ron");
    let saved = std::fs::read_to_string(&file).expect("the marks file was written");
    assert!(saved.contains("quote: \"so-called peace camp\""), "{saved}");
    assert!(saved.contains("start: 30"), "{saved}");

    press_ctrl(&mut h, Key::Z);
    assert!(marks_of(h.state(), "ledger").is_empty(), "undo removes it");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        marks_of(h.state(), "ledger")[0].quote,
        "so-called peace camp"
    );

    // Ctrl+Y redoes too, after another undo; and saving writes the file back.
    press_ctrl(&mut h, Key::Z);
    press_ctrl(&mut h, Key::Y);
    assert_eq!(marks_of(h.state(), "ledger").len(), 1);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Save now").click();
    h.run();
    let reopened = Case::open(&root).expect("reopen");
    let marks = reopened.marks(&AnnotatorId::new("amara"), &ArticleId::new("ledger"));
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].quote, "so-called peace camp");
}

#[test]
fn a_drag_ending_mid_word_takes_the_whole_word_unless_alt_is_held() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    // From inside "Officials" to inside "lawful".
    let r = find(DAM, "Officials said the clearance was lawful");
    drag_over(&mut h, CharRange::new(r.start.0 + 2, r.end.0 - 2));
    h.key_press(Key::Num2);
    h.run();
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks[0].quote, "Officials said the clearance was lawful");
    assert_eq!(marks[0].category, CategoryId::new("attribution"));

    // With Alt held the selection is taken as dragged: part of a word.
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    drag_over(&mut h, find(DAM, "Northgate"));
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.key_press(Key::Num1);
    h.run();
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks.len(), 2);
    assert!(marks.iter().any(|m| m.quote == "orthgat"), "{marks:?}");
}

#[test]
fn marking_with_the_keyboard_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    // Click before "Riot", then Shift+Right over "Riot police".
    let at = point_at(&h, 0, 0.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    for _ in 0.."Riot police".len() {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    h.key_press(Key::Num3);
    h.run();
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].quote, "Riot police");
    assert_eq!(marks[0].category, CategoryId::new("editorializing"));
}

/// A case where amara already marked "so-called" on the ledger article.
fn case_with_one_mark(dir: &Path) -> PathBuf {
    let root = make_case(dir);
    let mut case = Case::open(&root).expect("open");
    let amara = AnnotatorId::new("amara");
    let ledger = ArticleId::new("ledger");
    let mark = case
        .new_mark(
            &amara,
            &ledger,
            find(DAM, "so-called"),
            &CategoryId::new("loaded"),
        )
        .expect("mark");
    case.marks_mut(&amara, &ledger)
        .expect("writable")
        .push(mark);
    case.save().expect("save");
    root
}

#[test]
fn changing_an_attribute_in_the_inspector_changes_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_one_mark(dir.path());
    let mut h = harness(app_on(&root));

    h.get_by_label("“so-called”").click();
    h.run();
    h.get_by_label_contains("Inside a quotation").click();
    h.run();
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(
        marks[0].attributes.get("in_quote"),
        Some(&candor::model::AttrValue::Flag(true))
    );
    press_ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("marks file");
    assert!(saved.contains("\"in_quote\": true"), "{saved}");

    // And undo takes it back out.
    press_ctrl(&mut h, Key::Z);
    assert!(marks_of(h.state(), "ledger")[0].attributes.is_empty());
}

#[test]
fn deleting_a_mark_from_the_inspector_and_undoing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_one_mark(dir.path());
    let mut h = harness(app_on(&root));
    h.get_by_label("“so-called”").click();
    h.run();
    // The inspector may need scrolling to its last button, as by hand.
    h.get_by_label("Delete mark").scroll_to_me();
    h.run();
    h.get_by_label("Delete mark").click();
    h.run();
    assert!(marks_of(h.state(), "ledger").is_empty());
    h.get_by_label("Edit").click();
    h.run();
    h.get_by(|n| {
        n.role() == egui::accesskit::Role::Button
            && n.label().is_some_and(|l| l.starts_with("Undo"))
    })
    .click();
    h.run();
    assert_eq!(marks_of(h.state(), "ledger").len(), 1);
}

#[test]
fn a_broken_marks_file_is_reported_and_the_other_articles_can_be_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_one_mark(dir.path());
    let broken = root.join("marks/amara/ledger.ron");
    let original = "Marks(\n    format: 1,\n    marks: [ oops\n";
    std::fs::write(&broken, original).expect("break the file");

    let mut h = harness(app_on(&root));
    // The problem is shown with the file, line and column.
    assert!(
        !h.get_all_by_label_contains("ledger.ron:3:")
            .collect::<Vec<_>>()
            .is_empty()
    );
    // Marking on the broken article says why it cannot, and writes nothing.
    h.get_by_label_contains("amara's marks on ledger could not be read");
    mark_phrase(&mut h, "so-called peace camp", Key::Num1);
    assert!(marks_of(h.state(), "ledger").is_empty());

    // The other article is fine.
    h.get_by_label("Camp cleared").click();
    h.run();
    drag_over(&mut h, find(RIVER, "claimed"));
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(marks_of(h.state(), "courier")[0].quote, "claimed");
    press_ctrl(&mut h, Key::S);
    assert!(root.join("marks/amara/courier.ron").exists());
    assert_eq!(
        std::fs::read_to_string(&broken).expect("still there"),
        original,
        "the broken file is never overwritten"
    );
}

#[test]
fn an_orphaned_mark_is_listed_not_drawn_and_can_be_reattached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_one_mark(dir.path());
    // Someone edited the quote by hand so it matches nothing in the text (a
    // small change, such as "so called", would be followed: re-anchoring
    // tolerates small edits inside a quote between its unchanged context).
    let file = root.join("marks/amara/ledger.ron");
    let src = std::fs::read_to_string(&file).expect("marks");
    std::fs::write(&file, src.replace("\"so-called\"", "\"bridge tolls\"")).expect("write");

    let mut h = harness(app_on(&root));
    h.get_by_label_contains("Orphans (1)");
    drag_over(&mut h, find(DAM, "so-called"));
    h.get_by_label("Attach to selection").click();
    h.run();
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks[0].quote, "so-called");
    assert!(h.query_by_label_contains("Orphans").is_none());
    press_ctrl(&mut h, Key::Z);
    assert_eq!(marks_of(h.state(), "ledger")[0].quote, "bridge tolls");
}

#[test]
fn changes_are_saved_on_their_own_a_moment_later() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "Riot police", Key::Num1);
    // egui's clock advances a quarter second a step in the harness.
    for _ in 0..8 {
        h.step();
    }
    let saved = std::fs::read_to_string(root.join("marks/amara/ledger.ron"))
        .expect("autosaved without asking");
    assert!(saved.contains("quote: \"Riot police\""), "{saved}");
}

#[test]
fn with_no_case_given_it_opens_the_example_case_or_welcomes() {
    // `candor` with no arguments and nothing remembered.
    let h = harness(CandorApp::new(State::default(), None));
    match candor::gui::app::welcome::example_case() {
        Some(_) => {
            let s = h.state().session.as_ref().expect("the example case opens");
            assert!(!s.case.articles().is_empty());
            assert_ne!(
                s.annotator.as_str(),
                "key",
                "students never mark as the key"
            );
            assert!(!s.case.has_unsaved_changes(), "opening writes nothing");
        }
        None => {
            assert!(h.state().session.is_none());
            h.get_by_label_contains("New case");
        }
    }
}

#[test]
fn a_case_that_cannot_be_opened_leaves_the_welcome_screen_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nowhere");
    let h = harness(CandorApp::new(State::default(), Some(missing)));
    assert!(h.state().session.is_none());
    h.get_by_label_contains("no case here");
    h.get_by_label_contains("Open case");
}

#[test]
fn new_case_and_import_through_the_in_window_dialogs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));

    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New case").click();
    h.run();
    let fresh = dir.path().join("fresh");
    h.get_by_label("A folder for the new case (new or empty):")
        .focus();
    h.run();
    h.get_by_label("A folder for the new case (new or empty):")
        .type_text(&fresh.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let s = h.state().session.as_ref().expect("the new case is open");
    assert_eq!(s.case.root(), fresh);
    assert!(fresh.join("case.ron").exists());

    let draft = dir.path().join("draft-report.txt");
    std::fs::write(
        &draft,
        "Draft report\n\nThe minister hailed a historic deal.",
    )
    .expect("draft");
    press_ctrl(&mut h, Key::I);
    h.get_by_label("A .txt or .md file, or a saved web page (.html), to add as an article:")
        .focus();
    h.run();
    h.get_by_label("A .txt or .md file, or a saved web page (.html), to add as an article:")
        .type_text(&draft.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.step();
    super::util::finish_work(&mut h);
    h.run();
    // A text file imported alone is shown first, as it will be stored.
    h.get_by_label_contains("The minister hailed a historic deal.");
    h.get_by_label("Add article").click();
    h.run();
    let case = Case::open(&fresh).expect("reopen");
    assert_eq!(case.articles().len(), 1);
    assert_eq!(case.articles()[0].meta.title, "Draft report");
    // And the imported article is the one shown, ready to mark.
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.article_id().map(|a| a.as_str()), Some("draft-report"));
}

#[test]
fn clicking_a_highlight_selects_its_mark_and_hidden_categories_are_not_clickable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_one_mark(dir.path());
    let mut h = harness(app_on(&root));
    let inside = point_at(&h, find(DAM, "so-called").start.0 + 3, 2.0);
    h.hover_at(inside);
    h.run();
    h.drag_at(inside);
    h.drop_at(inside);
    h.run();
    let s = h.state().session.as_ref().expect("open");
    let only = marks_of(h.state(), "ledger")[0].id.clone();
    assert_eq!(s.selected_mark.as_ref(), Some(&only));
    // The inspector now shows it.
    h.get_by_label_contains("chars 30");

    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state()
            .session
            .as_ref()
            .expect("open")
            .selected_mark
            .is_none()
    );

    h.get_by_label("show Loaded wording").click();
    h.run();
    let s = h.state().session.as_ref().expect("open");
    assert!(s.hidden.contains(&CategoryId::new("loaded")));
    h.hover_at(inside);
    h.run();
    h.drag_at(inside);
    h.drop_at(inside);
    h.run();
    assert!(
        h.state()
            .session
            .as_ref()
            .expect("open")
            .selected_mark
            .is_none(),
        "a hidden mark is not drawn, so clicking there selects nothing"
    );
}

#[test]
fn a_new_annotator_is_remembered_for_the_case_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    h.get_by_label("New annotator:").focus();
    h.run();
    h.get_by_label("New annotator:").type_text("ben");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    assert_eq!(
        h.state().session.as_ref().expect("open").annotator.as_str(),
        "ben"
    );
    mark_phrase(&mut h, "Riot police", Key::Num1);
    press_ctrl(&mut h, Key::S);
    assert!(root.join("marks/ben/ledger.ron").exists());
    assert!(!root.join("marks/amara/ledger.ron").exists());

    // What eframe would persist: UI preferences only, and who was marking.
    let state = h.state().state.clone();
    let again = CandorApp::new(state, None);
    let s = again.session.as_ref().expect("the last case reopens");
    assert_eq!(s.annotator.as_str(), "ben");
    assert_eq!(s.case.manifest().title, "Northgate Dam");
}

#[test]
fn a_failed_save_keeps_the_marks_and_is_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    // A file where amara's folder should be: every save of her marks fails.
    std::fs::create_dir_all(root.join("marks")).expect("marks dir");
    let obstacle = root.join("marks/amara");
    std::fs::write(&obstacle, "not a folder").expect("obstacle");

    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called peace camp", Key::Num1);
    press_ctrl(&mut h, Key::S);
    h.get_by_label_contains("Not saved:");
    assert_eq!(marks_of(h.state(), "ledger").len(), 1, "the mark is kept");

    // The obstacle goes away; a few seconds later the save is retried.
    std::fs::remove_file(&obstacle).expect("remove obstacle");
    for _ in 0..30 {
        h.step();
    }
    let saved =
        std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("saved on the retry");
    assert!(saved.contains("so-called peace camp"));
    h.run();
    h.get_by_label("Saved");
}

/// A file as the window system hands it over when dropped.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_text_files_on_the_window_imports_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let op_ed = dir.path().join("op-ed.md");
    std::fs::write(
        &op_ed,
        "# The camp had to go\n\nIt is crucial to restore order.",
    )
    .expect("file");
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, [0xff, 0xd8]).expect("file");
    for p in [&op_ed, &photo] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(p.clone())));
    }
    h.step();
    super::util::finish_work(&mut h);
    h.run();
    // The .md is the only article among them: it is shown before it is added.
    h.get_by_label("New article from op-ed.md");
    h.get_by_label("Add article").click();
    h.run();
    let case = Case::open(&root).expect("reopen");
    let titles: Vec<&str> = case
        .articles()
        .iter()
        .map(|a| a.meta.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Police clear dam camp",
            "Camp cleared",
            "The camp had to go"
        ],
        "the .md is imported, the .jpg is not"
    );
}

#[test]
fn a_long_article_keeps_the_words_in_view_still_while_the_rest_is_laid_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("long");
    let mut case = Case::create(&root, "Long").expect("create");
    // Paragraphs of very different lengths, so estimated heights are wrong.
    let mut text = String::new();
    for i in 0..400 {
        let words = 3 + (i * 37) % 90;
        for w in 0..words {
            text.push_str(if w % 7 == 0 { "Campaigners " } else { "said " });
        }
        text.push_str(&format!("paragraph{i}.\n\n"));
    }
    case.add_article(article("long", "Long", "The Ledger"), &text)
        .expect("article");
    case.save().expect("save");

    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut CandorApp| app.ui(ui), app_on(&root));
    h.step();
    let target = find(&text, "paragraph300.").start;
    h.state_mut().read_view.scroll_to(target);
    for _ in 0..4 {
        h.step();
    }
    let y = |h: &Harness<'_, CandorApp>| {
        h.state()
            .read_view
            .text_view
            .screen_rect_of(target)
            .expect("laid out")
            .center()
            .y
    };
    let before = y(&h);
    assert!(
        (0.0..900.0).contains(&before),
        "scrolled into view: {before}"
    );
    for _ in 0..60 {
        h.step();
    }
    assert!(h.state().read_view.text_view.fully_laid_out());
    let after = y(&h);
    assert!(
        (after - before).abs() < 2.0,
        "the words stayed put: {before} then {after}"
    );
}

#[test]
fn an_article_corrected_on_disk_while_open_keeps_its_marks_on_their_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    mark_phrase(&mut h, "no warning", Key::Num3);
    press_ctrl(&mut h, Key::S);

    // Someone fixes the article in a text editor: a new first sentence, and
    // "no warning" rewritten so that mark cannot be placed with confidence.
    let corrected = format!(
        "CORRECTION: an earlier version misnamed the dam.\n\n{}",
        DAM.replace("they had been given no warning", "they were told nothing")
    );
    std::fs::write(root.join("articles/ledger.txt"), &corrected).expect("edit");
    // egui's clock advances a quarter second a step: let the poll and the autosave run.
    for _ in 0..12 {
        h.step();
    }
    let s = h.state().session.as_ref().expect("open");
    assert!(
        s.notifications.contains("ledger changed on disk"),
        "{:?}",
        s.notifications
    );
    let marks = marks_of(h.state(), "ledger");
    assert_eq!(marks.len(), 2, "no mark is dropped");
    let moved = marks
        .iter()
        .find(|m| m.quote == "so-called")
        .expect("the mark is kept");
    assert_eq!(
        moved.range(),
        find(&corrected, "so-called"),
        "on its words in the new text"
    );
    // The other mark is kept untouched and listed as an orphan, not drawn elsewhere.
    assert!(marks.iter().any(|m| m.quote == "no warning"));
    assert!(h.query_by_label_contains("Orphans").is_some());
    let saved = std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("saved");
    let start = find(&corrected, "so-called").start.0;
    assert!(
        saved.contains(&format!("start: {start},")),
        "new offsets saved:\n{saved}"
    );
    assert!(
        saved.contains("quote: \"no warning\""),
        "orphan kept in its file:\n{saved}"
    );
}
