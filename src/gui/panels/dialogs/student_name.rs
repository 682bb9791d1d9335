//! The one question a student copy asks when it is first opened: the
//! student's name, which becomes the annotator they mark as (and the name
//! on their hand-in). It cannot be put off: until it is answered, nothing
//! the student marks would say whose it is.

use egui::Ui;

use super::modal_ui;
use crate::gui::app::commands::Action;
use crate::gui::session::class::student_id;

#[derive(Default)]
pub struct StudentNameDialog {
    pub name: String,
}

impl StudentNameDialog {
    /// Draws the dialog. Returns the action chosen and whether it stays
    /// open; Escape and a click outside do not close it.
    pub fn ui(&mut self, ui: &mut Ui, title: &str) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        modal_ui(ui, "student name dialog", |ui| {
            ui.set_width(440.0);
            ui.heading("Your name");
            ui.label(format!(
                "This is a student copy of \"{title}\". Type your name as your course knows it: \
your marks are saved under it, and your hand-in carries it."
            ));
            let label = ui.label("Name:");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .hint_text("first and last name")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !r.has_focus() && self.name.is_empty() {
                r.request_focus();
            }
            let id = student_id(&self.name);
            match &id {
                Some(id) => ui.weak(format!("You will mark as {id}.")),
                None if self.name.trim().is_empty() => {
                    ui.weak("Asked once; it cannot be changed here later.")
                }
                None => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Use letters or digits (and not \"key\").",
                ),
            };
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = ui
                .add_enabled(id.is_some(), egui::Button::new("Start marking"))
                .clicked();
            if (ok || enter) && id.is_some() {
                actions.push(Action::SetStudentName(self.name.trim().to_string()));
                open = false;
            }
        });
        (actions, open)
    }
}
