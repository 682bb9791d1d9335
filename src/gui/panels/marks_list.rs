//! The right panel's lower half: the current annotator's marks on this
//! article, in text order, those that need review tagged so; clicking one
//! selects it and scrolls to it.

use egui::{RichText, Ui};

use crate::gui::app::commands::Action;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::gui::widgets::{bidi_text, colour_of, mark_card_ui};
use crate::text::ellipsize;

#[derive(Default)]
pub struct MarksList;

impl Pane for MarksList {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let session = scene.session;
        marks_ui(ui, session)
    }
}

fn marks_ui(ui: &mut Ui, session: &Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let marks = session.marks();
    ui.heading(format!("Marks in this article ({})", marks.len()));
    // What blind reading masks, found once for every row's quote.
    let mask = session.screen_mask();
    // Only the rows in view are built: an article can have thousands of marks.
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body));
    egui::ScrollArea::vertical()
        .id_salt("marks list")
        .auto_shrink([false, true])
        .show_rows(ui, row_height, marks.len(), |ui, rows| {
            for mark in &marks[rows] {
                let colour = colour_of(session.case.schema(), &mark.category);
                let selected = session.selected_mark.as_ref() == Some(&mark.id);
                let quote = session.shown_quote(mark, &mask);
                let text = bidi_text(ui, &format!("“{}”", ellipsize(&quote, 48)), |t| t);
                let r = ui
                    .horizontal(|ui| {
                        ui.set_height(row_height);
                        // Cut to the panel's width (the hover card has it
                        // all): a long quote must not widen the panel and
                        // re-wrap the article.
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, colour);
                        if mark.review.is_some() {
                            ui.label(RichText::new("review").small().strong()).on_hover_text(
                                "Needs review: the text changed under this mark; select it to see both quotes",
                            );
                        }
                        ui.selectable_label(selected, text)
                    })
                    .inner
                    .on_hover_ui(|ui| {
                        mark_card_ui(ui, session.case.schema(), mark, &quote);
                    });
                if r.clicked() {
                    actions.push(Action::GoToMark(mark.id.clone()));
                }
            }
        });
    actions
}
