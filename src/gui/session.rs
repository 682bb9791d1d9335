//! One open case in the window: the case, its undo history, who is marking,
//! what is selected, and whether it is saved.
//!
//! Every change to marks goes through `Session::apply` (an `Edit` recorded in
//! the `History`), and every change starts the autosave clock. A save that
//! fails keeps everything in memory, shows why, and is tried again.

use std::collections::BTreeSet;
use std::path::Path;

use super::commands::Selection;
use super::text_view::TextView;
use crate::anchor::{self, Anchor};
use crate::case::{ArticleText, Case, FileKey};
use crate::edit::{Edit, History};
use crate::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId, slugify};
use crate::problem::CaseError;
use crate::text::{self, CharRange, TextIndex};

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
        since: f64,
    },
    /// The last save failed; the marks are still in memory.
    Failed {
        message: String,
        at: f64,
    },
}

pub struct Session {
    pub case: Case,
    pub history: History,
    pub annotator: AnnotatorId,
    /// Index into `case.articles`.
    pub article: usize,
    pub selection: Option<Selection>,
    pub selected_mark: Option<MarkId>,
    pub hidden: BTreeSet<CategoryId>,
    pub save_status: SaveStatus,
    /// The last thing that went wrong with an action, shown until the next one.
    pub message: Option<String>,
    pub text_view: TextView,
    /// Orphaned marks of the current article and annotator, and what they
    /// were computed for (checking every anchor each frame is too slow on
    /// long articles).
    orphans: Vec<MarkId>,
    orphans_key: Option<(u64, usize, AnnotatorId)>,
    /// When the article files were last compared with what was read.
    last_file_poll: f64,
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
        Session {
            case,
            history: History::new(),
            annotator,
            article: 0,
            selection: None,
            selected_mark: None,
            hidden: BTreeSet::new(),
            save_status: SaveStatus::Saved,
            message: None,
            text_view: TextView::default(),
            orphans: Vec::new(),
            orphans_key: None,
            last_file_poll: 0.0,
            unreadable: BTreeSet::new(),
        }
    }

    pub fn article_id(&self) -> Option<&ArticleId> {
        self.case.articles.get(self.article).map(|a| &a.meta.id)
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
            .load_problems
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
        let sel = self.selection?;
        let text = self.case.article_text(self.article_id()?)?;
        let (a, b) = if sel.anchor <= sel.head {
            (sel.anchor, sel.head)
        } else {
            (sel.head, sel.anchor)
        };
        let raw = CharRange { start: a, end: b };
        if raw.is_empty() {
            return None;
        }
        snap_locally(text, raw, sel.exact)
    }

    /// Applies an edit as one undoable step and starts the autosave clock.
    pub fn apply(&mut self, edit: Edit, label: &str, merge_key: Option<String>, now: f64) {
        match self
            .history
            .apply_merging(&mut self.case, edit, label, merge_key)
        {
            Ok(()) => {
                self.message = None;
                self.changed(now);
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn changed(&mut self, now: f64) {
        if !matches!(self.save_status, SaveStatus::Failed { .. }) {
            self.save_status = SaveStatus::Unsaved { since: now };
        }
        if let SaveStatus::Failed { message, .. } = &self.save_status {
            // Keep the error visible, but retry soon after this change.
            self.save_status = SaveStatus::Failed {
                message: message.clone(),
                at: now - RETRY_AFTER_SECS + AUTOSAVE_AFTER_SECS,
            };
        }
    }

    /// Marks the selection with a category; the new mark becomes the selected one.
    pub fn mark_selection(&mut self, category: &CategoryId, now: f64) {
        if let Some(reason) = self.locked_reason() {
            self.message = Some(reason);
            return;
        }
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let Some(range) = self.selection_range() else {
            self.message = Some("Select some text first (drag over it, or Shift+arrows)".into());
            return;
        };
        let mut edits = Vec::new();
        if !self.case.annotators.contains_key(&self.annotator) {
            edits.push(Edit::AddAnnotator(self.annotator.clone()));
        }
        let mark = match self
            .case
            .new_mark(&self.annotator, &article, range, category)
        {
            Ok(m) => m,
            Err(e) => {
                self.message = Some(e.to_string());
                return;
            }
        };
        let id = mark.id.clone();
        edits.push(Edit::AddMark {
            annotator: self.annotator.clone(),
            article,
            mark,
        });
        let name = self
            .case
            .schema
            .category(category)
            .map_or(category.to_string(), |c| c.name.clone());
        self.apply(Edit::Group(edits), &format!("mark as {name}"), None, now);
        if self.message.is_none() {
            self.selected_mark = Some(id);
            self.selection = None;
        }
    }

    /// Re-places an orphaned mark on the current selection (new offsets,
    /// quote and context), keeping its id, category, attributes and note.
    pub fn attach_orphan(&mut self, id: &MarkId, now: f64) {
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let Some(range) = self.selection_range() else {
            self.message = Some("Select the text the mark belongs on first".into());
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
            self.message = Some("The selection does not fit this article's text".into());
            return;
        };
        let mark = Mark {
            modified: crate::model::Timestamp::now(),
            ..moved
        };
        let edit = Edit::ReplaceMark {
            annotator: self.annotator.clone(),
            article,
            mark,
        };
        self.apply(edit, "attach mark", None, now);
        if self.message.is_none() {
            self.selected_mark = Some(id.clone());
            self.selection = None;
        }
    }

    /// Recomputes the orphans if marks, article or annotator changed.
    pub fn refresh_orphans(&mut self) {
        let key = (self.generation(), self.article, self.annotator.clone());
        if self.orphans_key.as_ref() == Some(&key) {
            return;
        }
        let text = self.article_id().and_then(|a| self.case.article_text(a));
        self.orphans = self
            .marks()
            .iter()
            .filter(|m| text.is_none_or(|t| anchor::check(t, m) != Anchor::Intact))
            .map(|m| m.id.clone())
            .collect();
        self.orphans_key = Some(key);
    }

    /// Marks of this article that are not where their quote is (as of the
    /// last `refresh_orphans`).
    pub fn orphans(&self) -> Vec<&Mark> {
        self.orphans
            .iter()
            .filter_map(|id| self.marks().iter().find(|m| &m.id == id))
            .collect()
    }

    pub fn undo(&mut self, now: f64) {
        match self.history.undo(&mut self.case) {
            Ok(Some(_)) => self.changed(now),
            Ok(None) => {}
            Err(e) => self.message = Some(e.to_string()),
        }
        self.forget_vanished_selection();
    }

    pub fn redo(&mut self, now: f64) {
        match self.history.redo(&mut self.case) {
            Ok(Some(_)) => self.changed(now),
            Ok(None) => {}
            Err(e) => self.message = Some(e.to_string()),
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
    pub fn save(&mut self, now: f64) {
        match self.case.save() {
            Ok(_) => self.save_status = SaveStatus::Saved,
            Err(problems) => {
                let message = problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                self.save_status = SaveStatus::Failed { message, at: now };
            }
        }
    }

    /// Saves if the last change is old enough (or a failed save is due for a
    /// retry). Returns seconds until the next check is needed, if any.
    pub fn autosave(&mut self, now: f64) -> Option<f64> {
        let due = match &self.save_status {
            SaveStatus::Saved => return None,
            SaveStatus::Unsaved { since } => since + AUTOSAVE_AFTER_SECS,
            SaveStatus::Failed { at, .. } => at + RETRY_AFTER_SECS,
        };
        if now >= due {
            self.save(now);
            match &self.save_status {
                SaveStatus::Failed { .. } => Some(RETRY_AFTER_SECS),
                _ => None,
            }
        } else {
            Some(due - now)
        }
    }

    /// Re-reads articles whose files changed on disk (someone corrected a
    /// text in an editor, or `git pull` brought a new version) and re-anchors
    /// their marks: marks that moved are saved with their new places, marks
    /// that cannot be placed are listed as orphans. Returns seconds until the
    /// next look is due.
    pub fn poll_files(&mut self, now: f64) -> f64 {
        let since = now - self.last_file_poll;
        if since < FILE_POLL_SECS {
            return FILE_POLL_SECS - since;
        }
        self.last_file_poll = now;
        let changed: Vec<ArticleId> = self
            .case
            .changed_articles()
            .into_iter()
            .filter(|id| !self.unreadable.contains(id))
            .collect();
        if changed.is_empty() {
            return FILE_POLL_SECS;
        }
        let mut notes = Vec::new();
        let mut reloaded = false;
        for id in changed {
            match self.case.reload_article(&id) {
                Ok(report) => {
                    reloaded = true;
                    notes.push(format!(
                        "{id} changed on disk: {} mark(s) moved with their words, {} orphan(s)",
                        report.moved.len(),
                        report.orphans.len()
                    ));
                }
                Err(e) => {
                    notes.push(format!("{id} changed on disk but cannot be read: {e}"));
                    self.unreadable.insert(id);
                }
            }
        }
        if reloaded {
            self.history.forget();
            self.text_view = TextView::default();
            self.orphans_key = None;
            self.selection = None;
            if self.case.has_unsaved_changes() {
                self.save_status = SaveStatus::Unsaved { since: now };
            }
        }
        self.message = Some(notes.join("; "));
        FILE_POLL_SECS
    }

    /// Changes whenever anything drawn from the case may have changed.
    pub fn generation(&self) -> u64 {
        self.history.generation()
    }
}

/// Snaps a selection to words (or only to graphemes when `exact`), looking
/// at the text near its ends only: segmenting from the start of a
/// 1,000,000-char article on every frame would take milliseconds.
fn snap_locally(text: &ArticleText, raw: CharRange, exact: bool) -> Option<CharRange> {
    const MARGIN: usize = 64;
    let lo = raw.start.0.saturating_sub(MARGIN);
    let hi = (raw.end.0 + MARGIN).min(text.char_len());
    let window = text.slice(CharRange::new(lo, hi))?;
    let index = TextIndex::new(window);
    let local = CharRange::new(raw.start.0 - lo, raw.end.0.saturating_sub(lo));
    let snapped = if exact {
        text::snap_to_graphemes(window, &index, local)?
    } else {
        text::snap_to_words(window, &index, local)?
    };
    let snapped = CharRange::new(snapped.start.0 + lo, snapped.end.0 + lo);
    (!snapped.is_empty()).then_some(snapped)
}

/// Who is marking: the one remembered for this case, else the first
/// annotator who is not the answer key, else the user's login name.
pub fn choose_annotator(case: &Case, remembered: Option<&str>) -> AnnotatorId {
    if let Some(r) = remembered.filter(|r| crate::model::is_valid_id(r)) {
        return AnnotatorId::new(r);
    }
    if let Some(a) = case.annotators.keys().find(|a| a.as_str() != "key") {
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
