//! The window (egui/eframe): a thin layer that shows the core's data and
//! sends it `Edit`s. Laid out like the window itself: every panel and view
//! returns `Action`s that `app::CandorApp::run_action` carries out after the
//! frame is drawn.
//!
//! - `app/`: the frame (`mod.rs`), `run_action` (`actions`), the
//!   preferences eframe keeps (`state`), every command with its label,
//!   tooltip and shortcut (`commands`), the menu bar (`menu`), the screen
//!   with no case (`welcome`), and the one dialog open at a time (`dialogs`).
//! - `views/`: the centre, one module per `View`: `read`, `side_by_side`,
//!   `compare/` (Claims, Actors, Counts, Find), `grade/` (Feedback, Class),
//!   `agree`, `adjudicate`; `tabs` is the strip that switches them. Every
//!   view and panel is a `Pane`.
//! - `panels/`: around the centre: articles, inspector, marks list, status
//!   bar, conflicts, and the dialogs' widgets (`panels/dialogs/`).
//! - `session/`: the open case, its history, selection and save state;
//!   `session/files`: its files (import, export, saving, changes on disk);
//!   `session/notifications`: the messages of the status bar.
//! - `text/`: the text widget (`view/`: layout, paint, input) and what it
//!   draws (`marks`, a plain value built without egui), paragraph layout
//!   with right-to-left runs in visual order, the *Compare with* overlay,
//!   fonts for every script and the reading font, zoom and Presentation.
//! - `widgets`: small drawing pieces the panels and views share.

pub mod app;
pub mod pane;
pub mod panels;
pub mod session;
pub mod text;
pub mod views;
pub mod widgets;

use std::path::PathBuf;

pub use app::{CandorApp, State};

/// The window's icon: the 128 px rendering of packaging/icons/candor.svg,
/// the icon the package installs for the desktop menu.
const ICON_PNG: &[u8] = include_bytes!("../../packaging/icons/hicolor/128x128/apps/candor.png");

/// Opens the window on `path` (or the last or example case) and runs until
/// it is closed. Started with nothing to open and never welcomed before (a
/// first run from the desktop menu), it shows the welcome over the example.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Candor")
        .with_app_id("candor");
    // A bad icon would be a bug in the build, not a reason not to open.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let first_run = path.is_none();
    let options = eframe::NativeOptions {
        viewport: viewport
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
            let welcome = first_run && !state.welcomed;
            let mut app = CandorApp::new(state, path);
            if welcome {
                app.show_welcome();
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
