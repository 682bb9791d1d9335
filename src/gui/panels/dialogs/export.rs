//! File > Export: the choices of `candor export` (the format, whose marks,
//! the folder), asked in a dialog; the app writes the files. When the folder
//! holds files Candor did not write, the app opens the dialog again asking
//! whether to replace them (`--force` on the command line) or to choose
//! another folder.

use std::path::PathBuf;

use egui::Ui;

use super::{Footer, browse_button, footer_ui, modal_ui};
use crate::export::files::FileFormat;
use crate::export::folder::Replace;
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::AnnotatorId;

pub struct ExportDialog {
    pub format: FileFormat,
    /// Whose marks; starts with the annotator marking.
    pub annotators: Vec<AnnotatorId>,
    pub folder: String,
    /// The folder named holds the user's files: what the export would
    /// replace there and what it holds, while the dialog asks about them.
    pub asking: Option<UsersFolder>,
}

/// A folder holding files Candor did not write (`Folder::Users`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsersFolder {
    pub would_replace: Vec<PathBuf>,
    pub holds: Vec<String>,
}

impl ExportDialog {
    pub fn new(session: &Session) -> Self {
        let annotators = session
            .case
            .annotators()
            .keys()
            .filter(|a| **a == session.annotator)
            .cloned()
            .collect();
        ExportDialog {
            format: FileFormat::Html,
            annotators,
            folder: session.case.root().join("export").display().to_string(),
            asking: None,
        }
    }

    /// The dialog again, with the choices that were refused, asking whether
    /// to replace the user's files in `folder`.
    pub fn asking(
        format: FileFormat,
        annotators: Vec<AnnotatorId>,
        folder: &std::path::Path,
        users: UsersFolder,
    ) -> Self {
        ExportDialog {
            format,
            annotators,
            folder: folder.display().to_string(),
            asking: Some(users),
        }
    }

    /// The question about a folder of the user's: Replace (or write beside
    /// them) goes on, Choose another folder goes back to the choices.
    fn ask_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>, open: &mut bool) {
        let Some(users) = self.asking.clone() else {
            return;
        };
        let names: Vec<String> = users
            .would_replace
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        if names.is_empty() {
            ui.heading("Write beside files that are not Candor's?");
            ui.label(format!(
                "{} holds files Candor did not write ({}). The export replaces none of them.",
                self.folder,
                listed(&users.holds)
            ));
        } else {
            ui.heading(format!("Replace {}?", listed(&names)));
            ui.label(format!(
                "{} holds files Candor did not write, and the export would replace {}.",
                self.folder,
                listed(&names)
            ));
        }
        let ok = if names.is_empty() {
            "Write beside them"
        } else {
            "Replace"
        };
        ui.horizontal(|ui| {
            if ui.button(ok).clicked() {
                actions.push(self.export(self.annotators.clone(), Replace::Anything));
                *open = false;
            }
            if ui.button("Choose another folder").clicked() {
                self.asking = None;
            }
            if ui.button("Cancel").clicked() {
                *open = false;
            }
        });
    }

    fn export(&self, annotators: Vec<AnnotatorId>, replace: Replace) -> Action {
        Action::Export {
            format: self.format,
            annotators,
            folder: PathBuf::from(self.folder.trim()),
            replace,
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "export dialog", |ui| {
            ui.set_width(520.0);
            if self.asking.is_some() {
                return self.ask_ui(ui, &mut actions, &mut open);
            }
            ui.heading("Export marks");
            ui.label("Format:");
            for f in FileFormat::ALL {
                ui.radio_value(&mut self.format, f, f.name())
                    .on_hover_text(f.describe());
            }
            ui.weak(self.format.describe());
            if session.blind() {
                ui.label(
                    "Blind reading is on: the files call the articles Article 1, Article 2… (ids article-1…) with no title, outlet, date or URL.",
                );
            }
            ui.separator();
            ui.label("Whose marks:");
            ui.horizontal_wrapped(|ui| {
                for a in session.case.annotators().keys() {
                    let mut on = self.annotators.contains(a);
                    if ui.checkbox(&mut on, a.as_str()).changed() {
                        if on {
                            self.annotators.push(a.clone());
                        } else {
                            self.annotators.retain(|x| x != a);
                        }
                    }
                }
            });
            if session.case.annotators().is_empty() {
                ui.weak("No one has marked this case yet.");
            }
            ui.separator();
            let l = ui.label("Into the folder (made if missing):");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(400.0))
                    .labelled_by(l.id);
                browse_button(ui, &mut self.folder, || {
                    rfd::FileDialog::new().pick_folder()
                });
            });
            let ready = !self.annotators.is_empty() && !self.folder.trim().is_empty();
            match footer_ui(ui, "Export", ready, |_| {}) {
                Footer::Ok => {
                    // In the case's order, as the command line writes them.
                    let chosen: Vec<AnnotatorId> = session
                        .case
                        .annotators()
                        .keys()
                        .filter(|a| self.annotators.contains(a))
                        .cloned()
                        .collect();
                    actions.push(self.export(chosen, Replace::OnlyCandors));
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

/// Up to five names, then how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}
