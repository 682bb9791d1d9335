//! The comparison views as panels: claims x articles, actors x articles,
//! counts, and find across articles. Each panel draws a plain struct the core
//! built (see `crate::compare`, `crate::stats`, `crate::find`) and returns
//! what the user asked for as a `CompareAction`; the window applies it after
//! drawing, so a panel never changes the case itself.

pub mod actors_view;
pub mod claims_view;
pub mod counts_view;
pub mod find_view;

use egui::Color32;

use crate::find::Hit;
use crate::model::{ArticleId, CategoryId, LinkId, MarkId};

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
    /// Highlight every mark of a claim, in every column of the side-by-side view.
    HighlightClaim(LinkId),
    /// Highlight every mark of an actor, in every column.
    HighlightActor(LinkId),
    /// Mark these hits with this category, as one undoable edit
    /// (`crate::find::mark_all` makes the marks).
    MarkAll {
        hits: Vec<Hit>,
        category: CategoryId,
    },
}

impl CompareAction {
    /// What the action does, for the window's status line and undo history.
    pub fn label(&self) -> String {
        match self {
            CompareAction::OpenMark { article, mark } => format!("Open mark {mark} in {article}"),
            CompareAction::OpenHit(hit) => format!("Open {:?} in {}", hit.matched, hit.article),
            CompareAction::OpenArticle(article) => format!("Open {article}"),
            CompareAction::HighlightClaim(id) => format!("Highlight claim {id}"),
            CompareAction::HighlightActor(id) => format!("Highlight actor {id}"),
            CompareAction::MarkAll { hits, category } => {
                format!("Mark {} hit(s) as {category}", hits.len())
            }
        }
    }
}

/// A category's colour from the schema, or grey for one it does not know.
pub(crate) fn colour(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}
