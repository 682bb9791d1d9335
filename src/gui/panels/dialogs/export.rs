//! File > Export: the choices of `candor export` (the format, whose marks,
//! the folder), asked in a dialog; the app writes the files.

use std::path::PathBuf;

use egui::Ui;

use super::{Footer, footer_ui, modal_ui};
use crate::export::files::FileFormat;
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::AnnotatorId;

pub struct ExportDialog {
    pub format: FileFormat,
    /// Whose marks; starts with the annotator marking.
    pub annotators: Vec<AnnotatorId>,
    pub folder: String,
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
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "export dialog", |ui| {
            ui.set_width(520.0);
            ui.heading("Export marks");
            ui.label("Format:");
            for f in FileFormat::ALL {
                ui.radio_value(&mut self.format, f, f.name())
                    .on_hover_text(f.describe());
            }
            ui.weak(self.format.describe());
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
                if ui
                    .button("Browse…")
                    .on_hover_text("Use the system's file dialog")
                    .clicked()
                    && let Some(p) = rfd::FileDialog::new().pick_folder()
                {
                    self.folder = p.display().to_string();
                }
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
                    actions.push(Action::Export {
                        format: self.format,
                        annotators: chosen,
                        folder: PathBuf::from(self.folder.trim()),
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
