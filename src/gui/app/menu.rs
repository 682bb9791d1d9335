//! The menu bar: every menu item is a `Command`, drawn by the command itself
//! with its shortcut and tooltip, so a menu and a key can never disagree.
//! A student copy's menus leave out what is the instructor's (making a
//! copy, collecting, the Class view) and Feedback until it came back.

use egui::Ui;

use super::commands::{Action, Command, View};
use super::state::State;
use crate::gui::session::Session;
use crate::gui::text::zoom::Zoom;
use crate::model::MANIFEST_FILE;

pub fn menu_ui(ui: &mut Ui, state: &State, session: Option<&Session>, actions: &mut Vec<Action>) {
    let mut item = |ui: &mut Ui, cmd: Command, enabled: bool| {
        if cmd.menu_item_ui(ui, enabled) {
            actions.push(Action::Command(cmd));
        }
    };
    let open = session.is_some();
    let mut recent = Vec::new();
    ui.menu_button("File", |ui| {
        item(ui, Command::NewCase, true);
        item(ui, Command::OpenCase, true);
        ui.menu_button("Recent cases", |ui| recent_ui(ui, state, &mut recent));
        ui.separator();
        item(ui, Command::ImportArticles, open);
        item(ui, Command::PasteArticle, open);
        item(ui, Command::Export, open);
        item(ui, Command::Save, open);
        ui.separator();
        class_items_ui(ui, session, &mut item);
        ui.separator();
        item(ui, Command::Quit, true);
    });
    let (can_undo, can_redo, has_mark) = match session {
        Some(s) => (
            s.history.can_undo(),
            s.history.can_redo(),
            s.selected().is_some(),
        ),
        None => (false, false, false),
    };
    ui.menu_button("Edit", |ui| {
        item(ui, Command::Undo, can_undo);
        item(ui, Command::Redo, can_redo);
        ui.separator();
        item(ui, Command::DeleteMark, has_mark);
        for cmd in Command::ALL
            .iter()
            .filter(|c| matches!(c, Command::StepMark { .. }))
        {
            item(ui, cmd.clone(), has_mark);
        }
        item(ui, Command::UseSuggestions, has_mark);
        item(ui, Command::ClearSelection, open);
    });
    ui.menu_button("View", |ui| {
        for view in View::ALL {
            if session.is_none_or(|s| view.offered(s)) {
                item(ui, Command::ShowView(view), open);
            }
        }
        ui.separator();
        item(ui, Command::ToggleSidePanels, open);
        item(ui, Command::TogglePresentation, open);
        item(ui, Command::ToggleBlind, open);
        ui.separator();
        item(ui, Command::ZoomIn, state.zoom.zoomed_in() != state.zoom);
        item(ui, Command::ZoomOut, state.zoom.zoomed_out() != state.zoom);
        item(ui, Command::ZoomReset, state.zoom != Zoom::default());
        ui.weak(format!("Zoom: {}", state.zoom.percent()));
        ui.separator();
        item(ui, Command::ReadingFont, true);
        item(ui, Command::ToggleTheme, true);
    });
    ui.menu_button("Help", |ui| {
        item(ui, Command::Guide, true);
        item(ui, Command::Welcome, true);
    });
    actions.extend(recent);
}

/// The files of a class: a student copy hands in and opens what came
/// back; any other case makes student copies and collects (and may hand
/// in too, for an instructor trying it out).
fn class_items_ui(
    ui: &mut Ui,
    session: Option<&Session>,
    item: &mut impl FnMut(&mut Ui, Command, bool),
) {
    let open = session.is_some();
    if session.is_some_and(|s| s.student_copy().is_some()) {
        item(ui, Command::HandIn, true);
        item(ui, Command::OpenHandBack, true);
    } else {
        item(ui, Command::MakeStudentCopy, open);
        item(ui, Command::HandIn, open);
        item(ui, Command::CollectHandIns, open);
    }
}

fn recent_ui(ui: &mut Ui, state: &State, actions: &mut Vec<Action>) {
    if state.recent.is_empty() {
        ui.label("None yet");
    }
    for p in &state.recent {
        if p.join(MANIFEST_FILE).exists() {
            if ui.button(p.display().to_string()).clicked() {
                actions.push(Action::OpenPath(p.clone()));
                ui.close();
            }
        } else if ui
            .button(format!("{} (gone: forget it)", p.display()))
            .on_hover_text("This folder no longer holds a case")
            .clicked()
        {
            actions.push(Action::ForgetRecent(p.clone()));
        }
    }
}
