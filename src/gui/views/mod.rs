//! The centre of the window, one module per `View` the tab strip offers.
//! Each view is a `Pane`: drawn from the open case for one frame, it returns
//! the `Action`s the user asked for, which the app carries out afterwards.
//! A view that shows derived figures keeps the struct the core built and
//! rebuilds it only when the case changed; grades and agreement, which
//! take long on a large class, are computed off the UI thread
//! (`computed`).

pub mod adjudicate;
pub mod agree;
pub mod compare;
pub mod computed;
pub mod grade;
pub mod read;
pub mod side_by_side;
pub mod tabs;

use egui::Ui;

use crate::gui::app::commands::Action;
use crate::gui::pane::{Pane, Scene};

// Read and Side by side keep their own `ui`, which takes the reading font
// besides the session; here they take it from the scene.
impl Pane for read::ReadView {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        read::ReadView::ui(self, ui, scene.session, scene.font)
    }
}

impl Pane for side_by_side::SideBySide {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        side_by_side::SideBySide::ui(self, ui, scene.session, scene.font)
    }
}
