//! The Claims, Actors, Counts and Find views: claims x articles, actors x
//! articles, counts, and find across articles, one file each, with `page`
//! holding the tables they draw. Each draws a plain struct the core built
//! (see `crate::compare`, `crate::stats`, `crate::find`) and returns what
//! the user asked for as a `CompareAction`; the window applies it after
//! drawing, so a view never changes the case itself.

pub mod actors;
pub mod claims;
pub mod counts;
pub mod find;
pub mod page;

pub(crate) use crate::export::compare::table::column_label;

/// What hovering an article's column or row shows: its title and outlet
/// (under blind reading, "Article n" alone).
pub(crate) fn article_hover(title: &str, outlet: &str) -> String {
    if outlet.is_empty() {
        title.to_string()
    } else {
        format!("{title}\n{outlet}")
    }
}

/// Widths of a table's first column and of each article column, sharing
/// `available` points: wide enough to read a cell, never wider than needed.
pub(crate) fn widths(available: f32, articles: usize) -> (f32, f32) {
    let first = (available * 0.25).clamp(160.0, 320.0);
    let cell = ((available - first - 24.0) / articles.max(1) as f32).clamp(120.0, 360.0);
    (first, cell)
}
