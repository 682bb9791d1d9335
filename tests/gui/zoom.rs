//! Zoom, small screens and Presentation: at 150% and at 1024x600 every line
//! of Read and Side by side stays inside its view, and the side panels give
//! way before the text does.
//!
//! egui_kittest gives the window a size in points, where a real window's
//! size is in pixels and shrinks in points as the zoom grows; so after
//! zooming, a test sets the size the window then has in points (1280x720
//! pixels at 150% are 853x480 points).

use candor::gui::{CandorApp, State};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::util::{Window, app_on, app_with, press};
use crate::util::example_copy;

/// The Read view's text is no wider than the view, and the view ends
/// inside the window and left of the inspector when it is shown.
fn assert_read_text_fits(h: &Harness<'_, CandorApp>, window_width: f32, what: &str) {
    let view = &h.state().read_view.text_view;
    let (text, shown) = (view.text_extent(), view.shown_rect());
    assert!(text.width() > 100.0, "{what}: there is text: {text:?}");
    assert!(
        text.max.x <= shown.max.x + 0.5,
        "{what}: the text {text:?} is wider than its view {shown:?}"
    );
    assert!(shown.max.x <= window_width + 0.5, "{what}: {shown:?}");
    if let Some(inspector) = h.query_by_label("Selected mark") {
        assert!(
            shown.max.x <= inspector.rect().min.x,
            "{what}: the view {shown:?} runs under the inspector at {:?}",
            inspector.rect()
        );
    }
}

fn assert_columns_fit(h: &Harness<'_, CandorApp>, window_width: f32, what: &str) {
    let columns = &h.state().side_by_side.columns;
    assert!(columns.len() >= 2, "{what}: columns are shown");
    for (i, c) in columns.iter().enumerate() {
        let (text, shown) = (c.view.text_extent(), c.view.shown_rect());
        assert!(text.width() > 100.0, "{what}: column {i} has text {text:?}");
        assert!(
            text.max.x <= shown.max.x + 0.5,
            "{what}: column {i}'s text {text:?} is wider than its slot {shown:?}"
        );
    }
    if !h.state().side_by_side.narrow {
        let last = columns.last().map(|c| c.view.shown_rect());
        assert!(
            last.is_some_and(|r| r.max.x <= window_width + 0.5),
            "{what}"
        );
    }
}

#[test]
fn zoomed_to_150_percent_the_text_wraps_and_the_panels_give_way_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1280.0, 720.0).open(app_on(&example_copy(dir.path())));
    assert_read_text_fits(&h, 1280.0, "at 100%");
    assert!(
        h.query_by_label("Selected mark").is_some(),
        "panels at 100%"
    );
    for _ in 0..5 {
        press(&mut h, Modifiers::COMMAND, Key::Plus);
    }
    assert_eq!(h.state().state.zoom.percent(), "150%");
    assert!(
        (h.ctx.zoom_factor() - 1.5).abs() < 1e-4,
        "egui zooms the window"
    );
    let (w, ht) = (1280.0 / 1.5, 720.0 / 1.5);
    h.set_size(vec2(w, ht));
    h.run();
    // 853 points cannot hold both panels and a readable column: they fold
    // away, and the tab strip offers them back.
    assert!(h.state().panels_give_way);
    assert!(
        h.query_by_label("Selected mark").is_none(),
        "the inspector gave way"
    );
    assert!(
        h.query_by_label("Articles").is_none(),
        "the article list gave way"
    );
    assert_read_text_fits(&h, w, "at 150%");

    // Asked for anyway, the panels come back and the text wraps between them.
    h.get_by_label("Show panels").click();
    h.run();
    assert!(h.query_by_label("Selected mark").is_some());
    assert_read_text_fits(&h, w, "at 150% with the panels asked for");
    press(&mut h, Modifiers::COMMAND, Key::Backslash);
    assert!(h.query_by_label("Selected mark").is_none());

    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_columns_fit(&h, w, "side by side at 150%");

    // Ctrl+Minus once, Ctrl+0 back to 100%.
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    assert_eq!(h.state().state.zoom.percent(), "140%");
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.state().state.zoom.percent(), "100%");
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}

#[test]
fn at_1024x600_every_line_of_read_and_side_by_side_stays_in_its_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1024.0, 600.0).open(app_on(&example_copy(dir.path())));
    // Both panels fit beside a readable column at 1024 points.
    assert!(!h.state().panels_give_way);
    assert!(h.query_by_label("Selected mark").is_some());
    assert_read_text_fits(&h, 1024.0, "Read at 1024x600");
    // Every paragraph, those holding marks too, laid out at that width.
    for _ in 0..30 {
        if h.state().read_view.text_view.fully_laid_out() {
            break;
        }
        h.run();
    }
    assert!(h.state().read_view.text_view.fully_laid_out());
    assert_read_text_fits(&h, 1024.0, "the whole article at 1024x600");

    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_columns_fit(&h, 1024.0, "Side by side at 1024x600");
}

#[test]
fn the_zoom_is_remembered_with_the_window_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = Window::new(1280.0, 720.0).open(app_on(&root));
    press(&mut h, Modifiers::COMMAND, Key::Plus);
    press(&mut h, Modifiers::COMMAND, Key::Plus);
    assert_eq!(h.state().state.zoom.percent(), "120%");
    // eframe keeps `State` as RON between runs.
    let saved = ron::to_string(&h.state().state).expect("State serializes");
    let state: State = ron::from_str(&saved).expect("and reads back");
    assert_eq!(state.zoom.percent(), "120%");
    let h = Window::new(1280.0, 720.0).open(app_with(state, &root, "amara"));
    assert!(
        (h.ctx.zoom_factor() - 1.2).abs() < 1e-4,
        "the next run starts zoomed"
    );
}

#[test]
fn presentation_hides_both_panels_and_enlarges_the_text_and_f11_brings_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1280.0, 720.0).open(app_on(&example_copy(dir.path())));
    let row = |h: &Harness<'_, CandorApp>| {
        let r = h
            .state()
            .read_view
            .text_view
            .screen_rect_of(candor::text::CharPos(0));
        r.expect("the first line is on screen").height()
    };
    let before = row(&h);
    press(&mut h, Modifiers::NONE, Key::F11);
    assert!(h.state().presentation);
    assert!(h.query_by_label("Selected mark").is_none());
    assert!(h.query_by_label("Articles").is_none());
    assert!(row(&h) > before * 1.3, "{} against {before}", row(&h));
    assert_read_text_fits(&h, 1280.0, "Presentation");
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_columns_fit(&h, 1280.0, "Side by side in Presentation");
    press(&mut h, Modifiers::NONE, Key::F11);
    assert!(!h.state().presentation);
    assert!(h.query_by_label("Selected mark").is_some());
}

#[test]
fn the_view_menu_lists_zoom_presentation_and_the_reading_font() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1280.0, 720.0).open(app_on(&example_copy(dir.path())));
    h.get_by_label("View").click();
    h.run();
    for item in [
        "Zoom in",
        "Zoom out",
        "Actual size",
        "Presentation",
        "Reading font…",
    ] {
        assert!(
            h.query_by_label_contains(item).is_some(),
            "{item} in the View menu"
        );
    }
    h.get_by_label_contains("Zoom in").click();
    h.run();
    assert_eq!(h.state().state.zoom.percent(), "110%");
}

#[test]
fn presentation_at_1024x640_has_one_row_of_tabs_and_most_of_the_height_for_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1024.0, 640.0).open(app_on(&example_copy(dir.path())));
    press(&mut h, Modifiers::NONE, Key::F11);
    assert!(h.state().presentation);
    let leave = h.get_by_label("Leave Presentation").rect();
    let views = h.get_by_label_contains("View: Read").rect();
    assert!(
        (leave.center().y - views.center().y).abs() < leave.height() / 2.0,
        "one row: {leave:?} and {views:?}"
    );
    assert!(
        h.query_by_label("Side by side").is_none(),
        "the views are a list, not a row of tabs"
    );
    let shown = h.state().read_view.text_view.shown_rect();
    assert!(
        shown.height() >= 0.6 * 640.0,
        "the text has {} of 640 points",
        shown.height()
    );
    // The list switches views as the tabs do.
    h.get_by_label_contains("View: Read").click();
    h.run();
    h.get_by_label("Side by side").click();
    h.run();
    assert_eq!(h.state().view, candor::gui::app::commands::View::SideBySide);
}

#[test]
fn a_long_status_message_wraps_inside_a_small_or_zoomed_window() {
    let long = "Could not read articles/courier.txt: the file is not UTF-8 at byte 1093; \
                it was left as it is and the other articles opened";
    for (width, height, zoom_presses) in [(1024.0, 640.0, 0), (1280.0, 720.0, 5)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = Window::new(width, height).open(app_on(&example_copy(dir.path())));
        for _ in 0..zoom_presses {
            press(&mut h, Modifiers::COMMAND, Key::Plus);
        }
        let zoom = h.ctx.zoom_factor();
        let (w, ht) = (width / zoom, height / zoom);
        h.set_size(vec2(w, ht));
        h.run();
        h.state_mut()
            .session
            .as_mut()
            .expect("open")
            .notifications
            .error(long, 0.0);
        h.run();
        let node = h
            .query_all(egui_kittest::kittest::by().predicate(|n| {
                [n.label(), n.value()]
                    .into_iter()
                    .flatten()
                    .any(|s| s == long)
            }))
            .next()
            .expect("the whole message is in the window");
        let r = node.rect();
        assert!(
            r.max.x <= w + 0.5 && r.max.y <= ht + 0.5,
            "at {width}x{height}, zoom {zoom}: the message {r:?} runs out of the {w}x{ht} window"
        );
    }
}
