//! Small drawing pieces several panels share: a category's colour and
//! swatch, and the card that shows one mark (its category, attributes with
//! their labels, and note) on hover.

use egui::{Color32, CornerRadius, Sense, Ui, vec2};

use crate::model::{Category, CategoryId, Mark, Schema};
use crate::text::ellipsize;

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

/// Category, attributes and note of a mark, as the hover shows it.
pub fn mark_card_ui(ui: &mut Ui, schema: &Schema, mark: &Mark) {
    let name = schema.category_name(&mark.category);
    ui.strong(format!("{name}: “{}”", ellipsize(&mark.quote, 60)));
    for line in schema.describe(mark) {
        ui.label(format!("{}: {}", line.name, line.value));
    }
    if !mark.note.is_empty() {
        ui.label(format!("Note: {}", mark.note));
    }
}
