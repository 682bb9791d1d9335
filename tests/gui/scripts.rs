//! Every script of a case drawn, right-to-left words right to left, and
//! marked in logical order: the mixed-script fixture
//! (`tests/fixtures/mixed-scripts`, invented texts with Arabic, Hebrew,
//! Chinese, emoji and combining accents) in the window.
//!
//! The glyph test needs the fonts `.ci/run` installs (Debian's
//! fonts-dejavu-core, fonts-droid-fallback, fonts-noto-color-emoji); on a
//! machine without them it fails and says which to install.

use std::path::{Path, PathBuf};

use candor::gui::{CandorApp, State};
use candor::model::{AnnotatorId, ArticleId, CategoryId};
use candor::text::scripts::writing_of;
use candor::text::{CharPos, CharRange};
use egui::{Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unicode_segmentation::UnicodeSegmentation;

use super::util::{Window, app_on, app_with, drag, find};
use crate::util::copy_dir;

const WINDOW: Window = Window::new(1400.0, 900.0);

const ARABIC_NAME: &str = "سليم الحداد";
const HEBREW_NAME: &str = "נועה לוי";

fn fixture_copy(dir: &Path) -> PathBuf {
    let root = dir.join("mixed-scripts");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed-scripts");
    copy_dir(&fixture, &root);
    root
}

fn text_of(h: &Harness<'_, CandorApp>, article: &str) -> String {
    let s = h.state().session.as_ref().expect("the case is open");
    s.case
        .article_text(&ArticleId::new(article))
        .expect("the text was read")
        .text
        .clone()
}

fn quotes(h: &Harness<'_, CandorApp>, article: &str) -> Vec<String> {
    let s = h.state().session.as_ref().expect("the case is open");
    s.case
        .marks(&AnnotatorId::new("amara"), &ArticleId::new(article))
        .iter()
        .map(|m| m.quote.clone())
        .collect()
}

/// The screen rectangles of a range of the Read view's text, merged.
fn span_of(h: &Harness<'_, CandorApp>, range: CharRange) -> Rect {
    let rects = h.state().read_view.text_view.screen_rects_of(range);
    assert!(!rects.is_empty(), "{range:?} is laid out on screen");
    rects.iter().fold(Rect::NOTHING, |a, r| a.union(*r))
}

#[test]
fn every_char_of_the_mixed_script_case_has_a_glyph_and_accents_the_font_lacks_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&fixture_copy(dir.path())));
    // Both articles drawn, so every char has been asked for.
    h.get_by_label("Side by side").click();
    h.run();
    let font = h.state().state.reading_font.font_id(1.0);
    let mut texts = Vec::new();
    for id in ["harbour", "notices"] {
        texts.push(text_of(&h, id));
    }
    let mut lacking = Vec::new();
    let mut checked = 0;
    for text in &texts {
        for c in text.chars().filter(|&c| writing_of(c).is_some()) {
            checked += 1;
            if !h.ctx.fonts_mut(|f| f.has_glyph(&font, c)) {
                lacking.push(format!("{c:?} U+{:04X} ({:?})", c as u32, writing_of(c)));
            }
        }
    }
    assert!(
        checked > 300,
        "the fixture's chars were looked at: {checked}"
    );
    assert!(
        lacking.is_empty(),
        "drawn as empty boxes: {lacking:?}; install fonts-dejavu-core, \
         fonts-droid-fallback and fonts-noto-color-emoji (.ci/run does)"
    );
    let app = h.state();
    let writings: Vec<&str> = app.fonts.missing.iter().map(|m| m.writing).collect();
    // egui's own font lacks the combining accents of "Nguye\u{302}\u{303}n"
    // and "Zoe\u{308}": the window says so, and which font to choose.
    assert_eq!(
        writings,
        [candor::gui::text::fonts::ACCENTS],
        "no script is missing"
    );
    let s = app.session.as_ref().expect("open");
    assert!(!s.notifications.contains("No font for"));
    assert!(
        s.notifications
            .contains("2 letters' combining accents are missing")
    );
    assert!(s.notifications.contains("choose DejaVu Sans"));

    // A combining accent egui draws only from the font of its letter (it
    // keeps a grapheme in one font): with DejaVu Sans as the reading font,
    // every accent of the fixture is in its letter's font.
    let mut state = State::default();
    state.reading_font.family = Some("DejaVu Sans".into());
    let dir2 = tempfile::tempdir().expect("tempdir");
    let h = WINDOW.open(app_with(state, &fixture_copy(dir2.path()), "amara"));
    assert!(
        h.state().fonts.missing.is_empty(),
        "{:?}",
        h.state().fonts.missing
    );
    let font = h.state().state.reading_font.font_id(1.0);
    let text = text_of(&h, "harbour");
    let decomposed = "Nguye\u{302}\u{303}n";
    assert!(
        text.contains(decomposed),
        "the fixture spells a name with stacked accents"
    );
    let mut dropped = Vec::new();
    h.ctx.fonts_mut(|f| {
        let fonts_of = f.characters(&font.family).clone();
        for g in text.graphemes(true) {
            let mut chars = g.chars();
            let Some(base) = chars.next() else { continue };
            let Some(base_font) = fonts_of.get(&base).and_then(|v| v.first()) else {
                continue;
            };
            for mark in chars.filter(|c| ('\u{300}'..='\u{36F}').contains(c)) {
                if !fonts_of.get(&mark).is_some_and(|v| v.contains(base_font)) {
                    dropped.push(format!("{g:?}: U+{:04X} not in {base_font}", mark as u32));
                }
            }
        }
    });
    assert!(dropped.is_empty(), "{dropped:?}");
}

#[test]
fn a_drag_over_an_arabic_name_marks_exactly_that_name_and_its_highlight_covers_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&fixture_copy(dir.path())));
    let text = text_of(&h, "harbour");
    let name = find(&text, ARABIC_NAME);
    let span = span_of(&h, name);
    // Right to left: the name's first letter is at its right end, and the
    // word after it in the text ("said") is to the right of it.
    let first = span_of(&h, CharRange::new(name.start.0, name.start.0 + 1));
    let last = span_of(&h, CharRange::new(name.end.0 - 1, name.end.0));
    assert!(
        first.center().x > last.center().x,
        "the first letter {first:?} is right of the last {last:?}"
    );
    let said = span_of(&h, find(&text, ", said"));
    assert!(said.min.x >= span.max.x - 0.5, "{said:?} follows {span:?}");
    let y = span.center().y;
    // From inside the first letter (on the right) to inside the last.
    drag(
        &mut h,
        Pos2::new(span.max.x - 2.0, y),
        Pos2::new(span.min.x + 2.0, y),
    );
    let sel = h.state().session.as_ref().and_then(|s| s.selection_range());
    assert_eq!(
        sel,
        Some(name),
        "the selection is the name, in logical order"
    );
    h.key_press(egui::Key::Num4);
    h.run();
    assert_eq!(quotes(&h, "harbour"), vec![ARABIC_NAME.to_string()]);
    let s = h.state().session.as_ref().expect("open");
    let mark = &s
        .case
        .marks(&AnnotatorId::new("amara"), &ArticleId::new("harbour"))[0];
    assert_eq!(mark.category, CategoryId::new("mention"));
    assert_eq!(mark.range(), name);

    // The fill covers the whole name and not the comma after it.
    h.run();
    let fills = h.state().read_view.text_view.highlight_rects().to_vec();
    assert_eq!(
        fills.len(),
        1,
        "one name on one line is one fill: {fills:?}"
    );
    let covered = fills.iter().fold(Rect::NOTHING, |a, r| a.union(*r));
    assert!(
        covered.expand(0.5).contains_rect(span) && span.expand(0.5).contains_rect(covered),
        "fill {covered:?} is the name {span:?}"
    );
    // The marks list and the inspector quote the name as it reads: its
    // first word on the right (the label's text is given to egui in that
    // order).
    assert_eq!(
        h.get_all_by_label("”الحداد سليم“").count(),
        2,
        "the marks list and the inspector quote the name right to left"
    );
    let comma = span_of(&h, CharRange::new(name.end.0, name.end.0 + 1));
    assert!(fills.iter().all(|f| f.intersect(comma).width() < 0.5));
}

#[test]
fn words_of_a_right_to_left_paragraph_read_from_the_right_and_a_drag_takes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&fixture_copy(dir.path())));
    h.get_by_label("Three notices posted at the pier").click();
    h.run();
    let text = text_of(&h, "notices");
    // The paragraph starts in Arabic: its first word is at the right of its
    // first line, the next word to its left.
    let first = span_of(&h, find(&text, "قالت"));
    let second = span_of(&h, find(&text, "هيئة"));
    assert!(
        first.min.x > second.max.x - 0.5,
        "{first:?} then {second:?}"
    );
    let shown = h.state().read_view.text_view.shown_rect();
    assert!(
        first.max.x > shown.center().x,
        "aligned right: {first:?} in {shown:?}"
    );
    // Hebrew words inside brackets: the brackets are drawn mirrored and the
    // words stay in order.
    let phrase = "הזמנים החדש";
    let range = find(&text, phrase);
    let span = span_of(&h, range);
    drag(
        &mut h,
        Pos2::new(span.max.x - 2.0, span.center().y),
        Pos2::new(span.min.x + 2.0, span.center().y),
    );
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(quotes(&h, "notices"), vec![phrase.to_string()]);
    // The other way round: from the left end (the phrase's last letter) to
    // the right end gives the same words.
    let phrase = "هيئة الميناء";
    let span = span_of(&h, find(&text, phrase));
    drag(
        &mut h,
        Pos2::new(span.min.x + 2.0, span.center().y),
        Pos2::new(span.max.x - 2.0, span.center().y),
    );
    h.key_press(egui::Key::Num2);
    h.run();
    let mut got = quotes(&h, "notices");
    got.sort();
    let mut want = vec![phrase.to_string(), "הזמנים החדש".to_string()];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_hebrew_name_in_english_text_and_the_caret_keys_keep_logical_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&fixture_copy(dir.path())));
    let text = text_of(&h, "harbour");
    let name = find(&text, HEBREW_NAME);
    // A click just before the name, then Shift+Right as many times as the
    // name has letters: the selection is the name, whichever way it is drawn.
    let before = h
        .state()
        .read_view
        .text_view
        .screen_rect_of(CharPos(name.start.0 - 2))
        .expect("on screen");
    h.hover_at(before.center());
    h.run();
    h.drag_at(before.center());
    h.run();
    h.drop_at(before.center());
    h.run();
    // The click put the caret in ", ", two chars before the name.
    for _ in 0..2 + HEBREW_NAME.chars().count() {
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        h.run();
    }
    let sel = h.state().session.as_ref().and_then(|s| s.selection);
    let sel = sel.expect("a selection");
    assert_eq!(
        sel.head, name.end,
        "the caret moved char by char in logical order"
    );
}

#[test]
fn a_script_no_installed_font_draws_is_named_once_with_a_font_to_install() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture_copy(dir.path());
    // Cherokee, which neither egui's fonts nor the fonts .ci/run installs
    // draw (Debian has it in fonts-noto-core).
    let cherokee = "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ";
    let notices = root.join("articles/notices.txt");
    let mut text = std::fs::read_to_string(&notices).expect("read");
    text.push_str(&format!("\n{cherokee}\n"));
    std::fs::write(&notices, text).expect("write");

    let app = CandorApp::new(State::default(), Some(root.clone()));
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut CandorApp| app.ui(ui), app);
    // What the window does outside tests: an empty box, not a panic.
    h.ctx
        .set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu);
    h.run();
    let font = h.state().state.reading_font.font_id(1.0);
    let covered = h.ctx.fonts_mut(|f| f.has_glyph(&font, 'Ꮳ'));
    let said = |h: &Harness<'_, CandorApp>| {
        let s = h.state().session.as_ref().expect("open");
        s.notifications
            .all()
            .filter(|n| n.text.starts_with("No font for Cherokee"))
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    if covered {
        // This machine has a Cherokee font: nothing to say.
        assert!(said(&h).is_empty(), "{:?}", said(&h));
        return;
    }
    let messages = said(&h);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains("install Noto Sans Cherokee")
            && messages[0].contains("fonts-noto-core"),
        "{}",
        messages[0]
    );
    // Articles added: the case is looked at again, and Cherokee is not
    // named a second time.
    let extra = dir.path().join("more.txt");
    std::fs::write(&extra, format!("More notices\n{cherokee} and 港务局.\n")).expect("write");
    let prepared =
        candor::import::read_file(&extra, &candor::import::ImportOptions::default()).expect("read");
    h.state_mut()
        .session
        .as_mut()
        .expect("open")
        .add_prepared(&prepared, "more.txt", 0.0);
    h.run();
    assert_eq!(
        h.state().session.as_ref().map(|s| s.case.articles().len()),
        Some(3)
    );
    assert_eq!(said(&h).len(), 1, "{:?}", said(&h));
}

#[test]
fn the_reading_font_is_chosen_in_its_dialog_shown_at_once_and_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = WINDOW.open(app_on(&fixture_copy(dir.path())));
    let row = |h: &Harness<'_, CandorApp>| {
        let r = h.state().read_view.text_view.screen_rect_of(CharPos(0));
        r.expect("the first line is on screen").height()
    };
    let before = row(&h);
    h.get_by_label("View").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Reading font…")
        .click();
    h.run();
    assert!(
        h.query_by_label("Reading font").is_some(),
        "the dialog is open"
    );
    h.get_by_label("Font:").click();
    h.run();
    h.get_by_label("DejaVu Sans").click();
    h.run();
    assert_eq!(
        h.state().state.reading_font.family.as_deref(),
        Some("DejaVu Sans"),
        "chosen from the installed families"
    );
    // Larger, with the keyboard on the slider.
    h.get_by_role(egui::accesskit::Role::Slider).focus();
    h.run();
    for _ in 0..8 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    assert_eq!(h.state().state.reading_font.size_points, 24.0);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.query_by_label("Reading font").is_none(), "closed");
    assert!(
        row(&h) > before * 1.3,
        "the text is larger: {} against {before}",
        row(&h)
    );
    // The DejaVu reading font draws the stacked accents: nothing to report.
    assert!(
        h.state().fonts.missing.is_empty(),
        "{:?}",
        h.state().fonts.missing
    );
    let saved = ron::to_string(&h.state().state).expect("State serializes");
    let state: State = ron::from_str(&saved).expect("and reads back");
    assert_eq!(state.reading_font, h.state().state.reading_font);
}
