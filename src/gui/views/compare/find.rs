//! Find a phrase across every article, see the hits in context, and mark the
//! chosen ones with a category in one step. The search itself is
//! `crate::find::find`; this panel keeps the query and which hits are ticked,
//! and hands "mark all" back to the window as one action so that one undo
//! removes every mark it made.

use egui::{RichText, ScrollArea, Ui};

use crate::case::Case;
use crate::find::{self, FindOptions, Hit};
use crate::gui::app::commands::CompareAction;
use crate::gui::session::article_ref;
use crate::model::CategoryId;

#[derive(Clone, Debug, Default)]
pub struct FindView {
    pub query: String,
    pub options: FindOptions,
    /// The category "mark all" applies; the schema's first when unset.
    pub category: Option<CategoryId>,
    hits: Vec<Hit>,
    /// Ticked hits, parallel to `hits`.
    ticked: Vec<bool>,
    /// What `hits` were computed for: query, options, and the article count
    /// (articles can be added while the panel is open).
    searched: Option<(String, FindOptions, usize)>,
}

impl FindView {
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Searches again only when the query, options or articles changed:
    /// texts never change once imported, so hits stay valid between edits.
    fn refresh(&mut self, case: &Case) {
        let key = (self.query.clone(), self.options, case.articles().len());
        if self.searched.as_ref() != Some(&key) {
            self.hits = find::find(case, &self.query, self.options);
            self.ticked = vec![true; self.hits.len()];
            self.searched = Some(key);
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, case: &Case) -> Option<CompareAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            ui.text_edit_singleline(&mut self.query)
                .labelled_by(label.id);
            ui.checkbox(&mut self.options.whole_word, "whole word");
            ui.checkbox(&mut self.options.match_case, "match case");
        });
        self.refresh(case);
        if self.query.trim().is_empty() {
            ui.weak("Type a word or phrase to find it in every article.");
            return None;
        }
        let articles = {
            let mut ids: Vec<_> = self.hits.iter().map(|h| &h.article).collect();
            ids.dedup();
            ids.len()
        };
        ui.label(format!(
            "{} hit(s) in {articles} article(s)",
            self.hits.len()
        ));
        if self.hits.is_empty() {
            return None;
        }
        ui.horizontal(|ui| {
            if ui.button("Tick all").clicked() {
                self.ticked.iter_mut().for_each(|t| *t = true);
            }
            if ui.button("Tick none").clicked() {
                self.ticked.iter_mut().for_each(|t| *t = false);
            }
        });
        ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, (hit, ticked)) in self.hits.iter().zip(&mut self.ticked).enumerate() {
                    ui.push_id(i, |ui| {
                        ui.horizontal(|ui| {
                            // The article names the tick box, for the eye and for screen readers.
                            ui.checkbox(ticked, article_ref(case, &hit.article))
                                .on_hover_text("Include this hit when marking");
                            let before = hit.before.replace('\n', " ");
                            let after = hit.after.replace('\n', " ");
                            ui.label(format!("…{before}"));
                            if ui.link(RichText::new(&hit.matched).strong()).clicked() {
                                action = Some(CompareAction::OpenHit(hit.clone()));
                            }
                            ui.label(format!("{after}…"));
                        });
                    });
                }
            });
        let categories = &case.schema().categories;
        if self.category.is_none() {
            self.category = categories.first().map(|c| c.id.clone());
        }
        let ticked: Vec<Hit> = self
            .hits
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(h, _)| h.clone())
            .collect();
        ui.horizontal(|ui| {
            let current = self
                .category
                .as_ref()
                .and_then(|id| case.schema().category(id))
                .map_or("(no category)".to_string(), |c| c.name.clone());
            egui::ComboBox::from_label("category")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for c in categories {
                        ui.selectable_value(&mut self.category, Some(c.id.clone()), &c.name);
                    }
                });
            let button = egui::Button::new(format!("Mark {} ticked hit(s)", ticked.len()));
            let enabled = !ticked.is_empty() && self.category.is_some();
            if ui
                .add_enabled(enabled, button)
                .on_hover_text("One undo removes every mark this makes.")
                .clicked()
                && let Some(category) = self.category.clone()
            {
                action = Some(CompareAction::MarkAll {
                    hits: ticked,
                    category,
                });
            }
        });
        action
    }
}
