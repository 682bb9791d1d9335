//! File > Make student copy…: the choices of `candor handout` (the
//! folder, a zip to upload as well, an annotator's marks added on purpose
//! as a worked example), asked in a dialog; the app writes the copy off
//! the UI thread and says what it wrote. The answer key is never offered:
//! it never leaves the instructor's case.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{Footer, browse_button, footer_ui, modal_ui};
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::AnnotatorId;

pub struct HandoutDialog {
    pub folder: String,
    /// Also pack the copy into a zip (what an LMS takes as one file).
    pub zip: bool,
    pub zip_path: String,
    /// Annotators whose marks go in on purpose (a worked example).
    pub include: Vec<AnnotatorId>,
}

impl HandoutDialog {
    /// The dialog with the copy beside the case: `<case>-student` and
    /// `<case>-student.zip`.
    pub fn new(session: &Session) -> Self {
        let root = session.case.root();
        let name = root
            .file_name()
            .map_or_else(|| "case".to_string(), |n| n.to_string_lossy().into_owned());
        let beside = root
            .parent()
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
        HandoutDialog {
            folder: beside.join(format!("{name}-student")).display().to_string(),
            zip: true,
            zip_path: beside
                .join(format!("{name}-student.zip"))
                .display()
                .to_string(),
            include: Vec::new(),
        }
    }

    fn action(&self) -> Action {
        Action::HandOut {
            folder: PathBuf::from(self.folder.trim()),
            zip: self.zip.then(|| PathBuf::from(self.zip_path.trim())),
            include: self.include.clone(),
        }
    }

    /// Draws the dialog. Returns the action chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "handout dialog", |ui| {
            ui.set_width(540.0);
            ui.heading("Make student copy");
            ui.label(format!(
                "The copy holds the {} article(s), the schema and the blind setting: no answer key \
and no one's marks. Students open it in Candor, give their name, mark, and hand in one file.",
                session.case.articles().len()
            ));
            ui.separator();
            let l = ui.label("Into the folder (new or empty):");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(420.0))
                    .labelled_by(l.id);
                browse_button(ui, &mut self.folder, || {
                    rfd::FileDialog::new().pick_folder()
                });
            });
            ui.checkbox(&mut self.zip, "Also as a zip, to upload to the course")
                .on_hover_text("One file students download and unpack; the folder is written too");
            if self.zip {
                let l = ui.label("Zip file:");
                ui.add(egui::TextEdit::singleline(&mut self.zip_path).desired_width(f32::INFINITY))
                    .labelled_by(l.id);
            }
            include_ui(ui, session, &mut self.include);
            let ready =
                !self.folder.trim().is_empty() && (!self.zip || !self.zip_path.trim().is_empty());
            match footer_ui(ui, "Make copy", ready, |_| {}) {
                Footer::Ok => {
                    actions.push(self.action());
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

/// The annotators whose marks may go in on purpose: everyone but the key.
fn include_ui(ui: &mut Ui, session: &Session, include: &mut Vec<AnnotatorId>) {
    let key = session.case.key();
    let others: Vec<&AnnotatorId> = session
        .case
        .annotators()
        .keys()
        .filter(|a| Some(*a) != key)
        .collect();
    if others.is_empty() {
        return;
    }
    ui.label("Add the marks of (a worked example; usually no one):");
    ui.horizontal_wrapped(|ui| {
        for a in others {
            let mut on = include.contains(a);
            if ui.checkbox(&mut on, a.as_str()).changed() {
                if on {
                    include.push(a.clone());
                } else {
                    include.retain(|x| x != a);
                }
            }
        }
    });
}
