//! The window (egui/eframe): a thin layer that shows the core's data and
//! sends it `Edit`s. Each panel is its own module and returns `Action`s that
//! `app::CandorApp::run_action` carries out after the frame is drawn.
//!
//! - `app`: the frame and the side panels; `app/actions`: `run_action`.
//! - `commands`: every command (label, tooltip, shortcut, menu item), the
//!   views, and the actions panels return.
//! - `session`: the open case, its history, selection and save state;
//!   `session/files`: its files (import, export, saving, changes on disk).
//! - `notifications`: the messages of the status bar.
//! - `menu`, `welcome`, `views`: the menu bar, the screen with no case, the tabs.
//! - `read_view`, `side_by_side`: the article text, alone or in columns.
//! - `text/`: the text widget (`view/`) and what it draws (`marks`, a plain
//!   value), paragraph layout, the *Compare with* overlay, fonts and zoom.
//! - `panels/`: articles, inspector, marks list, status bar, dialogs.
//! - `compare/`, `compare_page`: the Claims, Actors, Counts and Find views.
//! - `grading/`: the Feedback and Class views, a grade against the key.
//! - `widgets`: small drawing pieces the panels share.

pub mod adjudicate_view;
pub mod agreement_view;
pub mod app;
pub mod commands;
pub mod compare;
pub mod compare_page;
pub mod grading;
pub mod menu;
pub mod notifications;
pub mod panels;
pub mod read_view;
pub mod session;
pub mod side_by_side;
pub mod text;
pub mod views;
pub mod welcome;
pub mod widgets;

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
        // The app adds the system font provider itself (`fonts`), so that
        // the tests, which run without eframe, draw with the same fonts.
        system_font_fallback: false,
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
