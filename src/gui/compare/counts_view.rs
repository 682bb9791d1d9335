//! Marks per category per article, absolute or per 1,000 words, as a table
//! and a bar chart, for one annotator or several side by side. The figures
//! are `crate::stats::Stats`, the same struct `candor stats` prints, so the
//! window and the command line cannot disagree.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::{CompareAction, colour};
use crate::model::Schema;
use crate::stats::Stats;

#[derive(Clone, Debug, Default)]
pub struct CountsView {
    /// Show rates per 1,000 words instead of counts: longer articles are not
    /// "more biased" for having more marks.
    pub per_1000_words: bool,
    pub show_chart: bool,
}

/// Data for the counts panel: the figures and the schema that names and
/// colours their categories.
pub struct CountsData<'a> {
    pub stats: &'a Stats,
    pub schema: &'a Schema,
}

impl CountsView {
    pub fn new() -> Self {
        CountsView {
            per_1000_words: false,
            show_chart: true,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &CountsData<'_>) -> Option<CompareAction> {
        let stats = data.stats;
        let mut action = None;
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.per_1000_words, "per 1,000 words");
            ui.checkbox(&mut self.show_chart, "bar chart");
        });
        let Some(first) = stats.annotators.first() else {
            ui.label("No marks yet.");
            return None;
        };
        let name = |c: &str| {
            data.schema
                .category(&crate::model::CategoryId::new(c))
                .map_or(c.to_string(), |cat| cat.name.clone())
        };
        let several = stats.annotators.len() > 1;
        let value_cols = stats.categories.len() * stats.annotators.len();
        TableBuilder::new(ui)
            .id_salt("counts")
            .striped(true)
            .column(Column::auto().at_least(100.0))
            .column(Column::auto())
            .columns(Column::auto().at_least(60.0), value_cols)
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("article");
                });
                header.col(|ui| {
                    ui.strong("words");
                });
                for c in &stats.categories {
                    for a in &stats.annotators {
                        header.col(|ui| {
                            let title = if several {
                                format!("{} · {}", name(c), a.annotator)
                            } else {
                                name(c)
                            };
                            ui.strong(title);
                        });
                    }
                }
            })
            .body(|mut body| {
                for (i, art) in first.articles.iter().enumerate() {
                    body.row(22.0, |mut tr| {
                        tr.col(|ui| {
                            if ui
                                .link(art.article.as_str())
                                .on_hover_text(&art.title)
                                .clicked()
                            {
                                action = Some(CompareAction::OpenArticle(
                                    crate::model::ArticleId::new(art.article.as_str()),
                                ));
                            }
                        });
                        tr.col(|ui| {
                            ui.label(art.words.to_string());
                        });
                        for k in 0..stats.categories.len() {
                            for a in &stats.annotators {
                                tr.col(|ui| {
                                    let Some(row) = a.articles.get(i) else {
                                        return;
                                    };
                                    ui.label(RichText::new(self.figure(row, k)).monospace());
                                });
                            }
                        }
                    });
                }
            });
        if self.show_chart {
            self.chart_ui(ui, data);
        }
        action
    }

    fn figure(&self, row: &crate::stats::ArticleStats, k: usize) -> String {
        if self.per_1000_words {
            row.per_1000_words
                .get(k)
                .map_or(String::new(), |x| format!("{x:.1}"))
        } else {
            row.counts.get(k).map_or(String::new(), usize::to_string)
        }
    }

    /// One bar per article, category and annotator; bars of one article sit
    /// side by side around its position on the x axis.
    fn chart_ui(&self, ui: &mut Ui, data: &CountsData<'_>) {
        let stats = data.stats;
        let series = (stats.categories.len() * stats.annotators.len()).max(1);
        let width = 0.8 / series as f64;
        let mut charts = Vec::new();
        for (k, c) in stats.categories.iter().enumerate() {
            let category = data
                .schema
                .category(&crate::model::CategoryId::new(c.as_str()));
            let rgb = category.map_or([128, 128, 128], |cat| cat.rgb());
            for (j, a) in stats.annotators.iter().enumerate() {
                let slot = k * stats.annotators.len() + j;
                let offset = -0.4 + width * (slot as f64 + 0.5);
                let bars = a
                    .articles
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
                            .name(&row.article)
                    })
                    .collect();
                let label = match category {
                    Some(cat) if stats.annotators.len() > 1 => {
                        format!("{} · {}", cat.name, a.annotator)
                    }
                    Some(cat) => cat.name.clone(),
                    None => format!("{c} · {}", a.annotator),
                };
                charts.push(BarChart::new(label, bars).color(colour(rgb)));
            }
        }
        let names: Vec<String> = stats
            .annotators
            .first()
            .map(|a| a.articles.iter().map(|r| r.article.clone()).collect())
            .unwrap_or_default();
        Plot::new("counts chart")
            .legend(Legend::default())
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
