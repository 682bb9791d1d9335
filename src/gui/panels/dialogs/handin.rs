//! File > Hand in…: says what the hand-in holds ("12 marks on 3 of 5
//! articles, 2 marked done") before it is written, and where; the app
//! writes it off the UI thread. The file is what the student uploads to
//! their course.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{Footer, browse_button, footer_ui, modal_ui};
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::AnnotatorId;

/// The ending of a hand-in file's name.
pub const HANDIN_EXTENSION: &str = "candor-handin";

pub struct HandInDialog {
    pub student: AnnotatorId,
    /// What the hand-in holds, or why there is none.
    pub summary: Result<String, String>,
    pub path: String,
}

impl HandInDialog {
    /// The dialog for whoever hands in (`Session::hands_in`), the file
    /// beside the case folder, named after them.
    pub fn new(session: &Session) -> Self {
        let student = session.hands_in();
        let summary = session.hand_in().map(|(_, summary)| summary);
        let folder = session
            .case
            .root()
            .parent()
            .map_or_else(|| session.case.root().to_path_buf(), Path::to_path_buf);
        let path = folder.join(format!("{student}.{HANDIN_EXTENSION}"));
        HandInDialog {
            student,
            summary,
            path: path.display().to_string(),
        }
    }

    /// Draws the dialog. Returns the action chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "hand in dialog", |ui| {
            ui.set_width(520.0);
            ui.heading(format!("Hand in as {}", self.student));
            let ready = match &self.summary {
                Ok(summary) => {
                    ui.label(format!("Your hand-in holds {summary}."));
                    ui.weak("Your marks stay in this copy too; you can hand in again later.");
                    true
                }
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    false
                }
            };
            ui.separator();
            let l = ui.label("Save as:");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            let ready = ready && !self.path.trim().is_empty();
            let footer = footer_ui(ui, "Hand in", ready, |ui| {
                browse_button(ui, &mut self.path, || browse(&self.student));
            });
            match footer {
                Footer::Ok => {
                    actions.push(Action::HandIn(PathBuf::from(self.path.trim())));
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

fn browse(student: &AnnotatorId) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .add_filter("Candor hand-in", &[HANDIN_EXTENSION])
        .set_file_name(format!("{student}.{HANDIN_EXTENSION}"))
        .save_file()
}
