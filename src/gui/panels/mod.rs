//! The panels around the centre of the window: the articles list on the
//! left, the inspector and marks list on the right, the status bar, the
//! conflicts to settle after a file changed on disk, and the dialogs'
//! widgets (`dialogs/`).
//! Each is a `Pane` (see `gui::pane`): drawn from the `Session`, it returns
//! `Action`s.

pub mod articles;
pub mod conflicts;
pub mod dialogs;
pub mod inspector;
pub mod marks_list;
pub mod status_bar;
