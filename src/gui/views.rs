//! The tab strip that switches the centre of the window between its views.
//! Each view is also a `Command` (View menu, Ctrl+1 to Ctrl+6, Ctrl+9 and
//! Ctrl+J), so the tabs,
//! the menu and the keys always agree.

use egui::Ui;

use super::commands::{Action, Command, View};

/// The tab strip above the centre; with the side panels hidden, it ends with
/// a button that shows them again.
pub fn tabs_ui(ui: &mut Ui, current: View, panels_hidden: bool) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        if panels_hidden {
            let cmd = Command::ToggleSidePanels;
            if ui
                .button("Show panels")
                .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                action = Some(Action::Command(cmd));
            }
        }
        for view in View::ALL {
            let cmd = Command::ShowView(view);
            if ui
                .selectable_label(current == view, view.label())
                .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                action = Some(Action::Command(cmd));
            }
        }
    });
    action
}
