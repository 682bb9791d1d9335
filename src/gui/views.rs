//! The views the centre of the window can show, and the tab strip that
//! switches between them. Reading one article is where marks are made; the
//! others put articles next to each other, which is what Candor is for.
//! Each view is also a `Command` (View menu, Ctrl+1 to Ctrl+6), so the tabs,
//! the menu and the keys always agree.

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

use super::commands::{Action, Command};
use super::inspector::tooltip_with_shortcut;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// One article, marked here.
    #[default]
    Read,
    /// Two to four articles in columns.
    SideBySide,
    Claims,
    Actors,
    Counts,
    Find,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Read,
        View::SideBySide,
        View::Claims,
        View::Actors,
        View::Counts,
        View::Find,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Read => "Read",
            View::SideBySide => "Side by side",
            View::Claims => "Claims",
            View::Actors => "Actors",
            View::Counts => "Counts",
            View::Find => "Find",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            View::Read => "Read and mark one article",
            View::SideBySide => {
                "Two to four articles in columns; a claim or actor is outlined in every column"
            }
            View::Claims => {
                "Claims x articles: which articles state each claim as fact, attribute it or hedge it"
            }
            View::Actors => "Actors x articles: the words each article uses for each party",
            View::Counts => "Marks per category per article, as a table and a bar chart",
            View::Find => "Find a phrase in every article and mark the hits in one step",
        }
    }

    /// Ctrl + the view's place in the tab strip.
    pub fn key(self) -> Key {
        match self {
            View::Read => Key::Num1,
            View::SideBySide => Key::Num2,
            View::Claims => Key::Num3,
            View::Actors => Key::Num4,
            View::Counts => Key::Num5,
            View::Find => Key::Num6,
        }
    }
}

/// The tab strip above the centre.
pub fn tabs_ui(ui: &mut Ui, current: View) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        for view in View::ALL {
            let cmd = Command::ShowView(view);
            if ui
                .selectable_label(current == view, view.label())
                .on_hover_text(tooltip_with_shortcut(ui, &cmd))
                .clicked()
            {
                action = Some(Action::Command(cmd));
            }
        }
    });
    action
}
