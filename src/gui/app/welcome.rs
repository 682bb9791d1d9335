//! What the window shows with no case open, and the welcome of a first
//! run: one screen that says where to start (the example, a new case, a
//! student copy, a hand-in) and where the guide is. Where the example case
//! is found (and copied on a first run) is `installed`'s business.

use egui::Ui;

use super::commands::{Action, Command};
use super::state::State;
use crate::gui::panels::dialogs::modal_ui;
use crate::gui::session::Session;

pub use super::installed::{EXAMPLE_CASE, example_case};

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
        for cmd in [Command::NewCase, Command::OpenCase, Command::Guide] {
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

/// The first run's welcome, over the example case it opened (or the
/// empty window); Help > Welcome shows it again.
pub struct WelcomeDialog {
    /// The example case to offer, found (and copied) once.
    example: Option<std::path::PathBuf>,
}

impl Default for WelcomeDialog {
    /// Finds the example case (copying it on a first run).
    fn default() -> Self {
        WelcomeDialog {
            example: example_case(),
        }
    }
}

impl WelcomeDialog {
    /// Draws the dialog. Returns the actions chosen and whether it stays
    /// open.
    pub fn ui(&mut self, ui: &mut Ui, session: Option<&Session>) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let student = session.is_some_and(|s| s.student_copy().is_some());
        let closed = modal_ui(ui, "welcome dialog", |ui| {
            ui.set_width(520.0);
            ui.heading("Welcome to Candor");
            ui.label(
                "Put news articles about one event side by side, and mark, span by span, how \
each is written: loaded wording, attribution, editorializing. Every mark has a reason, and \
Candor saves it as you go.",
            );
            ui.add_space(8.0);
            let choice = |ui: &mut Ui, label: &str, what: &str, enabled: bool| {
                let clicked = ui.add_enabled(enabled, egui::Button::new(label)).clicked();
                ui.weak(what);
                ui.add_space(4.0);
                clicked
            };
            let example = self.example.clone();
            if choice(
                ui,
                "Open the example case",
                "Five invented reports of one event, an answer key and two students' marks: \
your own copy, to mark freely.",
                example.is_some(),
            ) && let Some(p) = example
            {
                actions.push(Action::OpenPath(p));
                open = false;
            }
            for (cmd, what, enabled) in [
                (
                    Command::NewCase,
                    "Start your own: a new folder, then import or paste the articles.",
                    true,
                ),
                (
                    Command::OpenCase,
                    "A case folder, or the student copy your instructor handed out (unzip it first).",
                    true,
                ),
                (
                    Command::CollectHandIns,
                    "Students' hand-ins, into the case open now: or drop the files or the LMS's \
zip on the window.",
                    session.is_some() && !student,
                ),
                (
                    Command::OpenHandBack,
                    "In your student copy: the hand-back your instructor returned (or drop it on \
the window).",
                    student,
                ),
            ] {
                if choice(ui, cmd.label(), what, enabled) {
                    actions.push(Action::Command(cmd));
                    open = false;
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .button(Command::Guide.label())
                    .on_hover_text(Command::Guide.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    actions.push(Action::Command(Command::Guide));
                }
                if ui.button("Close").clicked() {
                    open = false;
                }
            });
        });
        (actions, open && !closed)
    }
}
