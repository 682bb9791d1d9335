//! "Compare with…": another annotator's marks (the answer key's, or a
//! classmate's) drawn over the text being read, each paired with the
//! reader's own marks by grading's rules (`grade::article_items`), so what
//! the window shows is what `candor grade` reports. The outcomes are told
//! apart by the outline drawn around the other's words and by a badge at
//! the end of the item, never by colour alone (a classroom projector washes
//! colours out, and some readers do not see them):
//!
//! | outcome         | outline around the other's words | badge |
//! |-----------------|----------------------------------|-------|
//! | matched         | solid                            | `=`   |
//! | boundary        | dotted (their extent)            | `~`   |
//! | other category  | double                           | `≠`   |
//! | missed          | dashed                           | `!`   |
//! | extra (yours)   | none                             | `+`   |

use egui::{Color32, FontId, Painter, Pos2, Rect, RichText, Stroke, Ui, pos2, vec2};

use crate::export::grade::words::{item_details_by, item_sentence_by, outcome_label, rule_words};
use crate::grade::{Item, MatchRule, Outcome};
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::model::AnnotatorId;

/// The five outcomes in the order legends list them.
pub const OUTCOMES: [Outcome; 5] = [
    Outcome::Matched,
    Outcome::Boundary,
    Outcome::OtherCategory,
    Outcome::Missed,
    Outcome::Extra,
];

/// How the other annotator's mark is outlined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outline {
    Solid,
    Double,
    Dotted,
    Dashed,
    /// Nothing of theirs to outline: the mark is the reader's alone.
    None,
}

/// How an outcome looks: its outline and its badge.
pub fn outline(outcome: Outcome) -> Outline {
    match outcome {
        Outcome::Matched => Outline::Solid,
        Outcome::Boundary => Outline::Dotted,
        Outcome::OtherCategory => Outline::Double,
        Outcome::Missed => Outline::Dashed,
        Outcome::Extra => Outline::None,
    }
}

/// The badge at the end of an item: one character with a glyph in egui's
/// own fonts, so it shows on every machine.
pub fn badge(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Matched => "=",
        Outcome::Boundary => "~",
        Outcome::OtherCategory => "≠",
        Outcome::Missed => "!",
        Outcome::Extra => "+",
    }
}

/// `= matched`: an outcome's badge and name, as item headings show it.
pub fn outcome_heading(outcome: Outcome) -> String {
    format!("{} {}", badge(outcome), outcome_label(outcome))
}

/// What the outline is called in the legend.
fn outline_words(outline: Outline) -> &'static str {
    match outline {
        Outline::Solid => "solid outline",
        Outline::Double => "double outline",
        Outline::Dotted => "dotted outline",
        Outline::Dashed => "dashed outline",
        Outline::None => "no outline",
    }
}

/// How the other annotator is named in sentences: "the key" for the key.
pub fn reference_name(s: &Session, other: &AnnotatorId) -> String {
    if s.case.key() == Some(other) {
        "the key".to_string()
    } else {
        other.to_string()
    }
}

/// The colour outlines and badges are drawn in: strong on either theme,
/// and the same for every category (the shape tells the outcome).
pub fn ink(ui: &Ui) -> Color32 {
    ui.visuals().strong_text_color()
}

/// Draws the outline of the other's words around one row's rectangle.
pub fn paint_outline(painter: &Painter, rect: Rect, outline: Outline, ink: Color32) {
    let r = rect.expand(2.0);
    let stroke = Stroke::new(1.5, ink);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    match outline {
        Outline::Solid => {
            painter.rect_stroke(r, 2.0, stroke, egui::StrokeKind::Middle);
        }
        Outline::Double => {
            painter.rect_stroke(r, 2.0, Stroke::new(1.0, ink), egui::StrokeKind::Middle);
            painter.rect_stroke(
                r.expand(2.5),
                3.0,
                Stroke::new(1.0, ink),
                egui::StrokeKind::Middle,
            );
        }
        Outline::Dotted => {
            painter.extend(egui::Shape::dotted_line(&corners, ink, 3.5, 0.9));
        }
        Outline::Dashed => {
            painter.extend(egui::Shape::dashed_line(&corners, stroke, 5.0, 3.0));
        }
        Outline::None => {}
    }
}

/// Draws an outcome's badge just after the end of `last`, the item's last
/// row rectangle, raised like a footnote mark, at `size` points: the
/// body's size at least, so "≠" reads as well as the words around it.
pub fn paint_badge(
    painter: &Painter,
    last: Rect,
    outcome: Outcome,
    size: f32,
    (ink, bg): (Color32, Color32),
) -> Rect {
    let font = FontId::proportional(size);
    let galley = painter.layout_no_wrap(badge(outcome).to_string(), font, ink);
    let size = galley.size() + vec2(4.0, 0.0);
    let at = Pos2::new(last.max.x + 1.0, last.min.y - size.y * 0.45);
    let rect = Rect::from_min_size(at, size);
    painter.rect_filled(rect, 3.0, bg);
    painter.rect_stroke(rect, 3.0, Stroke::new(1.0, ink), egui::StrokeKind::Inside);
    painter.galley(pos2(rect.min.x + 2.0, rect.min.y), galley, ink);
    rect
}

/// The picker: whose marks to compare the reader's with (the key first,
/// then everyone else), or nobody. Returns the choice when it changed.
pub fn picker_ui(ui: &mut Ui, s: &Session, salt: &str) -> Option<Action> {
    let mut chosen = None;
    // A key a student copy may not show here is not shown as chosen either.
    let current = s.article_id().and_then(|a| s.compared_with(a));
    let shown = current.map_or("nobody".to_string(), |a| picker_label(s, a));
    let label = ui.label("Compare with");
    let mut others: Vec<&AnnotatorId> = s
        .case
        .annotators()
        .keys()
        .filter(|a| **a != s.annotator && s.may_compare_with(a, s.article_id()))
        .collect();
    // The key first: it is what a class compares with.
    others.sort_by_key(|a| Some(*a) != s.case.key());
    egui::ComboBox::from_id_salt(("compare with", salt))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_none(), "nobody").clicked() {
                chosen = Some(Action::CompareWith(None));
            }
            for a in others {
                if ui
                    .selectable_label(current == Some(a), picker_label(s, a))
                    .clicked()
                {
                    chosen = Some(Action::CompareWith(Some(a.clone())));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "Draw another annotator's marks over yours, paired as grading pairs them: \
matched, boundary (right place, different extent), other category, missed, extra",
        );
    if chosen.as_ref().is_some_and(|c| match c {
        Action::CompareWith(a) => a.as_ref() == current,
        _ => false,
    }) {
        return None;
    }
    chosen
}

fn picker_label(s: &Session, a: &AnnotatorId) -> String {
    if s.case.key() == Some(a) {
        format!("{a} (answer key)")
    } else {
        a.to_string()
    }
}

/// The legend over a compared text: what each badge and outline means,
/// how many of each `items` holds (when given), and the rule that decided
/// them.
pub fn legend_ui(ui: &mut Ui, reference: &str, items: Option<&[Item]>) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for outcome in OUTCOMES {
            let text = match items {
                Some(items) => format!(
                    "{} {} {}",
                    badge(outcome),
                    outcome_label(outcome),
                    count(items, outcome)
                ),
                None => format!("{} {}", badge(outcome), outcome_label(outcome)),
            };
            ui.label(RichText::new(text).strong())
                .on_hover_text(format!(
                    "{}: {} around {reference}'s mark",
                    outcome_label(outcome),
                    outline_words(outline(outcome))
                ));
        }
    });
    ui.weak(
        RichText::new(format!(
            "Your marks against {reference}'s: matched when the category is the same and {}.",
            rule_words(MatchRule::default())
        ))
        .small(),
    );
}

/// "= 3  ~ 1  ≠ 0  ! 2  + 1": the items of one text, by badge.
pub fn counts_line(items: &[Item]) -> String {
    OUTCOMES
        .iter()
        .map(|&o| format!("{} {}", badge(o), count(items, o)))
        .collect::<Vec<_>>()
        .join("  ")
}

fn count(items: &[Item], outcome: Outcome) -> usize {
    items.iter().filter(|i| i.outcome == outcome).count()
}

/// What the hover card adds for the items under the pointer: each one's
/// sentence and details, as feedback words them.
pub fn hover_ui(ui: &mut Ui, items: &[&Item], reference: &str) {
    for item in items {
        ui.label(RichText::new(outcome_heading(item.outcome)).strong());
        ui.label(item_sentence_by(item, reference));
        for line in item_details_by(item, reference) {
            ui.weak(line);
        }
    }
}
