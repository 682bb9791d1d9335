//! One open case in the window: the case, its undo history, who is marking,
//! what is selected, whether it is saved, and what the user should be told.
//! It holds no widget state, so it could drive another front end.
//!
//! Every change to marks goes through `Session::apply` (an `Edit` recorded in
//! the `History`), and every change starts the autosave clock. A save that
//! fails keeps everything in memory, shows why, and is tried again.

use std::collections::BTreeSet;
use std::path::Path;

use super::notifications::Notifications;
use crate::anchor;
use crate::case::{Case, FileKey};
use crate::edit::{self, Edit, History};
use crate::model::{AnnotatorId, ArticleId, CategoryId, LinkKind, LinkRef, Mark, MarkId, slugify};
use crate::problem::CaseError;
use crate::text::{CharRange, Selection};
use crate::validate;

/// Seconds after the last change before saving on its own.
pub const AUTOSAVE_AFTER_SECS: f64 = 1.0;
/// Seconds between attempts when saving fails.
pub const RETRY_AFTER_SECS: f64 = 5.0;
/// Seconds between looks at the article files on disk.
pub const FILE_POLL_SECS: f64 = 1.0;

/// What the status bar says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    /// Changed at this time (egui's clock, seconds).
    Unsaved {
        since_secs: f64,
    },
    /// The last save failed; the marks are still in memory.
    Failed {
        message: String,
        at_secs: f64,
    },
}

pub struct Session {
    pub case: Case,
    pub history: History,
    pub annotator: AnnotatorId,
    /// The article being read and marked; `None` only in a case without articles.
    pub article: Option<ArticleId>,
    pub selection: Option<Selection>,
    pub selected_mark: Option<MarkId>,
    pub hidden: BTreeSet<CategoryId>,
    pub save_status: SaveStatus,
    /// Errors, warnings and notes for the status bar.
    pub notifications: Notifications,
    /// Orphaned marks of the current article and annotator, and what they
    /// were computed for (checking every anchor each frame is too slow on
    /// long articles).
    orphans: Vec<(MarkId, String)>,
    orphans_key: Option<(u64, Option<ArticleId>, AnnotatorId)>,
    /// Goes up whenever an article's text is replaced, so text views drop
    /// the layouts they cached for the old text.
    texts_generation: u64,
    /// When the article files were last compared with what was read.
    last_file_poll_secs: f64,
    /// Articles whose changed file could not be read, already reported.
    unreadable: BTreeSet<ArticleId>,
}

impl Session {
    pub fn open(root: &Path, remembered: Option<&str>) -> Result<Session, CaseError> {
        let case = Case::open(root)?;
        Ok(Session::new(case, remembered))
    }

    pub fn new(case: Case, remembered: Option<&str>) -> Session {
        let annotator = choose_annotator(&case, remembered);
        let article = case.articles().first().map(|a| a.meta.id.clone());
        Session {
            case,
            history: History::new(),
            annotator,
            article,
            selection: None,
            selected_mark: None,
            hidden: BTreeSet::new(),
            save_status: SaveStatus::Saved,
            notifications: Notifications::default(),
            orphans: Vec::new(),
            orphans_key: None,
            texts_generation: 0,
            last_file_poll_secs: 0.0,
            unreadable: BTreeSet::new(),
        }
    }

    pub fn article_id(&self) -> Option<&ArticleId> {
        self.article.as_ref()
    }

    /// Makes `id` the current article (if the case has it), forgetting the
    /// selection, which belonged to the other text.
    pub fn set_article(&mut self, id: &ArticleId) {
        if self.case.article(id).is_some() && self.article.as_ref() != Some(id) {
            self.article = Some(id.clone());
            self.selection = None;
            self.selected_mark = None;
        }
    }

    /// The current annotator's marks on the current article.
    pub fn marks(&self) -> &[Mark] {
        match self.article_id() {
            Some(a) => self.case.marks(&self.annotator, a),
            None => &[],
        }
    }

    pub fn selected(&self) -> Option<&Mark> {
        let id = self.selected_mark.as_ref()?;
        self.marks().iter().find(|m| &m.id == id)
    }

    /// Why the current annotator cannot change marks on the current article,
    /// if they cannot (the file failed to load).
    pub fn locked_reason(&self) -> Option<String> {
        let article = self.article_id()?;
        let key = FileKey::Marks(self.annotator.clone(), article.clone());
        if !self.case.is_locked(&key) {
            return None;
        }
        let path = self.case.path_of(&key);
        let problem = self
            .case
            .load_problems()
            .iter()
            .find(|p| p.path.ends_with(&path))
            .map(|p| p.to_string())
            .unwrap_or_else(|| path.display().to_string());
        Some(format!(
            "{}'s marks on {} could not be read: {problem}. Fix the file and reopen the case; until then these marks cannot be changed (everything else can).",
            self.annotator, article
        ))
    }

    /// The selection as it would be marked: whole words unless Alt was held,
    /// never half a grapheme, never empty.
    pub fn selection_range(&self) -> Option<CharRange> {
        let text = self.case.article_text(self.article_id()?)?;
        self.selection?.range_in(text)
    }

    /// Applies an edit as one undoable step and starts the autosave clock;
    /// the selected mark stays as it is. Returns whether it was applied.
    pub fn apply(
        &mut self,
        edit: Edit,
        label: &str,
        merge_key: Option<String>,
        now_secs: f64,
    ) -> bool {
        let keep = self.selected_mark.clone();
        self.apply_selecting(edit, label, merge_key, keep, now_secs)
    }

    /// Like `apply`, then selects `select` (the new mark, or nothing after a
    /// delete). Undo brings back the selection from before, redo this one.
    pub fn apply_selecting(
        &mut self,
        edit: Edit,
        label: &str,
        merge_key: Option<String>,
        select: Option<MarkId>,
        now_secs: f64,
    ) -> bool {
        let before = self.selected_mark.clone();
        match self
            .history
            .apply_merging(&mut self.case, edit, label, merge_key)
        {
            Ok(()) => {
                self.history.set_selection(before, select.clone());
                self.selected_mark = select;
                self.changed(now_secs);
                true
            }
            Err(e) => {
                self.report(&e, now_secs);
                false
            }
        }
    }

    /// Tells the user why an action failed, in the words that help most.
    pub fn report(&mut self, e: &CaseError, now_secs: f64) {
        match e {
            CaseError::Locked { .. } => {
                let reason = self.locked_reason().unwrap_or_else(|| e.to_string());
                self.notifications.warn(reason, now_secs);
            }
            _ => self.notifications.error(e.to_string(), now_secs),
        }
    }

    fn changed(&mut self, now_secs: f64) {
        self.save_status = match &self.save_status {
            // Keep the error visible, but retry soon after this change.
            SaveStatus::Failed { message, .. } => SaveStatus::Failed {
                message: message.clone(),
                at_secs: now_secs - RETRY_AFTER_SECS + AUTOSAVE_AFTER_SECS,
            },
            _ => SaveStatus::Unsaved {
                since_secs: now_secs,
            },
        };
    }

    /// Marks the selection with a category; the new mark becomes the selected one.
    pub fn mark_selection(&mut self, category: &CategoryId, now_secs: f64) {
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let Some(range) = self.selection_range() else {
            self.notifications.note(
                "Select some text first (drag over it, or Shift+arrows)",
                now_secs,
            );
            return;
        };
        let made = edit::mark_range(&self.case, &self.annotator, &article, range, category);
        let (edit, id) = match made {
            Ok(made) => made,
            Err(e) => return self.report(&e, now_secs),
        };
        let name = self
            .case
            .schema()
            .category(category)
            .map_or(category.to_string(), |c| c.name.clone());
        if self.apply_selecting(edit, &format!("mark as {name}"), None, Some(id), now_secs) {
            self.selection = None;
        }
    }

    /// Re-places an orphaned mark on the current selection (new offsets,
    /// quote and context), keeping its id, category, attributes and note.
    pub fn attach_orphan(&mut self, id: &MarkId, now_secs: f64) {
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let Some(range) = self.selection_range() else {
            self.notifications
                .note("Select the text the mark belongs on first", now_secs);
            return;
        };
        let Some(old) = self.marks().iter().find(|m| &m.id == id).cloned() else {
            return;
        };
        // Same judgement, new place: attributes, note and id stay.
        let Some(moved) = self
            .case
            .article_text(&article)
            .and_then(|text| anchor::attach(text, &old, range))
        else {
            self.notifications
                .error("The selection does not fit this article's text", now_secs);
            return;
        };
        let edit = edit::replace_mark(&self.annotator, &article, moved);
        if self.apply_selecting(edit, "attach mark", None, Some(id.clone()), now_secs) {
            self.selection = None;
        }
    }

    /// Adds the selected mark to a claim or actor.
    pub fn link_selected(&mut self, link: &LinkRef, now_secs: f64) {
        let Some(mark) = self.selected_mark.clone() else {
            return;
        };
        match edit::link_mark(&self.case, &self.annotator, link, &mark) {
            Ok(e) => {
                self.apply(e, "change links", None, now_secs);
            }
            Err(e) => self.report(&e, now_secs),
        }
    }

    /// Takes the selected mark out of a claim or actor.
    pub fn unlink_selected(&mut self, link: &LinkRef, now_secs: f64) {
        let Some(mark) = self.selected_mark.clone() else {
            return;
        };
        match edit::unlink_mark(&self.case, &self.annotator, link, &mark) {
            Ok(e) => {
                self.apply(e, "change links", None, now_secs);
            }
            Err(e) => self.report(&e, now_secs),
        }
    }

    /// Starts a claim or actor holding the selected mark.
    pub fn new_link(&mut self, kind: LinkKind, name: &str, now_secs: f64) -> Option<LinkRef> {
        let mark = self.selected_mark.clone()?;
        let (e, link) = edit::new_link(&self.case, &self.annotator, kind, name, &mark);
        self.apply(e, &format!("new {}", kind.label()), None, now_secs)
            .then_some(link)
    }

    /// Deletes a mark of the current article (and its place in any link).
    pub fn delete_mark(&mut self, id: &MarkId, now_secs: f64) {
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let e = edit::delete_mark(&self.case, &self.annotator, &article, id);
        let keep = self.selected_mark.clone().filter(|s| s != id);
        self.apply_selecting(e, "delete mark", None, keep, now_secs);
    }

    /// Recomputes the orphans if marks, article or annotator changed.
    pub fn refresh_orphans(&mut self) {
        let key = (
            self.generation(),
            self.article.clone(),
            self.annotator.clone(),
        );
        if self.orphans_key.as_ref() == Some(&key) {
            return;
        }
        self.orphans = match self.article_id() {
            Some(article) => validate::orphans_of(&self.case, &self.annotator, article)
                .into_iter()
                .map(|(m, why)| (m.id.clone(), why))
                .collect(),
            None => Vec::new(),
        };
        self.orphans_key = Some(key);
    }

    /// Marks of this article that are not where their quote is, with why
    /// (as of the last `refresh_orphans`).
    pub fn orphans(&self) -> Vec<(&Mark, &str)> {
        self.orphans
            .iter()
            .filter_map(|(id, why)| {
                let m = self.marks().iter().find(|m| &m.id == id)?;
                Some((m, why.as_str()))
            })
            .collect()
    }

    pub fn undo(&mut self, now_secs: f64) {
        match self.history.undo(&mut self.case) {
            Ok(Some(step)) => {
                self.changed(now_secs);
                self.selected_mark = step.selected;
            }
            Ok(None) => {}
            Err(e) => self.report(&e, now_secs),
        }
        self.forget_vanished_selection();
    }

    pub fn redo(&mut self, now_secs: f64) {
        match self.history.redo(&mut self.case) {
            Ok(Some(step)) => {
                self.changed(now_secs);
                self.selected_mark = step.selected;
            }
            Ok(None) => {}
            Err(e) => self.report(&e, now_secs),
        }
        self.forget_vanished_selection();
    }

    fn forget_vanished_selection(&mut self) {
        if self.selected_mark.is_some() && self.selected().is_none() {
            self.selected_mark = None;
        }
    }

    /// Writes changed files now. On failure the marks stay in memory and the
    /// status bar shows the error.
    pub fn save(&mut self, now_secs: f64) {
        match self.case.save() {
            Ok(_) => self.save_status = SaveStatus::Saved,
            Err(problems) => {
                let message = problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                self.save_status = SaveStatus::Failed {
                    message,
                    at_secs: now_secs,
                };
            }
        }
    }

    /// Saves if the last change is old enough (or a failed save is due for a
    /// retry). Returns seconds until the next check is needed, if any.
    pub fn autosave(&mut self, now_secs: f64) -> Option<f64> {
        let due = match &self.save_status {
            SaveStatus::Saved => return None,
            SaveStatus::Unsaved { since_secs } => since_secs + AUTOSAVE_AFTER_SECS,
            SaveStatus::Failed { at_secs, .. } => at_secs + RETRY_AFTER_SECS,
        };
        if now_secs >= due {
            self.save(now_secs);
            match &self.save_status {
                SaveStatus::Failed { .. } => Some(RETRY_AFTER_SECS),
                _ => None,
            }
        } else {
            Some(due - now_secs)
        }
    }

    /// Re-reads articles whose files changed on disk (someone corrected a
    /// text in an editor, or `git pull` brought a new version) and re-anchors
    /// their marks: marks that moved are saved with their new places, marks
    /// that cannot be placed are listed as orphans. Returns seconds until the
    /// next look is due.
    pub fn poll_files(&mut self, now_secs: f64) -> f64 {
        let since = now_secs - self.last_file_poll_secs;
        if since < FILE_POLL_SECS {
            return FILE_POLL_SECS - since;
        }
        self.last_file_poll_secs = now_secs;
        let changed: Vec<ArticleId> = self
            .case
            .changed_articles()
            .into_iter()
            .filter(|id| !self.unreadable.contains(id))
            .collect();
        if changed.is_empty() {
            return FILE_POLL_SECS;
        }
        let mut reloaded = false;
        for id in changed {
            match self.case.reload_article(&id) {
                Ok(report) => {
                    reloaded = true;
                    self.notifications.note(
                        format!(
                            "{id} changed on disk: {} mark(s) moved with their words, {} orphan(s)",
                            report.moved.len(),
                            report.orphans.len()
                        ),
                        now_secs,
                    );
                }
                Err(e) => {
                    self.notifications.error(
                        format!("{id} changed on disk but cannot be read: {e}"),
                        now_secs,
                    );
                    self.unreadable.insert(id);
                }
            }
        }
        if reloaded {
            self.history.forget();
            self.texts_generation += 1;
            self.orphans_key = None;
            self.selection = None;
            if self.case.has_unsaved_changes() {
                self.save_status = SaveStatus::Unsaved {
                    since_secs: now_secs,
                };
            }
        }
        FILE_POLL_SECS
    }

    /// Changes whenever anything drawn from the case may have changed.
    pub fn generation(&self) -> u64 {
        self.history.generation()
    }

    /// Changes whenever an article's text was replaced.
    pub fn texts_generation(&self) -> u64 {
        self.texts_generation
    }
}

/// Who is marking: the one remembered for this case, else the first
/// annotator who is not the answer key, else the user's login name.
pub fn choose_annotator(case: &Case, remembered: Option<&str>) -> AnnotatorId {
    if let Some(r) = remembered.filter(|r| crate::model::is_valid_id(r)) {
        return AnnotatorId::new(r);
    }
    if let Some(a) = case.annotators().keys().find(|a| Some(*a) != case.key()) {
        return a.clone();
    }
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    let slug = slugify(&user);
    if user.is_empty() || slug == "article" {
        AnnotatorId::new("me")
    } else {
        AnnotatorId::new(slug)
    }
}
