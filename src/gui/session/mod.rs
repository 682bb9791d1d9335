//! One open case in the window: the case, its undo history, who is marking,
//! what is selected, whether it is saved, and what the user should be told.
//! It holds no widget state, so it could drive another front end.
//!
//! Every change to marks goes through `Session::apply` (an `Edit` recorded in
//! the `History`), and every change starts the autosave clock. A save that
//! fails keeps everything in memory, shows why, and is tried again.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

use crate::anchor;
use crate::case::{Case, DiskChanges, FileKey};
use crate::edit::{self, Edit, History};
use crate::import::{self, ImportOptions};
use crate::model::{
    AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, LinkKind, LinkRef, Mark, MarkId,
    slugify,
};
use crate::problem::CaseError;
use crate::text::{CharRange, Edge, Selection};
use crate::validate;
use notifications::Notifications;

pub mod class;
pub mod class_done;
mod files;
pub mod jobs;
pub mod notifications;
pub mod work;

/// Seconds after the last change before saving on its own.
pub const AUTOSAVE_AFTER_SECS: f64 = 1.0;
/// Seconds between attempts when saving fails.
pub const RETRY_AFTER_SECS: f64 = 5.0;
/// Seconds between looks at the article files on disk.
pub const FILE_POLL_SECS: f64 = 1.0;
/// Edits to one mark's fields no further apart than this are one undo step.
pub const BURST_SECS: f64 = 3.0;

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
    /// Under blind reading, an article's first line is masked when it is
    /// the title (on unless the reader turns it off; not remembered).
    pub mask_headlines: bool,
    /// Whose marks are drawn over the reader's ("Compare with…").
    pub compare_with: Option<AnnotatorId>,
    /// Whether the answer key may be marked as (an instructor unlocked it
    /// for this case); while it is not, the key is never "Marking as".
    pub key_unlocked: bool,
    /// The annotator's marks are only being looked at (an instructor opened
    /// a student from the Class view): edits to them are refused until the
    /// user chooses to mark as them.
    pub viewing: bool,
    pub save_status: SaveStatus,
    /// Errors, warnings and notes for the status bar.
    pub notifications: Notifications,
    /// Work running off the UI thread (an import, an export), shown with
    /// its progress and a Cancel in the status bar.
    pub work: Option<work::Work>,
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
    /// When the last edit was applied, for merging bursts of field edits.
    last_edit_secs: f64,
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
            mask_headlines: true,
            compare_with: None,
            key_unlocked: false,
            viewing: false,
            save_status: SaveStatus::Saved,
            notifications: Notifications::default(),
            work: None,
            orphans: Vec::new(),
            orphans_key: None,
            texts_generation: 0,
            last_file_poll_secs: 0.0,
            last_edit_secs: f64::NEG_INFINITY,
        }
    }

    /// While the answer key is locked: if the key is who is marking, mark
    /// as someone else instead. Returns whether the annotator changed.
    pub fn lock_key(&mut self) -> bool {
        self.key_unlocked = false;
        if self.case.key() != Some(&self.annotator) {
            return false;
        }
        self.annotator = choose_annotator(&self.case, None);
        self.selection = None;
        self.selected_mark = None;
        true
    }

    /// Whether `who` is the locked answer key, saying so if it is.
    pub fn refuse_key(&mut self, who: &AnnotatorId, now_secs: f64) -> bool {
        if self.key_unlocked || self.case.key() != Some(who) {
            return false;
        }
        self.notifications.warn(
            format!(
                "{who} is this case's answer key. To change the key, tick \"Let me mark as the key\" under Annotator."
            ),
            now_secs,
        );
        true
    }

    /// Whether the case asks for blind reading (outlets, titles and dates
    /// hidden in the window).
    pub fn blind(&self) -> bool {
        self.case.manifest().blind
    }

    /// An article's details as the window shows them: as they are, or
    /// under blind reading "Article n" with no outlet, date or URL.
    pub fn shown_meta_at(&self, index: usize) -> Option<Cow<'_, ArticleMeta>> {
        let meta = &self.case.articles().get(index)?.meta;
        Some(if self.blind() {
            Cow::Owned(meta.blinded(index))
        } else {
            Cow::Borrowed(meta)
        })
    }

    /// `shown_meta_at`, by id.
    pub fn shown_meta(&self, id: &ArticleId) -> Option<Cow<'_, ArticleMeta>> {
        let index = self.case.articles().iter().position(|a| &a.meta.id == id)?;
        self.shown_meta_at(index)
    }

    /// What the window calls an article: its title (under blind reading,
    /// "Article n"), or its id when the case no longer has it.
    pub fn article_name(&self, id: &ArticleId) -> String {
        self.shown_meta(id)
            .map_or_else(|| id.to_string(), |m| m.title.clone())
    }

    /// How the window refers to an article in messages and lists: its id
    /// (short, as the files name it), or under blind reading "Article n",
    /// since an id often names the outlet.
    pub fn article_ref(&self, id: &ArticleId) -> String {
        article_ref(&self.case, id)
    }

    /// `words` with every article's id, file, title and outlet put as
    /// "Article N" under blind reading (a problem found in
    /// `articles/wire.txt` names no outlet); as they are otherwise.
    pub fn blind_words(&self, words: &str) -> String {
        if !self.blind() {
            return words.to_string();
        }
        let mut out = words.to_string();
        for (i, a) in self.case.articles().iter().enumerate() {
            let name = crate::model::blind_name(i);
            let m = &a.meta;
            for word in [m.file.as_str(), m.title.as_str(), m.outlet.as_str()] {
                if word.chars().count() >= 2 {
                    out = out.replace(word, &name);
                }
            }
            // The id where it stands as a name: a file's stem, a quoted word.
            for (before, after) in [
                ("/", ".ron"),
                ("/", ".txt"),
                ("\\", ".ron"),
                ("`", "`"),
                ("“", "”"),
                (" ", " "),
            ] {
                out = out.replace(
                    &format!("{before}{}{after}", m.id),
                    &format!("{before}{name}{after}"),
                );
            }
        }
        out
    }

    /// `article_ref` in a sentence: "article wire", or "Article 2".
    pub fn article_called(&self, id: &ArticleId) -> String {
        if self.blind() {
            self.article_ref(id)
        } else {
            format!("article {id}")
        }
    }

    /// A short name for an article, for tables: its outlet, else its title
    /// shortened.
    pub fn article_short_name(&self, id: &ArticleId) -> String {
        match self.shown_meta(id) {
            Some(m) if !m.outlet.is_empty() => m.outlet.clone(),
            Some(m) => crate::text::ellipsize(&m.title, 32),
            None => id.to_string(),
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
    /// if they cannot (the file failed to load, is a link, or the article's
    /// id cannot be a file name).
    pub fn locked_reason(&self) -> Option<String> {
        if self.viewing {
            return Some(format!(
                "Showing {}'s marks, read-only. To change them, press \"Mark as {}\".",
                self.annotator, self.annotator
            ));
        }
        let article = self.article_id()?;
        let key = FileKey::Marks(self.annotator.clone(), article.clone());
        match self.case.check_writable(&key) {
            Ok(()) => return None,
            Err(CaseError::Locked { .. }) => {}
            Err(other) => return Some(other.to_string()),
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

    /// Whether `edit` writes a file of the annotator marking (their marks
    /// or their links).
    fn edits_own_files(&self, edit: &Edit) -> bool {
        edit.files().iter().any(|k| match k {
            FileKey::Marks(a, _) | FileKey::Links(a) => a == &self.annotator,
            _ => false,
        })
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
        if self.viewing && self.edits_own_files(&edit) {
            self.notifications.warn(
                format!(
                    "{}'s marks are shown read-only (opened from the Class view); press \"Mark as {}\" to change them.",
                    self.annotator, self.annotator
                ),
                now_secs,
            );
            return false;
        }
        let before = self.selected_mark.clone();
        // A pause ends a burst: edits after it are a new undo step.
        if now_secs - self.last_edit_secs > BURST_SECS {
            self.history.seal();
        }
        self.last_edit_secs = now_secs;
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

    /// Sets one attribute of the selected mark (a key pressed while it is
    /// selected): the value, or none if it already had that value; a yes/no
    /// is turned the other way. One undo step with the mark's other fields.
    pub fn set_attribute(&mut self, attribute: &str, value: &AttrValue, now_secs: f64) {
        let (Some(article), Some(mark)) = (self.article_id().cloned(), self.selected().cloned())
        else {
            return;
        };
        let mut m = mark.clone();
        let current = m.attributes.get(attribute);
        let next = match (current, value) {
            (Some(AttrValue::Flag(on)), AttrValue::Flag(_)) => Some(AttrValue::Flag(!on)),
            (Some(cur), v) if cur == v => None,
            (_, v) => Some(v.clone()),
        };
        match next {
            Some(v) => m.attributes.insert(attribute.to_string(), v),
            None => m.attributes.remove(attribute),
        };
        let name = self
            .case
            .schema()
            .category(&m.category)
            .and_then(|c| c.attribute(attribute))
            .map_or(attribute.to_string(), |a| a.name.to_lowercase());
        let e = edit::replace_mark(&self.annotator, &article, m);
        let key = Some(format!("{} fields", mark.id));
        self.apply(e, &format!("set {name}"), key, now_secs);
    }

    /// The chars of the open article's text blind reading masks on screen
    /// (headline, dateline, outlet), for [`Session::shown_quote`]; none
    /// when it masks nothing. Found once per frame, not once per mark.
    pub fn screen_mask(&self) -> Vec<(usize, usize)> {
        let article = self.article_id().and_then(|id| self.case.article(id));
        match (self.blind() && self.mask_headlines, article) {
            (true, Some(a)) => a
                .text
                .as_ref()
                .map(|t| crate::model::blind_spans(&t.text, &a.meta))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A mark of the open article's quote as the screen shows it: the
    /// chars of `mask` (from [`Session::screen_mask`]) masked as the text is.
    pub fn shown_quote<'m>(
        &self,
        mark: &'m crate::model::Mark,
        mask: &[(usize, usize)],
    ) -> std::borrow::Cow<'m, str> {
        let (start, end) = (mark.start.0, mark.end.0);
        let spans: Vec<(usize, usize)> = mask
            .iter()
            .filter_map(|&(s, e)| {
                let (s, e) = (s.max(start), e.min(end));
                (s < e).then(|| (s - start, e - start))
            })
            .collect();
        if spans.is_empty() {
            std::borrow::Cow::Borrowed(&mark.quote)
        } else {
            std::borrow::Cow::Owned(crate::model::mask(&mark.quote, &spans))
        }
    }

    /// What the selected mark's own words suggest for its empty fields.
    pub fn suggestions(&self) -> Vec<crate::fill::Suggestion> {
        let Some(mark) = self.selected() else {
            return Vec::new();
        };
        match self.case.schema().category(&mark.category) {
            Some(cat) => crate::fill::suggest(cat, &mark.quote, &mark.attributes),
            None => Vec::new(),
        }
    }

    /// Fills the selected mark's empty fields with every suggestion, as one
    /// undo step; says so when there is nothing to fill.
    pub fn use_suggestions(&mut self, now_secs: f64) {
        let (Some(article), Some(mark)) = (self.article_id().cloned(), self.selected().cloned())
        else {
            return;
        };
        let suggestions = self.suggestions();
        if suggestions.is_empty() {
            self.notifications.note(
                "Nothing to suggest: the marked words hold no word the schema lists for an empty field",
                now_secs,
            );
            return;
        }
        let mut m = mark.clone();
        for s in suggestions {
            m.attributes.insert(s.attribute, s.value);
        }
        let e = edit::replace_mark(&self.annotator, &article, m);
        let key = Some(format!("{} fields", mark.id));
        self.apply(e, "fill from the marked words", key, now_secs);
    }

    /// Moves one end of the selected mark by a word (toward the article's
    /// end when `later`), keeping its id, category, attributes, note and
    /// links; its quote and context are read again. One undo step each.
    pub fn step_mark_edge(&mut self, edge: Edge, later: bool, now_secs: f64) {
        let (Some(article), Some(mark)) = (self.article_id().cloned(), self.selected().cloned())
        else {
            return;
        };
        let moved = self.case.article_text(&article).and_then(|text| {
            let range = crate::text::step_edge(text, mark.range(), edge, later)?;
            anchor::attach(text, &mark, range)
        });
        let Some(moved) = moved else {
            let what = match edge {
                Edge::Start => "start",
                Edge::End => "end",
            };
            self.notifications.note(
                format!("The mark's {what} cannot move further that way: a mark keeps at least one word and stays inside the text"),
                now_secs,
            );
            return;
        };
        self.apply_moved(&article, moved, edge, now_secs);
    }

    /// Moves one end of mark `id` to where a drag from it was let go: to
    /// whole words unless Alt was held, its other end where it was. Like
    /// `step_mark_edge`, the mark keeps its fields, note and links; one undo
    /// step. An end dragged onto or past the other end changes nothing.
    pub fn drag_mark_edge(&mut self, id: &MarkId, edge: Edge, to: Selection, now_secs: f64) {
        let Some(article) = self.article_id().cloned() else {
            return;
        };
        let Some(mark) = self.marks().iter().find(|m| &m.id == id).cloned() else {
            return;
        };
        let Some(text) = self.case.article_text(&article) else {
            return;
        };
        let range = to.range_in(text).map(|r| match edge {
            Edge::Start => CharRange {
                start: r.start,
                end: mark.end,
            },
            Edge::End => CharRange {
                start: mark.start,
                end: r.end,
            },
        });
        let crossed = match edge {
            Edge::Start => to.head >= mark.end,
            Edge::End => to.head <= mark.start,
        };
        let moved = range
            .filter(|r| !crossed && !r.is_empty() && *r != mark.range())
            .and_then(|r| anchor::attach(text, &mark, r));
        let Some(moved) = moved else {
            if crossed {
                self.notifications.note(
                    "A mark's end cannot be dragged past its other end: a mark keeps at least one word",
                    now_secs,
                );
            }
            return;
        };
        self.apply_moved(&article, moved, edge, now_secs);
    }

    /// Puts a mark with one end moved in place of the old one: one undo
    /// step of its own, never merged with the next.
    fn apply_moved(&mut self, article: &ArticleId, moved: Mark, edge: Edge, now_secs: f64) {
        let label = match edge {
            Edge::Start => "move mark's start",
            Edge::End => "move mark's end",
        };
        let e = edit::replace_mark(&self.annotator, article, moved);
        self.apply(e, label, None, now_secs);
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

/// `Session::article_ref` for a view that has only the case: the id, or
/// under blind reading "Article n" by the article's place in the case.
pub fn article_ref(case: &Case, id: &ArticleId) -> String {
    let blind = case.manifest().blind;
    match case.articles().iter().position(|a| &a.meta.id == id) {
        Some(index) if blind => crate::model::blind_name(index),
        None if blind => "an article no longer in the case".to_string(),
        _ => id.to_string(),
    }
}
