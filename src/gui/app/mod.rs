//! The window as a whole, for one frame: the menu bar, the side panels
//! and when they give way, the centre, the open dialog, and the keys the
//! schema gives (`shortcuts`). What the user asked for is collected as
//! `Action`s while drawing and carried out afterwards by `run_action`
//! (`actions`), the one place the app changes.
//!
//! - `actions`: `run_action`, and the commands and comparison actions it
//!   carries out;
//! - `state`: what eframe remembers between runs (`State`, `Layout`);
//! - `commands`: every command with its label, tooltip and shortcut, the
//!   views, the actions;
//! - `menu`, `welcome`: the menu bar and the screen with no case;
//! - `dialogs`: the one dialog open at a time;
//! - `drop`: what files dropped on the window are for (articles,
//!   hand-ins, a hand-back);
//! - `installed`: where the example case and the guide were installed,
//!   and the user's copy of the example.

use std::path::{Path, PathBuf};

use egui::{FontId, Key, Modifiers, Ui};

use crate::gui::pane::{Pane, Scene};
use crate::gui::panels::articles::ArticlesPanel;
use crate::gui::panels::conflicts::ConflictsPanel;
use crate::gui::panels::dialogs::import_preview::ImportPreview;
use crate::gui::panels::inspector::Inspector;
use crate::gui::panels::marks_list::MarksList;
use crate::gui::panels::status_bar::StatusBar;
use crate::gui::session::Session;
use crate::gui::text::fonts::Fonts;
use crate::gui::text::zoom::{self, PRESENTATION_SCALE, Zoom};
use crate::gui::views::adjudicate::AdjudicateView;
use crate::gui::views::agree::AgreementView;
use crate::gui::views::compare::page::ComparePage;
use crate::gui::views::grade::GradePage;
use crate::gui::views::read::ReadView;
use crate::gui::views::side_by_side::SideBySide;
use crate::gui::views::tabs;
use crate::model::{AnnotatorId, MANIFEST_FILE};
use commands::{Action, Command, View};
use dialogs::Dialog;
use menu::menu_ui;
pub use state::{Layout, State};
use welcome::{WelcomeDialog, example_case, welcome_ui};

mod actions;
pub mod commands;
pub mod dialogs;
pub mod drop;
pub mod installed;
pub mod menu;
pub mod state;
pub mod welcome;

const MAX_RECENT: usize = 8;
/// The side panels' widths until the user drags their edges.
const DEFAULT_LEFT_POINTS: f32 = 260.0;
const DEFAULT_RIGHT_POINTS: f32 = 320.0;

/// How long to wait for the clipboard's text after asking for it.
const PASTE_WAIT_SECS: f64 = 1.0;

pub struct CandorApp {
    pub state: State,
    pub session: Option<Session>,
    /// Why the last attempt to open or create a case failed.
    pub error: Option<String>,
    articles_panel: ArticlesPanel,
    inspector: Inspector,
    marks_list: MarksList,
    status_bar: StatusBar,
    conflicts: ConflictsPanel,
    /// The dialog open over the window, if any.
    dialog: Option<Dialog>,
    /// Articles read (web pages, the clipboard) waiting to be shown before
    /// they are added, one dialog after another.
    previews: std::collections::VecDeque<ImportPreview>,
    /// When *New article from clipboard* asked the window system for the
    /// clipboard's text (it arrives as a paste event a frame later).
    awaiting_paste: Option<f64>,
    applied_dark: Option<bool>,
    title: String,
    /// What the centre shows.
    pub view: View,
    pub read_view: ReadView,
    pub side_by_side: SideBySide,
    pub compare: ComparePage,
    pub grading: GradePage,
    pub agreement: AgreementView,
    pub adjudicate: AdjudicateView,
    /// The open case's folder as `State` knows it (absolute).
    case_key: Option<PathBuf>,
    /// The fonts installed in egui, and what the case's texts lack.
    pub fonts: Fonts,
    /// The zoom factor last given to egui.
    applied_zoom: Option<f32>,
    /// Both side panels hidden and the text enlarged (F11); not remembered.
    pub presentation: bool,
    /// The window is too narrow for the side panels and a readable column,
    /// so they are folded away (this frame).
    pub panels_give_way: bool,
    /// The user asked for the panels although the window is narrow.
    panels_forced: bool,
    /// Outer widths of the article list and the inspector, last drawn.
    panel_widths: (f32, f32),
    /// What the first frame carries out: a file given on the command line
    /// (a double-clicked hand-in), taken as a drop on the window.
    pending: Vec<Action>,
}

impl CandorApp {
    /// Opens `path`, else the last case, else the example case, else shows
    /// the welcome screen. A `path` that is a case's `case.ron` opens its
    /// folder; any other file (a hand-in, a hand-back) is taken as if it
    /// were dropped on the last case opened.
    pub fn new(state: State, path: Option<PathBuf>) -> Self {
        let mut app = CandorApp {
            state,
            session: None,
            error: None,
            articles_panel: ArticlesPanel::default(),
            inspector: Inspector::default(),
            marks_list: MarksList,
            status_bar: StatusBar,
            conflicts: ConflictsPanel,
            dialog: None,
            previews: std::collections::VecDeque::new(),
            awaiting_paste: None,
            applied_dark: None,
            title: String::new(),
            view: View::Read,
            read_view: ReadView::default(),
            side_by_side: SideBySide::default(),
            compare: ComparePage::default(),
            grading: GradePage::default(),
            agreement: AgreementView::default(),
            adjudicate: AdjudicateView::default(),
            case_key: None,
            fonts: Fonts::default(),
            applied_zoom: None,
            presentation: false,
            panels_give_way: false,
            panels_forced: false,
            panel_widths: (DEFAULT_LEFT_POINTS + 16.0, DEFAULT_RIGHT_POINTS + 16.0),
            pending: Vec::new(),
        };
        let path = match path {
            Some(p) if p.is_file() && p.file_name() == Some(MANIFEST_FILE.as_ref()) => {
                p.parent().map(crate::model::case_folder_of)
            }
            Some(p) if p.is_file() => {
                app.pending = drop::actions_for(vec![p.clone()]);
                let last = app
                    .state
                    .last_case
                    .clone()
                    .filter(|c| c.join(MANIFEST_FILE).exists());
                if last.is_none() || app.pending.is_empty() {
                    app.pending.clear();
                    app.error = Some(format!(
                        "Candor could not take {} in: open the case it belongs to first, then drop the file on the window.",
                        p.display()
                    ));
                    return app;
                }
                last
            }
            other => other,
        };
        let candidate = path.or_else(|| {
            app.state
                .last_case
                .clone()
                .filter(|p| p.join(MANIFEST_FILE).exists())
                .or_else(example_case)
        });
        if let Some(p) = candidate {
            app.open(&p);
        }
        app
    }

    /// Shows the welcome dialog (the first run's, and Help > Welcome).
    pub fn show_welcome(&mut self) {
        self.dialog = Some(Dialog::Welcome(WelcomeDialog::default()));
        self.state.welcomed = true;
    }

    /// Opens the guide installed with Candor in the system's browser: a
    /// local file, so it needs no network and matches this version.
    fn open_guide(&mut self, ui: &Ui, now_secs: f64) {
        match installed::guide() {
            Some(page) => ui
                .ctx()
                .open_url(egui::OpenUrl::new_tab(installed::file_url(&page))),
            None => {
                let said = "The guide is not installed with this Candor: see docs/README.md where \
Candor's source is published.";
                match &mut self.session {
                    Some(s) => s.notifications.warn(said, now_secs),
                    None => self.error = Some(said.to_string()),
                }
            }
        }
    }

    /// Outer widths of the article list and the inspector, last drawn.
    pub fn panel_widths(&self) -> (f32, f32) {
        self.panel_widths
    }

    /// Opens a case, saving the one open now first.
    pub fn open(&mut self, path: &Path) {
        self.save_now(0.0);
        let key = canonical(path);
        let remembered = self
            .state
            .annotators
            .get(&key)
            .or_else(|| self.state.annotators.get(path))
            .cloned();
        match Session::open(path, remembered.as_deref()) {
            Ok(mut session) => {
                if self.state.key_unlocked.contains(&key) {
                    session.key_unlocked = true;
                } else {
                    session.lock_key();
                }
                if let Some(student) = session.student_copy().and_then(|h| h.student.clone()) {
                    // A student copy is marked by its student, whatever was
                    // remembered for the folder.
                    session.annotator = student;
                }
                self.remember(&key, &session.annotator);
                let layout = self
                    .state
                    .layouts
                    .get(&key)
                    .or_else(|| self.state.layouts.get(path))
                    .cloned()
                    .unwrap_or_default();
                self.view = layout.view;
                if !self.view.offered(&session) {
                    self.view = View::Read;
                }
                self.read_view = ReadView::default();
                self.side_by_side = SideBySide::default();
                self.side_by_side.restore(&session.case, &layout.columns);
                self.session = Some(session);
                self.previews.clear();
                self.case_key = Some(key);
                self.compare = ComparePage::default();
                self.adjudicate = AdjudicateView::default();
                self.agreement = AgreementView::default();
                // Grades of another case are not shown for this one, even
                // for a generation that happens to be the same number.
                self.grading.forget_grades();
                self.error = None;
            }
            Err(e) => self.error = Some(format!("Could not open {}: {e}", path.display())),
        }
    }

    fn remember(&mut self, path: &Path, annotator: &AnnotatorId) {
        self.state.last_case = Some(path.to_path_buf());
        self.state.recent.retain(|p| p != path);
        self.state.recent.insert(0, path.to_path_buf());
        self.state.recent.truncate(MAX_RECENT);
        self.state
            .annotators
            .insert(path.to_path_buf(), annotator.to_string());
    }

    /// Notes the view and columns in `State` when they changed, so eframe
    /// persists them with the rest.
    fn remember_layout(&mut self) {
        let (Some(key), Some(_)) = (&self.case_key, &self.session) else {
            return;
        };
        let shown = self.side_by_side.articles();
        let same = self
            .state
            .layouts
            .get(key)
            .is_some_and(|l| l.view == self.view && l.columns.iter().eq(shown.iter().copied()));
        if !same {
            let layout = Layout {
                view: self.view,
                columns: shown.into_iter().cloned().collect(),
            };
            self.state.layouts.insert(key.clone(), layout);
        }
    }

    /// Saves the open case now, if it has changes.
    /// Whether anything runs off the UI thread: the session's work (an
    /// import, an export) or a view's figures (grades, agreement).
    pub fn working(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.work.is_some())
            || self.grading.computing()
            || self.agreement.computing()
    }

    pub fn save_now(&mut self, now_secs: f64) {
        if let Some(s) = &mut self.session
            && s.case.has_unsaved_changes()
        {
            s.save(now_secs);
        }
    }

    /// The whole window, for one frame: drawn first, with what the user
    /// asked for collected as actions, which are carried out at the end.
    pub fn ui(&mut self, ui: &mut Ui) {
        let now_secs = ui.input(|i| i.time);
        self.apply_theme(ui);
        self.apply_zoom(ui);
        let font = self.prepare_fonts(ui, now_secs);
        let mut actions = std::mem::take(&mut self.pending);
        actions.extend(self.shortcuts(ui));
        if let Some(s) = &mut self.session {
            s.refresh_orphans();
            s.notifications.expire(now_secs);
        }

        egui::Panel::top("menu bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                menu_ui(ui, &self.state, self.session.as_ref(), &mut actions)
            });
        });
        let panels = self.side_panels_shown(ui, font.size);
        self.side_panels_ui(ui, panels, &font, &mut actions);
        self.centre_ui(ui, panels, &font, &mut actions);
        if let Some(dialog) = &mut self.dialog {
            let (more, open) = dialog.ui(ui, self.session.as_ref(), &mut self.fonts);
            actions.extend(more);
            if !open {
                self.dialog = None;
            }
        }
        self.take_paste(ui, now_secs);

        actions.extend(drop::actions_for(dropped_files(ui)));
        for action in actions {
            self.run_action(ui, action, now_secs);
        }
        // After this frame's actions, so a Cancel pressed now wins over a
        // result that came in meanwhile.
        if let Some(finished) = self.session.as_mut().and_then(|s| s.poll_work(now_secs)) {
            self.run_action(ui, Action::WorkDone(finished), now_secs);
        }
        self.ask_student_name();
        if self.dialog.is_none()
            && let Some(preview) = self.previews.pop_front()
        {
            self.dialog = Some(Dialog::ImportPreview(preview));
        }
        self.remember_layout();
        if let Some(s) = &mut self.session {
            let poll = s.poll_files(now_secs);
            let wait = s.autosave(now_secs).map_or(poll, |w| w.min(poll));
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
        self.update_title(ui);
        if ui.input(|i| i.viewport().close_requested()) {
            self.save_now(now_secs);
        }
    }

    /// A student copy whose student has not given their name asks for it
    /// before anything else (a dialog already open goes first).
    fn ask_student_name(&mut self) {
        if self.dialog.is_none()
            && self
                .session
                .as_ref()
                .is_some_and(Session::needs_student_name)
        {
            self.dialog = Some(Dialog::StudentName(Default::default()));
        }
    }

    /// Installs the fonts the case and the reading font need, warning of
    /// scripts no font has. Before any text is laid out this frame, so new
    /// fonts apply at once. Returns the reading font at this frame's scale.
    fn prepare_fonts(&mut self, ui: &Ui, now_secs: f64) -> FontId {
        if let Some(problem) = self.fonts.prepare(ui.ctx(), &self.state.reading_font)
            && let Some(s) = &mut self.session
        {
            s.notifications.warn(problem, now_secs);
        }
        let scale = if self.presentation {
            PRESENTATION_SCALE
        } else {
            1.0
        };
        let font = self.state.reading_font.font_id(scale);
        if let Some(s) = &mut self.session {
            let missing = self.fonts.check_case(
                ui.ctx(),
                &s.case,
                s.texts_generation(),
                &font,
                &self.state.reading_font,
            );
            for m in missing {
                s.notifications.warn(m.message(), now_secs);
            }
        }
        font
    }

    /// Whether the side panels are drawn this frame. They give way before
    /// the text does: when what they would leave is narrower than a
    /// readable column, they are folded away unless the user asked for
    /// them anyway.
    fn side_panels_shown(&mut self, ui: &Ui, font_points: f32) -> bool {
        let panels_points = self.panel_widths.0
            + if self.view.is_marking() {
                self.panel_widths.1
            } else {
                0.0
            };
        self.panels_give_way =
            !zoom::side_panels_fit(ui.ctx().content_rect().width(), panels_points, font_points);
        if !self.panels_give_way {
            // Wide enough again: the next time it narrows, they give way.
            self.panels_forced = false;
        }
        !self.state.side_panels_hidden
            && !self.presentation
            && (!self.panels_give_way || self.panels_forced)
    }

    /// The status bar, and with `panels` the article list on the left and,
    /// in the marking views, the inspector and marks list on the right.
    fn side_panels_ui(
        &mut self,
        ui: &mut Ui,
        panels: bool,
        font: &FontId,
        actions: &mut Vec<Action>,
    ) {
        let Some(session) = &self.session else {
            return;
        };
        let scene = Scene {
            session,
            font,
            view: self.view,
        };
        egui::Panel::bottom("status bar").show(ui, |ui| {
            actions.extend(self.status_bar.ui(ui, &scene));
        });
        if !panels {
            return;
        }
        let left = egui::Panel::left("articles")
            .default_size(DEFAULT_LEFT_POINTS)
            .resizable(true)
            .show(ui, |ui| {
                actions.extend(self.articles_panel.ui(ui, &scene));
            });
        self.panel_widths.0 = left.response.rect.width();
        // The tables need the width more than the selected mark does.
        if self.view.is_marking() {
            let right = egui::Panel::right("inspector")
                .default_size(DEFAULT_RIGHT_POINTS)
                .resizable(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("inspector scroll")
                        .max_height(ui.available_height() * 0.62)
                        .show(ui, |ui| actions.extend(self.inspector.ui(ui, &scene)));
                    ui.separator();
                    actions.extend(self.marks_list.ui(ui, &scene));
                });
            self.panel_widths.1 = right.response.rect.width();
        }
    }

    /// The centre: the conflicts to settle, the tabs and the view they
    /// chose; with no case open, the welcome screen.
    fn centre_ui(&mut self, ui: &mut Ui, panels: bool, font: &FontId, actions: &mut Vec<Action>) {
        let why_hidden = if self.presentation {
            Some(tabs::Hidden::Presentation)
        } else if self.state.side_panels_hidden {
            Some(tabs::Hidden::Asked)
        } else if !panels {
            Some(tabs::Hidden::Narrow)
        } else {
            None
        };
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(session) = &self.session else {
                actions.extend(welcome_ui(ui, &self.state, self.error.as_deref()));
                return;
            };
            let scene = Scene {
                session,
                font,
                view: self.view,
            };
            actions.extend(self.conflicts.ui(ui, &scene));
            actions.extend(tabs::tabs_ui(ui, self.view, why_hidden, |v| {
                v.offered(session)
            }));
            if self.view == View::SideBySide && self.side_by_side.narrow && panels {
                ui.horizontal(|ui| {
                    ui.weak("The columns scroll sideways.");
                    let cmd = Command::ToggleSidePanels;
                    if ui
                        .small_button("Hide the side panels")
                        .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
                        .clicked()
                    {
                        actions.push(Action::Command(cmd));
                    }
                });
            }
            ui.separator();
            let view: &mut dyn Pane = match self.view {
                View::Read => &mut self.read_view,
                View::SideBySide => &mut self.side_by_side,
                View::Claims | View::Actors | View::Counts | View::Find => &mut self.compare,
                View::Feedback | View::Class => &mut self.grading,
                View::Agreement => &mut self.agreement,
                View::Adjudicate => &mut self.adjudicate,
            };
            actions.extend(view.ui(ui, &scene));
        });
    }

    /// Gives egui the remembered zoom, and takes it back if anything else
    /// changed egui's zoom. egui's own Ctrl+Plus is turned off: the zoom
    /// keys are commands, in the menus with the rest.
    fn apply_zoom(&mut self, ui: &Ui) {
        let ctx = ui.ctx();
        if self.applied_zoom.is_none() {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        let now = ctx.zoom_factor();
        if let Some(applied) = self.applied_zoom
            && (now - applied).abs() > 1e-4
        {
            self.state.zoom = Zoom::from_factor(now);
        }
        let wanted = self.state.zoom.factor();
        if self.applied_zoom != Some(wanted) {
            ctx.set_zoom_factor(wanted);
            self.applied_zoom = Some(wanted);
        }
    }

    fn apply_theme(&mut self, ui: &Ui) {
        if self.applied_dark != Some(self.state.dark) {
            ui.ctx().set_theme(if self.state.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.state.dark);
        }
    }

    fn update_title(&mut self, ui: &Ui) {
        let title = match &self.session {
            Some(s) => format!("Candor — {}", s.case.manifest().title),
            None => "Candor".to_string(),
        };
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Keyboard shortcuts of commands and category keys, taken before any
    /// widget sees them.
    fn shortcuts(&self, ui: &Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        // A field being typed in, a dialog, or an open menu or popup gets the
        // plain keys (Esc closes the menu; it must not be taken from it).
        let typing = ui.ctx().text_edit_focused()
            || self.dialog.as_ref().is_some_and(Dialog::takes_keys)
            || egui::Popup::is_any_open(ui.ctx());
        if let Some(cmd) = Command::consume_shortcut(ui.ctx(), typing) {
            actions.push(Action::Command(cmd));
        }
        if typing {
            return actions;
        }
        if let Some(session) = &self.session {
            let plain = |i: &egui::InputState| {
                !i.modifiers.command && !i.modifiers.ctrl && !i.modifiers.alt
            };
            // With a mark selected, each of its attribute values has a key.
            let schema = session.case.schema();
            if let Some(cat) = session
                .selected()
                .and_then(|m| schema.category(&m.category))
            {
                // Enter uses the mark's suggestions, only when it has some.
                if !session.suggestions().is_empty()
                    && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
                {
                    actions.push(Action::Command(Command::UseSuggestions));
                }
                let reserved: Vec<char> = schema.categories.iter().map(|c| c.key).collect();
                for vk in cat.value_keys(&reserved) {
                    let Some(key) = Key::from_name(&vk.key.to_ascii_uppercase().to_string()) else {
                        continue;
                    };
                    if ui.input(|i| i.key_pressed(key) && plain(i)) {
                        actions.push(Action::SetAttribute {
                            attribute: vk.attribute,
                            value: vk.value,
                        });
                    }
                }
            }
            for cat in &session.case.schema().categories {
                let Some(key) = Key::from_name(&cat.key.to_string()) else {
                    continue;
                };
                let pressed = ui.input(|i| {
                    i.key_pressed(key)
                        && !i.modifiers.command
                        && !i.modifiers.ctrl
                        && !i.modifiers.alt
                });
                if pressed {
                    actions.push(Action::MarkAs(cat.id.clone()));
                }
            }
        }
        actions
    }
}

/// A case folder as `State` remembers it: absolute, so `candor open ./case`
/// is found again from any folder.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn dropped_files(ui: &Ui) -> Vec<PathBuf> {
    ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    })
}

impl eframe::App for CandorApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        CandorApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_now(0.0);
    }
}
