//! Small in-window dialogs: a path typed by hand (with a Browse button for
//! the system's file dialog, which needs a desktop portal that not every
//! machine has; an import also asks for the outlet, date and genre), and
//! the list of problems found when the case was opened.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::gui::commands::Action;
use crate::import::ImportOptions;
use crate::model::Genre;
use crate::problem::{Problem, Severity};

/// A pick of news, opinion or analysis.
pub fn genre_ui(ui: &mut Ui, genre: &mut Genre, id: &str) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(genre.label())
        .show_ui(ui, |ui| {
            for g in Genre::ALL {
                ui.selectable_value(genre, g, g.label());
            }
        })
        .response
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    OpenCase,
    NewCase,
    Import,
}

impl PathKind {
    fn title(self) -> &'static str {
        match self {
            PathKind::OpenCase => "Open case",
            PathKind::NewCase => "New case",
            PathKind::Import => "Import articles",
        }
    }

    fn help(self) -> &'static str {
        match self {
            PathKind::OpenCase => "The case folder (the one holding case.ron):",
            PathKind::NewCase => "A folder for the new case (new or empty):",
            PathKind::Import => {
                "A .txt or .md file, or a saved web page (.html), to add as an article:"
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

    /// Draws the dialog. Returns the action chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let modal = egui::Modal::new(egui::Id::unique("path dialog")).show(ui.ctx(), |ui| {
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
            ui.horizontal(|ui| {
                if ui
                    .button("Browse…")
                    .on_hover_text("Use the system's file dialog")
                    .clicked()
                    && let Some(p) = browse(self.kind)
                {
                    self.path = p.display().to_string();
                }
                let ok = ui.add_enabled(!self.path.trim().is_empty(), egui::Button::new("OK"));
                if (ok.clicked() || enter) && !self.path.trim().is_empty() {
                    let path = PathBuf::from(self.path.trim());
                    actions.push(match self.kind {
                        PathKind::OpenCase => Action::OpenPath(path),
                        PathKind::NewCase => Action::CreateCaseAt(path),
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
                    });
                    open = false;
                }
                if ui.button("Cancel").clicked() {
                    open = false;
                }
            });
        });
        if modal.should_close() {
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
            .add_filter("Text, Markdown or web page", &crate::import::EXTENSIONS)
            .pick_file(),
    }
}

/// Problems found when the case was opened, each `PATH:LINE:COL: message`.
pub fn problems_ui(ui: &mut Ui, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let title = format!(
        "This case opened with {} problem{} ({errors} error{}): the rest of the case works",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" }
    );
    egui::CollapsingHeader::new(RichText::new(title).color(ui.visuals().warn_fg_color))
        .id_salt("load problems")
        .default_open(errors > 0)
        .show(ui, |ui| {
            for p in problems {
                let colour = match p.severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                    Severity::Note => ui.visuals().text_color(),
                };
                ui.label(RichText::new(p.to_string()).color(colour).monospace());
            }
        });
}
