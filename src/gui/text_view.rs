//! The article text with its marks: a custom widget, because egui's
//! `TextEdit` costs tens of milliseconds a frame on long texts once AccessKit
//! is on, and collapses its selection on a typed key (which is how marks are
//! made here).
//!
//! The text is split into paragraphs (at `\n`), and each is laid out on its
//! own, plain, the first time it scrolls into view; until then its height is
//! estimated. A paragraph with right-to-left text is laid out line by line
//! in visual order (`para_layout`); offsets stay logical everywhere. Marks
//! are not part of the layout: they are painted as filled
//! rectangles and stacked underlines over the laid-out rows. So adding or
//! changing a mark re-lays out nothing, and opening a 1,000,000-char article
//! lays out only the screenful the user sees.

use std::collections::BTreeSet;

use egui::{
    Align, Color32, CornerRadius, EventFilter, FontId, Key, Pos2, Rect, Sense, Stroke, Ui, Vec2,
    WidgetInfo, pos2, vec2,
};

use super::overlay;
use super::para_layout::{LayOut, ParaLayout};
use super::widgets::{colour_of, mark_card_ui};
use crate::case::Case;
use crate::grade::{self, Item, Outcome};
use crate::gui::app::commands::{Action, Selection};
use crate::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId};
use crate::text::{ArticleText, CharPos, CharRange};
use crate::validate;

/// The accessible label of the widget (what screen readers and tests find).
pub const ARTICLE_TEXT: &str = "article text";

/// Widest the text runs, in ems of the reading font (760 points at 16):
/// longer lines are hard to read.
const MAX_WRAP_EMS: f32 = 47.5;
/// Space between the text and the edges of the view, in points.
const MARGIN_POINTS: f32 = 8.0;
/// How far outside the visible part paragraphs are laid out in advance, so a
/// small scroll does not show a paragraph at its estimated height.
const OVERSCAN_POINTS: f32 = 400.0;
/// Chars laid out ahead of need per frame, so heights settle and the scroll
/// bar becomes exact within a second or two on the longest articles.
const IDLE_CHARS_PER_FRAME: usize = 6_000;
/// The outline of the marks of the claim or actor being compared: one hue
/// no category uses, readable on light and dark backgrounds.
pub const OUTLINE: Color32 = Color32::from_rgb(0xe0, 0x40, 0xc0);
/// Space under each row for underlines of overlapping marks.
const LANE_STEP: f32 = 3.0;
const MAX_LANES: u8 = 4;
/// How wide the hover card of a mark may be.
const CARD_WIDTH_POINTS: f32 = 360.0;
/// How far the pointer moves before a card shows again after marking.
const HOVER_QUIET_POINTS: f32 = 6.0;

/// One paragraph: the chars between two `\n`.
struct Para {
    /// First char, counted from the start of the article.
    start: usize,
    /// Chars in the paragraph, not counting its `\n`.
    len: usize,
    byte_start: usize,
    byte_end: usize,
    /// Top, relative to the top of the text.
    y: f32,
    /// Laid-out height, or an estimate until `layout` is set.
    height: f32,
    layout: Option<ParaLayout>,
}

/// What the layout depends on: a change in any of these lays out again.
#[derive(Clone, Debug, PartialEq)]
struct LayoutKey {
    article: ArticleId,
    wrap_width: u32,
    text_colour: Color32,
    font: FontId,
    text_len: usize,
}

/// What laying out a paragraph needs.
struct Lay<'a> {
    text: &'a str,
    how: LayOut<'a>,
}

/// One mark as drawn.
#[derive(Clone, Debug)]
struct Highlight {
    range: CharRange,
    colour: Color32,
    /// Which underline it uses, 0 nearest the text; marks that overlap get
    /// different lanes so every one of them stays visible.
    lane: u8,
    mark: usize,
}

/// What the highlights depend on.
#[derive(Clone, Debug, PartialEq)]
struct HighlightKey {
    article: ArticleId,
    annotator: AnnotatorId,
    compare_with: Option<AnnotatorId>,
    generation: u64,
    hidden: BTreeSet<CategoryId>,
    paras: usize,
}

/// Inputs of one frame.
pub struct TextInput<'a> {
    /// The case the text and marks come from: it decides which marks are
    /// orphans (`validate::orphan_reason`), and holds the schema.
    pub case: &'a Case,
    pub article: &'a ArticleId,
    pub annotator: &'a AnnotatorId,
    pub text: &'a ArticleText,
    pub marks: &'a [Mark],
    pub hidden: &'a BTreeSet<CategoryId>,
    /// Changes whenever the marks do.
    pub generation: u64,
    pub selection: Option<Selection>,
    /// The selection as it will be marked (snapped to words and graphemes).
    pub selected_range: Option<CharRange>,
    pub selected_mark: Option<&'a MarkId>,
    /// Marks drawn with an extra outline: those of the claim or actor being
    /// compared across articles.
    pub outlined: &'a [MarkId],
    /// The reading font and size.
    pub font: FontId,
    /// The annotator whose marks are drawn over these ("Compare with…"),
    /// and how sentences name them ("the key").
    pub compare_with: Option<(&'a AnnotatorId, &'a str)>,
}

/// The text view's caches and the state of a drag.
#[derive(Default)]
pub struct TextView {
    layout_key: Option<LayoutKey>,
    paras: Vec<Para>,
    total_height: f32,
    highlight_key: Option<HighlightKey>,
    highlights: Vec<Highlight>,
    /// Indices into `highlights` of the marks touching each paragraph.
    per_para: Vec<Vec<u32>>,
    /// Marks whose quote is not at their offsets: never drawn.
    orphans: Vec<usize>,
    /// "Compare with…": the reader's marks paired with the other
    /// annotator's, and the items touching each paragraph.
    overlay: Vec<Item>,
    overlay_per_para: Vec<Vec<u32>>,
    /// Each overlay item drawn in the last frame: its outcome and where its
    /// badge went, on screen.
    overlay_drawn: Vec<(Outcome, Rect)>,
    drag_anchor: Option<(CharPos, bool)>,
    /// Scroll so that this char is visible on the next frame.
    scroll_to: Option<CharPos>,
    /// Horizontal position kept while moving the caret up and down.
    caret_x: Option<f32>,
    /// How many paragraphs have been laid out so far (for benchmarks).
    laid_out: usize,
    /// Where the text's top-left was drawn in the last frame.
    last_origin: Pos2,
    /// The scroll offset to set on the next frame, so that paragraphs above
    /// the view changing height (from estimate to laid out) do not move the
    /// text under the reader's eyes.
    offset_fix: Option<f32>,
    /// The scroll offset of the last frame drawn.
    last_offset: f32,
    /// The next paragraph to lay out while idle.
    idle_next: usize,
    /// Where outlines were drawn in the last frame, on screen.
    outline_rects: Vec<Rect>,
    /// Where marks were filled in the last frame, on screen.
    fill_rects: Vec<Rect>,
    /// The part of the screen the text was shown in, in the last frame.
    shown_rect: Option<Rect>,
    /// Where the pointer was when a mark was made: no hover card until it
    /// moves away from there.
    hover_quiet_at: Option<Pos2>,
}

impl TextView {
    pub fn scroll_to(&mut self, pos: CharPos) {
        self.scroll_to = Some(pos);
    }

    /// Marks (indices into the marks slice) that could not be anchored in the
    /// last frame drawn.
    pub fn orphans(&self) -> &[usize] {
        &self.orphans
    }

    /// Marks drawn (not hidden, not orphaned), as of the last frame.
    pub fn drawn_marks(&self) -> usize {
        self.highlights.len()
    }

    /// The items of the comparison overlaid on the text, in text order.
    pub fn overlay_items(&self) -> &[Item] {
        &self.overlay
    }

    /// The overlay items drawn in the last frame, with their badges' places.
    pub fn overlay_drawn(&self) -> &[(Outcome, Rect)] {
        &self.overlay_drawn
    }

    /// On-screen rectangles of the outlined marks drawn in the last frame.
    pub fn outline_rects(&self) -> &[Rect] {
        &self.outline_rects
    }

    /// Where the marks' fills were drawn in the last frame, on screen.
    pub fn highlight_rects(&self) -> &[Rect] {
        &self.fill_rects
    }

    /// The part of the screen the text view occupied in the last frame.
    pub fn shown_rect(&self) -> Rect {
        self.shown_rect.unwrap_or(Rect::NOTHING)
    }

    /// On screen, from the text's left edge to the right edge of its widest
    /// laid-out row, over the part shown: what a reader can see of the text.
    /// Tests check it stays inside `shown_rect` (no text under a panel or in
    /// the next column).
    pub fn text_extent(&self) -> Rect {
        let widest = self
            .paras
            .iter()
            .filter_map(|p| p.layout.as_ref())
            .map(ParaLayout::width)
            .fold(0.0, f32::max);
        Rect::from_min_max(
            pos2(self.last_origin.x, self.shown_rect().min.y),
            pos2(self.last_origin.x + widest, self.shown_rect().max.y),
        )
    }

    pub fn paragraphs_laid_out(&self) -> usize {
        self.laid_out
    }

    /// Whether every paragraph has its real height (none is estimated).
    pub fn fully_laid_out(&self) -> bool {
        self.paras.iter().all(|p| p.layout.is_some())
    }

    /// Where on screen the caret before `pos` was in the last frame drawn, if
    /// its paragraph is laid out. Lets tests and tools point at words.
    pub fn screen_rect_of(&self, pos: CharPos) -> Option<Rect> {
        // Where it will be drawn: with the scroll correction still pending.
        let shift = self.offset_fix.map_or(0.0, |fix| self.last_offset - fix);
        self.caret_rect(pos)
            .map(|r| r.translate(self.last_origin.to_vec2() + vec2(0.0, shift)))
    }

    /// On screen, the rectangles covering a range of the text that is laid
    /// out: one per row, more where the range changes direction. Lets tests
    /// and tools point at words, whichever way they read.
    pub fn screen_rects_of(&self, range: CharRange) -> Vec<Rect> {
        let shift = self.offset_fix.map_or(0.0, |fix| self.last_offset - fix);
        let mut out = Vec::new();
        if range.is_empty() || self.paras.is_empty() {
            return out;
        }
        let first = self.para_of(range.start);
        let last = self.para_of(CharPos(range.end.0 - 1));
        for i in first..=last {
            self.range_rects(i, range, &mut out);
        }
        for r in &mut out {
            *r = r.translate(self.last_origin.to_vec2() + vec2(0.0, shift));
        }
        out
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &TextInput<'_>) -> Vec<Action> {
        let mut actions = Vec::new();
        let font = input.font.clone();
        let row_height = ui.fonts_mut(|f| f.row_height(&font));
        // The text wraps inside the width this view was given (a
        // side-by-side column's slot, the centre of a small or zoomed
        // window), never wider, and never wider than a readable line. The
        // slot's right edge, not the clip rectangle's: a column scrolled
        // half out of sight keeps its own width.
        let right = ui.max_rect().max.x;
        let width = (right - ui.cursor().min.x).max(0.0);
        let margins = 2.0 * MARGIN_POINTS;
        let wrap_width = (width - margins).clamp(40.0, MAX_WRAP_EMS * font.size - margins);
        let text_colour = ui.visuals().text_color();
        self.prepare_layout(input, wrap_width, text_colour, row_height);
        if self.prepare_highlights(input) && input.compare_with.is_some() {
            // A legend drawn above the text shows last frame's items: one more.
            ui.ctx().request_repaint();
        }

        let lay = Lay {
            text: &input.text.text,
            how: LayOut {
                font: &font,
                colour: text_colour,
                wrap_width,
            },
        };
        let frame = Rect::from_min_size(ui.cursor().min, vec2(width, ui.available_height()));
        ui.scope_builder(egui::UiBuilder::new().max_rect(frame), |ui| {
            self.scroll_ui(ui, input, &lay, row_height, &mut actions);
        });
        actions
    }

    fn scroll_ui(
        &mut self,
        ui: &mut Ui,
        input: &TextInput<'_>,
        lay: &Lay<'_>,
        row_height: f32,
        actions: &mut Vec<Action>,
    ) {
        let wrap_width = lay.how.wrap_width;
        let scroll_target = self.scroll_to.take();
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("text scroll", input.article))
            .auto_shrink([false, false]);
        if let Some(offset) = self.offset_fix.take() {
            area = area.vertical_scroll_offset(offset.max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| {
            let size = vec2(
                wrap_width + 2.0 * MARGIN_POINTS,
                self.total_height.max(row_height) + 24.0,
            );
            let (_, rect) = ui.allocate_space(size);
            // Relative to the enclosing ui, so several views (side-by-side
            // columns) can be on screen at once without an id clash.
            let id = ui.make_persistent_id(ARTICLE_TEXT);
            let response = ui.interact(rect, id, Sense::click_and_drag());
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, ARTICLE_TEXT));
            let origin = rect.min + vec2(MARGIN_POINTS, MARGIN_POINTS);
            self.last_origin = origin;
            // The view's own width, over the part of it on screen.
            self.shown_rect = Some(Rect::from_x_y_ranges(
                rect.x_range(),
                ui.clip_rect().y_range(),
            ));

            if let Some(target) = scroll_target
                && let Some(r) = self.char_rect(ui, lay, target)
            {
                // Lay out a screenful around the target first, so that it does
                // not move once it is in view.
                let half = viewport.height();
                self.lay_out_range(ui, lay, r.center().y - half, r.center().y + half);
                if let Some(r) = self.caret_rect(target) {
                    // No animation: the layout below may still settle, and the
                    // offset must be known when it does.
                    ui.scroll_to_rect_animation(
                        r.translate(origin.to_vec2()),
                        Some(Align::Center),
                        egui::style::ScrollAnimation::none(),
                    );
                }
            }

            // The visible paragraphs must be laid out to be drawn.
            let top = viewport.min.y - 8.0;
            let bottom = viewport.max.y - 8.0;
            if self.lay_out_range(ui, lay, top, bottom) {
                ui.ctx().request_repaint();
            }
            self.paint(
                ui,
                input,
                origin,
                viewport.translate(rect.min.to_vec2()),
                row_height,
            );
            self.interact(ui, input, &response, origin, actions);
            self.keyboard(ui, input, &response, lay, actions);

            // After drawing: what is about to scroll into view, then a little
            // of the rest. Heights that change above the view are made up for
            // by moving the scroll offset on the next frame.
            // (Not while a scroll is pending: the view is about to move.)
            let (above, more) = if scroll_target.is_some() {
                (0.0, true)
            } else {
                self.lay_out_ahead(ui, lay, top, bottom)
            };
            if above != 0.0 {
                self.offset_fix = Some(viewport.min.y + above);
            }
            self.last_offset = viewport.min.y;
            if more || above != 0.0 {
                ui.ctx().request_repaint();
            }
        });
    }

    /// Lays out paragraphs near the view first, then from the start of the
    /// text, up to a budget of chars. Returns how much taller the paragraphs
    /// wholly above `top` got, and whether any paragraph is still estimated.
    fn lay_out_ahead(&mut self, ui: &Ui, lay: &Lay<'_>, top: f32, bottom: f32) -> (f32, bool) {
        let mut budget = IDLE_CHARS_PER_FRAME;
        let mut above = 0.0;
        let mut any = false;
        let first = self
            .paras
            .partition_point(|p| p.y + p.height < top - OVERSCAN_POINTS);
        let near: Vec<usize> = (first..self.paras.len())
            .take_while(|&i| self.paras[i].y <= bottom + OVERSCAN_POINTS)
            .collect();
        let mut lay_one = |view: &mut Self, i: usize, budget: &mut usize| {
            if view.paras[i].layout.is_some() {
                return;
            }
            let was_above = view.paras[i].y + view.paras[i].height <= top;
            let delta = view.lay_out_para(ui, lay, i);
            *budget = budget.saturating_sub(view.paras[i].len.max(1));
            any |= delta != 0.0;
            if was_above {
                above += delta;
            }
        };
        for i in near {
            if budget == 0 {
                break;
            }
            lay_one(self, i, &mut budget);
        }
        while budget > 0 && self.idle_next < self.paras.len() {
            let i = self.idle_next;
            self.idle_next += 1;
            lay_one(self, i, &mut budget);
        }
        if any {
            self.restack();
        }
        (above, self.idle_next < self.paras.len())
    }

    fn prepare_layout(
        &mut self,
        input: &TextInput<'_>,
        wrap_width: f32,
        text_colour: Color32,
        row_height: f32,
    ) {
        let key = LayoutKey {
            article: input.article.clone(),
            wrap_width: wrap_width.round() as u32,
            text_colour,
            font: input.font.clone(),
            text_len: input.text.text.len(),
        };
        if self.layout_key.as_ref() == Some(&key) {
            return;
        }
        // A rough average glyph width for the estimate; exact heights replace
        // it as paragraphs are laid out.
        let chars_per_row = (wrap_width / (input.font.size * 0.5)).max(1.0);
        let same_text = self
            .layout_key
            .as_ref()
            .is_some_and(|k| k.article == key.article && k.text_len == key.text_len);
        if same_text {
            for p in &mut self.paras {
                p.layout = None;
                p.height = estimate(p.len, chars_per_row, row_height);
            }
        } else {
            self.paras = split_paragraphs(&input.text.text)
                .into_iter()
                .map(|(start, len, byte_start, byte_end)| Para {
                    start,
                    len,
                    byte_start,
                    byte_end,
                    y: 0.0,
                    height: estimate(len, chars_per_row, row_height),
                    layout: None,
                })
                .collect();
            self.highlight_key = None;
        }
        self.layout_key = Some(key);
        self.idle_next = 0;
        self.restack();
    }

    /// Recomputes each paragraph's top from the heights above it.
    fn restack(&mut self) {
        let mut y = 0.0;
        for p in &mut self.paras {
            p.y = y;
            y += p.height;
        }
        self.total_height = y;
    }

    /// Lays out one paragraph if it is not yet; returns how much its height changed.
    fn lay_out_para(&mut self, ui: &Ui, lay: &Lay<'_>, i: usize) -> f32 {
        let Some(p) = self.paras.get(i) else {
            return 0.0;
        };
        if p.layout.is_some() {
            return 0.0;
        }
        let Some(source) = lay.text.get(p.byte_start..p.byte_end) else {
            return 0.0;
        };
        let layout = ParaLayout::new(ui, source, &lay.how);
        let height = layout.size().y;
        self.laid_out += 1;
        let p = &mut self.paras[i];
        let delta = height - p.height;
        p.height = height;
        p.layout = Some(layout);
        delta
    }

    /// Lays out the paragraphs between two heights. Returns whether any
    /// height changed (positions below it moved).
    fn lay_out_range(&mut self, ui: &Ui, lay: &Lay<'_>, top: f32, bottom: f32) -> bool {
        let first = self.paras.partition_point(|p| p.y + p.height < top);
        let mut changed = false;
        let mut i = first;
        // Heights change as paragraphs are laid out, so walk by the updated
        // running top rather than the stale `y`.
        let mut y = self.paras.get(first).map_or(0.0, |p| p.y);
        while i < self.paras.len() && y <= bottom {
            changed |= self.lay_out_para(ui, lay, i) != 0.0;
            y += self.paras[i].height;
            i += 1;
        }
        if changed {
            self.restack();
        }
        changed
    }

    /// Returns whether the highlights (and the overlay) were rebuilt.
    fn prepare_highlights(&mut self, input: &TextInput<'_>) -> bool {
        let key = HighlightKey {
            article: input.article.clone(),
            annotator: input.annotator.clone(),
            compare_with: input.compare_with.map(|(a, _)| a.clone()),
            generation: input.generation,
            hidden: input.hidden.clone(),
            paras: self.paras.len(),
        };
        if self.highlight_key.as_ref() == Some(&key) {
            return false;
        }
        self.highlights.clear();
        self.orphans.clear();
        self.per_para = vec![Vec::new(); self.paras.len()];
        // Lanes: a sweep over marks in start order; each takes the lowest lane
        // not used by a mark still open at its start.
        let mut open: Vec<(CharPos, u8)> = Vec::new();
        for (i, mark) in input.marks.iter().enumerate() {
            if validate::orphan_reason(input.case, input.annotator, input.article, mark).is_some() {
                self.orphans.push(i);
                continue;
            }
            if input.hidden.contains(&mark.category) {
                continue;
            }
            let colour = colour_of(input.case.schema(), &mark.category);
            let range = mark.range();
            open.retain(|(end, _)| *end > range.start);
            let mut lane = 0u8;
            while open.iter().any(|(_, l)| *l == lane) && lane < MAX_LANES - 1 {
                lane += 1;
            }
            open.push((range.end, lane));
            let h = self.highlights.len() as u32;
            self.highlights.push(Highlight {
                range,
                colour,
                lane,
                mark: i,
            });
            let first = self.para_of(range.start);
            let last = self.para_of(CharPos(range.end.0.saturating_sub(1)));
            for list in self.per_para.iter_mut().take(last + 1).skip(first) {
                list.push(h);
            }
        }
        self.prepare_overlay(input);
        self.highlight_key = Some(key);
        true
    }

    /// Pairs the reader's marks with the other annotator's, as grading
    /// does, leaving out marks of either side that lost their words.
    fn prepare_overlay(&mut self, input: &TextInput<'_>) {
        self.overlay.clear();
        self.overlay_per_para = vec![Vec::new(); self.paras.len()];
        let Some((other, _)) = input.compare_with.filter(|(a, _)| *a != input.annotator) else {
            return;
        };
        let orphaned = |who: &AnnotatorId, id: &MarkId| {
            input
                .case
                .marks(who, input.article)
                .iter()
                .find(|m| &m.id == id)
                .is_none_or(|m| {
                    validate::orphan_reason(input.case, who, input.article, m).is_some()
                })
        };
        let items = grade::article_items(
            input.case,
            other,
            input.annotator,
            input.article,
            grade::MatchRule::default(),
        );
        let len = input.text.char_len();
        for item in items {
            let lost = item.key.as_ref().is_some_and(|k| orphaned(other, &k.mark))
                || item
                    .student
                    .as_ref()
                    .is_some_and(|m| orphaned(input.annotator, &m.mark));
            let range = item.range();
            if lost || range.is_empty() || range.end.0 > len {
                continue;
            }
            let n = self.overlay.len() as u32;
            let first = self.para_of(range.start);
            let last = self.para_of(CharPos(range.end.0 - 1));
            for list in self.overlay_per_para.iter_mut().take(last + 1).skip(first) {
                list.push(n);
            }
            self.overlay.push(item);
        }
    }

    /// Overlay items under a char.
    fn overlay_at(&self, pos: CharPos) -> Vec<&Item> {
        let i = self.para_of(pos);
        self.overlay_per_para
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&n| &self.overlay[n as usize])
            .filter(|item| {
                let r = item.range();
                r.start <= pos && pos < r.end
            })
            .collect()
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
            let item = &self.overlay[n as usize];
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
                    ink,
                    bg,
                );
                self.overlay_drawn.push((item.outcome, at));
            }
        }
    }

    /// The paragraph holding a char (its `\n` belongs to it).
    fn para_of(&self, pos: CharPos) -> usize {
        self.paras
            .partition_point(|p| p.start <= pos.0)
            .saturating_sub(1)
    }

    /// Rectangles covering `range` within paragraph `i`, relative to the text's top-left.
    fn range_rects(&self, i: usize, range: CharRange, out: &mut Vec<Rect>) {
        let Some(p) = self.paras.get(i) else { return };
        let Some(layout) = &p.layout else { return };
        let a = range
            .start
            .0
            .max(p.start)
            .saturating_sub(p.start)
            .min(p.len);
        let b = range.end.0.min(p.start + p.len).saturating_sub(p.start);
        let from = out.len();
        layout.range_rects(a, b, out);
        for r in &mut out[from..] {
            *r = r.translate(vec2(0.0, p.y));
        }
    }

    fn paint(
        &mut self,
        ui: &Ui,
        input: &TextInput<'_>,
        origin: Pos2,
        visible: Rect,
        row_height: f32,
    ) {
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
                let h = &self.highlights[h as usize];
                rects.clear();
                self.range_rects(i, h.range, &mut rects);
                let fill = Color32::from_rgba_unmultiplied(
                    h.colour.r(),
                    h.colour.g(),
                    h.colour.b(),
                    fill_alpha,
                );
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
                let h = &self.highlights[h as usize];
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
                    painter.hline(r.x_range(), y, Stroke::new(2.0, h.colour));
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
        let _ = row_height;
    }

    /// Where the caret at `pos` sits, relative to the text, if its paragraph is laid out.
    fn caret_rect(&self, pos: CharPos) -> Option<Rect> {
        let i = self.para_of(pos);
        let p = self.paras.get(i)?;
        let layout = p.layout.as_ref()?;
        let local = pos.0.saturating_sub(p.start).min(p.len);
        Some(layout.caret_rect(local).translate(vec2(0.0, p.y)))
    }

    /// Like `caret_rect`, laying the paragraph out first if needed.
    fn char_rect(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos) -> Option<Rect> {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        self.caret_rect(pos)
    }

    /// The gap between chars nearest a point relative to the text's top-left.
    fn gap_at(&self, p: Vec2) -> Option<CharPos> {
        let i = self.paras.partition_point(|q| q.y + q.height <= p.y);
        let i = i.min(self.paras.len().checked_sub(1)?);
        let para = &self.paras[i];
        let layout = para.layout.as_ref()?;
        let c = layout.gap_at(vec2(p.x, p.y - para.y));
        Some(CharPos(para.start + c.min(para.len)))
    }

    /// The char under a point (not the gap nearest it).
    fn char_at(&self, p: Vec2) -> Option<CharPos> {
        let gap = self.gap_at(p)?;
        // The char on the pointer's side of the gap: the one whose drawn
        // span holds the point (before or after the gap, in either
        // direction).
        let holds = |c: CharPos| {
            let mut rects = Vec::new();
            self.range_rects(self.para_of(c), CharRange::new(c.0, c.0 + 1), &mut rects);
            rects.iter().any(|r| r.contains(pos2(p.x, p.y)))
        };
        if gap.0 > 0 && holds(CharPos(gap.0 - 1)) {
            Some(CharPos(gap.0 - 1))
        } else {
            Some(gap)
        }
    }

    /// Highlights under a char, innermost (shortest) first.
    fn highlights_at(&self, pos: CharPos) -> Vec<&Highlight> {
        let i = self.para_of(pos);
        let mut found: Vec<&Highlight> = self
            .per_para
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&h| &self.highlights[h as usize])
            .filter(|h| h.range.start <= pos && pos < h.range.end)
            .collect();
        found.sort_by_key(|h| h.range.len());
        found
    }

    fn interact(
        &mut self,
        ui: &Ui,
        input: &TextInput<'_>,
        response: &egui::Response,
        origin: Pos2,
        actions: &mut Vec<Action>,
    ) {
        let local = |p: Pos2| p - origin;
        let alt = ui.input(|i| i.modifiers.alt);
        if response.drag_started() {
            // Anchor where the button went down, not where the drag was
            // recognised (a few pixels later).
            let press = ui.input(|i| i.pointer.press_origin());
            if let Some(anchor) = press.and_then(|p| self.gap_at(local(p))) {
                self.drag_anchor = Some((anchor, alt));
            }
            response.request_focus();
        }
        if response.dragged() || response.drag_stopped() {
            if let (Some((anchor, exact)), Some(p)) =
                (self.drag_anchor, response.interact_pointer_pos())
                && let Some(head) = self.gap_at(local(p))
            {
                let sel = Selection {
                    anchor,
                    head,
                    exact: exact || alt,
                };
                if input.selection != Some(sel) {
                    actions.push(Action::SetSelection(Some(sel)));
                }
            }
            if response.drag_stopped() {
                self.drag_anchor = None;
            }
        }
        // A double-click takes the word under the pointer, a triple-click
        // its sentence, ready for a category key.
        let gesture = if response.triple_clicked() {
            Some(crate::text::sentence_at as fn(&ArticleText, CharPos) -> Option<CharRange>)
        } else if response.double_clicked() {
            Some(crate::text::word_at as fn(&ArticleText, CharPos) -> Option<CharRange>)
        } else {
            None
        };
        if let Some(take) = gesture {
            response.request_focus();
            let range = response
                .interact_pointer_pos()
                .and_then(|p| self.char_at(local(p)))
                .and_then(|c| take(input.text, c));
            if let Some(r) = range {
                actions.push(Action::SelectMark(None));
                actions.push(Action::SetSelection(Some(Selection {
                    anchor: r.start,
                    head: r.end,
                    exact: true,
                })));
            }
        } else if response.clicked() {
            response.request_focus();
            if let Some(p) = response.interact_pointer_pos() {
                let under = self.char_at(local(p));
                let hit = under.and_then(|c| self.highlights_at(c).first().map(|h| h.mark));
                match hit.and_then(|m| input.marks.get(m)) {
                    Some(mark) => {
                        actions.push(Action::SetSelection(None));
                        actions.push(Action::SelectMark(Some(mark.id.clone())));
                    }
                    None => {
                        let gap = self.gap_at(local(p));
                        actions.push(Action::SelectMark(None));
                        actions.push(Action::SetSelection(gap.map(|g| Selection {
                            anchor: g,
                            head: g,
                            exact: false,
                        })));
                    }
                }
            }
        }
        if response.hovered()
            && self.drag_anchor.is_none()
            && let Some(p) = response.hover_pos()
        {
            let under = self.char_at(local(p));
            let hs: Vec<usize> = under
                .map(|c| self.highlights_at(c).iter().map(|h| h.mark).collect())
                .unwrap_or_default();
            // Not right after a mark was made under the pointer: the card
            // would hide the inspector's fields the user turns to next.
            let just_marked = self
                .hover_quiet_at
                .is_some_and(|at| at.distance(p) < HOVER_QUIET_POINTS);
            if !just_marked {
                self.hover_quiet_at = None;
            }
            let items: Vec<&Item> = under.map(|c| self.overlay_at(c)).unwrap_or_default();
            if (!hs.is_empty() || !items.is_empty()) && !just_marked {
                self.hover_card_ui(ui, input, &hs, &items, p);
            }
        }
    }

    /// The category, attributes and note of the marks under the pointer, in
    /// a card kept inside the text view (never over a side panel).
    fn hover_card_ui(
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
                        mark_card_ui(ui, input.case.schema(), mark);
                    }
                    if let Some((_, reference)) = input.compare_with
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

    /// Keeps the hover card away until the pointer moves: a mark was just
    /// made (or chosen) under it.
    pub fn quiet_hover(&mut self, ctx: &egui::Context) {
        self.hover_quiet_at = ctx.input(|i| i.pointer.hover_pos());
    }

    fn keyboard(
        &mut self,
        ui: &Ui,
        input: &TextInput<'_>,
        response: &egui::Response,
        lay: &Lay<'_>,
        actions: &mut Vec<Action>,
    ) {
        let focused = ui.memory(|m| m.focused());
        if focused.is_some() && focused != Some(response.id) {
            return;
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                )
            });
        }
        let (shift, moves) = ui.input(|i| {
            let keys = [
                Key::ArrowLeft,
                Key::ArrowRight,
                Key::ArrowUp,
                Key::ArrowDown,
                Key::Home,
                Key::End,
            ];
            let moves: Vec<Key> = keys.into_iter().filter(|k| i.key_pressed(*k)).collect();
            (i.modifiers.shift, moves)
        });
        if moves.is_empty() {
            return;
        }
        let len = input.text.char_len();
        let current = input.selection.unwrap_or(Selection {
            anchor: CharPos(0),
            head: CharPos(0),
            exact: false,
        });
        let mut head = current.head;
        for key in moves {
            head = match key {
                Key::ArrowLeft => CharPos(head.0.saturating_sub(1)),
                Key::ArrowRight => CharPos((head.0 + 1).min(len)),
                Key::ArrowUp | Key::ArrowDown => self.vertical(ui, lay, head, key == Key::ArrowUp),
                Key::Home | Key::End => self.row_edge(ui, lay, head, key == Key::End),
                _ => head,
            };
            if !matches!(key, Key::ArrowUp | Key::ArrowDown) {
                self.caret_x = None;
            }
        }
        let anchor = if shift { current.anchor } else { head };
        actions.push(Action::SetSelection(Some(Selection {
            anchor,
            head,
            exact: current.exact,
        })));
        self.scroll_to = Some(head);
    }

    fn vertical(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos, up: bool) -> CharPos {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        let Some(p) = self.paras.get(i) else {
            return pos;
        };
        let Some(layout) = &p.layout else {
            return pos;
        };
        let local = pos.0.saturating_sub(p.start).min(p.len);
        let row = layout.row_of(local);
        let x = self
            .caret_x
            .unwrap_or_else(|| layout.caret_rect(local).min.x);
        let (start, plen) = (p.start, p.len);
        if up && row > 0 {
            let c = layout.gap_in_row(row - 1, x);
            self.caret_x = Some(x);
            return CharPos(start + c);
        }
        if !up && row + 1 < layout.rows() {
            let c = layout.gap_in_row(row + 1, x);
            self.caret_x = Some(x);
            return CharPos(start + c);
        }
        self.caret_x = Some(x);
        // Into the next or previous paragraph, at the same x.
        let j = if up {
            match i.checked_sub(1) {
                Some(j) => j,
                None => return CharPos(0),
            }
        } else if i + 1 < self.paras.len() {
            i + 1
        } else {
            return CharPos(start + plen);
        };
        if self.lay_out_para(ui, lay, j) != 0.0 {
            self.restack();
        }
        let q = &self.paras[j];
        let Some(layout) = &q.layout else {
            return CharPos(q.start);
        };
        let row = if up {
            layout.rows().saturating_sub(1)
        } else {
            0
        };
        CharPos(q.start + layout.gap_in_row(row, x).min(q.len))
    }

    fn row_edge(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos, end: bool) -> CharPos {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        let Some(p) = self.paras.get(i) else {
            return pos;
        };
        let Some(layout) = &p.layout else { return pos };
        let local = pos.0.saturating_sub(p.start).min(p.len);
        let bounds = layout.row_bounds(local);
        let c = if end { bounds.end } else { bounds.start };
        CharPos(p.start + c.min(p.len))
    }
}

fn estimate(len: usize, chars_per_row: f32, row_height: f32) -> f32 {
    let rows = ((len as f32) / chars_per_row).ceil().max(1.0);
    rows * row_height
}

/// `(first char, chars, first byte, end byte)` of each `\n`-separated paragraph.
fn split_paragraphs(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut char_start = 0;
    let mut byte_start = 0;
    let mut chars = 0;
    for (b, c) in text.char_indices() {
        if c == '\n' {
            out.push((char_start, chars, byte_start, b));
            char_start += chars + 1;
            byte_start = b + 1;
            chars = 0;
        } else {
            chars += 1;
        }
    }
    out.push((char_start, chars, byte_start, text.len()));
    out
}
