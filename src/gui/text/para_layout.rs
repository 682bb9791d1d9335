//! One paragraph of an article, laid out: where each char is drawn, and
//! back from a point on screen to the gap between chars nearest it.
//!
//! A paragraph in one direction is one egui galley, and egui's own cursor
//! arithmetic answers. A paragraph with right-to-left text cannot be: egui
//! 0.37 shapes an Arabic or Hebrew run right to left but does no bidi
//! reordering of runs (so words come out in logical order), and its galley
//! then holds more glyphs than chars, which puts every cursor after the run
//! out of step. Such a paragraph is broken into lines here, each line put in
//! visual order (`text::bidi`), and each piece of a line laid out as a galley
//! of its own whose chars are found one by one. Positions stay logical
//! throughout: a char's offset never changes, only where it is drawn.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob};
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, TextFormat, Ui, Vec2, pos2, vec2};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::bidi::{self, BidiParagraph};

/// A laid-out paragraph. Offsets are chars from the paragraph's start;
/// coordinates are relative to its top-left.
pub enum ParaLayout {
    /// Left to right only: egui's galley, and its cursors.
    Plain(Arc<Galley>),
    /// With right-to-left text: lines in visual order.
    Bidi(BidiLayout),
}

pub struct BidiLayout {
    rows: Vec<BidiRow>,
    size: Vec2,
}

/// One line on screen.
struct BidiRow {
    top: f32,
    height: f32,
    /// The chars on the line, in logical order.
    chars: Range<usize>,
    /// Where its text ends, before the spaces that hang past its edge.
    content_end: usize,
    /// Left to right.
    pieces: Vec<PlacedPiece>,
    /// Where each char of the line is drawn, `chars.start` first: from its
    /// left edge to its right edge, and whether it reads right to left (its
    /// caret is then at its right edge).
    spans: Vec<CharSpan>,
}

struct PlacedPiece {
    x: f32,
    galley: Arc<Galley>,
}

#[derive(Clone, Copy, Debug, Default)]
struct CharSpan {
    x0: f32,
    x1: f32,
    rtl: bool,
}

impl CharSpan {
    /// The caret before this char.
    fn leading(&self) -> f32 {
        if self.rtl { self.x1 } else { self.x0 }
    }
    /// The caret after it.
    fn trailing(&self) -> f32 {
        if self.rtl { self.x0 } else { self.x1 }
    }
}

/// What laying out a paragraph needs.
pub struct LayOut<'a> {
    pub font: &'a FontId,
    pub colour: Color32,
    pub wrap_width: f32,
}

impl ParaLayout {
    /// Lays out `text` (one paragraph, no `\n`), wrapped to the width.
    pub fn new(ui: &Ui, text: &str, how: &LayOut<'_>) -> Self {
        if bidi::has_rtl(text) {
            return ParaLayout::Bidi(BidiLayout::new(ui, text, how));
        }
        let mut job = LayoutJob::single_section(
            text.to_string(),
            TextFormat::simple(how.font.clone(), how.colour),
        );
        job.wrap.max_width = how.wrap_width;
        ParaLayout::Plain(ui.painter().layout_job(job))
    }

    pub fn size(&self) -> Vec2 {
        match self {
            ParaLayout::Plain(g) => g.size(),
            ParaLayout::Bidi(b) => b.size,
        }
    }

    /// The widest line, from the paragraph's left edge.
    pub fn width(&self) -> f32 {
        match self {
            ParaLayout::Plain(g) => g.rect.width(),
            ParaLayout::Bidi(b) => b.size.x,
        }
    }

    pub fn paint(&self, painter: &Painter, origin: Pos2, colour: Color32) {
        match self {
            ParaLayout::Plain(g) => painter.galley(origin, g.clone(), colour),
            ParaLayout::Bidi(b) => {
                for row in &b.rows {
                    for piece in &row.pieces {
                        painter.galley(
                            origin + vec2(piece.x, row.top),
                            piece.galley.clone(),
                            colour,
                        );
                    }
                }
            }
        }
    }

    /// The caret before char `i` (at the end for `i` = the char count).
    pub fn caret_rect(&self, i: usize) -> Rect {
        match self {
            ParaLayout::Plain(g) => g.pos_from_cursor(CCursor::new(i)),
            ParaLayout::Bidi(b) => b.caret_rect(i),
        }
    }

    /// The gap between chars nearest a point.
    pub fn gap_at(&self, p: Vec2) -> usize {
        match self {
            ParaLayout::Plain(g) => g.cursor_from_pos(p).index.0,
            ParaLayout::Bidi(b) => b.gap_at(p),
        }
    }

    /// Rectangles covering chars `a..b`: one per row in one direction, more
    /// where the range crosses a change of direction (it is then in several
    /// places on screen).
    pub fn range_rects(&self, a: usize, b: usize, out: &mut Vec<Rect>) {
        if b <= a {
            return;
        }
        match self {
            ParaLayout::Plain(g) => plain_range_rects(g, a, b, out),
            ParaLayout::Bidi(l) => l.range_rects(a, b, out),
        }
    }

    pub fn rows(&self) -> usize {
        match self {
            ParaLayout::Plain(g) => g.rows.len(),
            ParaLayout::Bidi(b) => b.rows.len(),
        }
    }

    /// The row of the caret before char `i`.
    pub fn row_of(&self, i: usize) -> usize {
        match self {
            ParaLayout::Plain(g) => g.layout_from_cursor(CCursor::new(i)).row,
            ParaLayout::Bidi(b) => b.row_of(i),
        }
    }

    /// The gap in row `row` nearest the horizontal position `x`.
    pub fn gap_in_row(&self, row: usize, x: f32) -> usize {
        match self {
            ParaLayout::Plain(g) => {
                let y = g.rows.get(row).map_or(0.0, |r| r.min_y() + 1.0);
                g.cursor_from_pos(vec2(x, y)).index.0
            }
            ParaLayout::Bidi(b) => b.rows.get(row).map_or(0, |r| r.gap_at(x)),
        }
    }

    /// The first and the end gap of the row holding the caret before `i`,
    /// in logical order.
    pub fn row_bounds(&self, i: usize) -> Range<usize> {
        match self {
            ParaLayout::Plain(g) => {
                let c = CCursor::new(i);
                g.cursor_begin_of_row(&c).index.0..g.cursor_end_of_row(&c).index.0
            }
            ParaLayout::Bidi(b) => b
                .rows
                .get(b.row_of(i))
                .map_or(i..i, |r| r.chars.start..r.content_end),
        }
    }
}

fn plain_range_rects(galley: &Galley, a: usize, b: usize, out: &mut Vec<Rect>) {
    let mut ca = CCursor::new(a);
    ca.prefer_next_row = true;
    let la = galley.layout_from_cursor(ca);
    let lb = galley.layout_from_cursor(CCursor::new(b));
    for r in la.row..=lb.row.min(galley.rows.len().saturating_sub(1)) {
        let row = &galley.rows[r];
        let x0 = if r == la.row {
            row.pos.x + row.x_offset(la.column)
        } else {
            row.pos.x
        };
        let x1 = if r == lb.row {
            row.pos.x + row.x_offset(lb.column)
        } else {
            row.pos.x + row.size.x
        };
        if x1 > x0 {
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
    }
}

/// A stretch of the paragraph between two places a line may break.
struct Token {
    chars: Range<usize>,
    width: f32,
    space: bool,
}

impl BidiLayout {
    fn new(ui: &Ui, text: &str, how: &LayOut<'_>) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let lay = |s: &str| {
            ui.painter()
                .layout_no_wrap(s.to_string(), how.font.clone(), how.colour)
        };
        let row_height = ui.fonts_mut(|f| f.row_height(how.font));

        // Words, spaces and signs (UAX #29), each measured as it is shaped.
        let mut tokens = Vec::new();
        let mut at = 0;
        for word in text.split_word_bounds() {
            let n = word.chars().count();
            tokens.push(Token {
                chars: at..at + n,
                width: lay(word).size().x,
                space: word.chars().all(char::is_whitespace),
            });
            at += n;
        }
        let lines = break_lines(&tokens, &chars, how.wrap_width);

        let para = BidiParagraph::new(text);
        let mut rows = Vec::new();
        let mut top = 0.0;
        let mut widest: f32 = 0.0;
        for line in lines {
            // Spaces at the end of a line hang past its edge: they take no
            // room, and the caret after them sits at the line's end.
            let mut end = line.end;
            while end > line.start && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            let mut spans = vec![CharSpan::default(); line.len()];
            let mut pieces = Vec::new();
            let mut x = 0.0;
            let mut height: f32 = row_height;
            for piece in para.visual_pieces(line.start..end) {
                let shown: String = chars[piece.chars.clone()]
                    .iter()
                    .map(|&c| if piece.rtl { bidi::mirrored(c) } else { c })
                    .collect();
                let galley = lay(&shown);
                let spans_here =
                    &mut spans[piece.chars.start - line.start..piece.chars.end - line.start];
                place_chars(
                    &galley,
                    &chars[piece.chars.clone()],
                    piece.rtl,
                    x,
                    spans_here,
                );
                height = height.max(galley.size().y);
                let w = galley.size().x;
                pieces.push(PlacedPiece { x, galley });
                x += w;
            }
            // A right-to-left paragraph's lines start at the right.
            let shift = if para.is_rtl() {
                (how.wrap_width - x).max(0.0)
            } else {
                0.0
            };
            for p in &mut pieces {
                p.x += shift;
            }
            for s in &mut spans[..end - line.start] {
                s.x0 += shift;
                s.x1 += shift;
            }
            let edge = if para.is_rtl() { shift } else { x + shift };
            for s in &mut spans[end - line.start..] {
                *s = CharSpan {
                    x0: edge,
                    x1: edge,
                    rtl: para.is_rtl(),
                };
            }
            widest = widest.max(x + shift);
            rows.push(BidiRow {
                top,
                height,
                content_end: end,
                chars: line,
                pieces,
                spans,
            });
            top += height;
        }
        BidiLayout {
            rows,
            size: vec2(widest, top.max(row_height)),
        }
    }

    fn row_of(&self, i: usize) -> usize {
        // A caret at a line break belongs to the next line.
        let n = self.rows.partition_point(|r| r.chars.start <= i);
        n.saturating_sub(1)
    }

    fn caret_rect(&self, i: usize) -> Rect {
        let Some(row) = self.rows.get(self.row_of(i)) else {
            return Rect::from_min_size(Pos2::ZERO, vec2(0.0, 0.0));
        };
        let x = if i < row.chars.end {
            row.spans[i - row.chars.start].leading()
        } else {
            row.spans.last().map_or(0.0, CharSpan::trailing)
        };
        Rect::from_min_max(pos2(x, row.top), pos2(x, row.top + row.height))
    }

    fn gap_at(&self, p: Vec2) -> usize {
        let r = self
            .rows
            .partition_point(|r| r.top + r.height <= p.y)
            .min(self.rows.len().saturating_sub(1));
        self.rows.get(r).map_or(0, |row| row.gap_at(p.x))
    }

    fn range_rects(&self, a: usize, b: usize, out: &mut Vec<Rect>) {
        for row in &self.rows {
            let from = a.max(row.chars.start);
            let to = b.min(row.chars.end);
            if from >= to {
                continue;
            }
            let mut xs: Vec<(f32, f32)> = row.spans[from - row.chars.start..to - row.chars.start]
                .iter()
                .filter(|s| s.x1 > s.x0)
                .map(|s| (s.x0, s.x1))
                .collect();
            xs.sort_by(|p, q| p.0.total_cmp(&q.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for (x0, x1) in xs {
                match merged.last_mut() {
                    // Chars that touch on screen make one rectangle (glyphs
                    // placed on whole pixels may leave a hairline between).
                    Some(last) if x0 <= last.1 + 1.5 => last.1 = last.1.max(x1),
                    _ => merged.push((x0, x1)),
                }
            }
            for (x0, x1) in merged {
                out.push(Rect::from_min_max(
                    pos2(x0, row.top),
                    pos2(x1, row.top + row.height),
                ));
            }
        }
    }
}

impl BidiRow {
    /// The gap nearest `x` on this line: before or after the char under it,
    /// by which half of it `x` is in and which way it reads.
    fn gap_at(&self, x: f32) -> usize {
        let drawn = self.spans.iter().enumerate().filter(|(_, s)| s.x1 > s.x0);
        let mut best: Option<(f32, usize)> = None;
        for (k, s) in drawn {
            let i = self.chars.start + k;
            let mid = (s.x0 + s.x1) / 2.0;
            let (gap, dist) = if x < mid {
                (if s.rtl { i + 1 } else { i }, (x - s.x0).abs())
            } else {
                (if s.rtl { i } else { i + 1 }, (x - s.x1).abs())
            };
            let inside = (s.x0..=s.x1).contains(&x);
            let dist = if inside { 0.0 } else { dist };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, gap));
            }
        }
        best.map_or(self.chars.start, |(_, gap)| gap)
    }
}

/// Greedy lines over the tokens: as many as fit in `width`, spaces hanging
/// at the end of a line; a word wider than a line is cut between graphemes.
fn break_lines(tokens: &[Token], chars: &[char], width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    // Width of the line up to its last word, and of the spaces after it.
    let mut used = 0.0;
    let mut spaces = 0.0;
    let mut at = 0;
    for t in tokens {
        if t.space {
            spaces += t.width;
            at = t.chars.end;
            continue;
        }
        if used > 0.0 && used + spaces + t.width > width {
            lines.push(start..t.chars.start);
            start = t.chars.start;
            used = 0.0;
            spaces = 0.0;
        }
        if t.width > width && t.chars.len() > 1 {
            // Longer than a line by itself (a long URL): cut it into lines
            // of about the right length, between graphemes.
            let word: String = chars[t.chars.clone()].iter().collect();
            let per_char = t.width / t.chars.len() as f32;
            let mut line_chars = 0;
            let mut pos = t.chars.start;
            for g in word.graphemes(true) {
                let n = g.chars().count();
                if line_chars > 0 && (line_chars + n) as f32 * per_char > width {
                    if pos > start {
                        lines.push(start..pos);
                    }
                    start = pos;
                    line_chars = 0;
                }
                line_chars += n;
                pos += n;
            }
            used = line_chars as f32 * per_char;
        } else {
            used += spaces + t.width;
        }
        spaces = 0.0;
        at = t.chars.end;
    }
    let end = at.max(chars.len());
    if end > start || lines.is_empty() {
        lines.push(start..end);
    }
    lines
}

/// Where each char of one piece is drawn, the piece's galley starting at
/// `x`. Left to right, egui gives one glyph per char. Right to left its
/// glyphs come in visual order, one per grapheme (or one for several, as
/// Arabic lam-alef), followed by empty glyphs that stand for nothing: each
/// drawn glyph is matched to the grapheme whose first char it carries,
/// walking the graphemes from the last.
fn place_chars(galley: &Galley, chars: &[char], rtl: bool, x: f32, out: &mut [CharSpan]) {
    let glyphs: Vec<&egui::epaint::text::Glyph> =
        galley.rows.iter().flat_map(|r| r.glyphs.iter()).collect();
    let width = galley.size().x;
    if !rtl {
        for (k, s) in out.iter_mut().enumerate() {
            *s = match glyphs.get(k) {
                Some(g) => CharSpan {
                    x0: x + g.pos.x,
                    x1: x + g.pos.x + g.advance_width,
                    rtl: false,
                },
                None => CharSpan {
                    x0: x + width,
                    x1: x + width,
                    rtl: false,
                },
            };
        }
        return;
    }
    let text: String = chars.iter().collect();
    let mut graphemes = Vec::new();
    let mut at = 0;
    for g in text.graphemes(true) {
        let n = g.chars().count();
        graphemes.push(at..at + n);
        at += n;
    }
    let mut extents: Vec<Option<(f32, f32)>> = vec![None; graphemes.len()];
    // Graphemes before `next` are still to be matched.
    let mut next = graphemes.len();
    for g in glyphs.iter().filter(|g| g.advance_width > 0.0) {
        let span = (g.pos.x, g.pos.x + g.advance_width);
        let Some(q) = (0..next)
            .rev()
            .find(|&q| chars[graphemes[q].start] == g.chr)
        else {
            if next > 0 {
                next -= 1;
                extents[next] = Some(span);
            }
            continue;
        };
        // Graphemes q..next are drawn by this one glyph, the last one leftmost.
        let k = (next - q) as f32;
        for (n, gi) in (q..next).rev().enumerate() {
            let w = (span.1 - span.0) / k;
            extents[gi] = Some((span.0 + w * n as f32, span.0 + w * (n as f32 + 1.0)));
        }
        next = q;
    }
    if extents.iter().any(Option::is_none) {
        // Not what was expected (a font that draws one letter with two
        // glyphs): share the piece's width out evenly, right to left.
        let w = width / graphemes.len().max(1) as f32;
        for (n, e) in extents.iter_mut().enumerate() {
            let right = width - w * n as f32;
            *e = Some((right - w, right));
        }
    }
    for (g, e) in graphemes.iter().zip(extents) {
        let (x0, x1) = e.unwrap_or((0.0, 0.0));
        for s in &mut out[g.clone()] {
            *s = CharSpan {
                x0: x + x0,
                x1: x + x1,
                rtl: true,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(spec: &[(usize, f32, bool)]) -> Vec<Token> {
        let mut at = 0;
        spec.iter()
            .map(|&(n, width, space)| {
                let t = Token {
                    chars: at..at + n,
                    width,
                    space,
                };
                at += n;
                t
            })
            .collect()
    }

    #[test]
    fn lines_break_before_the_word_that_does_not_fit() {
        // "aaaa bbbb cccc": words 40 wide, spaces 10.
        let t = tokens(&[
            (4, 40.0, false),
            (1, 10.0, true),
            (4, 40.0, false),
            (1, 10.0, true),
            (4, 40.0, false),
        ]);
        let chars: Vec<char> = "aaaa bbbb cccc".chars().collect();
        assert_eq!(break_lines(&t, &chars, 95.0), vec![0..10, 10..14]);
        assert_eq!(break_lines(&t, &chars, 140.0), vec![0..14]);
        // The space before a break hangs at the end of its line.
        assert_eq!(break_lines(&t, &chars, 45.0), vec![0..5, 5..10, 10..14]);
    }

    /// Lays `text` out at `width` with the system's fonts and checks every
    /// grapheme: it is drawn somewhere, and a point in the middle of it maps
    /// back to one of the gaps around its first char.
    fn check_round_trip(text: &str, width: f32) {
        let ctx = egui::Context::default();
        ctx.add_font_provider(Arc::new(
            egui_system_font_provider::SystemFontProvider::new(),
        ));
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = FontId::proportional(16.0);
            let how = LayOut {
                font: &font,
                colour: Color32::WHITE,
                wrap_width: width,
            };
            let layout = ParaLayout::new(ui, text, &how);
            assert!(layout.width() <= width + 0.5, "{text:?}");
            // Each grapheme is drawn where its first char is (an emoji's
            // skin tone, an accent, take no room of their own).
            let mut i = 0;
            for g in text.graphemes(true) {
                let n = g.chars().count();
                let first = i;
                i += n;
                let Some(c) = g.chars().next() else { continue };
                if c.is_whitespace() {
                    continue;
                }
                let i = first;
                let mut rects = Vec::new();
                layout.range_rects(i, i + 1, &mut rects);
                let Some(r) = rects.first() else {
                    panic!("{text:?}: char {i} {c:?} is drawn nowhere");
                };
                let gap = layout.gap_at(r.center().to_vec2());
                assert!(
                    gap == i || gap == i + 1,
                    "{text:?}: char {i} {c:?} at {r:?} maps to gap {gap}"
                );
                let caret = layout.caret_rect(i);
                assert!(caret.height() > 0.0, "{text:?}: a caret before {i}");
            }
        });
        // No renderer here to take the font atlas.
        output.textures_delta.clear();
    }

    #[test]
    fn every_char_of_mixed_paragraphs_maps_to_its_place_and_back() {
        for width in [120.0, 400.0] {
            check_round_trip("The minister قاسم الأعرجي said (in «Arabic») so.", width);
            check_round_trip("שלום לכולם 2026, מה שלומכם היום?", width);
            check_round_trip(
                "قالت هيئة الميناء إن العبّارة ستعود يوم الاثنين، بعد 12 يوماً.",
                width,
            );
            check_round_trip("Mixed: 美国 👍🏽 e\u{301} and لا and ﻻ then done.", width);
        }
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        let t = tokens(&[(10, 100.0, false)]);
        let chars: Vec<char> = "abcdefghij".chars().collect();
        let lines = break_lines(&t, &chars, 35.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.first().map(|l| l.start), Some(0));
        assert_eq!(lines.last().map(|l| l.end), Some(10));
    }
}
