//! The window as a whole: the panels, the menus, the shortcuts, and the one
//! place (`run_action`) where what the user asked for during a frame is
//! carried out, after everything is drawn.
//!
//! `State` is what eframe remembers between runs: UI preferences and which
//! case was open, never case data (that lives in the case's own files).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

use super::adjudicate_view::AdjudicateView;
use super::agreement_view::AgreementView;
use super::commands::{Action, Command, Selection, View};
use super::compare::CompareAction;
use super::compare_page::ComparePage;
use super::fonts::{Fonts, ReadingFont};
use super::grading::GradePage;
use super::menu::menu_ui;
use super::panels::Panel;
use super::panels::article_dialog::ArticleDialog;
use super::panels::articles::ArticlesPanel;
use super::panels::conflicts::ConflictsPanel;
use super::panels::dialogs::{PathDialog, PathKind};
use super::panels::export_dialog::ExportDialog;
use super::panels::import_preview::ImportPreview;
use super::panels::inspector::Inspector;
use super::panels::marks_list::MarksList;
use super::panels::reading_font::ReadingFontDialog;
use super::panels::status_bar::StatusBar;
use super::read_view::ReadView;
use super::session::Session;
use super::side_by_side::SideBySide;
use super::views;
use super::welcome::{example_case, welcome_ui};
use super::zoom::{self, PRESENTATION_SCALE, Zoom};
use crate::case::Case;
use crate::edit::Edit;
use crate::import::{self, ImportOptions};
use crate::model::{AnnotatorId, ArticleId, LinkRef, MANIFEST_FILE, is_valid_id, slugify};

const MAX_RECENT: usize = 8;
/// The side panels' widths until the user drags their edges.
const DEFAULT_LEFT_POINTS: f32 = 260.0;
const DEFAULT_RIGHT_POINTS: f32 = 320.0;

/// How long to wait for the clipboard's text after asking for it.
const PASTE_WAIT_SECS: f64 = 1.0;

/// UI preferences eframe persists. Never case data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub dark: bool,
    pub last_case: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// Who was marking, per case folder.
    pub annotators: BTreeMap<PathBuf, String>,
    /// The view each case was left in, per case folder, so reopening it
    /// comes back to the same comparison.
    pub layouts: BTreeMap<PathBuf, Layout>,
    /// The article list and the inspector are hidden (Ctrl+\\).
    pub side_panels_hidden: bool,
    /// The font and size of the article text.
    pub reading_font: ReadingFont,
    /// The zoom factor of the whole window (Ctrl+Plus, Ctrl+Minus, Ctrl+0).
    pub zoom: Zoom,
    /// Case folders whose answer key may be marked as (an instructor
    /// unlocked it); in every other case the key is never "Marking as".
    pub key_unlocked: std::collections::BTreeSet<PathBuf>,
}

/// The view a case was left in and its side-by-side columns. Article ids
/// only: a case edited since may have lost some, and they are dropped on
/// reopening.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub view: View,
    /// Left to right; empty until Side by side has been shown.
    pub columns: Vec<ArticleId>,
}

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
    dialog: Option<PathDialog>,
    article_dialog: Option<ArticleDialog>,
    /// An article read from a web page or the clipboard, shown before it
    /// is added.
    import_preview: Option<ImportPreview>,
    export_dialog: Option<ExportDialog>,
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
    reading_font_dialog: Option<ReadingFontDialog>,
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
}

impl CandorApp {
    /// Opens `path`, else the last case, else the example case, else shows
    /// the welcome screen.
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
            article_dialog: None,
            import_preview: None,
            export_dialog: None,
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
            reading_font_dialog: None,
            applied_zoom: None,
            presentation: false,
            panels_give_way: false,
            panels_forced: false,
            panel_widths: (DEFAULT_LEFT_POINTS + 16.0, DEFAULT_RIGHT_POINTS + 16.0),
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
                self.remember(&key, &session.annotator);
                let layout = self
                    .state
                    .layouts
                    .get(&key)
                    .or_else(|| self.state.layouts.get(path))
                    .cloned()
                    .unwrap_or_default();
                self.view = layout.view;
                self.read_view = ReadView::default();
                self.side_by_side = SideBySide::default();
                self.side_by_side.restore(&session.case, &layout.columns);
                self.session = Some(session);
                self.case_key = Some(key);
                self.compare = ComparePage::default();
                self.adjudicate = AdjudicateView::default();
                self.agreement = AgreementView::default();
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
    pub fn save_now(&mut self, now_secs: f64) {
        if let Some(s) = &mut self.session
            && s.case.has_unsaved_changes()
        {
            s.save(now_secs);
        }
    }

    /// The whole window, for one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let now_secs = ui.input(|i| i.time);
        self.apply_theme(ui);
        self.apply_zoom(ui);
        // Before any text is laid out this frame, so new fonts apply at once.
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
        let mut actions = self.shortcuts(ui);
        if let Some(s) = &mut self.session {
            s.refresh_orphans();
            s.notifications.expire(now_secs);
        }

        egui::Panel::top("menu bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                menu_ui(ui, &self.state, self.session.as_ref(), &mut actions)
            });
        });
        // The side panels give way before the text does: when what they
        // would leave is narrower than a readable column, they are folded
        // away unless the user asked for them anyway.
        let right_panel = self.view.is_marking();
        let panels_points = self.panel_widths.0
            + if right_panel {
                self.panel_widths.1
            } else {
                0.0
            };
        self.panels_give_way =
            !zoom::side_panels_fit(ui.ctx().content_rect().width(), panels_points, font.size);
        if !self.panels_give_way {
            // Wide enough again: the next time it narrows, they give way.
            self.panels_forced = false;
        }
        let panels = !self.state.side_panels_hidden
            && !self.presentation
            && (!self.panels_give_way || self.panels_forced);
        if let Some(session) = &self.session {
            egui::Panel::bottom("status bar").show(ui, |ui| {
                actions.extend(self.status_bar.ui(ui, session));
            });
        }
        if let Some(session) = self.session.as_ref().filter(|_| panels) {
            let left = egui::Panel::left("articles")
                .default_size(DEFAULT_LEFT_POINTS)
                .resizable(true)
                .show(ui, |ui| {
                    actions.extend(self.articles_panel.ui(ui, session));
                });
            self.panel_widths.0 = left.response.rect.width();
            // The tables need the width more than the selected mark does.
            if right_panel {
                let right = egui::Panel::right("inspector")
                    .default_size(DEFAULT_RIGHT_POINTS)
                    .resizable(true)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("inspector scroll")
                            .max_height(ui.available_height() * 0.62)
                            .show(ui, |ui| actions.extend(self.inspector.ui(ui, session)));
                        ui.separator();
                        actions.extend(self.marks_list.ui(ui, session));
                    });
                self.panel_widths.1 = right.response.rect.width();
            }
        }
        let why_hidden = if self.presentation {
            Some(views::Hidden::Presentation)
        } else if self.state.side_panels_hidden {
            Some(views::Hidden::Asked)
        } else if !panels {
            Some(views::Hidden::Narrow)
        } else {
            None
        };
        egui::CentralPanel::default().show(ui, |ui| match &mut self.session {
            Some(session) => {
                actions.extend(self.conflicts.ui(ui, session));
                actions.extend(views::tabs_ui(ui, self.view, why_hidden));
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
                match self.view {
                    View::Read => actions.extend(self.read_view.ui(ui, session, &font)),
                    View::SideBySide => actions.extend(self.side_by_side.ui(ui, session, &font)),
                    View::Feedback | View::Class => {
                        actions.extend(self.grading.ui(ui, session, self.view))
                    }
                    View::Agreement => actions.extend(self.agreement.ui(ui, session)),
                    View::Adjudicate => actions.extend(self.adjudicate.ui(ui, session)),
                    view => actions.extend(self.compare.ui(ui, session, view).map(Action::Compare)),
                }
            }
            None => actions.extend(welcome_ui(ui, &self.state, self.error.as_deref())),
        });

        if let Some(dialog) = &mut self.dialog {
            let (more, open) = dialog.ui(ui);
            actions.extend(more);
            if !open {
                self.dialog = None;
            }
        }
        if let Some(dialog) = &mut self.reading_font_dialog {
            let families = self.fonts.families().to_vec();
            let (more, open) = dialog.ui(ui, &families);
            actions.extend(more);
            if !open {
                self.reading_font_dialog = None;
            }
        }
        if let (Some(dialog), Some(session)) = (&mut self.article_dialog, &self.session) {
            let (more, open) = dialog.ui(ui, session);
            actions.extend(more);
            if !open {
                self.article_dialog = None;
            }
        }

        if let Some(preview) = &mut self.import_preview {
            let (more, open) = preview.ui(ui);
            actions.extend(more);
            if !open {
                self.import_preview = None;
            }
        }
        if let (Some(dialog), Some(session)) = (&mut self.export_dialog, &self.session) {
            let (more, open) = dialog.ui(ui, session);
            actions.extend(more);
            if !open {
                self.export_dialog = None;
            }
        }
        self.take_paste(ui, now_secs);

        for path in dropped_files(ui) {
            actions.push(Action::ImportPath(path));
        }
        for action in actions {
            self.run_action(ui, action, now_secs);
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
            || self.dialog.is_some()
            || self.article_dialog.is_some()
            || self.reading_font_dialog.is_some()
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

    fn run_cmd(&mut self, ui: &Ui, cmd: Command, now_secs: f64) {
        match cmd {
            Command::NewCase => self.dialog = Some(PathDialog::new(PathKind::NewCase)),
            Command::OpenCase => self.dialog = Some(PathDialog::new(PathKind::OpenCase)),
            Command::ImportArticles => {
                if self.session.is_some() {
                    self.dialog = Some(PathDialog::new(PathKind::Import));
                }
            }
            Command::PasteArticle => {
                if self.session.is_some() {
                    // Nothing may take the paste but this command.
                    ui.ctx().memory_mut(|m| m.stop_text_input());
                    ui.ctx()
                        .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                    self.awaiting_paste = Some(now_secs);
                }
            }
            Command::Export => {
                if let Some(s) = &self.session {
                    self.export_dialog = Some(ExportDialog::new(s));
                }
            }
            Command::ToggleTheme => self.state.dark = !self.state.dark,
            Command::ToggleBlind => {
                let Some(s) = &mut self.session else { return };
                let on = !s.blind();
                let label = if on {
                    "turn blind reading on"
                } else {
                    "turn blind reading off"
                };
                if s.apply(Edit::SetBlind(on), label, None, now_secs) {
                    let said = if on {
                        "Blind reading is on: outlets, titles and dates are hidden (View > Blind reading)."
                    } else {
                        "Blind reading is off: outlets, titles and dates are shown."
                    };
                    s.notifications.note(said, now_secs);
                }
            }
            Command::ToggleSidePanels => {
                let shown = !self.state.side_panels_hidden
                    && !self.presentation
                    && (!self.panels_give_way || self.panels_forced);
                if shown {
                    self.state.side_panels_hidden = true;
                    self.panels_forced = false;
                } else {
                    // Whatever hid them, the user wants them now: even in
                    // a narrow window, and out of Presentation.
                    self.state.side_panels_hidden = false;
                    self.presentation = false;
                    self.panels_forced = self.panels_give_way;
                }
            }
            Command::ZoomIn => self.state.zoom = self.state.zoom.zoomed_in(),
            Command::ZoomOut => self.state.zoom = self.state.zoom.zoomed_out(),
            Command::ZoomReset => self.state.zoom = Zoom::default(),
            Command::TogglePresentation => {
                self.presentation = !self.presentation;
                self.panels_forced = false;
            }
            Command::ReadingFont => {
                self.reading_font_dialog = Some(ReadingFontDialog::new(&self.state.reading_font));
            }
            Command::ShowView(view) => {
                if self.session.is_some() {
                    self.view = view;
                }
            }
            Command::Quit => {
                self.save_now(now_secs);
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::Save | Command::Undo | Command::Redo | Command::DeleteMark => {
                let Some(s) = &mut self.session else { return };
                match cmd {
                    Command::Save => s.save(now_secs),
                    Command::Undo => s.undo(now_secs),
                    Command::Redo => s.redo(now_secs),
                    _ => {
                        if let Some(id) = s.selected().map(|m| m.id.clone()) {
                            s.delete_mark(&id, now_secs);
                        }
                    }
                }
            }
            Command::ClearSelection => {
                if let Some(s) = &mut self.session {
                    s.selection = None;
                    s.selected_mark = None;
                }
            }
        }
    }

    /// Shows a web page's extracted article before it is added.
    fn preview_import(&mut self, prepared: Option<crate::import::Prepared>, path: &Path) {
        if let Some(prepared) = prepared {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            self.import_preview = Some(ImportPreview::new(prepared, name));
        }
    }

    /// The clipboard's text, once the window system hands it over after
    /// *New article from clipboard*: shown as an article before it is
    /// added. If nothing arrives within a second, the clipboard held no text.
    fn take_paste(&mut self, ui: &Ui, now_secs: f64) {
        let Some(asked) = self.awaiting_paste else {
            return;
        };
        let pasted = ui.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) => Some(text.clone()),
                _ => None,
            })
        });
        let Some(s) = &mut self.session else {
            self.awaiting_paste = None;
            return;
        };
        match pasted {
            Some(text) => {
                self.awaiting_paste = None;
                if let Some(prepared) = s.prepare_pasted(&text, now_secs) {
                    self.import_preview = Some(ImportPreview::new(prepared, "the clipboard"));
                }
            }
            None if now_secs - asked > PASTE_WAIT_SECS => {
                self.awaiting_paste = None;
                s.notifications.error(
                    "The clipboard holds no text to make an article of",
                    now_secs,
                );
            }
            // The paste event wakes the window itself; this frame only
            // comes to say the clipboard had nothing.
            None => ui
                .ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(PASTE_WAIT_SECS)),
        }
    }

    /// Carries out one action. The only place the app's state changes.
    pub fn run_action(&mut self, ui: &Ui, action: Action, now_secs: f64) {
        match action {
            Action::Command(cmd) => return self.run_cmd(ui, cmd, now_secs),
            Action::OpenPath(p) => return self.open(&p),
            Action::CreateCaseAt(p) => return self.create(&p),
            Action::SetReadingFont(font) => {
                self.state.reading_font = font;
                return;
            }
            Action::ForgetRecent(p) => {
                self.state.recent.retain(|r| r != &p);
                return;
            }
            Action::Compare(a) => return self.run_compare(a, now_secs),
            _ => {}
        }
        let Some(s) = &mut self.session else { return };
        match action {
            Action::MarkAs(cat) => {
                s.mark_selection(&cat, now_secs);
                if let Some(m) = s.selected() {
                    self.read_view.scroll_to(m.start);
                    self.read_view.text_view.quiet_hover(ui.ctx());
                    for col in &mut self.side_by_side.columns {
                        col.view.quiet_hover(ui.ctx());
                    }
                }
            }
            Action::OpenArticle(id) => {
                // Side by side keeps its columns: the article takes the
                // place of the one being marked, and is marked there.
                if self.view == View::SideBySide {
                    self.side_by_side
                        .put_in_marking_column(&s.case, s.article_id(), id.clone());
                } else {
                    self.view = View::Read;
                }
                s.set_article(&id);
            }
            Action::FocusArticle(id) => s.set_article(&id),
            Action::SetSelection(sel) => s.selection = sel,
            Action::SelectMark(id) => s.selected_mark = id,
            Action::GoToMark(id) => {
                if let Some(m) = s.marks().iter().find(|m| m.id == id) {
                    self.read_view.scroll_to(m.start);
                }
                s.selected_mark = Some(id);
            }
            Action::Edit {
                edit,
                label,
                merge_key,
            } => {
                s.apply(*edit, &label, merge_key, now_secs);
            }
            Action::SetAttribute { attribute, value } => {
                s.set_attribute(&attribute, &value, now_secs);
            }
            Action::ToggleCategory(cat) => {
                if !s.hidden.remove(&cat) {
                    s.hidden.insert(cat);
                }
            }
            Action::SwitchAnnotator(a) => {
                if s.refuse_key(&a, now_secs) {
                    return;
                }
                s.annotator = a.clone();
                s.viewing = false;
                s.selection = None;
                s.selected_mark = None;
                let root = canonical(s.case.root());
                self.state.annotators.insert(root, a.to_string());
            }
            Action::AddAnnotator(name) => {
                let id = if is_valid_id(&name) {
                    name
                } else {
                    slugify(&name)
                };
                let id = AnnotatorId::new(id);
                if s.refuse_key(&id, now_secs) {
                    return;
                }
                s.viewing = false;
                s.apply(
                    Edit::AddAnnotator(id.clone()),
                    "add annotator",
                    None,
                    now_secs,
                );
                s.annotator = id.clone();
                s.selected_mark = None;
                let root = canonical(s.case.root());
                self.state.annotators.insert(root, id.to_string());
            }
            Action::AttachOrphan(id) => s.attach_orphan(&id, now_secs),
            Action::LinkMark(link) => s.link_selected(&link, now_secs),
            Action::UnlinkMark(link) => s.unlink_selected(&link, now_secs),
            Action::NewLink { kind, name } => {
                s.new_link(kind, &name, now_secs);
            }
            Action::ImportPath(path) => {
                let prepared = s.import(&path, &ImportOptions::default(), now_secs);
                self.preview_import(prepared, &path);
            }
            Action::ImportWith { path, options } => {
                let prepared = s.import(&path, &options, now_secs);
                self.preview_import(prepared, &path);
            }
            Action::AddArticle { prepared, source } => s.add_prepared(&prepared, &source, now_secs),
            Action::Export {
                format,
                annotators,
                folder,
            } => s.export(format, &annotators, &folder, now_secs),
            Action::EditArticle(id) => {
                if let Some(a) = s.case.article(&id) {
                    self.article_dialog = Some(ArticleDialog::new(a.meta.clone()));
                }
            }
            Action::RemoveArticle(id) => s.remove_article(&id, now_secs),
            Action::Dismiss(id) => s.notifications.dismiss(id),
            Action::ResolveConflict { index, theirs } => {
                s.resolve_conflict(index, theirs, now_secs);
            }
            Action::CompareWith(other) => s.compare_with = other,
            Action::SetDone { article, done } => {
                let edit = Edit::SetDone {
                    annotator: s.annotator.clone(),
                    article,
                    done,
                };
                let label = if done { "hand in" } else { "take back" };
                s.apply(edit, label, None, now_secs);
            }
            Action::UnlockKey(unlock) => {
                let root = canonical(s.case.root());
                if unlock {
                    self.state.key_unlocked.insert(root);
                    s.key_unlocked = true;
                } else {
                    self.state.key_unlocked.remove(&root);
                    if s.lock_key() {
                        let root = canonical(s.case.root());
                        self.state.annotators.insert(root, s.annotator.to_string());
                    }
                }
            }
            Action::OpenFeedback {
                article,
                range,
                mark,
                reference,
            } => {
                s.set_article(&article);
                s.selection = None;
                s.selected_mark = mark.filter(|m| s.marks().iter().any(|x| &x.id == m));
                // Compared with oneself, every mark would match itself.
                s.compare_with = (reference != s.annotator).then_some(reference);
                self.read_view.scroll_to(range.start);
                self.view = View::Read;
            }
            Action::ShowStudent(student) => {
                // Shown, not marked: the student's marks are read-only until
                // the instructor chooses to mark as them.
                s.annotator = student.clone();
                s.viewing = true;
                s.selection = None;
                s.selected_mark = None;
                s.compare_with = s.case.key().cloned();
                s.notifications.note(
                    format!("Showing {student}'s marks against the key, read-only."),
                    now_secs,
                );
                self.view = View::Read;
            }
            Action::Command(_)
            | Action::OpenPath(_)
            | Action::CreateCaseAt(_)
            | Action::ForgetRecent(_)
            | Action::SetReadingFont(_)
            | Action::Compare(_) => {}
        }
    }

    /// Carries out what a comparison view asked for.
    fn run_compare(&mut self, action: CompareAction, now_secs: f64) {
        let Some(s) = &mut self.session else { return };
        match action {
            CompareAction::OpenMark { article, mark } => {
                s.set_article(&article);
                s.selection = None;
                if let Some(m) = s.marks().iter().find(|m| m.id == mark) {
                    self.read_view.scroll_to(m.start);
                }
                s.selected_mark = Some(mark);
                self.view = View::Read;
            }
            CompareAction::OpenHit(hit) => {
                s.set_article(&hit.article);
                s.selected_mark = None;
                // The hit becomes the selection, ready for a category key.
                s.selection = Some(Selection {
                    anchor: hit.range.start,
                    head: hit.range.end,
                    exact: true,
                });
                self.read_view.scroll_to(hit.range.start);
                self.view = View::Read;
            }
            CompareAction::OpenArticle(article) => {
                if s.case.article(&article).is_some() {
                    s.set_article(&article);
                    self.view = View::Read;
                }
            }
            CompareAction::Follow(link) => self.follow(link),
            CompareAction::MarkAll { hits, category } => {
                let batch = match crate::find::mark_all(&s.case, &s.annotator, &hits, &category) {
                    Ok(b) => b,
                    Err(e) => return s.report(&e, now_secs),
                };
                let count = batch.count();
                if count == 0 {
                    s.notifications
                        .note("Every ticked hit is already marked so.", now_secs);
                    return;
                }
                let label = format!("mark {count} hit(s)");
                if s.apply(batch.edit, &label, None, now_secs) {
                    s.notifications.note(
                        format!("Marked {count} hit(s); one undo removes them all."),
                        now_secs,
                    );
                }
            }
        }
    }

    /// Follows a claim or actor in the side-by-side view, with the articles
    /// that carry it.
    pub fn follow(&mut self, link: LinkRef) {
        let Some(s) = &self.session else { return };
        match &link {
            LinkRef::Claim(id) => self.compare.claims.selected = Some(id.clone()),
            LinkRef::Actor(id) => self.compare.actors.selected = Some(id.clone()),
        }
        self.side_by_side
            .follow_in_articles(&s.case, &s.annotator, s.article_id(), link);
        self.view = View::SideBySide;
    }

    fn create(&mut self, path: &Path) {
        self.save_now(0.0);
        let title = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "New case".into());
        match Case::create(path, &title) {
            Ok(_) => self.open(path),
            Err(e) => self.error = Some(format!("Could not create {}: {e}", path.display())),
        }
        if let (Some(msg), Some(s)) = (&self.error, &mut self.session) {
            s.notifications.error(msg.clone(), 0.0);
        }
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
            .filter(|p| {
                p.extension().is_some_and(|e| {
                    import::EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
                })
            })
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
