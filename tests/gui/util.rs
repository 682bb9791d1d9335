//! What every window test shares, as `tests/util.rs` is for the rest: one
//! way to open the window on a case (`Window`, `harness`, `app_on`), a
//! small case of invented articles (`make_case`), a drag over words
//! (`drag_over`), key presses, and the marks they made (`marks_of`).

use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::gui::{CandorApp, State};
use candor::model::{AnnotatorId, ArticleId, Mark};
use candor::text::{CharPos, CharRange};
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;

use crate::util::article;

pub const DAM: &str = "Riot police swept through the so-called peace camp at Northgate Dam before dawn on Tuesday.\n\nOfficials said the clearance was lawful. Campers insisted they had been given no warning.\n\nIt is worth noting that the dam has been closed to the public since March.";
pub const RIVER: &str = "The river authority confirmed that the camp was cleared without injuries.\n\nA spokesman claimed the protesters had blocked an access road for weeks.";

/// The window a test opens: its size in points, how many frames one
/// `run` may take, and how far the clock moves a frame.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    size: Vec2,
    max_steps: u64,
    step_secs: Option<f32>,
}

impl Window {
    /// A window of this size whose `run` takes up to 16 frames.
    pub const fn new(width: f32, height: f32) -> Self {
        Window {
            size: Vec2::new(width, height),
            max_steps: 16,
            step_secs: None,
        }
    }

    pub const fn max_steps(mut self, steps: u64) -> Self {
        self.max_steps = steps;
        self
    }

    /// The clock moves `secs` a frame (a click a frame apart is then a
    /// double click or not).
    pub const fn step_secs(mut self, secs: f32) -> Self {
        self.step_secs = Some(secs);
        self
    }

    /// The window on `app`, its first frames drawn.
    pub fn open(self, app: CandorApp) -> Harness<'static, CandorApp> {
        let mut builder = Harness::builder()
            .with_size(self.size)
            .with_max_steps(self.max_steps);
        if let Some(secs) = self.step_secs {
            builder = builder.with_step_dt(secs);
        }
        let mut h = builder.build_ui_state(|ui, app: &mut CandorApp| app.ui(ui), app);
        h.run();
        h
    }
}

/// The window most tests use: 1400 x 900, up to 12 frames a `run`.
pub const SMALL_CASE_WINDOW: Window = Window::new(1400.0, 900.0).max_steps(12);

/// The window of `SMALL_CASE_WINDOW` on `app`.
pub fn harness(app: CandorApp) -> Harness<'static, CandorApp> {
    SMALL_CASE_WINDOW.open(app)
}

/// The app as eframe starts it on `root`, with `state` remembered and
/// `who` marking.
pub fn app_with(mut state: State, root: &Path, who: &str) -> CandorApp {
    state.annotators.insert(root.to_path_buf(), who.into());
    CandorApp::new(state, Some(root.to_path_buf()))
}

/// The app on `root`, `who` marking.
pub fn app_as(root: &Path, who: &str) -> CandorApp {
    app_with(State::default(), root, who)
}

/// The app on `root`, amara marking.
pub fn app_on(root: &Path) -> CandorApp {
    app_as(root, "amara")
}

/// The app on `root` as the instructor, who has unlocked the answer key
/// to mark it.
pub fn instructor_on(root: &Path) -> CandorApp {
    let mut state = State::default();
    state
        .key_unlocked
        .insert(root.canonicalize().expect("the case folder"));
    app_with(state, root, "key")
}

/// A case with two invented articles and no marks, in `dir/case`.
pub fn make_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    let mut case = Case::create(&root, "Northgate Dam").expect("create case");
    case.add_article(
        article("ledger", "Police clear dam camp", "The Ledger"),
        DAM,
    )
    .expect("article");
    case.add_article(article("courier", "Camp cleared", "The Courier"), RIVER)
        .expect("article");
    case.save().expect("save");
    root
}

/// amara's marks on `article`.
pub fn marks_of(app: &CandorApp, article: &str) -> Vec<Mark> {
    let s = app.session.as_ref().expect("a case is open");
    s.case
        .marks(&AnnotatorId::new("amara"), &ArticleId::new(article))
        .to_vec()
}

/// The char range of the first occurrence of `phrase` in `text`.
pub fn find(text: &str, phrase: &str) -> CharRange {
    let byte = text.find(phrase).expect("phrase in text");
    let start = text[..byte].chars().count();
    CharRange::new(start, start + phrase.chars().count())
}

/// A point on the Read view's text `pos` chars in, nudged into the row.
pub fn point_at(h: &Harness<'_, CandorApp>, pos: usize, dx: f32) -> Pos2 {
    let r = h
        .state()
        .read_view
        .text_view
        .screen_rect_of(CharPos(pos))
        .expect("the paragraph is on screen");
    Pos2::new(r.min.x + dx, r.center().y)
}

/// Drags from `from` to `to`, a few frames on the way, as a hand does.
pub fn drag(h: &mut Harness<'_, CandorApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(Pos2::new((from.x + to.x) / 2.0, from.y));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// Drags with the mouse from inside the first char to inside the last char
/// of a range, the way a person selects a phrase roughly.
pub fn drag_over(h: &mut Harness<'_, CandorApp>, range: CharRange) {
    let from = point_at(h, range.start.0 + 1, 1.0);
    let to = point_at(h, range.end.0 - 1, 1.0);
    drag(h, from, to);
}

/// Presses `key` with `modifiers` and lets the window answer.
pub fn press(h: &mut Harness<'_, CandorApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Presses Ctrl+`key` (Cmd on a Mac) and lets the window answer.
pub fn press_ctrl(h: &mut Harness<'_, CandorApp>, key: Key) {
    press(h, Modifiers::COMMAND, key);
}

/// Drags over `phrase` of `DAM` in the Read view and presses `key` (a
/// category's key), as an annotator marks it.
pub fn mark_phrase(h: &mut Harness<'_, CandorApp>, phrase: &str, key: Key) {
    drag_over(h, find(DAM, phrase));
    h.key_press(key);
    h.run();
}

/// Draws frames until the work running off the UI thread (an import, an
/// export, a view's grades or agreement) is done and taken in, then lets
/// the window settle. Waits, not times: the worker's thread runs at its
/// own pace.
pub fn finish_work(h: &mut Harness<'_, CandorApp>) {
    for _ in 0..10_000 {
        if !h.state().working() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    panic!("the work did not end");
}
