//! The window (egui/eframe): a thin layer that shows the core's data and
//! sends it `Edit`s. Each panel is its own module and returns `Action`s that
//! `app::CandorApp::run_action` carries out after the frame is drawn.

pub mod app;
pub mod articles_panel;
pub mod commands;
pub mod compare;
pub mod dialogs;
pub mod inspector;
pub mod marks_list;
pub mod session;
pub mod status_bar;
pub mod text_view;

use std::path::PathBuf;

pub use app::{CandorApp, State};

/// Opens the window on `path` (or the last or example case) and runs until
/// it is closed.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Candor")
            .with_app_id("candor")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Candor",
        options,
        Box::new(move |cc| {
            let state: State = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            Ok(Box::new(CandorApp::new(state, path)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
