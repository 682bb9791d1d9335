//! Actors x articles: the words each article uses for each party ("the
//! protesters", "land defenders", "activists"), coloured by the polarity the
//! annotator gave them when the mark is loaded wording. Clicking a word opens
//! the article at that mark; clicking an actor highlights all its marks.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{column_label, widths};
use crate::compare::{ActorWords, ActorsTable, LOADED};
use crate::gui::app::commands::CompareAction;
use crate::model::{AttrValue, CategoryId, LinkId, LinkRef, Schema};

#[derive(Clone, Debug, Default)]
pub struct ActorsView {
    pub selected: Option<LinkId>,
}

impl ActorsView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        table: &ActorsTable,
        schema: &Schema,
    ) -> Option<CompareAction> {
        let mut action = None;
        if table.rows.is_empty() {
            ui.label(format!(
                "{} has no actors yet. Select a name in an article and choose \"New actor\" in the inspector.",
                table.annotator
            ));
            return None;
        }
        legend_ui(ui, schema);
        ui.separator();
        let gaps = ui.spacing().item_spacing.x * (table.columns.len() + 1) as f32;
        let (first_width, cell_width) = widths(ui.available_width() - gaps, table.columns.len());
        TableBuilder::new(ui)
            .id_salt("actors x articles")
            .striped(true)
            .resizable(true)
            // Share the width the window gives: a cell that fits shows the
            // source and verb without hovering.
            .column(Column::initial(first_width).at_least(140.0).clip(true))
            .columns(
                Column::initial(cell_width).at_least(120.0).clip(true),
                table.columns.len(),
            )
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("actor");
                });
                for col in &table.columns {
                    header.col(|ui| {
                        ui.strong(column_label(col))
                            .on_hover_text(super::article_hover(&col.title, &col.outlet));
                    });
                }
            })
            .body(|mut body| {
                for row in &table.rows {
                    body.row(24.0, |mut tr| {
                        tr.col(|ui| {
                            let selected = self.selected.as_ref() == Some(&row.actor);
                            if ui
                                .selectable_label(selected, format!("{} {}", row.actor, row.name))
                                .clicked()
                            {
                                self.selected = Some(row.actor.clone());
                                action =
                                    Some(CompareAction::Follow(LinkRef::Actor(row.actor.clone())));
                            }
                        });
                        for (col, words) in table.columns.iter().zip(&row.cells) {
                            tr.col(|ui| {
                                if words.is_empty() {
                                    ui.weak("—");
                                }
                                ui.horizontal(|ui| {
                                    for w in words {
                                        if word_ui(ui, w) {
                                            action = w.marks.first().map(|mark| {
                                                CompareAction::OpenMark {
                                                    article: col.article.clone(),
                                                    mark: mark.clone(),
                                                }
                                            });
                                        }
                                    }
                                });
                            });
                        }
                    });
                }
            });
        action
    }
}

/// What the colours and the "×2" of the cells mean.
fn legend_ui(ui: &mut Ui, schema: &Schema) {
    let label = |id: &str| {
        schema.value_label(
            &CategoryId::new(LOADED),
            "polarity",
            &AttrValue::Text(id.to_string()),
        )
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("The words each article uses for each party:");
        ui.label(RichText::new(label("negative")).color(polarity_colour(ui, Some("negative"))));
        ui.label(RichText::new(label("positive")).color(polarity_colour(ui, Some("positive"))));
        ui.label("loaded wording;");
        ui.label(RichText::new("plain").color(polarity_colour(ui, None)))
            .on_hover_text("Not marked as loaded, or no polarity recorded");
        ui.label("otherwise; ×2 = the same words twice. Click words to open them, an actor to follow it.");
    });
}

fn polarity_colour(ui: &Ui, polarity: Option<&str>) -> Color32 {
    match polarity {
        Some("negative") => ui.visuals().error_fg_color,
        Some("positive") => Color32::from_rgb(60, 160, 90),
        _ => ui.visuals().text_color(),
    }
}

/// One wording; true when clicked.
fn word_ui(ui: &mut Ui, w: &ActorWords) -> bool {
    let colour = polarity_colour(ui, w.polarity.as_deref());
    let mut text = w.words.clone();
    if w.marks.len() > 1 {
        text.push_str(&format!(" ×{}", w.marks.len()));
    }
    let ids: Vec<&str> = w.marks.iter().map(|m| m.as_str()).collect();
    let polarity = w.polarity.as_deref().unwrap_or("no polarity recorded");
    ui.link(RichText::new(text).color(colour))
        .on_hover_text(format!("{polarity} · {}", ids.join(", ")))
        .clicked()
}
