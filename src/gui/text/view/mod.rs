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
//!
//! What is drawn on the text is decided outside the widget (`marks`, a
//! plain value); the widget keeps it, rebuilt only when its inputs change,
//! and is split by job as egui splits `TextEdit`: this file holds its
//! inputs, state and accessors and runs a frame; `layout.rs` the paragraph
//! layout cache; `paint.rs` the drawing; `input.rs` the pointer and keys.

mod input;
mod layout;
mod paint;

use std::collections::BTreeSet;

use egui::{Align, Color32, FontId, Pos2, Rect, Sense, Ui, WidgetInfo, pos2, vec2};

use self::layout::{Lay, LayoutKey, Para};
use super::marks::{MarksOnText, Orphan};
use super::overlay;
use super::para_layout::{LayOut, ParaLayout};
use crate::case::Case;
use crate::grade::{Item, Outcome};
use crate::gui::app::commands::{Action, Selection};
use crate::gui::session::Session;
use crate::gui::widgets::colour_of;
use crate::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId};
use crate::text::{ArticleText, CharPos, CharRange, Edge};

/// The accessible label of the widget (what screen readers and tests find).
pub const ARTICLE_TEXT: &str = "article text";

/// Widest the text runs, in ems of the reading font (760 points at 16):
/// longer lines are hard to read.
const MAX_WRAP_EMS: f32 = 47.5;
/// Space between the text and the edges of the view, in points.
const MARGIN_POINTS: f32 = 8.0;
/// The outline of the marks of the claim or actor being compared: one hue
/// no category uses, readable on light and dark backgrounds.
pub const OUTLINE: Color32 = Color32::from_rgb(0xe0, 0x40, 0xc0);

/// What the marks drawn depend on: a change in any of these builds them
/// again (`MarksOnText::build`) and re-indexes them by paragraph.
#[derive(Clone, Debug, PartialEq)]
struct MarksKey {
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
    /// The annotator's marks on the article, as `Case::marks` gives them:
    /// `MarksOnText` points into that list by index.
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
    pub compare_with: Option<(&'a AnnotatorId, String)>,
}

impl<'a> TextInput<'a> {
    /// `article`'s text `text` as the session shows it, in the reading font
    /// `font`: the session's annotator's marks less the hidden categories,
    /// its selection and selected mark, and its *Compare with* choice.
    /// Nothing is outlined (`outlining`).
    pub fn for_session(
        s: &'a Session,
        article: &'a ArticleId,
        text: &'a ArticleText,
        font: &FontId,
    ) -> Self {
        TextInput {
            case: &s.case,
            article,
            annotator: &s.annotator,
            text,
            marks: s.case.marks(&s.annotator, article),
            hidden: &s.hidden,
            generation: s.generation(),
            selection: s.selection,
            selected_range: s.selection_range(),
            selected_mark: s.selected_mark.as_ref(),
            outlined: &[],
            font: font.clone(),
            compare_with: s
                .compared_with(article)
                .map(|a| (a, overlay::reference_name(s, a))),
        }
    }

    /// Outlines `marks`: those of the claim or actor followed across articles.
    pub fn outlining(mut self, marks: &'a [MarkId]) -> Self {
        self.outlined = marks;
        self
    }

    /// Whether marks are made in this text: when not (another column side
    /// by side), the session's selection and selected mark are not shown in it.
    pub fn marking_here(mut self, here: bool) -> Self {
        if !here {
            self.selection = None;
            self.selected_range = None;
            self.selected_mark = None;
        }
        self
    }
}

/// The text view's caches and the state of a drag.
#[derive(Default)]
pub struct TextView {
    layout_key: Option<LayoutKey>,
    paras: Vec<Para>,
    total_height: f32,
    marks_key: Option<MarksKey>,
    /// What is drawn on the text, built outside the widget.
    marks: MarksOnText,
    /// The colour of each of `marks.highlights`, from its category.
    colours: Vec<Color32>,
    /// Indices into `marks.highlights` of the marks touching each paragraph.
    per_para: Vec<Vec<u32>>,
    /// Indices into `marks.overlay` of the items touching each paragraph.
    overlay_per_para: Vec<Vec<u32>>,
    /// Each overlay item drawn in the last frame: its outcome and where its
    /// badge went, on screen.
    overlay_drawn: Vec<(Outcome, Rect)>,
    drag_anchor: Option<(CharPos, bool)>,
    /// A drag that began on an end of the selected mark: which end moves,
    /// and the mark's other end, which stays.
    edge_drag: Option<(Edge, CharPos)>,
    /// Scroll so that this char is visible on the next frame: centred
    /// (`Some`), or (`None`) only as far as needed, so that a caret moved by
    /// a key that is already in view leaves the text where it is.
    scroll_to: Option<(CharPos, Option<Align>)>,
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
    /// Scrolls `pos` to the middle of the view on the next frame: for a
    /// place the user asked to go to (a list, Find, Feedback, Claims).
    pub fn scroll_to(&mut self, pos: CharPos) {
        self.scroll_to = Some((pos, Some(Align::Center)));
    }

    /// What was drawn on the text in the last frame: highlights, orphans
    /// and the comparison's items.
    pub fn marks(&self) -> &MarksOnText {
        &self.marks
    }

    /// Marks (with why) that could not be anchored in the last frame drawn.
    pub fn orphans(&self) -> &[Orphan] {
        &self.marks.orphans
    }

    /// Marks drawn (not hidden, not orphaned), as of the last frame.
    pub fn drawn_marks(&self) -> usize {
        self.marks.highlights.len()
    }

    /// The items of the comparison overlaid on the text, in text order.
    pub fn overlay_items(&self) -> &[Item] {
        &self.marks.overlay
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

    /// The scroll offset of the last frame drawn (with a pending correction
    /// for heights settling above the view). Lets tests check the text did
    /// not move.
    pub fn scroll_offset(&self) -> f32 {
        self.offset_fix.unwrap_or(self.last_offset)
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
        if self.prepare_marks(input) && input.compare_with.is_some() {
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

            if let Some((target, align)) = scroll_target
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
                        align,
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
            self.paint(ui, input, origin, viewport.translate(rect.min.to_vec2()));
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

    /// Rebuilds what is drawn on the text when its inputs changed, and
    /// indexes it by paragraph. Returns whether it was rebuilt.
    fn prepare_marks(&mut self, input: &TextInput<'_>) -> bool {
        let key = MarksKey {
            article: input.article.clone(),
            annotator: input.annotator.clone(),
            compare_with: input.compare_with.as_ref().map(|(a, _)| (*a).clone()),
            generation: input.generation,
            hidden: input.hidden.clone(),
            paras: self.paras.len(),
        };
        if self.marks_key.as_ref() == Some(&key) {
            return false;
        }
        self.marks = MarksOnText::build(
            input.case,
            input.article,
            input.annotator,
            input.hidden,
            key.compare_with.as_ref(),
        );
        let schema = input.case.schema();
        self.colours = (self.marks.highlights.iter())
            .map(|h| colour_of(schema, &h.category))
            .collect();
        let ranges: Vec<CharRange> = self.marks.highlights.iter().map(|h| h.range).collect();
        self.per_para = self.index_by_para(&ranges);
        let ranges: Vec<CharRange> = self.marks.overlay.iter().map(Item::range).collect();
        self.overlay_per_para = self.index_by_para(&ranges);
        self.marks_key = Some(key);
        true
    }

    /// For each paragraph, the indices of the ranges touching it.
    fn index_by_para(&self, ranges: &[CharRange]) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); self.paras.len()];
        for (n, range) in ranges.iter().enumerate() {
            let first = self.para_of(range.start);
            let last = self.para_of(CharPos(range.end.0.saturating_sub(1)));
            for list in out.iter_mut().take(last + 1).skip(first) {
                list.push(n as u32);
            }
        }
        out
    }
}
