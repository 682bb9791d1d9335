//! Marks per category per article, absolute or per 1,000 words, as a table
//! and a bar chart, for one annotator or several side by side. The figures
//! are `crate::compare::CountsTable`, which is `candor stats` rearranged, and
//! each cell and column title is written by the same functions as the text
//! table (`crate::export::compare::table`), so the window and the command line cannot
//! disagree.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Plot};

use crate::compare::{CountsColumn, CountsRow, CountsTable};
use crate::export::compare::table::{counts_cell, counts_column_title};
use crate::gui::app::commands::CompareAction;
use crate::gui::widgets::swatch_ui;
use crate::model::Schema;

#[derive(Clone, Debug)]
pub struct CountsView {
    /// Rates per 1,000 words instead of counts: a longer article does not
    /// look more loaded just for having more marks.
    pub per_1000_words: bool,
    pub show_chart: bool,
}

impl Default for CountsView {
    fn default() -> Self {
        CountsView {
            per_1000_words: false,
            show_chart: true,
        }
    }
}

/// Data for the counts panel: the figures and the schema that names and
/// colours their categories.
pub struct CountsData<'a> {
    pub table: &'a CountsTable,
    pub schema: &'a Schema,
}

impl CountsData<'_> {
    fn title(&self, col: &CountsColumn) -> String {
        let name = self
            .schema
            .category(&col.category)
            .map_or(col.category.as_str(), |c| c.name.as_str());
        counts_column_title(self.table, col, name)
    }

    /// The category's colour; with several annotators each gets its own
    /// shade of it (the first full, the next lighter, then darker), so their
    /// bars stand apart in the chart and in print.
    fn shade(&self, col: &CountsColumn) -> Color32 {
        let [r, g, b] = self
            .schema
            .category(&col.category)
            .map_or([128, 128, 128], |c| c.rgb());
        let k = self
            .table
            .columns
            .iter()
            .filter(|c| c.category == col.category)
            .position(|c| c.annotator == col.annotator)
            .unwrap_or(0);
        let mix = |v: u8, to: u8, t: f32| (v as f32 + (to as f32 - v as f32) * t).round() as u8;
        let (to, t) = match k % 3 {
            0 => (0, 0.0),
            1 => (255, 0.45),
            _ => (0, 0.4),
        };
        Color32::from_rgb(mix(r, to, t), mix(g, to, t), mix(b, to, t))
    }
}

/// What a row is called: the article's outlet, as the other views name
/// articles, else its title, else its id.
fn row_label(row: &CountsRow) -> String {
    if !row.outlet.is_empty() {
        row.outlet.clone()
    } else if !row.title.is_empty() {
        crate::text::ellipsize(&row.title, 32)
    } else {
        row.article.to_string()
    }
}

impl CountsView {
    pub fn ui(&mut self, ui: &mut Ui, data: &CountsData<'_>) -> Option<CompareAction> {
        let table = data.table;
        let mut action = None;
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.per_1000_words, "per 1,000 words");
            ui.checkbox(&mut self.show_chart, "bar chart");
        });
        if table.rows.is_empty() {
            ui.label("No marks yet.");
            return None;
        }
        TableBuilder::new(ui)
            .id_salt("counts")
            .striped(true)
            .column(Column::auto().at_least(100.0))
            .column(Column::auto())
            .columns(Column::auto().at_least(60.0), table.columns.len())
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("article");
                });
                header.col(|ui| {
                    ui.strong("words");
                });
                for col in &table.columns {
                    header.col(|ui| {
                        ui.strong(data.title(col));
                    });
                }
            })
            .body(|mut body| {
                for row in &table.rows {
                    body.row(22.0, |mut tr| {
                        tr.col(|ui| {
                            let link = ui
                                .link(row_label(row))
                                .on_hover_text(super::article_hover(&row.title, &row.outlet));
                            if link.clicked() {
                                action = Some(CompareAction::OpenArticle(row.article.clone()));
                            }
                        });
                        tr.col(|ui| {
                            ui.label(row.words.to_string());
                        });
                        for i in 0..table.columns.len() {
                            tr.col(|ui| {
                                let figure = counts_cell(row, i, self.per_1000_words);
                                ui.label(RichText::new(figure).monospace());
                            });
                        }
                    });
                }
            });
        if self.show_chart {
            self.chart_ui(ui, data);
        }
        action
    }

    /// One series per column of the table; the bars of one article sit side
    /// by side around its position on the x axis.
    fn chart_ui(&self, ui: &mut Ui, data: &CountsData<'_>) {
        let table = data.table;
        let series = table.columns.len().max(1);
        let width = 0.8 / series as f64;
        let charts: Vec<BarChart> = table
            .columns
            .iter()
            .enumerate()
            .map(|(k, col)| {
                let offset = -0.4 + width * (k as f64 + 0.5);
                let bars = table
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let value = if self.per_1000_words {
                            row.per_1000_words.get(k).copied().unwrap_or(0.0)
                        } else {
                            row.counts.get(k).copied().unwrap_or(0) as f64
                        };
                        Bar::new(i as f64 + offset, value)
                            .width(width)
                            .name(row_label(row))
                    })
                    .collect();
                BarChart::new(data.title(col), bars).color(data.shade(col))
            })
            .collect();
        // The legend above the plot, never over its bars.
        ui.horizontal_wrapped(|ui| {
            for col in &table.columns {
                swatch_ui(ui, data.shade(col));
                ui.label(data.title(col));
                ui.add_space(8.0);
            }
        });
        let names: Vec<String> = table.rows.iter().map(row_label).collect();
        Plot::new("counts chart")
            .height(220.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .x_axis_formatter(move |mark, _range| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    names.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                for chart in charts {
                    plot.bar_chart(chart);
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotatorId, CategoryId};

    #[test]
    fn each_annotator_gets_its_own_shade_of_a_category() {
        let schema = Schema::default_schema();
        let col = |annotator: &str| CountsColumn {
            category: CategoryId::new("loaded"),
            annotator: AnnotatorId::new(annotator),
        };
        let table = CountsTable {
            columns: vec![col("amara"), col("ben"), col("key")],
            rows: Vec::new(),
        };
        let data = CountsData {
            table: &table,
            schema: &schema,
        };
        let shades: Vec<Color32> = table.columns.iter().map(|c| data.shade(c)).collect();
        assert_ne!(shades[0], shades[1]);
        assert_ne!(shades[1], shades[2]);
        assert_ne!(shades[0], shades[2]);
        let [r, g, b] = schema
            .category(&CategoryId::new("loaded"))
            .expect("loaded")
            .rgb();
        assert_eq!(
            shades[0],
            Color32::from_rgb(r, g, b),
            "the first is the category's own"
        );
    }
}
