//! A path typed by hand: the case to open or make, or a file to import
//! (an import also asks for the outlet, date and genre). A Browse button
//! opens the system's file dialog, which needs a desktop portal that not
//! every machine has, hence the field.

use std::path::PathBuf;

use egui::Ui;

use super::{Footer, browse_button, footer_ui, genre_ui, modal_ui};
use crate::gui::app::commands::Action;
use crate::import::ImportOptions;
use crate::model::Genre;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    OpenCase,
    NewCase,
    Import,
    /// A hand-back, opened in a student copy.
    HandBack,
}

impl PathKind {
    fn title(self) -> &'static str {
        match self {
            PathKind::OpenCase => "Open case",
            PathKind::NewCase => "New case",
            PathKind::Import => "Import articles",
            PathKind::HandBack => "Open hand-back",
        }
    }

    fn help(self) -> &'static str {
        match self {
            PathKind::OpenCase => "The case folder (the one holding case.ron):",
            PathKind::NewCase => "A folder for the new case (new or empty):",
            PathKind::Import => {
                "A .txt or .md file, or a saved web page (.html), to add as an article:"
            }
            PathKind::HandBack => {
                "The .candor-handback file your instructor returned (the key's marks on what you handed in):"
            }
        }
    }
}

pub struct PathDialog {
    pub kind: PathKind,
    pub path: String,
    /// For an import: what to record about the article (its title comes
    /// from its first line unless given).
    pub outlet: String,
    pub date: String,
    pub genre: Genre,
}

impl PathDialog {
    pub fn new(kind: PathKind) -> Self {
        PathDialog {
            kind,
            path: String::new(),
            outlet: String::new(),
            date: String::new(),
            genre: Genre::News,
        }
    }

    /// The outlet, date and genre fields of an import.
    fn import_fields_ui(&mut self, ui: &mut Ui) {
        egui::Grid::new("import fields")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Outlet:");
                ui.add(egui::TextEdit::singleline(&mut self.outlet).hint_text("who published it"))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Date:");
                ui.add(
                    egui::TextEdit::singleline(&mut self.date)
                        .hint_text("2026-03-02 (or read from the text)"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Genre:");
                genre_ui(ui, &mut self.genre, "import genre").labelled_by(l.id);
                ui.end_row();
            });
    }

    /// What OK asks for.
    fn action(&self) -> Action {
        let path = PathBuf::from(self.path.trim());
        match self.kind {
            PathKind::OpenCase => Action::OpenPath(path),
            PathKind::NewCase => Action::CreateCaseAt(path),
            PathKind::HandBack => Action::ApplyHandBack(path),
            PathKind::Import => Action::ImportWith {
                path,
                options: ImportOptions {
                    title: None,
                    outlet: self.outlet.trim().to_string(),
                    date: self.date.trim().to_string(),
                    url: String::new(),
                    genre: self.genre,
                },
            },
        }
    }

    /// Draws the dialog. Returns the action chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "path dialog", |ui| {
            ui.set_width(460.0);
            ui.heading(self.kind.title());
            let label = ui.label(self.kind.help());
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if self.kind == PathKind::Import {
                self.import_fields_ui(ui);
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ready = !self.path.trim().is_empty();
            let footer = footer_ui(ui, "OK", ready, |ui| {
                browse_button(ui, &mut self.path, || browse(self.kind));
            });
            if (footer == Footer::Ok || enter) && !self.path.trim().is_empty() {
                actions.push(self.action());
                open = false;
            }
            if footer == Footer::Cancel {
                open = false;
            }
        });
        if close {
            open = false;
        }
        (actions, open)
    }
}

/// The system's file dialog; `None` if cancelled or unavailable.
fn browse(kind: PathKind) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    match kind {
        PathKind::OpenCase | PathKind::NewCase => dialog.pick_folder(),
        PathKind::Import => dialog
            .add_filter(
                "Text, Markdown, web page or Word document",
                &crate::import::EXTENSIONS,
            )
            .pick_file(),
        PathKind::HandBack => dialog
            .add_filter("Candor hand-back", &["candor-handback"])
            .pick_file(),
    }
}
