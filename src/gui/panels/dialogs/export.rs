//! File > Export: the choices of `candor export` (the format, whose marks,
//! which articles, the folder), asked in a dialog; the app writes the files. When the folder
//! holds files Candor did not write, the app opens the dialog again asking
//! whether to replace them (`--force` on the command line) or to choose
//! another folder.

use std::path::PathBuf;

use egui::Ui;

use super::{Footer, browse_button, footer_ui, modal_ui};
use crate::export::files::FileFormat;
use crate::export::folder::Replace;
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::{AnnotatorId, ArticleId, blind_name};

pub struct ExportDialog {
    pub format: FileFormat,
    /// Whose marks; starts with the annotator marking.
    pub annotators: Vec<AnnotatorId>,
    /// Which articles: every one at first (`--article` on the command
    /// line); the export is of all of them when all are chosen.
    pub articles: Vec<ArticleId>,
    pub folder: String,
    /// The folder named holds the user's files: what the export would
    /// replace there and what it holds, while the dialog asks about them.
    pub asking: Option<UsersFolder>,
}

/// A folder holding files Candor did not write (`Folder::Users`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsersFolder {
    pub would_replace: Vec<PathBuf>,
    pub holds: Vec<String>,
}

impl ExportDialog {
    pub fn new(session: &Session) -> Self {
        let annotators = session
            .case
            .annotators()
            .keys()
            .filter(|a| **a == session.annotator)
            .cloned()
            .collect();
        ExportDialog {
            format: FileFormat::Html,
            annotators,
            articles: session
                .case
                .articles()
                .iter()
                .map(|a| a.meta.id.clone())
                .collect(),
            folder: session.case.root().join("export").display().to_string(),
            asking: None,
        }
    }

    /// The dialog again, with the choices that were refused, asking whether
    /// to replace the user's files in `folder`.
    pub fn asking(
        format: FileFormat,
        annotators: Vec<AnnotatorId>,
        articles: Vec<ArticleId>,
        folder: &std::path::Path,
        users: UsersFolder,
    ) -> Self {
        ExportDialog {
            format,
            annotators,
            articles,
            folder: folder.display().to_string(),
            asking: Some(users),
        }
    }

    /// The question about a folder of the user's: Replace (or write beside
    /// them) goes on, Choose another folder goes back to the choices.
    fn ask_ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        actions: &mut Vec<Action>,
        open: &mut bool,
    ) {
        let Some(users) = self.asking.clone() else {
            return;
        };
        let names: Vec<String> = users
            .would_replace
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        if names.is_empty() {
            ui.heading("Write beside files that are not Candor's?");
            ui.label(format!(
                "{} holds files Candor did not write ({}). The export replaces none of them.",
                self.folder,
                listed(&users.holds)
            ));
        } else {
            ui.heading(format!("Replace {}?", listed(&names)));
            ui.label(format!(
                "{} holds files Candor did not write, and the export would replace {}.",
                self.folder,
                listed(&names)
            ));
        }
        let ok = if names.is_empty() {
            "Write beside them"
        } else {
            "Replace"
        };
        ui.horizontal(|ui| {
            if ui.button(ok).clicked() {
                actions.push(self.export(session, self.annotators.clone(), Replace::Anything));
                *open = false;
            }
            if ui.button("Choose another folder").clicked() {
                self.asking = None;
            }
            if ui.button("Cancel").clicked() {
                *open = false;
            }
        });
    }

    fn export(&self, session: &Session, annotators: Vec<AnnotatorId>, replace: Replace) -> Action {
        Action::Export {
            format: self.format,
            annotators,
            articles: chosen_articles(session, &self.articles),
            folder: PathBuf::from(self.folder.trim()),
            replace,
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "export dialog", |ui| {
            ui.set_width(520.0);
            if self.asking.is_some() {
                return self.ask_ui(ui, session, &mut actions, &mut open);
            }
            ui.heading("Export marks");
            ui.label("Format:");
            for f in FileFormat::ALL {
                ui.radio_value(&mut self.format, f, f.name())
                    .on_hover_text(f.describe());
            }
            ui.weak(self.format.describe());
            if session.blind() {
                ui.label(
                    "Blind reading is on: the files call the articles Article 1, Article 2… (ids article-1…) with no title, outlet, date or URL.",
                );
            }
            ui.separator();
            ui.label("Whose marks:");
            ui.horizontal_wrapped(|ui| {
                for a in session.case.annotators().keys() {
                    let mut on = self.annotators.contains(a);
                    if ui.checkbox(&mut on, a.as_str()).changed() {
                        if on {
                            self.annotators.push(a.clone());
                        } else {
                            self.annotators.retain(|x| x != a);
                        }
                    }
                }
            });
            if session.case.annotators().is_empty() {
                ui.weak("No one has marked this case yet.");
            }
            ui.separator();
            self.articles_ui(ui, session);
            ui.separator();
            let l = ui.label("Into the folder (made if missing):");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(400.0))
                    .labelled_by(l.id);
                browse_button(ui, &mut self.folder, || {
                    rfd::FileDialog::new().pick_folder()
                });
            });
            let ready = !self.annotators.is_empty()
                && (!self.articles.is_empty() || session.case.articles().is_empty())
                && !self.folder.trim().is_empty();
            match footer_ui(ui, "Export", ready, |_| {}) {
                Footer::Ok => {
                    // In the case's order, as the command line writes them.
                    let chosen: Vec<AnnotatorId> = session
                        .case
                        .annotators()
                        .keys()
                        .filter(|a| self.annotators.contains(a))
                        .cloned()
                        .collect();
                    actions.push(self.export(session, chosen, Replace::OnlyCandors));
                    open = false;
                }
                Footer::Cancel => open = false,
                Footer::Nothing => {}
            }
        });
        if close {
            open = false;
        }
        (actions, open)
    }
}

impl ExportDialog {
    /// The choice of articles: all, none, or each by its name (under blind
    /// reading "Article n", as the files will call it).
    fn articles_ui(&mut self, ui: &mut Ui, session: &Session) {
        let all: Vec<ArticleId> = session
            .case
            .articles()
            .iter()
            .map(|a| a.meta.id.clone())
            .collect();
        ui.horizontal(|ui| {
            ui.label(format!(
                "Which articles ({} of {}):",
                self.articles.iter().filter(|a| all.contains(a)).count(),
                all.len()
            ));
            if ui.small_button("All").clicked() {
                self.articles = all.clone();
            }
            if ui.small_button("None").clicked() {
                self.articles.clear();
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("export articles")
            .max_height(150.0)
            .show(ui, |ui| {
                for (i, a) in session.case.articles().iter().enumerate() {
                    let name = if session.blind() {
                        blind_name(i)
                    } else {
                        format!("{} ({})", a.meta.title, a.meta.id)
                    };
                    let mut on = self.articles.contains(&a.meta.id);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            self.articles.push(a.meta.id.clone());
                        } else {
                            self.articles.retain(|x| x != &a.meta.id);
                        }
                    }
                }
            });
        if all.is_empty() {
            ui.weak("This case has no articles yet.");
        }
    }
}

/// The articles an export is asked for, in the case's order; empty (every
/// article, also those added meanwhile) when all are chosen.
fn chosen_articles(session: &Session, chosen: &[ArticleId]) -> Vec<ArticleId> {
    let articles = session.case.articles();
    if articles.iter().all(|a| chosen.contains(&a.meta.id)) {
        return Vec::new();
    }
    articles
        .iter()
        .map(|a| a.meta.id.clone())
        .filter(|id| chosen.contains(id))
        .collect()
}

/// Up to five names, then how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}
