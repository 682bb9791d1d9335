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

use super::articles_panel::ArticlesPanel;
use super::commands::{Action, Command, Selection};
use super::compare::CompareAction;
use super::compare_page::ComparePage;
use super::dialogs::{self, PathDialog, PathKind};
use super::inspector::{Inspector, tooltip_with_shortcut};
use super::session::Session;
use super::side_by_side::{LinkRef, SideBySide};
use super::text_view::TextInput;
use super::views::{self, View};
use super::{marks_list, status_bar};
use crate::case::Case;
use crate::edit::Edit;
use crate::import::{self, ImportOptions};
use crate::model::{Actor, AnnotatorId, ArticleId, Claim, LinkId, is_valid_id, slugify};

/// The example case shipped with Candor, relative to the repository.
pub const EXAMPLE_CASE: &str = "annotations/northgate-dam";
const MAX_RECENT: usize = 8;

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
    dialog: Option<PathDialog>,
    applied_dark: Option<bool>,
    title: String,
    /// What the centre shows.
    pub view: View,
    pub side_by_side: SideBySide,
    pub compare: ComparePage,
    /// The open case's folder as `State` knows it (absolute).
    case_key: Option<PathBuf>,
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
            dialog: None,
            applied_dark: None,
            title: String::new(),
            view: View::Read,
            side_by_side: SideBySide::default(),
            compare: ComparePage::default(),
            case_key: None,
        };
        let candidate = path.or_else(|| {
            app.state
                .last_case
                .clone()
                .filter(|p| p.join(crate::case::MANIFEST_FILE).exists())
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
        // Remembered by absolute path, so `candor open ./case` is found
        // again from any folder.
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let remembered = self
            .state
            .annotators
            .get(&key)
            .or_else(|| self.state.annotators.get(path))
            .cloned();
        match Session::open(path, remembered.as_deref()) {
            Ok(session) => {
                self.remember(&key, &session.annotator);
                let layout = self
                    .state
                    .layouts
                    .get(&key)
                    .or_else(|| self.state.layouts.get(path))
                    .cloned()
                    .unwrap_or_default();
                self.view = layout.view;
                self.side_by_side = SideBySide::default();
                self.side_by_side.restore(&session.case, &layout.columns);
                self.session = Some(session);
                self.case_key = Some(key);
                self.compare = ComparePage::default();
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
    pub fn save_now(&mut self, now: f64) {
        if let Some(s) = &mut self.session
            && s.case.has_unsaved_changes()
        {
            s.save(now);
        }
    }

    /// The whole window, for one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        self.apply_theme(ui);
        let mut actions = self.shortcuts(ui);
        if let Some(s) = &mut self.session {
            s.refresh_orphans();
        }

        egui::Panel::top("menu bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui, &mut actions));
        });
        if let Some(session) = &self.session {
            egui::Panel::bottom("status bar").show(ui, |ui| status_bar::ui(ui, session));
            egui::Panel::left("articles")
                .default_size(260.0)
                .resizable(true)
                .show(ui, |ui| {
                    actions.extend(self.articles_panel.ui(ui, session));
                });
            // The tables need the width more than the selected mark does.
            let marking = matches!(self.view, View::Read | View::SideBySide);
            if marking {
                egui::Panel::right("inspector")
                    .default_size(320.0)
                    .resizable(true)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("inspector scroll")
                            .max_height(ui.available_height() * 0.62)
                            .show(ui, |ui| actions.extend(self.inspector.ui(ui, session)));
                        ui.separator();
                        actions.extend(marks_list::ui(ui, session));
                    });
            }
        }
        egui::CentralPanel::default().show(ui, |ui| match &mut self.session {
            Some(session) => {
                actions.extend(views::tabs_ui(ui, self.view));
                ui.separator();
                match self.view {
                    View::Read => actions.extend(central_ui(ui, session)),
                    View::SideBySide => actions.extend(self.side_by_side.ui(ui, session)),
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

        for path in dropped_files(ui) {
            actions.push(Action::ImportPath(path));
        }
        for action in actions {
            self.run_action(ui, action, now);
        }
        self.remember_layout();
        if let Some(s) = &mut self.session {
            let poll = s.poll_files(now);
            let wait = s.autosave(now).map_or(poll, |w| w.min(poll));
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
        self.update_title(ui);
        if ui.input(|i| i.viewport().close_requested()) {
            self.save_now(now);
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
            Some(s) => format!("Candor — {}", s.case.manifest.title),
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
        let typing = ui.ctx().text_edit_focused() || self.dialog.is_some();
        // Redo first: Ctrl+Shift+Z would also match Undo's Ctrl+Z.
        let order = [Command::Redo, Command::Undo];
        let rest = Command::ALL.iter().filter(|c| !order.contains(c));
        for cmd in order.iter().chain(rest) {
            if typing && cmd.is_plain_key() {
                continue;
            }
            let shortcuts = cmd.shortcut().into_iter().chain(cmd.extra_shortcuts());
            for s in shortcuts {
                if typing && s.modifiers.is_none() {
                    continue;
                }
                if ui.input_mut(|i| i.consume_shortcut(&s)) {
                    actions.push(Action::Command(cmd.clone()));
                    break;
                }
            }
        }
        if typing {
            return actions;
        }
        if let Some(session) = &self.session {
            for cat in &session.case.schema.categories {
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

    fn menu_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        fn item(ui: &mut Ui, actions: &mut Vec<Action>, cmd: Command, enabled: bool) {
            let mut button = egui::Button::new(cmd.label());
            if let Some(s) = cmd.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&s));
            }
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(tooltip_with_shortcut(ui, &cmd))
                .clicked()
            {
                actions.push(Action::Command(cmd));
                ui.close();
            }
        }
        let open = self.session.is_some();
        ui.menu_button("File", |ui| {
            item(ui, actions, Command::NewCase, true);
            item(ui, actions, Command::OpenCase, true);
            ui.menu_button("Recent cases", |ui| {
                if self.state.recent.is_empty() {
                    ui.label("None yet");
                }
                for p in &self.state.recent {
                    if p.join(crate::case::MANIFEST_FILE).exists() {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(p.clone()));
                            ui.close();
                        }
                    } else if ui
                        .button(format!("{} (gone: forget it)", p.display()))
                        .on_hover_text("This folder no longer holds a case")
                        .clicked()
                    {
                        actions.push(Action::ForgetRecent(p.clone()));
                    }
                }
            });
            ui.separator();
            item(ui, actions, Command::ImportArticles, open);
            item(ui, actions, Command::Save, open);
            ui.separator();
            item(ui, actions, Command::Quit, true);
        });
        let (can_undo, can_redo, has_mark) = match &self.session {
            Some(s) => (
                s.history.can_undo(),
                s.history.can_redo(),
                s.selected().is_some(),
            ),
            None => (false, false, false),
        };
        ui.menu_button("Edit", |ui| {
            item(ui, actions, Command::Undo, can_undo);
            item(ui, actions, Command::Redo, can_redo);
            ui.separator();
            item(ui, actions, Command::DeleteMark, has_mark);
            item(ui, actions, Command::ClearSelection, open);
        });
        ui.menu_button("View", |ui| {
            for view in View::ALL {
                item(ui, actions, Command::ShowView(view), open);
            }
            ui.separator();
            item(ui, actions, Command::ToggleTheme, true);
        });
    }

    fn run_cmd(&mut self, ui: &Ui, cmd: Command, now: f64) {
        match cmd {
            Command::NewCase => self.dialog = Some(PathDialog::new(PathKind::NewCase)),
            Command::OpenCase => self.dialog = Some(PathDialog::new(PathKind::OpenCase)),
            Command::ImportArticles => {
                if self.session.is_some() {
                    self.dialog = Some(PathDialog::new(PathKind::Import));
                }
            }
            Command::Save => {
                if let Some(s) = &mut self.session {
                    s.save(now);
                }
            }
            Command::Undo => {
                if let Some(s) = &mut self.session {
                    s.undo(now);
                }
            }
            Command::Redo => {
                if let Some(s) = &mut self.session {
                    s.redo(now);
                }
            }
            Command::DeleteMark => {
                if let Some(s) = &mut self.session {
                    let target = s.selected().map(|m| m.id.clone());
                    if let (Some(id), Some(article)) = (target, s.article_id().cloned()) {
                        let edit = crate::edit::delete_mark(&s.case, &s.annotator, &article, &id);
                        s.apply(edit, "delete mark", None, now);
                        s.selected_mark = None;
                    }
                }
            }
            Command::ClearSelection => {
                if let Some(s) = &mut self.session {
                    s.selection = None;
                    s.selected_mark = None;
                }
            }
            Command::ToggleTheme => self.state.dark = !self.state.dark,
            Command::ShowView(view) => {
                if self.session.is_some() {
                    self.view = view;
                }
            }
            Command::Quit => {
                self.save_now(now);
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Carries out one action. The only place the app's state changes.
    pub fn run_action(&mut self, ui: &Ui, action: Action, now: f64) {
        match action {
            Action::Command(cmd) => return self.run_cmd(ui, cmd, now),
            Action::OpenPath(p) => return self.open(&p),
            Action::CreateCaseAt(p) => return self.create(&p),
            Action::ForgetRecent(p) => {
                self.state.recent.retain(|r| r != &p);
                return;
            }
            Action::Compare(a) => return self.run_compare(a, now),
            _ => {}
        }
        let Some(s) = &mut self.session else { return };
        match action {
            Action::MarkAs(cat) => {
                s.mark_selection(&cat, now);
                if let Some(m) = s.selected() {
                    let pos = m.start;
                    s.text_view.scroll_to(pos);
                }
            }
            Action::OpenArticle(i) => {
                // Side by side keeps its columns: the article takes the
                // place of the one being marked, and is marked there.
                if self.view == View::SideBySide {
                    if let Some(a) = s.case.articles.get(i) {
                        let id = a.meta.id.clone();
                        self.side_by_side
                            .put_in_marking_column(&s.case, s.article_id(), id);
                    }
                } else {
                    self.view = View::Read;
                }
                if i < s.case.articles.len() {
                    s.article = i;
                    s.selection = None;
                    s.selected_mark = None;
                }
            }
            Action::FocusArticle(i) => {
                if i < s.case.articles.len() && i != s.article {
                    s.article = i;
                    s.selection = None;
                    s.selected_mark = None;
                }
            }
            Action::SetSelection(sel) => s.selection = sel,
            Action::SelectMark(id) => s.selected_mark = id,
            Action::GoToMark(id) => {
                if let Some(m) = s.marks().iter().find(|m| m.id == id) {
                    let pos = m.start;
                    s.text_view.scroll_to(pos);
                }
                s.selected_mark = Some(id);
            }
            Action::Edit {
                edit,
                label,
                merge_key,
            } => s.apply(*edit, &label, merge_key, now),
            Action::SealHistory => s.history.seal(),
            Action::ToggleCategory(cat) => {
                if !s.hidden.remove(&cat) {
                    s.hidden.insert(cat);
                }
            }
            Action::SwitchAnnotator(a) => {
                s.annotator = a.clone();
                s.selection = None;
                s.selected_mark = None;
                let root =
                    std::fs::canonicalize(&s.case.root).unwrap_or_else(|_| s.case.root.clone());
                self.state.annotators.insert(root, a.to_string());
            }
            Action::AddAnnotator(name) => {
                let id = if is_valid_id(&name) {
                    name
                } else {
                    slugify(&name)
                };
                let id = AnnotatorId::new(id);
                s.apply(Edit::AddAnnotator(id.clone()), "add annotator", None, now);
                s.annotator = id.clone();
                s.selected_mark = None;
                let root =
                    std::fs::canonicalize(&s.case.root).unwrap_or_else(|_| s.case.root.clone());
                self.state.annotators.insert(root, id.to_string());
            }
            Action::AttachOrphan(id) => s.attach_orphan(&id, now),
            Action::LinkMark { link, actor } => link_edit(s, now, |links, mark| {
                if actor {
                    if let Some(a) = links.actors.iter_mut().find(|a| a.id == link) {
                        a.marks.push(mark);
                    }
                } else if let Some(c) = links.claims.iter_mut().find(|c| c.id == link) {
                    c.marks.push(mark);
                }
            }),
            Action::UnlinkMark { link, actor } => link_edit(s, now, |links, mark| {
                if actor {
                    if let Some(a) = links.actors.iter_mut().find(|a| a.id == link) {
                        a.marks.retain(|m| m != &mark);
                    }
                } else if let Some(c) = links.claims.iter_mut().find(|c| c.id == link) {
                    c.marks.retain(|m| m != &mark);
                }
            }),
            Action::NewLink { name, actor } => link_edit(s, now, |links, mark| {
                let prefix = if actor { "a" } else { "c" };
                let taken: Vec<&LinkId> = if actor {
                    links.actors.iter().map(|a| &a.id).collect()
                } else {
                    links.claims.iter().map(|c| &c.id).collect()
                };
                let id = (1..)
                    .map(|n| LinkId(format!("{prefix}{n}")))
                    .find(|id| !taken.contains(&id))
                    .unwrap_or_default();
                if actor {
                    links.actors.push(Actor {
                        id,
                        name,
                        marks: vec![mark],
                        note: String::new(),
                    });
                } else {
                    links.claims.push(Claim {
                        id,
                        label: name,
                        marks: vec![mark],
                        note: String::new(),
                    });
                }
            }),
            Action::ImportPath(p) => {
                match import::import_file(&mut s.case, &p, &ImportOptions::default()) {
                    Ok(id) => {
                        if let Some(i) = s.case.articles.iter().position(|a| a.meta.id == id) {
                            s.article = i;
                            s.selection = None;
                            s.selected_mark = None;
                        }
                        s.save(now);
                    }
                    Err(e) => s.message = Some(e.to_string()),
                }
            }
            Action::Command(_)
            | Action::OpenPath(_)
            | Action::CreateCaseAt(_)
            | Action::ForgetRecent(_)
            | Action::Compare(_) => {}
        }
    }

    /// Carries out what a comparison view asked for.
    fn run_compare(&mut self, action: CompareAction, now: f64) {
        let Some(s) = &mut self.session else { return };
        let index_of = |s: &Session, id: &crate::model::ArticleId| {
            s.case.articles.iter().position(|a| &a.meta.id == id)
        };
        match action {
            CompareAction::OpenMark { article, mark } => {
                let Some(i) = index_of(s, &article) else {
                    return;
                };
                s.article = i;
                s.selection = None;
                let start = s.marks().iter().find(|m| m.id == mark).map(|m| m.start);
                if let Some(pos) = start {
                    s.text_view.scroll_to(pos);
                }
                s.selected_mark = Some(mark);
                self.view = View::Read;
            }
            CompareAction::OpenHit(hit) => {
                let Some(i) = index_of(s, &hit.article) else {
                    return;
                };
                s.article = i;
                s.selected_mark = None;
                // The hit becomes the selection, ready for a category key.
                s.selection = Some(Selection {
                    anchor: hit.range.start,
                    head: hit.range.end,
                    exact: true,
                });
                s.text_view.scroll_to(hit.range.start);
                self.view = View::Read;
            }
            CompareAction::OpenArticle(article) => {
                if let Some(i) = index_of(s, &article) {
                    s.article = i;
                    s.selection = None;
                    s.selected_mark = None;
                    self.view = View::Read;
                }
            }
            CompareAction::HighlightClaim(id) => {
                self.follow(LinkRef::Claim(id));
            }
            CompareAction::HighlightActor(id) => {
                self.follow(LinkRef::Actor(id));
            }
            CompareAction::MarkAll { hits, category } => {
                let marks = match crate::find::mark_all(&s.case, &s.annotator, &hits, &category) {
                    Ok(m) => m,
                    Err(e) => {
                        s.message = Some(e.to_string());
                        return;
                    }
                };
                let count: usize = marks.values().map(Vec::len).sum();
                if count == 0 {
                    s.message = Some("Every ticked hit is already marked so.".into());
                    return;
                }
                let mut edits = Vec::new();
                if !s.case.annotators.contains_key(&s.annotator) {
                    edits.push(Edit::AddAnnotator(s.annotator.clone()));
                }
                for (article, list) in marks {
                    for mark in list {
                        edits.push(Edit::AddMark {
                            annotator: s.annotator.clone(),
                            article: article.clone(),
                            mark,
                        });
                    }
                }
                let label = format!("mark {count} hit(s)");
                s.apply(Edit::Group(edits), &label, None, now);
                if s.message.is_none() {
                    s.message = Some(format!("Marked {count} hit(s); one undo removes them all."));
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
            s.message = Some(msg.clone());
        }
    }
}

/// Applies a change to the selected mark's claims and actors as one edit.
fn link_edit(
    s: &mut Session,
    now: f64,
    change: impl FnOnce(&mut crate::model::Links, crate::model::MarkId),
) {
    let Some(mark) = s.selected_mark.clone() else {
        return;
    };
    let mut links = s
        .case
        .annotators
        .get(&s.annotator)
        .map(|a| a.links.clone())
        .unwrap_or_default();
    change(&mut links, mark);
    let edit = Edit::SetLinks {
        annotator: s.annotator.clone(),
        links,
    };
    s.apply(edit, "change links", None, now);
}

/// The centre: load problems, a locked-file notice, and the article text.
fn central_ui(ui: &mut Ui, s: &mut Session) -> Vec<Action> {
    dialogs::problems_ui(ui, &s.case.load_problems);
    if let Some(reason) = s.locked_reason() {
        ui.colored_label(ui.visuals().error_fg_color, reason);
    }
    let Some(article) = s.case.articles.get(s.article) else {
        ui.label("This case has no articles yet: File > Import articles…, or drop .txt or .md files on the window.");
        return Vec::new();
    };
    ui.horizontal(|ui| {
        ui.heading(&article.meta.title);
    });
    let meta: Vec<&str> = [
        article.meta.outlet.as_str(),
        article.meta.date.as_str(),
        article.meta.genre.label(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    ui.weak(meta.join(" · "));
    ui.separator();
    let Some(text) = &article.text else {
        ui.label(format!(
            "The text of this article ({}) could not be read; see the problems above.",
            article.meta.file
        ));
        return Vec::new();
    };
    let selected_range = s.selection_range();
    let generation = s.generation();
    let annotator = s.annotator.to_string();
    let marks = s.case.marks(&s.annotator, &article.meta.id);
    let input = TextInput {
        article: &article.meta.id,
        annotator: &annotator,
        text,
        marks,
        schema: &s.case.schema,
        hidden: &s.hidden,
        generation,
        selection: s.selection,
        selected_range,
        selected_mark: s.selected_mark.as_ref(),
        outlined: &[],
    };
    s.text_view.ui(ui, &input)
}

fn welcome_ui(ui: &mut Ui, state: &State, error: Option<&str>) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("Candor");
        ui.label("Read news articles on one event side by side and mark, span by span, how each is written.");
        ui.add_space(20.0);
        if let Some(e) = error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        for cmd in [Command::NewCase, Command::OpenCase] {
            if ui
                .button(cmd.label())
                .on_hover_text(tooltip_with_shortcut(ui, &cmd))
                .clicked()
            {
                actions.push(Action::Command(cmd));
            }
        }
        if !state.recent.is_empty() {
            ui.add_space(12.0);
            ui.label("Recent cases:");
            for p in &state.recent {
                if ui.link(p.display().to_string()).clicked() {
                    actions.push(Action::OpenPath(p.clone()));
                }
            }
        }
    });
    actions
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

/// The example case: next to the working directory, else in the source tree
/// Candor was built from.
pub fn example_case() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from(EXAMPLE_CASE),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE_CASE),
    ];
    candidates
        .into_iter()
        .find(|p| p.join(crate::case::MANIFEST_FILE).exists())
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
