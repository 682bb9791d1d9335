//! The Agreement view: the annotators' agreement (`crate::agree`), built by
//! the core and kept until the case changes, drawn as an annotator x
//! annotator matrix for one category (or all) and one pairwise measure,
//! (for a class too large to list every pair, one row per annotator
//! against the rest, `agree::PAIRS_LISTED_UP_TO`),
//! the per-article figures, and the places the annotators split on most,
//! each a link to its words. Cells are written by `export::agree::table`, as
//! `candor agree` writes them.

use egui::{RichText, Ui};

use crate::agree::{self, AgreeOptions, Agreement, Figure, PairMeasures};
use crate::export::agree::table::{because, figure, rules_lines};
use crate::find::Hit;
use crate::gui::app::commands::Action;
use crate::gui::app::commands::CompareAction;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::gui::views::computed::{self, Computed, Wake, Words};

/// Which pairwise figure the matrix shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PairMeasure {
    #[default]
    Kappa,
    Alpha,
    F1Exact,
    F1Overlap,
}

impl PairMeasure {
    pub const ALL: [PairMeasure; 4] = [
        PairMeasure::Kappa,
        PairMeasure::Alpha,
        PairMeasure::F1Exact,
        PairMeasure::F1Overlap,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PairMeasure::Kappa => "Cohen's kappa",
            PairMeasure::Alpha => "alpha",
            PairMeasure::F1Exact => "F1 exact",
            PairMeasure::F1Overlap => "F1 overlap",
        }
    }

    fn of(self, m: &PairMeasures) -> Figure {
        match self {
            PairMeasure::Kappa => m.kappa,
            PairMeasure::Alpha => m.alpha,
            PairMeasure::F1Exact => m.f1_exact,
            PairMeasure::F1Overlap => m.f1_overlap,
        }
    }
}

#[derive(Default)]
pub struct AgreementView {
    pub measure: PairMeasure,
    /// The category the matrix shows; `None` for all of them.
    pub category: Option<usize>,
    /// The figures, for the generation and article count they were
    /// computed for.
    data: Computed<(u64, usize), Agreement>,
}

const AGREEMENT: Words = Words {
    computing: "Computing agreement",
    steps: "steps",
    doing: "Computing agreement",
};

impl AgreementView {
    /// How many times the figures were built (tests check the cache).
    pub fn builds(&self) -> u64 {
        self.data.builds()
    }

    /// Whether the figures are being computed off the UI thread.
    pub fn computing(&self) -> bool {
        self.data.is_running()
    }

    /// The last figures computed (greyed while newer ones are computed).
    pub fn agreement(&self) -> Option<&Agreement> {
        self.data.shown()
    }

    /// Whether the figures shown are for the case as it is now.
    pub fn is_current(&self) -> bool {
        self.data.is_current()
    }

    fn refresh(&mut self, s: &Session, wake: Wake) {
        let key = (s.generation(), s.case.articles().len());
        self.data.refresh(&key, || {
            let who = agree::default_annotators(&s.case);
            let case = s.case.snapshot();
            computed::spawn("Computing agreement", wake, move |progress| {
                Agreement::build_with_progress(&case, &who, &AgreeOptions::default(), progress)
            })
        });
    }
}

impl Pane for AgreementView {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        self.refresh(scene.session, computed::wake(ui));
        self.data.status_ui(ui, &AGREEMENT);
        let current = self.data.is_current();
        let Some(a) = self.data.shown() else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        let (measure, category) = (&mut self.measure, &mut self.category);
        // Figures from before the last change are greyed, not clickable.
        ui.add_enabled_ui(current, |ui| {
            figures_ui(ui, scene.session, a, measure, category, &mut actions)
        });
        actions
    }
}

/// The figures: the rules, the matrix (or each against the rest), the
/// articles and the places most split.
fn figures_ui(
    ui: &mut Ui,
    s: &Session,
    a: &Agreement,
    measure: &mut PairMeasure,
    category: &mut Option<usize>,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::both()
        .id_salt("agreement view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for line in rules_lines(a) {
                ui.weak(line);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                for m in PairMeasure::ALL {
                    ui.radio_value(measure, m, m.label());
                }
                ui.separator();
                let current = category
                    .and_then(|c| a.categories.get(c))
                    .map_or("All categories", |c| c.name.as_str());
                egui::ComboBox::from_label("Category")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(category, None, "All categories");
                        for (i, c) in a.categories.iter().enumerate() {
                            ui.selectable_value(category, Some(i), &c.name);
                        }
                    });
            });
            ui.add_space(4.0);
            matrix_ui(ui, a, *measure, *category);
            ui.add_space(8.0);
            ui.heading("Per article");
            articles_ui(ui, s, a);
            ui.add_space(8.0);
            ui.heading("Where they split most");
            if a.disputes.is_empty() {
                ui.weak("Nowhere: every unit was marked by all or by none.");
            }
            for d in &a.disputes {
                let category = a
                    .categories
                    .iter()
                    .find(|c| c.id == d.category)
                    .map_or(d.category.as_str(), |c| c.name.as_str());
                let text = format!(
                    "{} {}..{}, {}: {} of {} marked \u{201c}{}\u{201d}",
                    s.article_ref(&d.article),
                    d.range.start.0,
                    d.range.end.0,
                    category,
                    d.marked,
                    d.of,
                    crate::text::ellipsize(&d.quote, 80)
                );
                if ui
                    .link(text)
                    .on_hover_text("Open the article with these words selected")
                    .clicked()
                {
                    actions.push(Action::Compare(CompareAction::OpenHit(Hit {
                        article: d.article.clone(),
                        range: d.range,
                        matched: d.quote.clone(),
                        before: String::new(),
                        after: String::new(),
                    })));
                }
            }
        });
}

/// A figure as a cell, with the reason it is undefined on hover.
fn figure_ui(ui: &mut Ui, f: Figure) {
    let r = ui.label(figure(f));
    if let Figure::Undefined(why) = f {
        r.on_hover_text(because(why));
    }
}

fn matrix_ui(ui: &mut Ui, a: &Agreement, measure: PairMeasure, category: Option<usize>) {
    if a.annotators.len() < 2 {
        ui.label(format!(
            "{} annotator(s) to compare (everyone but the answer key and gold): agreement needs two.",
            a.annotators.len()
        ));
        return;
    }
    if !a.pairs_listed {
        rest_ui(ui, a, measure, category);
        return;
    }
    egui::Grid::new("agreement matrix")
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for x in &a.annotators {
                ui.label(RichText::new(x.as_str()).strong());
            }
            ui.end_row();
            for x in &a.annotators {
                ui.label(RichText::new(x.as_str()).strong());
                for y in &a.annotators {
                    if x == y {
                        ui.weak("-");
                        continue;
                    }
                    match a.pair(x, y) {
                        Some(p) => {
                            let m = match category {
                                Some(c) => p.categories.get(c).unwrap_or(&p.overall),
                                None => &p.overall,
                            };
                            let f = measure.of(m);
                            let r = ui.label(figure(f));
                            let mut hover = format!(
                                "{x} / {y}: {} over the {} article(s) both handed in",
                                measure.label(),
                                p.articles
                            );
                            if let Figure::Undefined(why) = f {
                                hover = format!("{hover}; undefined: {}", because(why));
                            }
                            r.on_hover_text(hover);
                        }
                        None => {
                            ui.weak("-");
                        }
                    }
                }
                ui.end_row();
            }
        });
}

/// A class too large for the matrix: each annotator against the rest.
fn rest_ui(ui: &mut Ui, a: &Agreement, measure: PairMeasure, category: Option<usize>) {
    ui.label(format!(
        "{} annotators: too many for an annotator x annotator matrix. Each annotator against the rest instead (all their pairs summed); `candor agree --pairs` lists every pair.",
        a.annotators.len()
    ));
    egui::Grid::new("agreement against the rest")
        .striped(true)
        .show(ui, |ui| {
            for h in ["annotator vs rest", "pairs", measure.label()] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in &a.rest {
                ui.label(r.annotator.as_str());
                ui.label(r.pairs.to_string());
                let m = match category {
                    Some(c) => r.categories.get(c).unwrap_or(&r.overall),
                    None => &r.overall,
                };
                figure_ui(ui, measure.of(m));
                ui.end_row();
            }
        });
}

/// Each article by the name the window gives it (under blind reading
/// "Article n", its id and title hidden).
fn articles_ui(ui: &mut Ui, s: &Session, a: &Agreement) {
    egui::Grid::new("agreement per article")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "article",
                "alpha",
                "Fleiss kappa",
                "alpha_U",
                "F1 (overlap)",
                "missing",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for art in &a.articles {
                ui.label(s.article_name(&art.article))
                    .on_hover_text(s.article_ref(&art.article));
                let m = &art.scope.overall;
                for f in [m.alpha, m.fleiss, m.alpha_u, m.f1_overlap] {
                    figure_ui(ui, f);
                }
                let missing: Vec<&str> = art.missing.iter().map(|x| x.as_str()).collect();
                ui.label(if missing.is_empty() {
                    "-".to_string()
                } else {
                    missing.join(", ")
                });
                ui.end_row();
            }
        });
}
