//! Painting the text widget: for each paragraph in view, the marks' fills
//! under the text, the selection, the text, then one underline lane per
//! overlapping mark; over everything the *Compare with* outlines and
//! badges, and the caret. The hover card of the marks under the pointer is
//! drawn here too. Every rectangle is one the layout (`layout.rs`) gave.

use egui::{Color32, CornerRadius, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::{OUTLINE, TextInput, TextView};
use crate::grade::Item;
use crate::gui::text::overlay;
use crate::gui::widgets::mark_card_ui;

/// Space under each row for underlines of overlapping marks.
const LANE_STEP: f32 = 3.0;
/// How wide the hover card of a mark may be.
const CARD_WIDTH_POINTS: f32 = 360.0;

impl TextView {
    /// Draws the paragraphs that meet `visible` (on screen) with the text's
    /// top-left at `origin`, and notes where marks went for the accessors.
    pub(super) fn paint(&mut self, ui: &Ui, input: &TextInput<'_>, origin: Pos2, visible: Rect) {
        self.outline_rects.clear();
        self.fill_rects.clear();
        self.overlay_drawn.clear();
        let painter = ui.painter();
        let dark = ui.visuals().dark_mode;
        let fill_alpha = if dark { 80 } else { 56 };
        let top = visible.min.y - origin.y;
        let bottom = visible.max.y - origin.y;
        let first = self.paras.partition_point(|p| p.y + p.height < top);
        let selection_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let mut rects = Vec::new();
        for i in first..self.paras.len() {
            let p = &self.paras[i];
            if p.y > bottom {
                break;
            }
            let Some(layout) = &p.layout else { continue };
            let hs = self.per_para.get(i).map_or(&[][..], Vec::as_slice);
            // Fills first, under the text; overlapping fills add up, so an
            // overlap reads darker.
            for &h in hs {
                let colour = self.colours[h as usize];
                let h = &self.marks.highlights[h as usize];
                rects.clear();
                self.range_rects(i, h.range, &mut rects);
                let fill =
                    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), fill_alpha);
                for r in &rects {
                    let r = r.translate(origin.to_vec2());
                    painter.rect_filled(r, CornerRadius::same(2), fill);
                    self.fill_rects.push(r);
                }
            }
            if let Some(sel) = input.selected_range {
                rects.clear();
                self.range_rects(i, sel, &mut rects);
                for r in &rects {
                    painter.rect_filled(r.translate(origin.to_vec2()), 0.0, selection_fill);
                }
            }
            layout.paint(painter, origin + vec2(0.0, p.y), ui.visuals().text_color());
            // Underlines: one lane per overlapping mark, below the glyphs.
            for &h in hs {
                let colour = self.colours[h as usize];
                let h = &self.marks.highlights[h as usize];
                rects.clear();
                self.range_rects(i, h.range, &mut rects);
                let mark_id = input.marks.get(h.mark).map(|m| &m.id);
                let selected = input.selected_mark.is_some_and(|id| mark_id == Some(id));
                let outlined = mark_id.is_some_and(|id| input.outlined.contains(id));
                for r in &rects {
                    let r = r.translate(origin.to_vec2());
                    if outlined {
                        self.outline_rects.push(r);
                        painter.rect_stroke(
                            r.expand(2.5),
                            CornerRadius::same(3),
                            Stroke::new(2.0, OUTLINE),
                            egui::StrokeKind::Outside,
                        );
                    }
                    let y = r.max.y - 1.0 - f32::from(h.lane) * LANE_STEP;
                    painter.hline(r.x_range(), y, Stroke::new(2.0, colour));
                    if selected {
                        painter.rect_stroke(
                            r.expand(1.0),
                            CornerRadius::same(2),
                            Stroke::new(2.0, ui.visuals().strong_text_color()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
        }
        // The comparison over everything: outlines and badges on top.
        let drawn = first..self.paras.partition_point(|p| p.y <= bottom);
        for i in drawn {
            if self.paras[i].layout.is_some() {
                self.paint_overlay(ui, i, origin, &mut rects);
            }
        }
        // The caret, where keyboard selection continues from.
        if let Some(sel) = input.selection
            && let Some(r) = self.caret_rect(sel.head)
        {
            let r = r.translate(origin.to_vec2());
            if r.intersects(visible) {
                painter.vline(
                    r.min.x,
                    r.y_range(),
                    Stroke::new(1.5, ui.visuals().strong_text_color()),
                );
            }
        }
    }

    /// Outlines the other annotator's words and puts each item's badge
    /// after it, for the items touching paragraph `i`.
    fn paint_overlay(&mut self, ui: &Ui, i: usize, origin: Pos2, rects: &mut Vec<Rect>) {
        let Some(list) = self.overlay_per_para.get(i) else {
            return;
        };
        let Some(p) = self.paras.get(i) else { return };
        let painter = ui.painter();
        let ink = overlay::ink(ui);
        let bg = ui.visuals().extreme_bg_color;
        for &n in list {
            let item = &self.marks.overlay[n as usize];
            if let Some(key) = &item.key {
                rects.clear();
                self.range_rects(i, key.range, rects);
                for r in rects.iter() {
                    overlay::paint_outline(
                        painter,
                        r.translate(origin.to_vec2()),
                        overlay::outline(item.outcome),
                        ink,
                    );
                }
            }
            // The badge goes where the item ends, in the paragraph holding its last char.
            let range = item.range();
            let last_char = range.end.0 - 1;
            if last_char < p.start || last_char > p.start + p.len {
                continue;
            }
            rects.clear();
            self.range_rects(i, range, rects);
            if let Some(last) = rects.last() {
                let at = overlay::paint_badge(
                    painter,
                    last.translate(origin.to_vec2()),
                    item.outcome,
                    egui::TextStyle::Body.resolve(ui.style()).size,
                    (ink, bg),
                );
                self.overlay_drawn.push((item.outcome, at));
            }
        }
    }

    /// The category, attributes and note of the marks under the pointer, in
    /// a card kept inside the text view (never over a side panel).
    pub(super) fn hover_card_ui(
        &self,
        ui: &Ui,
        input: &TextInput<'_>,
        marks: &[usize],
        items: &[&Item],
        pointer: Pos2,
    ) {
        let view = self.shown_rect();
        let width = CARD_WIDTH_POINTS.min(view.width());
        let x = (pointer.x + 12.0).min(view.max.x - width).max(view.min.x);
        let below = pointer.y + 18.0;
        egui::Area::new(ui.make_persistent_id("hover card"))
            .order(egui::Order::Tooltip)
            .fixed_pos(pos2(x, below))
            .interactable(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(width - 16.0);
                    for (n, &m) in marks.iter().enumerate() {
                        let Some(mark) = input.marks.get(m) else {
                            continue;
                        };
                        if n > 0 {
                            ui.separator();
                        }
                        // The words as drawn: masked where the text is.
                        let quote = input.text.slice(mark.range()).unwrap_or(&mark.quote);
                        mark_card_ui(ui, input.case.schema(), mark, quote);
                    }
                    if let Some((_, reference)) = &input.compare_with
                        && !items.is_empty()
                    {
                        if !marks.is_empty() {
                            ui.separator();
                        }
                        overlay::hover_ui(ui, items, reference);
                    }
                });
            });
    }
}
