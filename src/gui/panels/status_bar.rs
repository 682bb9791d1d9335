//! The bottom line: work running off the UI thread (what it is at, n of
//! N, and a Cancel), whether the work is saved (or why it is not), who is
//! marking, what undo would undo, and the messages the window has for the
//! user: the newest error or warning stays until dismissed, notes fade.

use egui::{RichText, Ui};

use crate::gui::app::commands::Action;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::notifications::{Level, Notification};
use crate::gui::session::{SaveStatus, Session};

#[derive(Default)]
pub struct StatusBar;

impl Pane for StatusBar {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let session = scene.session;
        let mut actions = Vec::new();
        // Wrapped, so on a narrow window or at a large zoom a long message
        // goes on to a second line instead of being cut off at the edge.
        ui.horizontal_wrapped(|ui| {
            work_ui(ui, session, &mut actions);
            let unsaved = session.case.has_unsaved_changes();
            let conflicts = session.case.conflicts().len();
            let (text, colour) = match &session.save_status {
                _ if conflicts > 0 => (
                    format!("Not saved: {conflicts} conflict(s) to settle (above the text)"),
                    Some(ui.visuals().warn_fg_color),
                ),
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
            messages_ui(ui, session, &mut actions);
        });
        actions
    }
}

/// The work running off the UI thread, if any: a spinner, Cancel, and
/// what it is, what it is at and how far.
fn work_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
    let Some(work) = &session.work else { return };
    let p = work.progress();
    ui.spinner();
    // Cancel before the line, whose width changes with every file: a button
    // after it would move under the pointer as the count grows.
    if ui
        .small_button("Cancel")
        .on_hover_text("Stop before the next file; nothing read so far is added")
        .clicked()
    {
        actions.push(Action::CancelWork);
    }
    let mut line = format!("{}…", work.title);
    if !p.doing.is_empty() {
        line.push_str(&format!(" {}", p.doing));
    }
    if p.total > 1 {
        line.push_str(&format!(" ({} of {})", (p.done + 1).min(p.total), p.total));
    }
    ui.label(line);
    ui.separator();
}

fn messages_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
    let n = &session.notifications;
    let Some(headline) = n.headline() else {
        return;
    };
    ui.separator();
    message_ui(ui, headline, actions);
    // A note newer than a standing error is shown too, not hidden by it.
    if let Some(latest) = n.latest()
        && latest.id != headline.id
        && latest.level == Level::Note
    {
        ui.separator();
        message_ui(ui, latest, actions);
    }
    let others = n.len().saturating_sub(2);
    if others > 0 {
        ui.weak(format!("(+{others} more)")).on_hover_ui(|ui| {
            for m in n.all().rev() {
                ui.label(&m.text);
            }
        });
    }
}

fn message_ui(ui: &mut Ui, m: &Notification, actions: &mut Vec<Action>) {
    let colour = match m.level {
        Level::Error => ui.visuals().error_fg_color,
        Level::Warning => ui.visuals().warn_fg_color,
        Level::Note => ui.visuals().text_color(),
    };
    // The message wraps in the width left; hovering it shows it whole too.
    ui.add(egui::Label::new(RichText::new(&m.text).color(colour)).wrap())
        .on_hover_text(&m.text);
    if m.level != Level::Note
        && ui
            .small_button("×")
            .on_hover_text("Dismiss this message")
            .clicked()
    {
        actions.push(Action::Dismiss(m.id));
    }
}
