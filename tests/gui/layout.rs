//! The window at a classroom's sizes: a laptop (1280x720), a projector, a
//! wide screen (1920x1080). Columns stay in their slots, panels keep their
//! width, text never runs under a panel.

use std::path::Path;

use candor::gui::CandorApp;
use candor::model::{AnnotatorId, ArticleId};
use egui::{Key, Rect, Role};
use egui_kittest::Harness;

use super::util::{Window, instructor_on, press_ctrl};
use crate::util::example_copy;
use egui_kittest::kittest::{NodeT, Queryable};

/// Where each side-by-side column's text is, and the slot it was shown in.
fn column_rects(h: &Harness<'_, CandorApp>) -> Vec<(Rect, Rect)> {
    h.state()
        .side_by_side
        .columns
        .iter()
        .map(|c| (c.view.text_extent(), c.view.shown_rect()))
        .collect()
}

#[test]
fn three_columns_at_1280_px_keep_their_text_in_their_own_slots() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1280.0, 720.0).open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num2);
    h.get_by_label("+ Column").click();
    h.run();
    let rects = column_rects(&h);
    assert_eq!(rects.len(), 3);
    for (i, (text, shown)) in rects.iter().enumerate() {
        assert!(text.width() > 100.0, "column {i} has text: {text:?}");
        assert!(
            text.max.x <= shown.max.x + 0.5,
            "column {i}'s text {text:?} stays in its slot {shown:?}"
        );
    }
    for pair in rects.windows(2) {
        assert!(
            pair[0].0.max.x <= pair[1].0.min.x,
            "columns overlap: {:?} and {:?}",
            pair[0].0,
            pair[1].0
        );
    }
    // Too narrow for three readable columns: they scroll sideways, and the
    // window offers to hide the side panels; hiding them fits all three.
    h.get_by_label("Hide the side panels").click();
    h.run();
    assert!(h.state().state.side_panels_hidden);
    assert!(
        !h.state().side_by_side.narrow,
        "three columns fit at 1280 px"
    );
    for (text, shown) in column_rects(&h) {
        assert!(text.max.x <= shown.max.x + 0.5);
        assert!(shown.max.x <= 1280.0);
    }
    assert!(
        h.query_by_label("Selected mark").is_none(),
        "the inspector is hidden"
    );
    h.get_by_label("Show panels").click();
    h.run();
    assert!(h.query_by_label("Selected mark").is_some());
}

/// The left edge of the inspector: where its heading starts.
fn inspector_left(h: &Harness<'_, CandorApp>) -> f32 {
    h.get_by_label("Selected mark").rect().min.x
}

#[test]
fn the_inspector_keeps_its_width_after_making_a_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = Window::new(1360.0, 880.0).open(instructor_on(&root));
    let key = AnnotatorId::new("key");
    let wire = ArticleId::new("wire");
    let mark = {
        let case = &h.state().session.as_ref().expect("open").case;
        case.marks(&key, &wire)[3].id.clone()
    };
    h.state_mut().session.as_mut().expect("open").selected_mark = Some(mark);
    h.run();
    let before = inspector_left(&h);
    let field = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("new claim, in neutral words"))
        .expect("the new claim field");
    field.focus();
    field.type_text(
        "The regional interior ministry says three people were lightly injured and twelve arrested during the clearance",
    );
    h.run();
    h.get_by_label("New claim").click();
    h.run();
    let after = inspector_left(&h);
    assert!(
        (after - before).abs() < 1.0,
        "the inspector moved from x={before} to x={after}"
    );
    // The text beside it did not re-wrap under the pointer either.
    let text = h.state().read_view.text_view.text_extent();
    assert!(
        text.max.x <= after,
        "the text {text:?} runs under the inspector at {after}"
    );
}

#[test]
fn the_hover_card_waits_after_marking_and_stays_inside_the_text() {
    use super::util::{DAM, app_on, drag_over, find, harness, make_case, point_at};
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    drag_over(&mut h, find(DAM, "so-called peace camp"));
    // The pointer rests where the drag ended, and 1 makes the mark.
    let at = point_at(&h, find(DAM, "peace camp").end.0 - 2, 2.0);
    h.hover_at(at);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    let card = |h: &Harness<'_, CandorApp>| {
        h.query_by_label_contains("Loaded wording: “so-called peace camp”")
            .map(|n| n.rect())
    };
    assert!(
        card(&h).is_none(),
        "no card over the inspector right after marking"
    );
    // Moved along the mark: the card, inside the text view.
    let further = point_at(&h, find(DAM, "peace").start.0 + 1, 2.0);
    h.hover_at(further);
    h.run();
    let rect = card(&h).expect("the card shows once the pointer moves");
    let text = h.state().read_view.text_view.shown_rect();
    assert!(
        rect.max.x <= text.max.x + 1.0,
        "the card {rect:?} stays over the text {text:?}, not the inspector"
    );
}

#[test]
fn a_thousand_articles_are_filtered_by_title_or_outlet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("big");
    let mut case = candor::case::Case::create(&root, "Big").expect("create");
    for i in 0..1000 {
        let meta = candor::model::ArticleMeta {
            outlet: if i == 731 {
                "The Lowmere Gazette".into()
            } else {
                format!("Outlet {i}")
            },
            ..candor::model::ArticleMeta::new(
                ArticleId::new(format!("a{i:04}")),
                format!("Report {i}"),
            )
        };
        case.add_article(meta, "Police cleared the camp.")
            .expect("add");
    }
    case.save().expect("save");
    let mut h = Window::new(1280.0, 720.0).open(instructor_on(&root));
    let field = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.accesskit_node().placeholder() == Some("title or outlet"))
        .expect("the filter box");
    field.focus();
    field.type_text("lowmere");
    h.run();
    h.get_by_label("Report 731").click();
    h.run();
    let s = h.state().session.as_ref().expect("open");
    assert_eq!(s.article_id(), Some(&ArticleId::new("a0731")));
    assert!(h.query_by_label("Report 5").is_none(), "filtered out");
}

#[test]
fn the_first_click_on_a_menu_after_esc_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1280.0, 720.0).open(instructor_on(&example_copy(dir.path())));
    // Esc with nothing open, and Esc closing an open menu.
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.query_by_label_contains("Open case").is_some(),
        "the File menu is open"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label_contains("Open case").is_none(),
        "Esc closed it"
    );
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.query_by_label_contains("Open case").is_some(),
        "the first click after Esc opens it again"
    );
}

/// Every button, box, field and list item a person can reach, with its
/// accessible name (what a screen reader says and what tests find it by),
/// and those that have none.
fn unlabelled(h: &Harness<'_, CandorApp>) -> (usize, Vec<String>) {
    use egui::accesskit::Role as R;
    let interactive = [
        R::Button,
        R::CheckBox,
        R::ComboBox,
        R::TextInput,
        R::MultilineTextInput,
        R::Link,
        R::Tab,
        R::RadioButton,
        R::Slider,
    ];
    let all: Vec<_> = h
        .get_all(egui_kittest::kittest::by().predicate(|n| interactive.contains(&n.role())))
        .collect();
    let missing = all
        .iter()
        .filter(|n| {
            let a = n.accesskit_node();
            let named = a.label().is_some_and(|l| !l.trim().is_empty())
                || a.placeholder().is_some_and(|l| !l.trim().is_empty());
            !named
        })
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
        .collect();
    (all.len(), missing)
}

/// The window at 1360x880 on the example case, the key's first mark of the
/// wire selected (so the inspector shows every field).
fn with_a_mark_selected(root: &Path) -> Harness<'static, CandorApp> {
    let mut h = Window::new(1360.0, 880.0).open(instructor_on(root));
    let mark = {
        let case = &h.state().session.as_ref().expect("open").case;
        case.marks(&AnnotatorId::new("key"), &ArticleId::new("wire"))[0]
            .id
            .clone()
    };
    h.state_mut().session.as_mut().expect("open").selected_mark = Some(mark);
    h.run();
    h
}

#[test]
fn every_control_has_a_name_a_screen_reader_can_say() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = with_a_mark_selected(&root);
    let (seen, mut missing) = unlabelled(&h);
    assert!(seen > 30, "the Read view's controls are looked at: {seen}");
    let views = [
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
        Key::J,
    ];
    for view in views {
        press_ctrl(&mut h, view);
        // The grading and agreement views compute off the UI thread.
        super::util::finish_work(&mut h);
        let (seen, more) = unlabelled(&h);
        assert!(seen > 10, "{view:?}: {seen} controls");
        missing.extend(more.into_iter().map(|m| format!("{view:?}: {m}")));
    }
    assert!(
        missing.is_empty(),
        "controls without a name:\n{}",
        missing.join("\n")
    );
}

#[test]
fn tab_reaches_the_text_the_inspector_and_the_article_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let mut h = with_a_mark_selected(&root);
    let mut reached = std::collections::BTreeSet::new();
    for _ in 0..120 {
        h.key_press(Key::Tab);
        h.run();
        if let Some(n) = h.query_by(|n| n.is_focused()) {
            let a = n.accesskit_node();
            // A label's name is its value, as screen readers read it.
            let name = a
                .label()
                .or_else(|| a.value().filter(|v| !v.is_empty()))
                .or_else(|| a.placeholder().map(str::to_string))
                .unwrap_or_else(|| format!("{:?} {:?}", a.role(), n.rect()));
            reached.insert(name);
        }
    }
    for wanted in [
        "article text",
        "new claim, in neutral words",
        "New annotator",
        "Delete mark",
    ] {
        assert!(
            reached.iter().any(|r| r.contains(wanted)),
            "Tab never reached {wanted:?}; reached {reached:?}"
        );
    }
}

#[test]
fn a_claim_clicked_in_claims_scrolls_every_column_to_its_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = Window::new(1920.0, 1080.0).open(instructor_on(&example_copy(dir.path())));
    press_ctrl(&mut h, Key::Num3);
    // c8 (the parliament's vote) sits near the end of three articles.
    h.get_by_label("The regional parliament approved the expansion")
        .click();
    h.run();
    let columns = &h.state().side_by_side.columns;
    assert_eq!(columns.len(), 3, "the three articles that carry it");
    for c in columns {
        let shown = c.view.shown_rect();
        let outlines = c.view.outline_rects();
        assert!(
            !outlines.is_empty(),
            "{}: the claim's mark is drawn",
            c.article
        );
        assert!(
            outlines.iter().any(|r| shown.intersects(*r)),
            "{}: scrolled to the claim's mark {outlines:?} in {shown:?}",
            c.article
        );
    }
}
