//! What the Feedback and Class views both show above their figures: the
//! matching rule and partial credit to choose, and how the grade was
//! computed, in words.

use egui::Ui;

use crate::export::grade::words::rules_lines;
use crate::grade::{GradeOptions, MatchRule, Rules};

/// The matching rule and partial credit: the same choices as `--match`
/// and `--partial-credit`.
pub(super) fn options_ui(ui: &mut Ui, options: &mut GradeOptions) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Match:");
        for (rule, name, hint) in [
            (
                MatchRule::HALF,
                "half",
                "The overlap covers at least half of the longer mark (the default)",
            ),
            (
                MatchRule::Overlap,
                "overlap",
                "Any overlap of one character or more",
            ),
            (MatchRule::Exact, "exact", "The same characters exactly"),
        ] {
            ui.radio_value(&mut options.rule, rule, name)
                .on_hover_text(hint);
        }
        ui.separator();
        let mut partial = options.boundary_credit > 0.0;
        if ui
            .checkbox(&mut partial, "partial credit")
            .on_hover_text("A boundary pair (right place, different extent) counts as half a match")
            .changed()
        {
            options.boundary_credit = if partial { 0.5 } else { 0.0 };
        }
    });
}

/// How the figures were computed, one sentence each, as every grade output
/// states them.
pub(super) fn rules_ui(ui: &mut Ui, rules: &Rules, open: bool) {
    egui::CollapsingHeader::new("How this is graded")
        .id_salt("grading rules")
        .default_open(open)
        .show(ui, |ui| {
            for line in rules_lines(rules) {
                ui.weak(line);
            }
        });
}
