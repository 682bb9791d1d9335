//! What an import will add, shown before it is added: a saved web page's
//! extracted article, a Word document's text, a text file's text, or the
//! text on the clipboard. The details (title, outlet, byline, date, URL,
//! genre) can be corrected here, and the charset a file was read in is
//! said; the text is shown as it
//! will be stored, read-only, because marks are made on exactly that text.

use egui::{RichText, Ui};

use super::{Footer, footer_ui, genre_ui, modal_ui};
use crate::gui::app::commands::Action;
use crate::import::Prepared;

pub struct ImportPreview {
    pub prepared: Prepared,
    /// Where it came from ("the clipboard", a file name), for the heading.
    pub source: String,
}

impl ImportPreview {
    pub fn new(prepared: Prepared, source: impl Into<String>) -> Self {
        ImportPreview {
            prepared,
            source: source.into(),
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "import preview", |ui| {
            ui.set_width(560.0);
            ui.heading(format!("New article from {}", self.source));
            let p = &mut self.prepared;
            let words = crate::text::word_count(&p.text);
            ui.weak(format!(
                "Article id {} · {words} words · {}",
                p.meta.id,
                if p.from_page {
                    "the article Candor found in the page; menus, share bars, asides, comments, captions and ads are left out"
                } else if p.word.is_some() {
                    "the Word document's paragraphs (headings, lists and tables too); footnotes and tracked deletions are left out"
                } else {
                    "the text as it will be stored"
                }
            ));
            if let Some(word) = p.word.as_ref().filter(|w| !w.comments.is_empty()) {
                ui.weak(format!(
                    "Its {} comment(s) are not added here; `candor import CASE FILE --comments-as NAME` brings them in as NAME's marks.",
                    word.comments.len()
                ));
            }
            egui::Grid::new("preview fields")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, value) in [
                        ("Title:", &mut p.meta.title),
                        ("Outlet:", &mut p.meta.outlet),
                        ("Byline:", &mut p.meta.byline),
                        ("Date:", &mut p.meta.date),
                        ("URL:", &mut p.meta.url),
                    ] {
                        let l = ui.label(name);
                        ui.add(egui::TextEdit::singleline(value).desired_width(420.0))
                            .labelled_by(l.id);
                        ui.end_row();
                    }
                    let l = ui.label("Genre:");
                    genre_ui(ui, &mut p.meta.genre, "preview genre").labelled_by(l.id);
                    ui.end_row();
                });
            if let Some(charset) = &p.charset {
                ui.weak(format!("Characters: {charset}."));
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(&p.text)).wrap())
                        .on_hover_text("The article's text, as it will be marked");
                });
            ui.separator();
            let ready = !p.meta.title.trim().is_empty();
            match footer_ui(ui, "Add article", ready, |_| {}) {
                Footer::Ok => {
                    actions.push(Action::AddArticle {
                        prepared: Box::new(p.clone()),
                        source: self.source.clone(),
                    });
                    open = false;
                }
                Footer::Cancel => open = false,
                Footer::Nothing => {}
            }
        });
        if close {
            open = false;
        }
        (actions, open)
    }
}
