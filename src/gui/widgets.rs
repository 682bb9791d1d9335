//! Small drawing pieces several panels share: a category's colour and
//! swatch, the card that shows one mark (its category, attributes with
//! their labels, and note) on hover, and label text with right-to-left
//! words in reading order.

use egui::text::LayoutJob;
use egui::{Align, Color32, CornerRadius, FontSelection, RichText, Sense, Ui, WidgetText, vec2};

use crate::model::{Category, CategoryId, Mark, Schema};
use crate::text::bidi::{self, BidiParagraph};
use crate::text::ellipsize;

/// A line for a label (a quote, a title), right-to-left words in the order
/// they are read. egui lays a label out in the order its text is stored, so
/// a line holding Arabic or Hebrew is handed to it as pieces in visual order
/// (`text::bidi`), each shaped on its own; `style` styles every piece. Line
/// breaks become spaces: it is one line, wrapped as egui wraps it.
pub fn bidi_text(ui: &Ui, text: &str, style: impl Fn(RichText) -> RichText) -> WidgetText {
    if !bidi::has_rtl(text) {
        return style(RichText::new(text)).into();
    }
    let line: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let chars: Vec<char> = line.chars().collect();
    let mut job = LayoutJob::default();
    for piece in BidiParagraph::new(&line).visual_pieces(0..chars.len()) {
        let shown: String = chars[piece.chars]
            .iter()
            .map(|&c| if piece.rtl { bidi::mirrored(c) } else { c })
            .collect();
        style(RichText::new(shown)).append_to(
            &mut job,
            ui.style(),
            FontSelection::Default,
            Align::Center,
        );
    }
    WidgetText::LayoutJob(job.into())
}

/// A category's colour.
pub fn category_colour(cat: &Category) -> Color32 {
    rgb_colour(cat.rgb())
}

/// The colour of a category id in a schema, grey for one it does not know.
pub fn colour_of(schema: &Schema, id: &CategoryId) -> Color32 {
    rgb_colour(schema.category(id).map_or([128, 128, 128], |c| c.rgb()))
}

pub fn rgb_colour([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// A small square in a category's colour.
pub fn swatch_ui(ui: &mut Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter()
        .rect_filled(rect, CornerRadius::same(2), colour);
}

/// Category, attributes and note of a mark, as the hover shows it; `quote`
/// is its words as the screen shows them (masked under blind reading).
pub fn mark_card_ui(ui: &mut Ui, schema: &Schema, mark: &Mark, quote: &str) {
    let name = schema.category_name(&mark.category);
    let line = format!("{name}: “{}”", ellipsize(quote, 60));
    ui.label(bidi_text(ui, &line, RichText::strong));
    for line in schema.describe(mark) {
        ui.label(format!("{}: {}", line.name, line.value));
    }
    if !mark.note.is_empty() {
        ui.label(format!("Note: {}", mark.note));
    }
}
