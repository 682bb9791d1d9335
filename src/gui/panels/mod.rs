//! The panels around the centre of the window: the articles list on the
//! left, the inspector and marks list on the right, the status bar, the
//! conflicts to settle after a file changed on disk, and the small dialogs
//! (the reading font among them).
//! Each is drawn from the `Session` and returns `Action`s.

pub mod article_dialog;
pub mod articles;
pub mod conflicts;
pub mod dialogs;
pub mod export_dialog;
pub mod import_preview;
pub mod inspector;
pub mod marks_list;
pub mod reading_font;
pub mod status_bar;

use egui::Ui;

use super::commands::Action;
use super::session::Session;

/// What every panel is: drawn from the open case, it returns what the user
/// asked for, which the app carries out after the whole frame is drawn.
pub trait Panel {
    fn ui(&mut self, ui: &mut Ui, session: &Session) -> Vec<Action>;
}
