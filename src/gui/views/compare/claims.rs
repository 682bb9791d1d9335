//! Claims x articles: for each claim, how each article carries it. A reader
//! sees at a glance which outlets attribute a claim (to whom, with which
//! verb) and which state it as fact; contested rows are drawn in the warning
//! colour with a marker so they stand out. Hovering a cell shows the quoted
//! words; clicking it opens the article at the mark.

use egui::{Color32, RichText, Role, Ui, WidgetInfo};
use egui_extras::{Column, TableBuilder};

use super::column_label;
use crate::compare::{Carriage, ClaimCell, ClaimsTable};
use crate::export::compare::table::{carriage_short, carriage_words};
use crate::gui::app::commands::CompareAction;
use crate::model::{LinkId, LinkRef, Schema};

/// The panel's own state: which claim is highlighted.
#[derive(Clone, Debug, Default)]
pub struct ClaimsView {
    pub selected: Option<LinkId>,
}

/// What a claim is called on screen: its label, or its id if it has none.
pub fn claim_name<'a>(id: &'a LinkId, label: &'a str) -> &'a str {
    if label.trim().is_empty() {
        id.as_str()
    } else {
        label
    }
}

/// The marker before a contested claim, in the table and the legend. Plain
/// ASCII: egui's bundled fonts have no warning-sign glyph.
pub const CONTESTED_MARK: &str = "!";

impl ClaimsView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        table: &ClaimsTable,
        schema: &Schema,
        blind: bool,
    ) -> Option<CompareAction> {
        let mut action = None;
        if table.rows.is_empty() {
            ui.label(format!(
                "{} has no claims yet. Select a mark and choose \"New claim\" in the inspector.",
                table.annotator
            ));
            return None;
        }
        let warn = ui.visuals().warn_fg_color;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{CONTESTED_MARK} contested")).color(warn))
                .on_hover_text("One article attributes the claim, another states it as fact.");
            ui.label(RichText::new("stated as fact").color(fact_colour(ui)));
            ui.label(RichText::new("attributed").color(attributed_colour(ui)));
            ui.label(RichText::new("hedged").color(hedged_colour(ui)));
        });
        ui.separator();
        let gaps = ui.spacing().item_spacing.x * (table.columns.len() + 1) as f32;
        let cell_width = cell_width(ui.available_width() - gaps, table.columns.len());
        // Two lines a row: a cell says who is cited and with which verb.
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 6.0;
        TableBuilder::new(ui)
            .id_salt("claims x articles")
            .striped(true)
            .resizable(true)
            // The articles' columns as wide as a short attribution needs;
            // the claim takes the rest.
            .column(Column::remainder().at_least(180.0).clip(true))
            .columns(Column::initial(cell_width).at_least(110.0).clip(true), table.columns.len())
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("claim");
                });
                for col in &table.columns {
                    header.col(|ui| {
                        let r = ui.strong(column_label(col));
                        r.on_hover_text(super::article_hover(&col.title, &col.outlet));
                    });
                }
            })
            .body(|mut body| {
                for row in &table.rows {
                    body.row(row_height, |mut tr| {
                        tr.col(|ui| {
                            tint_if(ui, row.contested, warn);
                            // The claim's name: its id is random letters
                            // that say nothing to a reader.
                            let name = claim_name(&row.claim, &row.label);
                            let mut text = RichText::new(name);
                            if row.contested {
                                text = RichText::new(format!("{CONTESTED_MARK} {name}"))
                                .color(warn)
                                .strong();
                            }
                            let selected = self.selected.as_ref() == Some(&row.claim);
                            let mut r = ui.add(egui::Button::selectable(selected, text).wrap());
                            if row.contested {
                                r = r.on_hover_text(
                                    "Contested: one article attributes this claim, another states it as fact.",
                                );
                            }
                            if !row.unresolved.is_empty() {
                                let ids: Vec<&str> =
                                    row.unresolved.iter().map(|m| m.as_str()).collect();
                                r = r.on_hover_text(format!(
                                    "No such mark(s): {} (see Check)",
                                    ids.join(", ")
                                ));
                            }
                            if r.clicked() {
                                self.selected = Some(row.claim.clone());
                                action = Some(CompareAction::Follow(LinkRef::Claim(row.claim.clone())));
                            }
                        });
                        for (col, cell) in table.columns.iter().zip(&row.cells) {
                            tr.col(|ui| {
                                tint_if(ui, row.contested, warn);
                                // Under blind reading the id could name the
                                // outlet; the column's title is "Article n".
                                let article = if blind { col.title.as_str() } else { col.article.as_str() };
                                let name = format!(
                                    "{} in {}",
                                    claim_name(&row.claim, &row.label),
                                    article
                                );
                                if let Some(mark) = cell_ui(ui, &name, cell, schema) {
                                    action = Some(CompareAction::OpenMark {
                                        article: col.article.clone(),
                                        mark,
                                    });
                                }
                            });
                        }
                    });
                }
            });
        action
    }
}

/// One cell; returns the mark to open when clicked. `name` ("c3 in ledger")
/// goes into the accessible label, so a screen reader says which cell it is.
fn cell_ui(
    ui: &mut Ui,
    name: &str,
    cell: &ClaimCell,
    schema: &Schema,
) -> Option<crate::model::MarkId> {
    let colour = match &cell.carriage {
        Carriage::Absent => {
            ui.weak("—");
            return None;
        }
        Carriage::StatedAsFact => fact_colour(ui),
        Carriage::Hedged => hedged_colour(ui),
        Carriage::Attributed { .. } => attributed_colour(ui),
    };
    // "Pentagon: said · neutral", in the schema's words, on up to two lines.
    // Longer than two lines ends in "…" rather than being cut mid-line; the
    // hover says it whole.
    let text = carriage_short(&cell.carriage, schema);
    let mut job = egui::text::LayoutJob::default();
    RichText::new(&text).color(colour).underline().append_to(
        &mut job,
        ui.style(),
        egui::FontSelection::Default,
        egui::Align::Min,
    );
    job.wrap = egui::text::TextWrapping {
        max_width: ui.available_width(),
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let response = ui.add(egui::Label::new(galley).sense(egui::Sense::click()));
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, format!("{name}: {text}")));
    let response = response.on_hover_ui(|ui| {
        ui.label(carriage_words(&cell.carriage, schema));
        for m in &cell.marks {
            ui.label(format!("“{}”", m.quote));
            ui.weak(format!(
                "{} · {}",
                m.mark,
                schema.category_name(&m.category)
            ));
        }
    });
    if response.clicked() {
        return cell.marks.first().map(|m| m.mark.clone());
    }
    None
}

/// How wide an article's column is: enough for a short attribution on two
/// lines, so the claims' own column gets the rest.
fn cell_width(available: f32, articles: usize) -> f32 {
    ((available - 240.0) / articles.max(1) as f32).clamp(110.0, 210.0)
}

/// Tints a contested row's cells so the row stands out even in a long table.
fn tint_if(ui: &mut Ui, contested: bool, warn: Color32) {
    if contested {
        let rect = ui.max_rect();
        ui.painter()
            .rect_filled(rect, 0.0, warn.gamma_multiply(0.12));
    }
}

fn fact_colour(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

fn attributed_colour(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(120, 170, 230)
    } else {
        Color32::from_rgb(40, 90, 160)
    }
}

fn hedged_colour(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(220, 190, 90)
    } else {
        Color32::from_rgb(150, 110, 0)
    }
}
