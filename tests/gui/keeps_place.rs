//! Marking keeps its place: making, selecting or editing a mark never moves
//! the text under the pointer, and nothing the user did not touch changes
//! width. A reader drags over the words in front of them; if the text moved
//! when the last mark was made, the next drag lands on other words.

use candor::case::Case;
use candor::gui::CandorApp;
use candor::text::CharPos;
use egui::Key;
use egui_kittest::Harness;

use super::util::{SMALL_CASE_WINDOW, app_on, drag_over, find, marks_of};
use crate::util::article;

/// A long invented article: paragraphs of different lengths, each ending
/// in a word naming it, and its paragraphs' first chars.
fn long_text() -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for i in 0..60 {
        starts.push(text.chars().count());
        let words = 12 + (i * 37) % 70;
        for w in 0..words {
            text.push_str(match w % 5 {
                0 => "Campaigners ",
                1 => "insisted ",
                2 => "the ",
                3 => "so-called ",
                _ => "clearance ",
            });
        }
        text.push_str(&format!("paragraph{i}.\n\n"));
    }
    (text, starts)
}

/// The window on a case holding the long article, settled: every
/// paragraph laid out, scrolled down so paragraph 20 is in view.
fn long_window(dir: &std::path::Path) -> (Harness<'static, CandorApp>, String, Vec<usize>) {
    let root = dir.join("long");
    let mut case = Case::create(&root, "Long").expect("create");
    let (text, starts) = long_text();
    case.add_article(article("long", "Long", "The Ledger"), &text)
        .expect("article");
    case.save().expect("save");
    let mut h = SMALL_CASE_WINDOW.open(app_on(&root));
    h.state_mut()
        .read_view
        .scroll_to(find(&text, "paragraph20.").start);
    for _ in 0..80 {
        h.step();
    }
    h.run();
    assert!(h.state().read_view.text_view.fully_laid_out());
    (h, text, starts)
}

/// Where each paragraph shown starts on screen, and the scroll offset.
fn places(h: &Harness<'_, CandorApp>, starts: &[usize]) -> (f32, Vec<(usize, egui::Pos2)>) {
    let view = &h.state().read_view.text_view;
    let shown = view.shown_rect();
    let at = starts
        .iter()
        .filter_map(|&s| Some((s, view.screen_rect_of(CharPos(s))?.min)))
        .filter(|(_, p)| shown.y_range().contains(p.y))
        .collect();
    (view.scroll_offset(), at)
}

/// The char range of the `n`-th occurrence (from 0) of `phrase` at or
/// after `from`.
fn phrase_after(text: &str, from: usize, phrase: &str) -> candor::text::CharRange {
    let byte = text.char_indices().nth(from).expect("in text").0;
    let rest = &text[byte..];
    let found = find(rest, phrase);
    candor::text::CharRange::new(from + found.start.0, from + found.end.0)
}

#[test]
fn pressing_a_category_key_on_words_low_in_a_long_article_leaves_the_text_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, text, starts) = long_window(dir.path());
    let shown = h.state().read_view.text_view.shown_rect();
    // Words in the lower half of the view.
    let low = starts
        .iter()
        .copied()
        .find(|&s| {
            h.state()
                .read_view
                .text_view
                .screen_rect_of(CharPos(s))
                .is_some_and(|r| r.min.y > shown.center().y + 60.0 && r.max.y < shown.max.y - 80.0)
        })
        .expect("a paragraph in the lower half");
    let before = places(&h, &starts);
    assert!(before.0 > 0.0, "scrolled down: {before:?}");
    assert!(before.1.len() > 3, "paragraphs shown: {before:?}");

    for (n, phrase) in ["insisted the so-called", "clearance Campaigners"]
        .into_iter()
        .enumerate()
    {
        drag_over(&mut h, phrase_after(&text, low, phrase));
        h.key_press(Key::Num1);
        h.run();
        assert_eq!(marks_of(h.state(), "long").len(), n + 1, "marked");
        assert_eq!(places(&h, &starts), before, "the text stayed put");
        // Editing the selected mark (its category) does not move it either.
        h.key_press(Key::Num2);
        h.run();
        assert_eq!(places(&h, &starts), before, "the text stayed put");
    }
}

#[test]
fn selecting_marks_with_long_quotes_keeps_the_inspector_and_the_article_their_width() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _, starts) = long_window(dir.path());
    let width = |h: &Harness<'_, CandorApp>| {
        (
            h.state().panel_widths().1,
            h.state().read_view.text_view.shown_rect().x_range(),
        )
    };
    // Three long quotes, each a whole paragraph, from paragraphs in view.
    let shown = h.state().read_view.text_view.shown_rect();
    let mut in_view: Vec<usize> = (0..starts.len() - 1)
        .filter(|&i| {
            let view = &h.state().read_view.text_view;
            let top = view.screen_rect_of(CharPos(starts[i]));
            let end = view.screen_rect_of(CharPos(starts[i + 1] - 3));
            matches!((top, end), (Some(t), Some(e)) if t.min.y > shown.min.y && e.max.y < shown.max.y)
        })
        .collect();
    in_view.truncate(3);
    assert!(in_view.len() >= 2, "paragraphs in view: {in_view:?}");
    let before = width(&h);
    for &i in &in_view {
        let range = candor::text::CharRange::new(starts[i], starts[i + 1] - 2);
        drag_over(&mut h, range);
        h.key_press(Key::Num1);
        h.run();
        assert_eq!(width(&h), before, "paragraph {i}: widths kept");
    }
    // Selecting each again, by a click on its words.
    for &i in in_view.iter().rev() {
        let p = h
            .state()
            .read_view
            .text_view
            .screen_rect_of(CharPos(starts[i] + 4))
            .expect("on screen")
            .center();
        h.hover_at(p);
        h.run();
        h.drag_at(p);
        h.drop_at(p);
        h.run();
        assert!(
            h.state()
                .session
                .as_ref()
                .expect("open")
                .selected()
                .is_some()
        );
        assert_eq!(
            width(&h),
            before,
            "paragraph {i} selected again: widths kept"
        );
    }
}

#[test]
fn tapping_shift_right_three_times_selects_three_chars_and_leaves_the_text_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, text, starts) = long_window(dir.path());
    let shown = h.state().read_view.text_view.shown_rect();
    let low = starts
        .iter()
        .copied()
        .find(|&s| {
            h.state()
                .read_view
                .text_view
                .screen_rect_of(CharPos(s))
                .is_some_and(|r| r.min.y > shown.center().y + 60.0 && r.max.y < shown.max.y - 80.0)
        })
        .expect("a paragraph in the lower half");
    let before = places(&h, &starts);
    // The caret before "insisted", put there by a click.
    let caret = phrase_after(&text, low, "insisted").start;
    let at = h
        .state()
        .read_view
        .text_view
        .screen_rect_of(caret)
        .expect("on screen")
        .center();
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    let selection = |h: &Harness<'_, CandorApp>| {
        let s = h.state().session.as_ref().expect("open");
        s.selection.map(|s| (s.anchor, s.head))
    };
    assert_eq!(
        selection(&h),
        Some((caret, caret)),
        "the click put the caret"
    );
    // Each tap presses Shift, presses and lets go of →, and lets go of
    // Shift, all before the next frame, as a quick hand does: the frame
    // sees Shift up, and only the key's own event says it was down.
    for n in 1..=3 {
        tap_in_one_frame(&mut h, egui::Modifiers::SHIFT, Key::ArrowRight);
        h.run();
        assert_eq!(
            selection(&h),
            Some((caret, CharPos(caret.0 + n))),
            "tap {n} extended the selection"
        );
        assert_eq!(places(&h, &starts), before, "the text stayed put");
    }
    // A plain → lets the selection go.
    h.key_press(Key::ArrowRight);
    h.run();
    let after = CharPos(caret.0 + 4);
    assert_eq!(selection(&h), Some((after, after)));

    // Marked, the selection is gone; Shift+→ starts after the new mark,
    // not at the top of the article, and the text stays put.
    let word = phrase_after(&text, caret.0, "the");
    drag_over(&mut h, word);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(selection(&h), None);
    tap_in_one_frame(&mut h, egui::Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(selection(&h), Some((word.end, CharPos(word.end.0 + 1))));
    assert_eq!(places(&h, &starts), before, "the text stayed put");

    // Going down by keys past the bottom of the view scrolls just enough
    // to keep the caret in sight.
    for _ in 0..30 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    let view = &h.state().read_view.text_view;
    let head = selection(&h).expect("a caret").1;
    let r = view.screen_rect_of(head).expect("laid out");
    assert!(view.scroll_offset() > before.0, "scrolled down");
    assert!(
        view.shown_rect().contains_rect(r),
        "the caret {r:?} is in view {:?}",
        view.shown_rect()
    );
}

/// `key` pressed with `modifiers` held, all let go again within one frame.
fn tap_in_one_frame(h: &mut Harness<'_, CandorApp>, modifiers: egui::Modifiers, key: Key) {
    let input = h.input_mut();
    input.events.push(egui::Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        input.events.push(egui::Event::Key {
            key,
            pressed,
            modifiers,
            repeat: false,
            physical_key: None,
        });
    }
    input
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.step();
}
