//! Articles in from web pages, Word documents and the clipboard, marks out
//! with File > Export, in the window: a saved page or a Word document
//! dropped on the window and the clipboard's text are shown before they
//! are added; Export writes what `candor export` writes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use candor::gui::CandorApp;
use candor::model::ArticleId;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{app_on, finish_work, harness, make_case, press_ctrl};
use crate::formats::pages::page;

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
fn a_dropped_web_page_is_shown_as_extracted_before_it_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(page("aside-and-comments.html"))));
    h.step();
    finish_work(&mut h);
    let id = ArticleId::new("aside-and-comments");
    assert!(
        h.state()
            .session
            .as_ref()
            .expect("open")
            .case
            .article(&id)
            .is_none(),
        "not added before it is seen"
    );
    h.get_by_label_contains("Riot police swept through the protest camp");
    assert!(
        h.query_by_label_contains("COMMENT:").is_none(),
        "the comments are not part of it"
    );
    h.get_by_label("Outlet:").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Outlet:").type_text("Valley Tribune (web)");
    h.run();
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case.article(&id).expect("added");
    assert_eq!(
        a.meta.title,
        "Police clear Northgate Dam camp; dozens detained"
    );
    assert_eq!(a.meta.outlet, "Valley Tribune (web)");
    assert_eq!(
        h.state().session.as_ref().expect("open").article.as_ref(),
        Some(&id)
    );
}

/// A page saved in windows-1252 is read in it, and the preview says so.
#[test]
fn a_dropped_page_in_a_legacy_charset_is_previewed_naming_its_charset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let sentence = "Le café « près du barrage » a fermé, et la police a évacué le camp \
                    des manifestants mardi matin sans incident, selon la préfecture.";
    let html = format!(
        "<html><head><meta charset=windows-1252><title>Camp évacué | La Gazette</title>\
         </head><body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
    let file = dir.path().join("gazette.html");
    std::fs::write(&file, &bytes).expect("page");
    let mut h = harness(app_on(&root));
    h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
    h.step();
    finish_work(&mut h);
    h.run();
    h.get_by_label("Characters: read as windows-1252, as the page declares.");
    h.get_by_label_contains("Le café « près du barrage »");
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case.article(&ArticleId::new("gazette")).expect("added");
    assert_eq!(
        (a.meta.title.as_str(), a.meta.outlet.as_str()),
        ("Camp évacué", "La Gazette")
    );
}

#[test]
fn the_clipboards_text_becomes_an_article_after_it_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    h.run();
    // The window system answers the request with the clipboard's text.
    h.input_mut().events.push(egui::Event::Paste(
        "Dam camp cleared at dawn\n\nRiot police moved in before dawn, officials said.".into(),
    ));
    h.step();
    finish_work(&mut h);
    h.get_by_label_contains("Riot police moved in before dawn");
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case
        .article(&ArticleId::new("dam-camp-cleared-at-dawn"))
        .expect("added, its id from its title");
    assert_eq!(a.meta.title, "Dam camp cleared at dawn");
    assert!(
        a.text
            .as_ref()
            .expect("text")
            .text
            .ends_with("officials said.")
    );
}

#[test]
fn file_export_writes_what_the_command_line_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_on(&case_with_a_courier_mark(dir.path())));
    press_ctrl(&mut h, Key::E);
    h.get_by_label("csv").click();
    h.run();
    let out = dir.path().join("sent");
    export_into(&mut h, &out);
    let csv = std::fs::read_to_string(out.join("marks.csv")).expect("written");
    assert_eq!(csv.lines().count(), 2, "a header and the one mark: {csv}");
    assert!(
        csv.contains("confirmed") && csv.contains("Credence."),
        "{csv}"
    );
    h.get_by_label_contains("Exported 1 mark(s) as csv");
}

#[test]
fn file_export_of_the_articles_chosen_writes_only_those() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_on(&case_with_a_courier_mark(dir.path())));
    press_ctrl(&mut h, Key::E);
    h.get_by_label_contains("Which articles (2 of 2)");
    h.get_by_label("Police clear dam camp (ledger)").click();
    h.run();
    h.get_by_label_contains("Which articles (1 of 2)");
    let out = dir.path().join("one");
    export_into(&mut h, &out);
    let html = std::fs::read_to_string(out.join("report.html")).expect("written");
    assert!(html.contains("<h3>Camp cleared</h3>"), "{html}");
    assert!(
        !html.contains("Police clear dam camp"),
        "the article left out is nowhere in the report"
    );
    assert!(html.contains("on 1 article(s)"), "{html}");
    h.get_by_label_contains("Exported 1 mark(s) as html");
}

#[test]
fn a_dropped_word_document_is_shown_before_it_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    let docx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/reviewed.docx");
    h.input_mut().dropped_files.push(Arc::new(Dropped(docx)));
    h.step();
    finish_work(&mut h);
    let id = ArticleId::new("reviewed");
    assert!(
        h.state()
            .session
            .as_ref()
            .expect("open")
            .case
            .article(&id)
            .is_none(),
        "not added before it is seen"
    );
    h.get_by_label_contains("Work on the wall starts in the spring");
    h.get_by_label_contains("Its 3 comment(s) are not added here");
    h.run();
    h.get_by_label("Add article").click();
    h.run();
    let case = &h.state().session.as_ref().expect("open").case;
    let a = case.article(&id).expect("added");
    assert_eq!(a.meta.title, "Harbour wall to be rebuilt");
    assert!(
        !a.text.as_ref().expect("text").text.contains("crumbling"),
        "the tracked deletion is left out"
    );
}

#[test]
fn file_export_writes_word_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_on(&case_with_a_courier_mark(dir.path())));
    press_ctrl(&mut h, Key::E);
    h.get_by_label("docx").click();
    h.run();
    let out = dir.path().join("sent");
    export_into(&mut h, &out);
    let bytes = std::fs::read(out.join("courier.docx")).expect("written");
    let doc = candor::formats::docx::read(&bytes).expect("a Word document");
    let comments: Vec<(&str, &str)> = doc
        .comments
        .iter()
        .map(|c| (c.author.as_str(), c.paragraphs[0].as_str()))
        .collect();
    assert_eq!(comments, [("amara", "Attribution")]);
    let c = &doc.comments[0];
    let on: String = doc
        .text
        .chars()
        .skip(c.start)
        .take(c.end - c.start)
        .collect();
    assert_eq!(on, "confirmed");
    h.get_by_label_contains("Exported 1 mark(s) as docx");
}

/// The two-article case with one mark of amara's on the courier.
fn case_with_a_courier_mark(dir: &Path) -> PathBuf {
    let root = make_case(dir);
    let mut case = candor::case::Case::open(&root).expect("opens");
    crate::util::marked(
        &mut case,
        "amara",
        "courier",
        "The river authority [confirmed]{attribution note=\"Credence.\"} that the camp was cleared without injuries.\n\nA spokesman claimed the protesters had blocked an access road for weeks.",
    );
    case.save().expect("saved");
    root
}

/// In the open export dialog: types `out` as the folder, presses Export and
/// waits for the files to be written.
fn export_into(h: &mut Harness<'_, CandorApp>, out: &Path) {
    h.get_by_label("Into the folder (made if missing):").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Into the folder (made if missing):")
        .type_text(out.to_str().expect("UTF-8"));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    finish_work(h);
}
