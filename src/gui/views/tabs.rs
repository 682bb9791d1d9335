//! The tab strip that switches the centre of the window between its views.
//! Each view is also a `Command` (View menu, Ctrl+1 to Ctrl+9 and Ctrl+J),
//! so the tabs,
//! the menu and the keys always agree.

use egui::Ui;

use crate::gui::app::commands::{Action, Command, View};

/// Why the side panels are not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// The user hid them (Ctrl+Backslash).
    Asked,
    /// The window is too narrow for them and a readable column of text.
    Narrow,
    Presentation,
}

/// The tab strip above the centre; with the side panels hidden, it starts
/// with a button that shows them again. Wrapped: at a large zoom the tabs
/// take two lines rather than widening the view under them; in
/// Presentation they are one list, so the strip is one line.
/// `offered` says which views the case offers (a student copy leaves out
/// the instructor's).
pub fn tabs_ui(
    ui: &mut Ui,
    current: View,
    hidden: Option<Hidden>,
    offered: impl Fn(View) -> bool,
) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        if let Some(why) = hidden {
            let cmd = Command::ToggleSidePanels;
            let (label, why) = match why {
                Hidden::Asked => ("Show panels", ""),
                Hidden::Narrow => (
                    "Show panels",
                    "The window is too narrow for the side panels and a readable column of text, so they are folded away. ",
                ),
                Hidden::Presentation => ("Leave Presentation", "Presentation (F11) hides the side panels. "),
            };
            if ui
                .button(label)
                .on_hover_text(format!("{why}{}", cmd.tooltip_with_shortcut(ui.ctx())))
                .clicked()
            {
                action = Some(Action::Command(cmd));
            }
        }
        if hidden == Some(Hidden::Presentation) {
            // One row, so the enlarged text keeps the height: the views as
            // a list under the current one's name.
            ui.menu_button(format!("View: {}", current.label()), |ui| {
                action = views_ui(ui, current, &offered).or(action.take());
                });
            return;
        }
        action = views_ui(ui, current, &offered).or(action.take());
    });
    action
}

/// A selectable label for each view the case offers, the current one
/// selected: the tabs, or Presentation's list. The view clicked, if any.
fn views_ui(ui: &mut Ui, current: View, offered: &impl Fn(View) -> bool) -> Option<Action> {
    let mut action = None;
    for view in View::ALL.into_iter().filter(|v| offered(*v)) {
        let cmd = Command::ShowView(view);
        if ui
            .selectable_label(current == view, view.label())
            .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
            .clicked()
        {
            action = Some(Action::Command(cmd));
        }
    }
    action
}
