//! A case in memory: its manifest, schema, article texts and every
//! annotator's marks and links, plus what is needed to save it safely.
//!
//! Opening never fails because one file is bad: each problem is recorded with
//! its location, the file is *locked* (never written, so a hand-made typo can
//! never cost a mark), and the rest of the case opens. Saving writes only files
//! whose content changed, atomically.
//!
//! The fields are private: everything outside reads through the accessors
//! below, and changes marks and links only through `*_mut`, which is what
//! `edit::Edit` uses. That is what makes dirty tracking (and so saving only
//! what changed) and the refusal to write a locked file hold everywhere.
//!
//! - `layout`: where each file lives (`FileKey`, `path_of`).
//! - `load`: `create` and `open`, collecting problems instead of stopping.
//! - `save`: writing changed files, and adding an article's text.
//! - `watch`: noticing files changed on disk and reading them again.
//! - `sync` and `merge`: taking in RON files changed on disk, record by
//!   record, and the conflicts the user settles.
//! - `reanchor`: putting marks back on their words after a text changed.
//! - `ids`: fresh ids for marks, claims and actors, random so that two
//!   places never make the same one.
//! - `articles`: an article's details, order and removal after import.
//! - `snapshot`: a read-only copy of the contents, for a worker thread.

mod articles;
mod ids;
mod layout;
mod load;
mod merge;
mod reanchor;
mod save;
mod snapshot;
mod sync;
mod watch;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use articles::Removed;
pub use ids::{MARK_PREFIX, MarkIds, RANDOM_ID_CHARS, is_fresh_id, new_case_id, new_link_id};
pub use layout::{FileKey, Lock};
pub use merge::{Conflict, ConflictItem, LinkBody};
pub use reanchor::{AnchorReport, MovedMark, OrphanMark, reanchor_marks};
pub use save::SaveReport;
pub use snapshot::Snapshot;
pub use sync::DiskChanges;

pub use crate::model::{ARTICLES_DIR, LINKS_FILE, MANIFEST_FILE, MARKS_DIR};
use crate::model::{
    AnnotatorId, ArticleId, ArticleMeta, CategoryId, DEFAULT_KEY, Handout, Links, Manifest, Mark,
    MarkId, Schema, is_valid_id,
};
use crate::problem::{CaseError, IdKind, Problem};
use crate::text::{ArticleText, CharRange};

/// One article: its manifest entry and, if it could be read, its text.
#[derive(Clone, Debug)]
pub struct Article {
    pub meta: ArticleMeta,
    pub text: Option<ArticleText>,
}

/// One annotator's work: marks per article, links, and the articles they
/// marked done.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    pub marks: BTreeMap<ArticleId, Vec<Mark>>,
    pub links: Links,
    /// Articles whose marks file says `done: true` (handed in).
    pub done: BTreeSet<ArticleId>,
}

impl Annotations {
    pub fn mark_count(&self) -> usize {
        self.marks.values().map(Vec::len).sum()
    }

    /// Finds a mark by id, with the article it is on.
    pub fn find_mark(&self, id: &MarkId) -> Option<(&ArticleId, &Mark)> {
        self.marks
            .iter()
            .find_map(|(a, ms)| ms.iter().find(|m| &m.id == id).map(|m| (a, m)))
    }

    pub fn is_empty(&self) -> bool {
        self.mark_count() == 0 && self.links.is_empty() && self.done.is_empty()
    }
}

/// What Candor knows about the files of the case on disk.
#[derive(Debug, Default)]
struct DiskState {
    /// The content each file had when last read or written by us.
    on_disk: HashMap<PathBuf, String>,
    /// Files that failed to load: never written, so their content survives.
    locked: BTreeSet<PathBuf>,
    /// Symbolic links found under `marks/` (a folder or a file): nothing
    /// in or under them is written.
    linked: BTreeSet<PathBuf>,
    /// Files whose in-memory content may differ from disk.
    dirty: BTreeSet<FileKey>,
    /// Where each article's text was read from (the path proved inside the
    /// case then) and its size and modification time when last read: asking
    /// again costs one stat, not a walk of the path, for each article.
    article_stamps: HashMap<ArticleId, (PathBuf, watch::FileStamp)>,
    /// The same for every RON file, when last read or written by us.
    file_stamps: HashMap<PathBuf, watch::FileStamp>,
    /// Records changed differently here and on disk, waiting for the user.
    conflicts: Vec<Conflict>,
    /// Files read fine that changed on disk into something unreadable (a
    /// merge left conflict markers): locked too, but what memory holds of
    /// them is good and is merged once they read again.
    broken_on_disk: BTreeSet<PathBuf>,
}

#[derive(Debug)]
pub struct Case {
    root: PathBuf,
    manifest: Manifest,
    schema: Schema,
    articles: Vec<Article>,
    /// Where each article is in `articles`: looked up for every mark
    /// checked and every frame drawn, so not by a scan.
    article_at: HashMap<ArticleId, usize>,
    annotators: BTreeMap<AnnotatorId, Annotations>,
    /// Problems found when the case was opened (see also `validate::check`).
    load_problems: Vec<Problem>,
    /// What re-anchoring did when the case was opened or an article reloaded:
    /// marks moved to follow edited text, and orphans left where they were.
    anchoring: AnchorReport,
    disk: DiskState,
}

impl Case {
    /// The case folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The articles in manifest order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every annotator with a folder (or added since), by id.
    pub fn annotators(&self) -> &BTreeMap<AnnotatorId, Annotations> {
        &self.annotators
    }

    pub fn annotations(&self, annotator: &AnnotatorId) -> Option<&Annotations> {
        self.annotators.get(annotator)
    }

    /// The answer key's annotator: the one `case.ron` names as `key`, else
    /// an annotator called `key`, else none. A named key need not have marked
    /// anything yet. A student copy has no key until a hand-back brings
    /// one (`Handout::feedback`), whatever its folders hold.
    pub fn key(&self) -> Option<&AnnotatorId> {
        if self
            .manifest
            .handout
            .as_ref()
            .is_some_and(|h| h.feedback.is_empty())
        {
            return None;
        }
        self.manifest.key.as_ref().or_else(|| {
            self.annotators
                .get_key_value(&AnnotatorId::new(DEFAULT_KEY))
                .map(|(id, _)| id)
        })
    }

    /// What makes this case a student copy (`candor handout`), if it is one.
    pub fn student_copy(&self) -> Option<&Handout> {
        self.manifest.handout.as_ref()
    }

    /// Whether `annotator` marked `article` done (handed it in).
    pub fn is_done(&self, annotator: &AnnotatorId, article: &ArticleId) -> bool {
        self.annotators
            .get(annotator)
            .is_some_and(|a| a.done.contains(article))
    }

    /// One annotator's claims and actors, if the annotator exists.
    pub fn links(&self, annotator: &AnnotatorId) -> Option<&Links> {
        self.annotators.get(annotator).map(|a| &a.links)
    }

    /// Problems found when the case was opened; `validate::check` adds the rest.
    pub fn load_problems(&self) -> &[Problem] {
        &self.load_problems
    }

    /// What re-anchoring did when the case was opened or an article reloaded.
    pub fn anchoring(&self) -> &AnchorReport {
        &self.anchoring
    }

    pub fn article(&self, id: &ArticleId) -> Option<&Article> {
        self.article_at.get(id).and_then(|&i| self.articles.get(i))
    }

    /// Rebuilds `article_at` after `articles` changed.
    fn reindex_articles(&mut self) {
        self.article_at = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.meta.id.clone(), i))
            .collect();
    }

    pub fn article_text(&self, id: &ArticleId) -> Option<&ArticleText> {
        self.article(id).and_then(|a| a.text.as_ref())
    }

    /// One annotator's marks on one article (empty if none).
    pub fn marks(&self, annotator: &AnnotatorId, article: &ArticleId) -> &[Mark] {
        self.annotators
            .get(annotator)
            .and_then(|a| a.marks.get(article))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether there are changes not yet saved.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.disk.dirty.is_empty()
    }

    /// Adds an annotator with no marks (their folder appears on first save).
    pub fn add_annotator(&mut self, id: &AnnotatorId) -> Result<(), CaseError> {
        annotations_entry(&mut self.annotators, id).map(|_| ())
    }

    /// Removes an annotator who has no marks and no links; refused otherwise,
    /// so no work can be lost this way. Nothing happens on disk: an annotator
    /// without files has no folder.
    pub fn remove_empty_annotator(&mut self, id: &AnnotatorId) -> Result<bool, CaseError> {
        match self.annotators.get(id) {
            None => Ok(false),
            Some(a) if !a.is_empty() => Err(CaseError::AnnotatorNotEmpty {
                annotator: id.clone(),
            }),
            Some(_) => {
                self.annotators.remove(id);
                Ok(true)
            }
        }
    }

    /// Mutable access to one annotator's marks on one article; the file is
    /// then saved on the next `save`. Refused if that file failed to load.
    pub fn marks_mut(
        &mut self,
        annotator: &AnnotatorId,
        article: &ArticleId,
    ) -> Result<&mut Vec<Mark>, CaseError> {
        let key = FileKey::Marks(annotator.clone(), article.clone());
        self.check_writable(&key)?;
        let ann = annotations_entry(&mut self.annotators, annotator)?;
        self.disk.dirty.insert(key);
        Ok(ann.marks.entry(article.clone()).or_default())
    }

    /// Marks an article done for an annotator, or not; returns what it was.
    /// The flag lives in the annotator's marks file for the article, so it is
    /// refused, like `marks_mut`, when that file failed to load. `Edit::SetDone`
    /// is the undoable way to call it.
    pub fn set_done(
        &mut self,
        annotator: &AnnotatorId,
        article: &ArticleId,
        done: bool,
    ) -> Result<bool, CaseError> {
        let key = FileKey::Marks(annotator.clone(), article.clone());
        self.check_writable(&key)?;
        let ann = annotations_entry(&mut self.annotators, annotator)?;
        self.disk.dirty.insert(key);
        Ok(if done {
            !ann.done.insert(article.clone())
        } else {
            ann.done.remove(article)
        })
    }

    /// Mutable access to one annotator's links; see `marks_mut`.
    pub fn links_mut(&mut self, annotator: &AnnotatorId) -> Result<&mut Links, CaseError> {
        let key = FileKey::Links(annotator.clone());
        self.check_writable(&key)?;
        let ann = annotations_entry(&mut self.annotators, annotator)?;
        self.disk.dirty.insert(key);
        Ok(&mut ann.links)
    }

    /// Mutable access to the manifest; it is saved on the next `save`.
    pub fn manifest_mut(&mut self) -> Result<&mut Manifest, CaseError> {
        self.check_writable(&FileKey::Manifest)?;
        self.disk.dirty.insert(FileKey::Manifest);
        Ok(&mut self.manifest)
    }

    /// Mutable access to the schema; it is saved on the next `save`.
    pub fn schema_mut(&mut self) -> Result<&mut Schema, CaseError> {
        self.check_writable(&FileKey::Schema)?;
        self.disk.dirty.insert(FileKey::Schema);
        Ok(&mut self.schema)
    }

    /// Refuses to change a file that must not be written (`lock`), saying why.
    pub fn check_writable(&self, key: &FileKey) -> Result<(), CaseError> {
        let path = || self.root.join(self.path_of(key));
        match self.lock(key) {
            None => Ok(()),
            Some(Lock::Unreadable) => Err(CaseError::Locked { path: path() }),
            Some(Lock::Link) => Err(CaseError::ThroughLink { path: path() }),
            Some(Lock::InvalidArticleId) => match key {
                FileKey::Marks(_, article) => Err(CaseError::ReadOnlyArticle {
                    article: article.clone(),
                }),
                _ => Err(CaseError::Locked { path: path() }),
            },
        }
    }

    /// A new mark of `category` over `range` of an article, with a fresh id
    /// for `annotator` and its quote and context taken from the text.
    /// Nothing is stored: `edit::mark_range` makes the edit that does.
    pub fn new_mark(
        &self,
        annotator: &AnnotatorId,
        article: &ArticleId,
        range: CharRange,
        category: &CategoryId,
    ) -> Result<Mark, CaseError> {
        let id = MarkIds::for_annotator(self, annotator).next_id();
        self.mark_with_id(id, article, range, category)
    }

    /// Like `new_mark`, with the id chosen by the caller (who is making many,
    /// with `MarkIds`). The range is checked against the text first.
    pub fn mark_with_id(
        &self,
        id: MarkId,
        article: &ArticleId,
        range: CharRange,
        category: &CategoryId,
    ) -> Result<Mark, CaseError> {
        let text = self
            .article_text(article)
            .ok_or_else(|| CaseError::NoText {
                article: article.clone(),
            })?;
        if range.is_empty() {
            return Err(CaseError::EmptyRange);
        }
        crate::anchor::new_mark(text, id, range, category.clone()).ok_or_else(|| {
            CaseError::OutOfRange {
                article: article.clone(),
                range,
                chars: text.char_len(),
            }
        })
    }
}

/// An annotator's work, added empty if they are new and their id is valid.
fn annotations_entry<'a>(
    annotators: &'a mut BTreeMap<AnnotatorId, Annotations>,
    id: &AnnotatorId,
) -> Result<&'a mut Annotations, CaseError> {
    if !is_valid_id(id.as_str()) {
        return Err(CaseError::InvalidId {
            kind: IdKind::Annotator,
            id: id.to_string(),
        });
    }
    Ok(annotators.entry(id.clone()).or_insert_with(|| Annotations {
        links: Links::new(),
        ..Annotations::default()
    }))
}
