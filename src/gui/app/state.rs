//! What eframe remembers between runs: the UI preferences and which case
//! was open, never case data (that lives in the case's own files). Apart
//! from the app so the menu and the welcome screen can read it without
//! importing the app that draws them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::commands::View;
use crate::gui::text::fonts::ReadingFont;
use crate::gui::text::zoom::Zoom;
use crate::model::ArticleId;

/// UI preferences eframe persists. Never case data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub dark: bool,
    pub last_case: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// Who was marking, per case folder.
    pub annotators: BTreeMap<PathBuf, String>,
    /// The view each case was left in, per case folder, so reopening it
    /// comes back to the same comparison.
    pub layouts: BTreeMap<PathBuf, Layout>,
    /// The article list and the inspector are hidden (Ctrl+\\).
    pub side_panels_hidden: bool,
    /// The font and size of the article text.
    pub reading_font: ReadingFont,
    /// The zoom factor of the whole window (Ctrl+Plus, Ctrl+Minus, Ctrl+0).
    pub zoom: Zoom,
    /// Case folders whose answer key may be marked as (an instructor
    /// unlocked it); in every other case the key is never "Marking as".
    pub key_unlocked: BTreeSet<PathBuf>,
    /// The first run's welcome was shown (Help > Welcome shows it again).
    pub welcomed: bool,
}

/// The view a case was left in and its side-by-side columns. Article ids
/// only: a case edited since may have lost some, and they are dropped on
/// reopening.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub view: View,
    /// Left to right; empty until Side by side has been shown.
    pub columns: Vec<ArticleId>,
}
