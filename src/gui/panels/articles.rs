//! The left panel: the case's articles (with a small bar of marks per
//! category), who is marking, and the categories with their keys, colours,
//! show/hide toggles and guidelines.

use egui::{CornerRadius, RichText, Sense, Ui, vec2};

use crate::gui::app::commands::Action;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::gui::widgets::{category_colour, swatch_ui};
use crate::model::Category;

/// Text typed into the filter and into "add annotator", and which articles
/// the filter leaves, kept between frames.
#[derive(Default)]
pub struct ArticlesPanel {
    pub new_annotator: String,
    pub filter: String,
    /// Indices of the articles the filter shows, and what they were
    /// computed for (filter text, number of articles): filtering a thousand
    /// titles every frame would cost more than drawing the rows in view.
    shown: Vec<usize>,
    shown_for: Option<(String, usize, bool)>,
}

/// Rows of the article list: a title line and an outlet-and-bar line.
const ROW_LINES: f32 = 2.0;

impl Pane for ArticlesPanel {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let session = scene.session;
        let mut actions = Vec::new();
        ui.heading("Articles");
        self.articles_ui(ui, session, &mut actions);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("left panel")
            .show(ui, |ui| {
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
    /// The filter box and the list, which draws only the rows in view, so
    /// its cost is the same for five articles or a thousand.
    fn articles_ui(&mut self, ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
        let articles = session.case.articles();
        if articles.is_empty() {
            ui.label("No articles yet. File > Import articles…, or drop .txt/.md files here.");
            return;
        }
        if articles.len() > 6 {
            let label = ui.label("Filter:");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("title or outlet")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        }
        let key = (self.filter.to_lowercase(), articles.len(), session.blind());
        if self.shown_for.as_ref() != Some(&key) {
            let needle = key.0.trim();
            // Under blind reading only what is shown can be searched.
            self.shown = (0..articles.len())
                .filter(|&i| {
                    let Some(m) = session.shown_meta_at(i) else {
                        return false;
                    };
                    needle.is_empty()
                        || m.title.to_lowercase().contains(needle)
                        || m.outlet.to_lowercase().contains(needle)
                })
                .collect();
            self.shown_for = Some(key);
        }
        if self.shown.is_empty() {
            ui.weak("No article's title or outlet contains that.");
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * ROW_LINES
            + ui.spacing().item_spacing.y * 2.0;
        let categories: Vec<&Category> = session.case.schema().judgements().collect();
        let outlet_size = ui.text_style_height(&egui::TextStyle::Body) - 1.5;
        egui::ScrollArea::vertical()
            .id_salt("article list")
            .max_height((ui.available_height() * 0.55).max(row_height * 3.0))
            .auto_shrink([false, true])
            .show_rows(ui, row_height, self.shown.len(), |ui, rows| {
                for &i in &self.shown[rows] {
                    let Some(article) = articles.get(i) else {
                        continue;
                    };
                    let marks = session.case.marks(&session.annotator, &article.meta.id);
                    let counts: Vec<usize> = categories
                        .iter()
                        .map(|c| marks.iter().filter(|m| m.category == c.id).count())
                        .collect();
                    let selected = session.article.as_ref() == Some(&article.meta.id);
                    let Some(meta) = session.shown_meta_at(i) else {
                        continue;
                    };
                    ui.push_id(("article", &article.meta.id), |ui| {
                        ui.set_height(row_height - ui.spacing().item_spacing.y);
                        let title = if article.text.is_none() {
                            format!("{} (text missing)", meta.title)
                        } else {
                            meta.title.clone()
                        };
                        let label =
                            egui::Button::selectable(selected, RichText::new(&title).strong())
                                .truncate();
                        let r = ui.add(label).on_hover_text(format!(
                            "{title}\n{}{}{} · {} marks by {}",
                            meta.outlet,
                            if meta.date.is_empty() { "" } else { ", " },
                            meta.date,
                            marks.len(),
                            session.annotator
                        ));
                        if r.clicked() && !selected {
                            actions.push(Action::OpenArticle(article.meta.id.clone()));
                        }
                        ui.horizontal(|ui| {
                            done_ui(ui, session, &article.meta.id, &title, actions);
                            if !meta.outlet.is_empty() {
                                ui.label(RichText::new(&meta.outlet).size(outlet_size));
                            }
                            counts_bar_ui(ui, &categories, &counts);
                        });
                    });
                }
            });
    }

    fn annotator_ui(&mut self, ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
        let key = session.case.key();
        // The answer key is offered only once an instructor unlocked it.
        let mut names: Vec<String> = session
            .case
            .annotators()
            .keys()
            .filter(|a| session.may_mark_as(a))
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
            let label = ui.label("New annotator:");
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
        // A student copy's key (come back as feedback) is read, never marked.
        if let Some(key) = key.filter(|_| session.student_copy().is_none()) {
            let mut unlocked = session.key_unlocked;
            if ui
                .checkbox(&mut unlocked, "Let me mark as the key")
                .on_hover_text(format!(
                    "{key} is this case's answer key: students grade against it. \
Tick this (instructors only) to offer it under Marking as; remembered for this case."
                ))
                .changed()
            {
                actions.push(Action::UnlockKey(unlocked));
            }
        }
    }
}

/// The "done" box of one article: ticked once the annotator marking has
/// handed it in.
fn done_ui(
    ui: &mut Ui,
    session: &Session,
    article: &crate::model::ArticleId,
    title: &str,
    actions: &mut Vec<Action>,
) {
    let mut done = session.case.is_done(&session.annotator, article);
    let r = ui
        .checkbox(&mut done, RichText::new("done").small())
        .on_hover_text(format!(
            "Hand this article in: {} is done marking it. Grading leaves out an article that is \
neither done nor marked.",
            session.annotator
        ));
    r.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, true, done, format!("done: {title}"))
    });
    if r.changed() {
        actions.push(Action::SetDone {
            article: article.clone(),
            done,
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
fn counts_bar_ui(ui: &mut Ui, categories: &[&Category], counts: &[usize]) {
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
