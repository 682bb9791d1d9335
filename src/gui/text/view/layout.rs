//! The text widget's layout cache: the article split into paragraphs (at
//! `\n`), each laid out on its own (`para_layout`) the first time it comes
//! near the view, and until then given an estimated height; and the
//! questions asked of it: which paragraph holds a char, where a char or a
//! range is drawn, which char is under a point.
//!
//! Only the text is laid out, plain: marks are painted over the rows, so a
//! change to the marks re-lays out nothing. A paragraph laid out replaces
//! its estimate, and the paragraphs below it move (`restack`).

use egui::{Color32, FontId, Rect, Ui, Vec2, pos2, vec2};

use super::{TextInput, TextView};
use crate::gui::text::para_layout::{LayOut, ParaLayout};
use crate::model::ArticleId;
use crate::text::{CharPos, CharRange};

/// How far outside the visible part paragraphs are laid out in advance, so a
/// small scroll does not show a paragraph at its estimated height.
const OVERSCAN_POINTS: f32 = 400.0;
/// Chars laid out ahead of need per frame, so heights settle and the scroll
/// bar becomes exact within a second or two on the longest articles.
const IDLE_CHARS_PER_FRAME: usize = 6_000;

/// One paragraph: the chars between two `\n`.
pub(super) struct Para {
    /// First char, counted from the start of the article.
    pub(super) start: usize,
    /// Chars in the paragraph, not counting its `\n`.
    pub(super) len: usize,
    pub(super) byte_start: usize,
    pub(super) byte_end: usize,
    /// Top, relative to the top of the text.
    pub(super) y: f32,
    /// Laid-out height, or an estimate until `layout` is set.
    pub(super) height: f32,
    pub(super) layout: Option<ParaLayout>,
}

/// What the layout depends on: a change in any of these lays out again.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LayoutKey {
    pub(super) article: ArticleId,
    pub(super) wrap_width: u32,
    pub(super) text_colour: Color32,
    pub(super) font: FontId,
    pub(super) text_len: usize,
}

/// What laying out a paragraph needs.
pub(super) struct Lay<'a> {
    pub(super) text: &'a str,
    pub(super) how: LayOut<'a>,
}

impl TextView {
    pub(super) fn prepare_layout(
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
            self.marks_key = None;
        }
        self.layout_key = Some(key);
        self.idle_next = 0;
        self.restack();
    }

    /// Recomputes each paragraph's top from the heights above it.
    pub(super) fn restack(&mut self) {
        let mut y = 0.0;
        for p in &mut self.paras {
            p.y = y;
            y += p.height;
        }
        self.total_height = y;
    }

    /// Lays out one paragraph if it is not yet; returns how much its height changed.
    pub(super) fn lay_out_para(&mut self, ui: &Ui, lay: &Lay<'_>, i: usize) -> f32 {
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
    pub(super) fn lay_out_range(&mut self, ui: &Ui, lay: &Lay<'_>, top: f32, bottom: f32) -> bool {
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

    /// Lays out paragraphs near the view first, then from the start of the
    /// text, up to a budget of chars. Returns how much taller the paragraphs
    /// wholly above `top` got, and whether any paragraph is still estimated.
    pub(super) fn lay_out_ahead(
        &mut self,
        ui: &Ui,
        lay: &Lay<'_>,
        top: f32,
        bottom: f32,
    ) -> (f32, bool) {
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

    /// The paragraph holding a char (its `\n` belongs to it).
    pub(super) fn para_of(&self, pos: CharPos) -> usize {
        self.paras
            .partition_point(|p| p.start <= pos.0)
            .saturating_sub(1)
    }

    /// Rectangles covering `range` within paragraph `i`, relative to the text's top-left.
    pub(super) fn range_rects(&self, i: usize, range: CharRange, out: &mut Vec<Rect>) {
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

    /// Where the caret at `pos` sits, relative to the text, if its paragraph is laid out.
    pub(super) fn caret_rect(&self, pos: CharPos) -> Option<Rect> {
        let i = self.para_of(pos);
        let p = self.paras.get(i)?;
        let layout = p.layout.as_ref()?;
        let local = pos.0.saturating_sub(p.start).min(p.len);
        Some(layout.caret_rect(local).translate(vec2(0.0, p.y)))
    }

    /// Like `caret_rect`, laying the paragraph out first if needed.
    pub(super) fn char_rect(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos) -> Option<Rect> {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        self.caret_rect(pos)
    }

    /// The gap between chars nearest a point relative to the text's top-left.
    pub(super) fn gap_at(&self, p: Vec2) -> Option<CharPos> {
        let i = self.paras.partition_point(|q| q.y + q.height <= p.y);
        let i = i.min(self.paras.len().checked_sub(1)?);
        let para = &self.paras[i];
        let layout = para.layout.as_ref()?;
        let c = layout.gap_at(vec2(p.x, p.y - para.y));
        Some(CharPos(para.start + c.min(para.len)))
    }

    /// The char under a point (not the gap nearest it).
    pub(super) fn char_at(&self, p: Vec2) -> Option<CharPos> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_newlines_counting_chars_and_bytes_apart() {
        // "é" is one char and two bytes; the `\n` belongs to no paragraph.
        assert_eq!(
            split_paragraphs("né\n\nab"),
            [(0, 2, 0, 3), (3, 0, 4, 4), (4, 2, 5, 7)]
        );
        assert_eq!(split_paragraphs(""), [(0, 0, 0, 0)]);
    }

    #[test]
    fn an_estimate_is_at_least_one_row() {
        assert_eq!(estimate(0, 40.0, 20.0), 20.0);
        assert_eq!(estimate(81, 40.0, 20.0), 60.0);
    }
}
