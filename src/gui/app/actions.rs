//! How the window carries out what was asked of it: `run_action`, the one
//! place the app changes after a frame is drawn, with the commands of the
//! menus and keys (`run_cmd`) and what the comparison views ask for
//! (`run_compare`). A child of `app`, so it sees the app's fields.

use std::path::Path;

use egui::Ui;

use super::commands::{Action, Command, CompareAction, Selection, View};
use super::dialogs::Dialog;
use super::{CandorApp, PASTE_WAIT_SECS, canonical};
use crate::case::Case;
use crate::edit::Edit;
use crate::gui::panels::dialogs::article::ArticleDialog;
use crate::gui::panels::dialogs::collect::{CollectDialog, CollectReportDialog};
use crate::gui::panels::dialogs::export::{ExportDialog, UsersFolder};
use crate::gui::panels::dialogs::handin::HandInDialog;
use crate::gui::panels::dialogs::handout::HandoutDialog;
use crate::gui::panels::dialogs::import_preview::ImportPreview;
use crate::gui::panels::dialogs::path::{PathDialog, PathKind};
use crate::gui::panels::dialogs::reading_font::ReadingFontDialog;
use crate::gui::session::jobs::Wake;
use crate::gui::session::work::Finished;
use crate::gui::text::zoom::Zoom;
use crate::import::ImportOptions;
use crate::model::{AnnotatorId, LinkRef, is_valid_id, slugify};

/// How a worker wakes the window: each of its steps is drawn at once.
fn wake(ui: &Ui) -> Wake {
    let ctx = ui.ctx().clone();
    std::sync::Arc::new(move || ctx.request_repaint())
}

impl CandorApp {
    fn run_cmd(&mut self, ui: &Ui, cmd: Command, now_secs: f64) {
        match cmd {
            Command::NewCase => {
                self.dialog = Some(Dialog::Path(PathDialog::new(PathKind::NewCase)))
            }
            Command::OpenCase => {
                self.dialog = Some(Dialog::Path(PathDialog::new(PathKind::OpenCase)))
            }
            Command::ImportArticles => {
                if self.session.is_some() {
                    self.dialog = Some(Dialog::Path(PathDialog::new(PathKind::Import)));
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
                    self.dialog = Some(Dialog::Export(ExportDialog::new(s)));
                }
            }
            Command::MakeStudentCopy
            | Command::HandIn
            | Command::CollectHandIns
            | Command::OpenHandBack => {
                self.class_dialog(&cmd);
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
                self.dialog = Some(Dialog::ReadingFont(ReadingFontDialog::new(
                    &self.state.reading_font,
                )));
            }
            Command::ShowView(view) => {
                // A student copy's hidden views have no key either.
                if self.session.as_ref().is_some_and(|s| view.offered(s)) {
                    self.view = view;
                }
            }
            Command::Guide => self.open_guide(ui, now_secs),
            Command::Welcome => self.show_welcome(),
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
            Command::StepMark { edge, later } => {
                if let Some(s) = &mut self.session {
                    s.step_mark_edge(edge, later, now_secs);
                }
            }
            Command::UseSuggestions => {
                if let Some(s) = &mut self.session {
                    s.use_suggestions(now_secs);
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

    /// Takes in what work off the UI thread made: articles added, web pages
    /// and the clipboard's article shown before they are added (one after
    /// another), an export said, or a folder of the user's asked about.
    fn take_in_work(&mut self, finished: Finished, now_secs: f64) {
        let Some(s) = &mut self.session else { return };
        match finished {
            Finished::Imported(read) => {
                for (prepared, name) in s.finish_import(read, now_secs) {
                    self.previews.push_back(ImportPreview::new(prepared, name));
                }
            }
            Finished::Pasted(got) => {
                if let Some(prepared) = s.finish_paste(got, now_secs) {
                    self.previews
                        .push_back(ImportPreview::new(prepared, "the clipboard"));
                }
            }
            Finished::Class(done) => {
                if let Some(report) = s.finish_class(done, now_secs) {
                    self.dialog = Some(Dialog::CollectReport(CollectReportDialog { report }));
                }
            }
            Finished::Exported {
                format,
                annotators,
                articles,
                folder,
                result,
            } => {
                if let Some((would_replace, holds)) =
                    s.finish_export(format, &folder, result, now_secs)
                {
                    let users = UsersFolder {
                        would_replace,
                        holds,
                    };
                    // None asked for is every article: all ticked again.
                    let articles = if articles.is_empty() {
                        s.case
                            .articles()
                            .iter()
                            .map(|a| a.meta.id.clone())
                            .collect()
                    } else {
                        articles
                    };
                    self.dialog = Some(Dialog::Export(ExportDialog::asking(
                        format, annotators, articles, &folder, users,
                    )));
                }
            }
        }
    }

    /// The clipboard's text, once the window system hands it over after
    /// *New article from clipboard*: shown as an article before it is
    /// added. If nothing arrives within a second, the clipboard held no text.
    pub(super) fn take_paste(&mut self, ui: &Ui, now_secs: f64) {
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
                s.start_paste(text, wake(ui), now_secs);
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
                // The words were just selected where the reader sees them:
                // no scrolling, or the next drag lands on other words.
                if s.selected().is_some() {
                    self.read_view.text_view.quiet_hover(ui.ctx());
                    for col in &mut self.side_by_side.columns {
                        col.view.quiet_hover(ui.ctx());
                    }
                }
            }
            Action::SetMaskHeadlines(on) => s.mask_headlines = on,
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
            Action::MoveMarkEdge { mark, edge, to } => s.drag_mark_edge(&mark, edge, to, now_secs),
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
                if !s.may_mark_as(&a) || s.refuse_key(&a, now_secs) {
                    return;
                }
                s.annotator = a.clone();
                s.viewing = false;
                s.selection = None;
                s.selected_mark = None;
                let root = canonical(s.case.root());
                self.state.annotators.insert(root, a.to_string());
            }
            Action::AddAnnotator(name) => self.add_annotator(&name, now_secs),
            Action::AttachOrphan(id) => s.attach_orphan(&id, now_secs),
            Action::LinkMark(link) => s.link_selected(&link, now_secs),
            Action::UnlinkMark(link) => s.unlink_selected(&link, now_secs),
            Action::NewLink { kind, name } => {
                s.new_link(kind, &name, now_secs);
            }
            Action::ImportPaths(paths) => {
                s.start_import(paths, ImportOptions::default(), wake(ui), now_secs);
            }
            Action::ImportWith { path, options } => {
                s.start_import(vec![path], options, wake(ui), now_secs);
            }
            Action::AddArticle { prepared, source } => s.add_prepared(&prepared, &source, now_secs),
            Action::Export {
                format,
                annotators,
                articles,
                folder,
                replace,
            } => s.start_export(
                format,
                annotators,
                articles,
                folder,
                replace,
                wake(ui),
                now_secs,
            ),
            Action::HandOut {
                folder,
                zip,
                include,
            } => s.start_handout(folder, zip, include, wake(ui), now_secs),
            Action::HandIn(path) => s.start_hand_in(path, wake(ui), now_secs),
            Action::Collect(paths) => s.start_collect(paths, wake(ui), now_secs),
            Action::ApplyHandBack(path) => {
                s.apply_hand_back(&path, now_secs);
                if View::Feedback.offered(s) {
                    self.view = View::Feedback;
                }
            }
            Action::SetStudentName(name) => {
                if let Some(id) = s.set_student_name(&name, now_secs) {
                    let root = canonical(s.case.root());
                    self.state.annotators.insert(root, id.to_string());
                }
            }
            Action::CancelWork => s.cancel_work(now_secs),
            Action::WorkDone(finished) => self.take_in_work(finished, now_secs),
            Action::EditArticle(id) => {
                if let Some(a) = s.case.article(&id) {
                    self.dialog = Some(Dialog::Article(ArticleDialog::new(a.meta.clone())));
                }
            }
            Action::RemoveArticle(id) => s.remove_article(&id, now_secs),
            Action::Dismiss(id) => s.notifications.dismiss(id),
            Action::ResolveConflict { index, theirs } => {
                s.resolve_conflict(index, theirs, now_secs);
            }
            Action::CompareWith(other) => {
                if other
                    .as_ref()
                    .is_none_or(|a| s.may_compare_with(a, s.article_id()))
                {
                    s.compare_with = other;
                }
            }
            Action::SetDone { article, done } => {
                let edit = Edit::SetDone {
                    annotator: s.annotator.clone(),
                    article,
                    done,
                };
                let label = if done { "hand in" } else { "take back" };
                s.apply(edit, label, None, now_secs);
            }
            Action::UnlockKey(unlock) => self.unlock_key(unlock),
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
            Action::ShowStudent(student) => self.show_student(student, now_secs),
            Action::Command(_)
            | Action::OpenPath(_)
            | Action::CreateCaseAt(_)
            | Action::ForgetRecent(_)
            | Action::SetReadingFont(_)
            | Action::Compare(_) => {}
        }
    }

    /// Adds an annotator (its name made an id) and marks as them.
    fn add_annotator(&mut self, name: &str, now_secs: f64) {
        let Some(s) = &mut self.session else { return };
        let id = if is_valid_id(name) {
            name.to_string()
        } else {
            slugify(name)
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

    /// Opens the dialog of a class's command: each asks where, and says
    /// what it will do, before anything is written. A student copy has no
    /// student copy to make and nothing to collect.
    fn class_dialog(&mut self, cmd: &Command) {
        let Some(s) = &self.session else { return };
        let student = s.student_copy().is_some();
        self.dialog = match cmd {
            Command::MakeStudentCopy if !student => Some(Dialog::HandOut(HandoutDialog::new(s))),
            Command::HandIn => Some(Dialog::HandIn(HandInDialog::new(s))),
            Command::CollectHandIns if !student => Some(Dialog::Collect(CollectDialog::default())),
            Command::OpenHandBack if student => {
                Some(Dialog::Path(PathDialog::new(PathKind::HandBack)))
            }
            _ => return,
        };
    }

    /// Lets the answer key be marked as in this case, or locks it again
    /// (then whoever marks is no longer the key). Never in a student copy.
    fn unlock_key(&mut self, unlock: bool) {
        let Some(s) = &mut self.session else { return };
        if unlock && s.student_copy().is_some() {
            return;
        }
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

    /// Shows a student's marks against the key in Read.
    fn show_student(&mut self, student: AnnotatorId, now_secs: f64) {
        let Some(s) = &mut self.session else { return };
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
