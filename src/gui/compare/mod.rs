//! The comparison views as panels: claims x articles, actors x articles,
//! counts, and find across articles. Each panel draws a plain struct the core
//! built (see `crate::compare`, `crate::stats`, `crate::find`) and returns
//! what the user asked for as a `CompareAction`; the window applies it after
//! drawing, so a panel never changes the case itself.

pub mod actors_view;
pub mod claims_view;
pub mod counts_view;
pub mod find_view;

use crate::find::Hit;
use crate::model::{ArticleId, CategoryId, LinkRef, MarkId};

pub use actors_view::ActorsView;
pub use claims_view::ClaimsView;
pub use counts_view::CountsView;
pub use find_view::FindView;

/// What a comparison panel asks the window to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Open the article and select the mark (scrolling to it).
    OpenMark { article: ArticleId, mark: MarkId },
    /// Open the article at a span that is not (yet) a mark: a find hit.
    OpenHit(Hit),
    /// Open an article at its start.
    OpenArticle(ArticleId),
    /// Follow a claim or actor: outline its marks in every column of the
    /// side-by-side view, with the articles that carry it.
    Follow(LinkRef),
    /// Mark these hits with this category, as one undoable edit
    /// (`crate::find::mark_all` makes the marks).
    MarkAll {
        hits: Vec<Hit>,
        category: CategoryId,
    },
}

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
