//! The right panel's lower half: the current annotator's marks on this
//! article, in text order; clicking one selects it and scrolls to it.

use egui::{RichText, Ui};

use super::articles_panel::category_colour;
use super::commands::Action;
use super::session::Session;
use super::text_view::ellipsis;

pub fn ui(ui: &mut Ui, session: &Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let marks = session.marks();
    ui.heading(format!("Marks in this article ({})", marks.len()));
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
                let cat = session.case.schema.category(&mark.category);
                let colour = cat.map_or(ui.visuals().text_color(), category_colour);
                let selected = session.selected_mark.as_ref() == Some(&mark.id);
                let text = RichText::new(format!("“{}”", ellipsis(&mark.quote, 48)));
                let r = ui
                    .horizontal(|ui| {
                        ui.set_height(row_height);
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, colour);
                        ui.selectable_label(selected, text)
                    })
                    .inner
                    .on_hover_ui(|ui| {
                        super::text_view::mark_summary_ui(ui, &session.case.schema, mark);
                    });
                if r.clicked() {
                    actions.push(Action::GoToMark(mark.id.clone()));
                }
            }
        });
    actions
}
