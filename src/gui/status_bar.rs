//! The bottom line: whether the work is saved (or why it is not), what the
//! last action reported, and what undo would undo.

use egui::{Color32, RichText, Ui};

use super::session::{SaveStatus, Session};

pub fn ui(ui: &mut Ui, session: &Session) {
    ui.horizontal(|ui| {
        let unsaved = session.case.has_unsaved_changes();
        let (text, colour) = match &session.save_status {
            SaveStatus::Saved if !unsaved => ("Saved".to_string(), None),
            SaveStatus::Saved | SaveStatus::Unsaved { .. } => {
                ("Unsaved changes (saving…)".to_string(), None)
            }
            SaveStatus::Failed { message, .. } => (
                format!(
                    "Not saved: {message} — your marks are kept in memory and Candor will retry"
                ),
                Some(ui.visuals().error_fg_color),
            ),
        };
        let mut rich = RichText::new(text);
        if let Some(c) = colour {
            rich = rich.color(c);
        }
        ui.label(rich).on_hover_text(
            "Candor saves about a second after each change, and when you close the window",
        );
        ui.separator();
        ui.label(format!("Marking as {}", session.annotator));
        if let Some(label) = session.history.undo_label() {
            ui.separator();
            ui.weak(format!("Undo: {label}"));
        }
        if let Some(msg) = &session.message {
            ui.separator();
            ui.label(RichText::new(msg).color(Color32::from_rgb(0xd0, 0x80, 0x00)));
        }
    });
}
