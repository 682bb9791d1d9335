//! The dialogs' widgets, one file each: a path typed by hand (`path`), an
//! article's details (`article`), the export (`export`), a web page or the
//! clipboard before it becomes an article (`import_preview`), the
//! reading font (`reading_font`), and a class's files: the student copy
//! (`handout`), the student's name (`student_name`), a hand-in
//! (`handin`), collecting hand-ins and what that did (`collect`). Each is drawn from the `Session` and
//! returns `Action`s and whether it stays open; `app::dialogs` holds the
//! one that is open. Here too what they share: the modal frame, the
//! button row that ends them, the genre pick, and the list of problems
//! found when the case was opened.

pub mod article;
pub mod collect;
pub mod export;
pub mod handin;
pub mod handout;
pub mod import_preview;
pub mod path;
pub mod reading_font;
pub mod student_name;

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::model::Genre;
use crate::problem::{Problem, Severity};

/// Shows a modal dialog drawn by `body`. True when it asks to be closed
/// (Escape, or a click outside it).
pub fn modal_ui(ui: &Ui, name: &str, body: impl FnOnce(&mut Ui)) -> bool {
    egui::Modal::new(egui::Id::unique(name))
        .show(ui.ctx(), body)
        .should_close()
}

/// The "Browse…" button beside a typed path: `pick` (the system's file
/// dialog) is asked only when it is clicked, and the path it gives is
/// written into `path` as text.
pub fn browse_button(ui: &mut Ui, path: &mut String, pick: impl FnOnce() -> Option<PathBuf>) {
    if ui
        .button("Browse…")
        .on_hover_text("Use the system's file dialog")
        .clicked()
        && let Some(p) = pick()
    {
        *path = p.display().to_string();
    }
}

/// What the row that ends a dialog was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Footer {
    Nothing,
    /// The dialog's own button: do it and close.
    Ok,
    Cancel,
}

/// The row that ends a dialog: `before` (a Browse button, say), the
/// dialog's own button `ok` (enabled when `ready`), and Cancel.
pub fn footer_ui(ui: &mut Ui, ok: &str, ready: bool, before: impl FnOnce(&mut Ui)) -> Footer {
    ui.horizontal(|ui| {
        before(ui);
        let ok = ui.add_enabled(ready, egui::Button::new(ok)).clicked();
        let cancel = ui.button("Cancel").clicked();
        if ok {
            Footer::Ok
        } else if cancel {
            Footer::Cancel
        } else {
            Footer::Nothing
        }
    })
    .inner
}

/// A pick of news, opinion or analysis.
pub fn genre_ui(ui: &mut Ui, genre: &mut Genre, id: &str) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(genre.label())
        .show_ui(ui, |ui| {
            for g in Genre::ALL {
                ui.selectable_value(genre, g, g.label());
            }
        })
        .response
}

/// Problems found when the case was opened, each `PATH:LINE:COL: message`.
pub fn problems_ui(ui: &mut Ui, problems: &[Problem], shown: &dyn Fn(String) -> String) {
    if problems.is_empty() {
        return;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let title = format!(
        "This case opened with {} problem{} ({errors} error{}): the rest of the case works",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" }
    );
    egui::CollapsingHeader::new(RichText::new(title).color(ui.visuals().warn_fg_color))
        .id_salt("load problems")
        .default_open(errors > 0)
        .show(ui, |ui| {
            for p in problems {
                let colour = match p.severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                    Severity::Note => ui.visuals().text_color(),
                };
                ui.label(
                    RichText::new(shown(p.to_string()))
                        .color(colour)
                        .monospace(),
                );
            }
        });
}
