//! The one dialog open at a time, over the window. Its widgets live in
//! `panels/dialogs/`; here is which one is open and how it is drawn, so
//! the app handles every dialog the same way: draw it, take its actions,
//! drop it once it closes.

use egui::Ui;

use super::commands::Action;
use super::welcome::WelcomeDialog;
use crate::gui::panels::dialogs::article::ArticleDialog;
use crate::gui::panels::dialogs::collect::{CollectDialog, CollectReportDialog};
use crate::gui::panels::dialogs::export::ExportDialog;
use crate::gui::panels::dialogs::handin::HandInDialog;
use crate::gui::panels::dialogs::handout::HandoutDialog;
use crate::gui::panels::dialogs::import_preview::ImportPreview;
use crate::gui::panels::dialogs::path::PathDialog;
use crate::gui::panels::dialogs::reading_font::ReadingFontDialog;
use crate::gui::panels::dialogs::student_name::StudentNameDialog;
use crate::gui::session::Session;
use crate::gui::text::fonts::Fonts;

pub enum Dialog {
    /// New case, Open case, Import: a path typed by hand.
    Path(PathDialog),
    /// An article's details, its place, and removing it.
    Article(ArticleDialog),
    /// An article read from a web page or the clipboard, shown before it
    /// is added.
    ImportPreview(ImportPreview),
    Export(ExportDialog),
    ReadingFont(ReadingFontDialog),
    /// A student copy asks its student's name, once.
    StudentName(StudentNameDialog),
    HandOut(HandoutDialog),
    HandIn(HandInDialog),
    Collect(CollectDialog),
    /// What a collect did, file by file.
    CollectReport(CollectReportDialog),
    /// Where to start: shown on the first run, and from Help > Welcome.
    Welcome(WelcomeDialog),
}

impl Dialog {
    /// Whether the plain keys (category keys, arrows, Delete) belong to the
    /// dialog rather than the text behind it.
    pub fn takes_keys(&self) -> bool {
        match self {
            Dialog::Path(_)
            | Dialog::Article(_)
            | Dialog::ReadingFont(_)
            | Dialog::StudentName(_)
            | Dialog::HandOut(_)
            | Dialog::HandIn(_)
            | Dialog::Collect(_) => true,
            Dialog::ImportPreview(_)
            | Dialog::Export(_)
            | Dialog::CollectReport(_)
            | Dialog::Welcome(_) => false,
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays
    /// open. Those about the open case wait, undrawn, while none is open.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: Option<&Session>,
        fonts: &mut Fonts,
    ) -> (Vec<Action>, bool) {
        match (self, session) {
            (Dialog::Path(d), _) => d.ui(ui),
            (Dialog::ReadingFont(d), _) => d.ui(ui, fonts.families()),
            (Dialog::ImportPreview(d), _) => d.ui(ui),
            (Dialog::HandIn(d), _) => d.ui(ui),
            (Dialog::Collect(d), _) => d.ui(ui),
            (Dialog::CollectReport(d), _) => d.ui(ui),
            (Dialog::Welcome(d), s) => d.ui(ui, s),
            (Dialog::Article(d), Some(s)) => d.ui(ui, s),
            (Dialog::Export(d), Some(s)) => d.ui(ui, s),
            (Dialog::HandOut(d), Some(s)) => d.ui(ui, s),
            (Dialog::StudentName(d), Some(s)) => d.ui(ui, &s.case.manifest().title),
            (
                Dialog::Article(_)
                | Dialog::Export(_)
                | Dialog::HandOut(_)
                | Dialog::StudentName(_),
                None,
            ) => (Vec::new(), true),
        }
    }
}
