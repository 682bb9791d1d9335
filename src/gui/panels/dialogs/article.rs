//! An article's details after import: title, outlet, byline, date, URL and genre
//! (one undoable edit), its place in the case (move up or down), and
//! removing it, which asks first and says how many marks go with it.

use egui::{RichText, Ui};

use super::{genre_ui, modal_ui};
use crate::edit::Edit;
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::{ArticleId, ArticleMeta};

pub struct ArticleDialog {
    pub article: ArticleId,
    pub meta: ArticleMeta,
    /// "Remove" was clicked once: the second click removes.
    confirming_removal: bool,
}

impl ArticleDialog {
    pub fn new(meta: ArticleMeta) -> Self {
        ArticleDialog {
            article: meta.id.clone(),
            meta,
            confirming_removal: false,
        }
    }

    /// Draws the dialog. Returns the actions chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let Some(place) = session
            .case
            .articles()
            .iter()
            .position(|a| a.meta.id == self.article)
        else {
            return (actions, false);
        };
        let count = session.case.articles().len();
        let close = modal_ui(ui, "article dialog", |ui| {
            ui.set_width(480.0);
            ui.heading(format!("Article {}", self.article));
            ui.weak(format!(
                "{} of {count} in this case · text in {}",
                place + 1,
                self.meta.file
            ));
            egui::Grid::new("article fields")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, value) in [
                        ("Title:", &mut self.meta.title),
                        ("Outlet:", &mut self.meta.outlet),
                        ("Byline:", &mut self.meta.byline),
                        ("Date:", &mut self.meta.date),
                        ("URL:", &mut self.meta.url),
                    ] {
                        let l = ui.label(name);
                        ui.add(egui::TextEdit::singleline(value).desired_width(360.0))
                            .labelled_by(l.id);
                        ui.end_row();
                    }
                    let l = ui.label("Genre:");
                    genre_ui(ui, &mut self.meta.genre, "article genre").labelled_by(l.id);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                let move_to = |to: usize| Action::Edit {
                    edit: Box::new(Edit::MoveArticle {
                        article: self.article.clone(),
                        to,
                    }),
                    label: "move article".into(),
                    merge_key: None,
                };
                if ui
                    .add_enabled(place > 0, egui::Button::new("Move up"))
                    .clicked()
                {
                    actions.push(move_to(place - 1));
                }
                if ui
                    .add_enabled(place + 1 < count, egui::Button::new("Move down"))
                    .clicked()
                {
                    actions.push(move_to(place + 1));
                }
            });
            ui.separator();
            self.removal_ui(ui, session, &mut actions, &mut open);
            ui.separator();
            ui.horizontal(|ui| {
                let changed = session
                    .case
                    .article(&self.article)
                    .is_some_and(|a| a.meta != self.meta);
                if ui
                    .add_enabled(changed, egui::Button::new("Save details"))
                    .clicked()
                {
                    actions.push(Action::Edit {
                        edit: Box::new(Edit::SetArticleMeta(self.meta.clone())),
                        label: "change article details".into(),
                        merge_key: None,
                    });
                    open = false;
                }
                if ui.button("Close").clicked() {
                    open = false;
                }
            });
        });
        if close {
            open = false;
        }
        (actions, open)
    }

    fn removal_ui(&mut self, ui: &mut Ui, s: &Session, actions: &mut Vec<Action>, open: &mut bool) {
        let marks = s.case.marks_on(&self.article);
        let total: usize = marks.iter().map(|(_, n)| n).sum();
        if !self.confirming_removal {
            if ui
                .button("Remove this article…")
                .on_hover_text("Remove it, its text, and any marks on it from the case")
                .clicked()
            {
                self.confirming_removal = true;
            }
            return;
        }
        let warning = if total == 0 {
            "Remove this article and its text from the case? No one has marked it. This cannot be undone.".to_string()
        } else {
            let who: Vec<String> = marks.iter().map(|(a, n)| format!("{n} by {a}")).collect();
            format!(
                "Remove this article, its text and {total} mark(s) on it ({})? Those annotators' marks on it are deleted too. This cannot be undone.",
                who.join(", ")
            )
        };
        ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
        ui.horizontal(|ui| {
            if ui.button("Remove article and marks").clicked() {
                actions.push(Action::RemoveArticle(self.article.clone()));
                *open = false;
            }
            if ui.button("Keep it").clicked() {
                self.confirming_removal = false;
            }
        });
    }
}
