//! One student's grade against the key: the scores per category with the
//! counts behind them, then every feedback item article by article in text
//! order, each a link that opens its words with the key overlaid.

use egui::{Grid, RichText, Ui};

use super::options::{options_ui, rules_ui};
use crate::export::grade::table::{SCORE_HEADER, score_row};
use crate::export::grade::words::{
    claim_line_named, claims_summary_line, hand_in_words, item_details, item_sentence,
};
use crate::grade::{Grade, GradeOptions, HandIn};
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::gui::text::overlay::outcome_heading;

pub fn ui(ui: &mut Ui, s: &Session, g: &Grade, options: &mut GradeOptions) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.heading(format!("{}, against the key of {}", g.student, g.rules.key));
    options_ui(ui, options);
    if s.case.key() == Some(&g.student) {
        ui.label(
            "You are marking as the key, so every mark matches itself. Pick a student under \
Annotator to see their feedback, or open the Class view.",
        );
    }
    rules_ui(ui, &g.rules, true);
    ui.add_space(6.0);
    // The table scrolls sideways on its own, so the feedback below wraps
    // to the width the window has.
    egui::ScrollArea::horizontal()
        .id_salt("feedback scores scroll")
        .show(ui, |ui| {
            Grid::new("feedback scores")
                .striped(true)
                .num_columns(SCORE_HEADER.len())
                .show(ui, |ui| {
                    for h in SCORE_HEADER {
                        ui.strong(h);
                    }
                    ui.end_row();
                    let rows = g.categories.iter().map(|c| score_row(&c.name, &c.score));
                    for row in rows.chain([score_row("all", &g.overall)]) {
                        for cell in row {
                            ui.label(cell);
                        }
                        ui.end_row();
                    }
                });
        });
    let not_in: Vec<String> = g
        .not_handed_in()
        .map(|a| s.article_name(&a.article))
        .collect();
    if !not_in.is_empty() {
        ui.label(format!(
            "Not handed in: {}. The key's {} mark(s) there are not counted.",
            not_in.join(", "),
            g.key_marks_not_counted()
        ));
    }
    for a in &g.articles {
        ui.add_space(8.0);
        ui.strong(format!(
            "{} ({})",
            s.article_name(&a.article),
            hand_in_words(a.hand_in)
        ));
        if a.hand_in == HandIn::NotHandedIn {
            ui.weak(format!(
                "Not graded: the key's {} mark(s) here are not counted.",
                a.key_marks
            ));
            continue;
        }
        if a.items.is_empty() {
            ui.weak("No marks here, in the key or yours.");
        }
        for item in &a.items {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(outcome_heading(item.outcome)).strong());
                let link = ui.link(item_sentence(item)).on_hover_text(
                    "Open the article at these words, with the key's marks outlined",
                );
                if link.clicked() {
                    actions.push(Action::OpenFeedback {
                        article: a.article.clone(),
                        range: item.range(),
                        mark: item.student.as_ref().map(|m| m.mark.clone()),
                        reference: g.rules.key.clone(),
                    });
                }
            });
            for line in item_details(item) {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(24.0);
                    ui.weak(line);
                });
            }
        }
    }
    if !g.claims.is_empty() {
        ui.add_space(8.0);
        ui.strong(claims_summary_line(g));
        for c in &g.claims {
            ui.label(claim_line_named(c, &|a| s.article_ref(a)));
        }
    }
    actions
}
