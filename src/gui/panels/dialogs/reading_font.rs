//! The reading font and size of the article text (View > Reading font…).
//! Changes show at once, behind the dialog, so the choice is made on the
//! article itself; the window remembers it between runs.

use egui::Ui;

use super::modal_ui;
use crate::gui::app::commands::Action;
use crate::gui::text::fonts::{MAX_READING_POINTS, MIN_READING_POINTS, ReadingFont};
use crate::gui::widgets::bidi_text;

/// Shown in the dialog in the chosen font: Latin, Cyrillic, Chinese, and
/// Arabic and Hebrew names, which read right to left.
const SAMPLE: &str = "The minister said the camp was “lawful”. Министр сказал. 部长说。 Spokesman سليم الحداد and resident נועה לוי, Zoë Nguyễn.";

pub struct ReadingFontDialog {
    draft: ReadingFont,
    filter: String,
}

impl ReadingFontDialog {
    pub fn new(current: &ReadingFont) -> Self {
        ReadingFontDialog {
            draft: current.clone(),
            filter: String::new(),
        }
    }

    /// Draws the dialog from the installed families. Returns the actions
    /// chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui, families: &[String]) -> (Vec<Action>, bool) {
        let before = self.draft.clone();
        let mut open = true;
        let close = modal_ui(ui, "reading font dialog", |ui| {
            ui.set_width(440.0);
            ui.heading("Reading font");
            ui.weak("For the article text in Read and Side by side. Letters that a font lacks (Arabic, Chinese…) come from another installed font.");
            ui.add_space(6.0);
            egui::Grid::new("reading font fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label("Font:");
                    let shown = self
                        .draft
                        .family
                        .clone()
                        .unwrap_or_else(|| BUILT_IN.to_string());
                    egui::ComboBox::from_id_salt("reading font family")
                        .selected_text(shown)
                        .width(300.0)
                        .height(360.0)
                        .show_ui(ui, |ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut self.filter)
                                    .hint_text("filter fonts"),
                            );
                            if ui
                                .selectable_label(self.draft.family.is_none(), BUILT_IN)
                                .clicked()
                            {
                                self.draft.family = None;
                            }
                            let filter = self.filter.to_lowercase();
                            for name in families
                                .iter()
                                .filter(|n| n.to_lowercase().contains(&filter))
                            {
                                let on = self.draft.family.as_ref() == Some(name);
                                if ui.selectable_label(on, name).clicked() {
                                    self.draft.family = Some(name.clone());
                                }
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Size:");
                    ui.add(
                        egui::Slider::new(
                            &mut self.draft.size_points,
                            MIN_READING_POINTS..=MAX_READING_POINTS,
                        )
                        .step_by(1.0)
                        .suffix(" points"),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                });
            ui.add_space(6.0);
            let font = before.font_id(1.0);
            ui.label(bidi_text(ui, SAMPLE, |t| t.font(font.clone())));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Close").clicked() {
                    open = false;
                }
                if ui
                    .button("Default")
                    .on_hover_text("Candor's own font at 16 points")
                    .clicked()
                {
                    self.draft = ReadingFont::default();
                }
            });
        });
        if close {
            open = false;
        }
        let actions = if self.draft != before {
            vec![Action::SetReadingFont(self.draft.clone())]
        } else {
            Vec::new()
        };
        (actions, open)
    }
}

const BUILT_IN: &str = "Candor's own (Ubuntu Light)";
