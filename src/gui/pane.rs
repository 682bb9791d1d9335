//! What every part of the window is, a side panel or a view in the centre:
//! drawn from the open case for one frame, it returns what the user asked
//! for as `Action`s, which the app carries out after the whole frame is
//! drawn. No pane changes the case itself.

use egui::{FontId, Ui};

use crate::gui::app::commands::{Action, View};
use crate::gui::session::Session;

/// What a pane is drawn from this frame, besides its own state.
pub struct Scene<'a> {
    pub session: &'a Session,
    /// The reading font at this frame's scale (larger in Presentation).
    pub font: &'a FontId,
    /// The view the tabs chose; a pane that draws several (Compare,
    /// Grade) picks its part by it.
    pub view: View,
}

pub trait Pane {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action>;
}
