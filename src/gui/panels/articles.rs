//! The left panel: the case's articles (with a small bar of marks per
//! category), who is marking, and the categories with their keys, colours,
//! show/hide toggles and guidelines.

use egui::{CornerRadius, RichText, Sense, Ui, vec2};

use super::Panel;
use crate::gui::commands::Action;
use crate::gui::session::Session;
use crate::gui::widgets::{category_colour, swatch_ui};
use crate::model::Category;

/// Text typed into "add annotator", kept between frames.
#[derive(Default)]
pub struct ArticlesPanel {
    pub new_annotator: String,
}

impl Panel for ArticlesPanel {
    fn ui(&mut self, ui: &mut Ui, session: &Session) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("left panel")
            .show(ui, |ui| {
                ui.heading("Articles");
                self.articles_ui(ui, session, &mut actions);
                ui.separator();
                ui.heading("Annotator");
                self.annotator_ui(ui, session, &mut actions);
                ui.separator();
                ui.heading("Categories");
                categories_ui(ui, session, &mut actions);
            });
        actions
    }
}

impl ArticlesPanel {
    fn articles_ui(&self, ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
        if session.case.articles().is_empty() {
            ui.label("No articles yet. File > Import articles…, or drop .txt/.md files here.");
        }
        let categories = &session.case.schema().categories;
        for article in session.case.articles() {
            let marks = session.case.marks(&session.annotator, &article.meta.id);
            let counts: Vec<usize> = categories
                .iter()
                .map(|c| marks.iter().filter(|m| m.category == c.id).count())
                .collect();
            let selected = session.article.as_ref() == Some(&article.meta.id);
            ui.push_id(("article", &article.meta.id), |ui| {
                let title = if article.text.is_none() {
                    format!("{} (text missing)", article.meta.title)
                } else {
                    article.meta.title.clone()
                };
                let r = ui
                    .selectable_label(selected, RichText::new(title).strong())
                    .on_hover_text(format!(
                        "{}{}{} · {} marks by {}",
                        article.meta.outlet,
                        if article.meta.date.is_empty() {
                            ""
                        } else {
                            ", "
                        },
                        article.meta.date,
                        marks.len(),
                        session.annotator
                    ));
                if r.clicked() && !selected {
                    actions.push(Action::OpenArticle(article.meta.id.clone()));
                }
                ui.horizontal(|ui| {
                    if !article.meta.outlet.is_empty() {
                        ui.small(&article.meta.outlet);
                    }
                    counts_bar_ui(ui, categories, &counts);
                });
            });
        }
    }

    fn annotator_ui(&mut self, ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
        let mut names: Vec<String> = session
            .case
            .annotators()
            .keys()
            .map(|a| a.to_string())
            .collect();
        if !names.contains(&session.annotator.to_string()) {
            names.push(session.annotator.to_string());
            names.sort();
        }
        ui.horizontal(|ui| {
            let label = ui.label("Marking as");
            egui::ComboBox::from_id_salt("annotator")
                .selected_text(session.annotator.as_str())
                .show_ui(ui, |ui| {
                    for name in &names {
                        if ui
                            .selectable_label(name == session.annotator.as_str(), name)
                            .clicked()
                        {
                            actions.push(Action::SwitchAnnotator(name.as_str().into()));
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("Whose marks you see and edit; each annotator has their own files");
        });
        ui.horizontal(|ui| {
            let label = ui.label("New:");
            let edit = egui::TextEdit::singleline(&mut self.new_annotator)
                .hint_text("annotator name")
                .desired_width(110.0);
            let r = ui.add(edit).labelled_by(label.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui
                .button("Add")
                .on_hover_text("Start marking under a new name (letters, digits, - _ .)")
                .clicked()
                || enter)
                && !self.new_annotator.trim().is_empty()
            {
                actions.push(Action::AddAnnotator(self.new_annotator.trim().to_string()));
                self.new_annotator.clear();
            }
        });
    }
}

fn categories_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
    let can_mark = session.selection_range().is_some();
    for cat in &session.case.schema().categories {
        ui.horizontal(|ui| {
            swatch_ui(ui, category_colour(cat));
            let mut shown = !session.hidden.contains(&cat.id);
            let r = ui
                .checkbox(&mut shown, "")
                .on_hover_text(format!("Show or hide {} marks", cat.name));
            r.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::CheckBox,
                    true,
                    shown,
                    format!("show {}", cat.name),
                )
            });
            if r.changed() {
                actions.push(Action::ToggleCategory(cat.id.clone()));
            }
            let button = egui::Button::new(format!("{}  {}", cat.key, cat.name));
            let r = ui
                .add_enabled(can_mark, button)
                .on_hover_text(format!(
                    "Mark the selection as {} (key {})\n\n{}",
                    cat.name, cat.key, cat.guideline
                ))
                .on_disabled_hover_text(format!(
                    "Select text, then press {} or click here\n\n{}",
                    cat.key, cat.guideline
                ));
            if r.clicked() {
                actions.push(Action::MarkAs(cat.id.clone()));
            }
        });
    }
}

/// A small horizontal bar: one segment per category, as wide as its count.
fn counts_bar_ui(ui: &mut Ui, categories: &[Category], counts: &[usize]) {
    let total: usize = counts.iter().sum();
    let width = 90.0;
    let (rect, response) = ui.allocate_exact_size(vec2(width, 8.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, CornerRadius::same(2), ui.visuals().faint_bg_color);
    if total > 0 {
        let mut x = rect.min.x;
        for (cat, &n) in categories.iter().zip(counts) {
            let w = width * n as f32 / total as f32;
            let seg = egui::Rect::from_min_size(egui::pos2(x, rect.min.y), vec2(w, rect.height()));
            painter.rect_filled(seg, 0.0, category_colour(cat));
            x += w;
        }
    }
    let text: Vec<String> = categories
        .iter()
        .zip(counts)
        .map(|(c, n)| format!("{}: {n}", c.name))
        .collect();
    let summary = text.join(", ");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &summary));
    response.on_hover_text(text.join("\n"));
}
