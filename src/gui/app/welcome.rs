//! What the window shows with no case open, and where it looks for one: the
//! example case shipped with Candor, next to the working directory or in the
//! source tree it was built from.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::commands::{Action, Command};
use super::state::State;
use crate::model::MANIFEST_FILE;

/// The example case shipped with Candor, relative to the repository.
pub const EXAMPLE_CASE: &str = "annotations/northgate-dam";

/// The welcome screen: what Candor is, New and Open, and the recent cases.
pub fn welcome_ui(ui: &mut Ui, state: &State, error: Option<&str>) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("Candor");
        ui.label("Read news articles on one event side by side and mark, span by span, how each is written.");
        ui.add_space(20.0);
        if let Some(e) = error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        for cmd in [Command::NewCase, Command::OpenCase] {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                actions.push(Action::Command(cmd));
            }
        }
        if !state.recent.is_empty() {
            ui.add_space(12.0);
            ui.label("Recent cases:");
            for p in &state.recent {
                if ui.link(p.display().to_string()).clicked() {
                    actions.push(Action::OpenPath(p.clone()));
                }
            }
        }
    });
    actions
}

/// The example case: next to the working directory, else in the source tree
/// Candor was built from.
pub fn example_case() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from(EXAMPLE_CASE),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE_CASE),
    ];
    candidates
        .into_iter()
        .find(|p| p.join(MANIFEST_FILE).exists())
}
