//! Writing a case: only the files whose content changed, each atomically,
//! never a locked one, never over a change it has not read (under the case's
//! lock, what changed on disk is taken in first); and adding an article, whose text is written at once
//! (an article in the manifest without its text would be a broken case).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Article, Case, DiskChanges, FileKey, watch::FileStamp};
use crate::model::{ARTICLES_DIR, ArticleMeta, FORMAT_VERSION, Mark, is_valid_id};
use crate::problem::{CaseError, IdKind, Problem};
use crate::progress::Progress;
use crate::storage;
use crate::text::{self, ArticleText};

/// What a save did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveReport {
    /// Files written, relative to the case folder.
    pub written: Vec<PathBuf>,
    /// Files changed on disk since they were read, taken in before writing.
    pub absorbed: DiskChanges,
    /// Files not written because they hold a conflict the user has to settle.
    pub held: Vec<PathBuf>,
}

/// The on-disk shape of a marks file, written from borrowed, sorted marks.
#[derive(Serialize)]
#[serde(rename = "Marks")]
struct MarkFileOut<'a> {
    format: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    done: bool,
    marks: Vec<&'a Mark>,
}

impl Case {
    /// Adds an article from text already read: writes `articles/<id>.txt`
    /// and adds it to the manifest (saved on the next `save`). A text file
    /// already there with the same text (left by an import that stopped
    /// before the manifest was saved) is adopted; a different one is refused.
    pub fn add_article(&mut self, mut meta: ArticleMeta, raw_text: &str) -> Result<(), CaseError> {
        if !is_valid_id(meta.id.as_str()) {
            return Err(CaseError::InvalidId {
                kind: IdKind::Article,
                id: meta.id.to_string(),
            });
        }
        if self.article(&meta.id).is_some() {
            return Err(CaseError::ArticleExists {
                article: meta.id.clone(),
            });
        }
        self.check_writable(&FileKey::Manifest)?;
        let text = text::normalize(raw_text);
        meta.file = format!("{ARTICLES_DIR}/{}.txt", meta.id);
        let rel = Path::new(&meta.file);
        let full = self.root.join(rel);
        let path = if full.exists() {
            // An import cut short after writing the text (a full disk when
            // saving case.ron) left exactly this text: adopt it, so the
            // retry succeeds. Any other file there is someone's: refused.
            let proved =
                storage::prove_inside(&self.root, rel).map_err(|e| e.into_case_error(&full))?;
            match storage::read_text(&proved, storage::MAX_TEXT_BYTES) {
                Ok(there) if there == text => proved,
                _ => return Err(CaseError::FileExists { path: full }),
            }
        } else {
            storage::write_inside(&self.root, rel, text.as_bytes())
                .map_err(|e| e.into_case_error(&full))?
        };
        self.disk
            .article_stamps
            .insert(meta.id.clone(), (path.clone(), FileStamp::of(&path)));
        self.disk
            .on_disk
            .insert(PathBuf::from(&meta.file), text.clone());
        self.manifest.articles.push(meta.clone());
        self.articles.push(Article {
            meta,
            text: Some(ArticleText::new(text)),
        });
        self.reindex_articles();
        self.disk.dirty.insert(FileKey::Manifest);
        Ok(())
    }

    /// Writes every changed file. A file that fails is reported and the others
    /// are still written; what failed stays marked as changed for the next try.
    ///
    /// Under the case's lock, each file is first compared with what is on
    /// disk now: if someone changed it since Candor read it, their version
    /// is taken in first (merged record by record with ours), so a save never
    /// overwrites content it did not read. A file with an unresolved
    /// conflict is held back (`SaveReport::held`) until the user picks.
    pub fn save(&mut self) -> Result<SaveReport, Vec<Problem>> {
        self.save_with_progress(&Progress::none())
    }

    /// [`Case::save`], counting the files written as the stage "saving" of
    /// `progress` (`candor check --fix` of thousands of files). A save is
    /// never cancelled: each file is written whole, and all of them are.
    pub fn save_with_progress(&mut self, progress: &Progress) -> Result<SaveReport, Vec<Problem>> {
        let mut report = SaveReport::default();
        if self.disk.dirty.is_empty() {
            return Ok(report);
        }
        // One save passes the gate of writes once: a Ctrl-C on the command
        // line waits for all of its files (`progress::stop_writes`).
        let _writing = crate::progress::writing();
        let _lock = match storage::CaseLock::acquire(&self.root) {
            Ok(lock) => lock,
            Err(e) => {
                return Err(vec![Problem::error(
                    self.root.join(storage::LOCK_FILE),
                    format!("could not save: {}", storage::io_message(&e)),
                )]);
            }
        };
        let mut problems = Vec::new();
        let dirty = std::mem::take(&mut self.disk.dirty);
        for key in &dirty {
            let rel = self.path_of(key);
            if self.disk.locked.contains(&rel) {
                continue;
            }
            let path = self.root.join(&rel);
            match storage::read_if_present(&path) {
                Ok(now) if self.disk.on_disk.get(&rel) != now.as_ref() => {
                    self.disk
                        .file_stamps
                        .insert(rel, super::watch::FileStamp::of(&path));
                    report.absorbed.add(self.absorb(key, now));
                }
                Ok(_) => {}
                Err(p) => problems.push(p),
            }
        }
        // Taking in may have marked more to write (a merged file).
        let mut keys = dirty;
        keys.append(&mut self.disk.dirty);
        let mut writes: Vec<(FileKey, PathBuf, String)> = Vec::new();
        for key in keys {
            let rel = self.path_of(&key);
            if self.is_locked(&key) {
                continue;
            }
            if self.has_conflict(&key) {
                report.held.push(rel);
                self.disk.dirty.insert(key);
                continue;
            }
            match self.serialize(&key) {
                Ok(Some(content)) if self.disk.on_disk.get(&rel) != Some(&content) => {
                    writes.push((key, rel, content));
                }
                Ok(_) => {}
                Err(e) => {
                    problems.push(Problem::error(
                        self.root.join(&rel),
                        format!("could not write: {e}"),
                    ));
                    self.disk.dirty.insert(key);
                }
            }
        }
        let files: Vec<(PathBuf, &[u8])> = writes
            .iter()
            .map(|(_, rel, content)| (rel.clone(), content.as_bytes()))
            .collect();
        progress.stage("saving", files.len());
        let results = storage::write_all_inside(&self.root, &files, progress);
        for ((key, rel, content), result) in writes.into_iter().zip(results) {
            match result {
                Ok(path) => {
                    self.disk
                        .file_stamps
                        .insert(rel.clone(), super::watch::FileStamp::of(&path));
                    self.disk.on_disk.insert(rel.clone(), content);
                    report.written.push(rel);
                }
                Err(e) => {
                    problems.push(Problem::error(
                        self.root.join(&rel),
                        format!("could not save: {e}"),
                    ));
                    self.disk.dirty.insert(key);
                }
            }
        }
        if problems.is_empty() {
            Ok(report)
        } else {
            Err(problems)
        }
    }

    /// Saves every file of the case that differs from disk, not only those
    /// changed through the accessors.
    pub fn save_all(&mut self) -> Result<SaveReport, Vec<Problem>> {
        self.disk.dirty.insert(FileKey::Manifest);
        self.disk.dirty.insert(FileKey::Schema);
        for (ann, annotations) in &self.annotators {
            for art in annotations.marks.keys() {
                self.disk
                    .dirty
                    .insert(FileKey::Marks(ann.clone(), art.clone()));
            }
            self.disk.dirty.insert(FileKey::Links(ann.clone()));
        }
        self.save()
    }

    /// The file's content as Candor writes it, or `None` when there is nothing
    /// to write (an annotator with no links and no links file yet).
    pub(super) fn serialize(&self, key: &FileKey) -> Result<Option<String>, ron::Error> {
        match key {
            FileKey::Manifest => storage::to_ron(&self.manifest).map(Some),
            FileKey::Schema => storage::to_ron(&self.schema).map(Some),
            FileKey::Marks(ann, art) => {
                let marks = self.marks(ann, art);
                let done = self.is_done(ann, art);
                let exists = self.disk.on_disk.contains_key(&self.path_of(key));
                if marks.is_empty() && !done && !exists {
                    return Ok(None);
                }
                let mut sorted: Vec<&Mark> = marks.iter().collect();
                sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                storage::to_ron(&MarkFileOut {
                    format: FORMAT_VERSION,
                    done,
                    marks: sorted,
                })
                .map(Some)
            }
            FileKey::Links(ann) => {
                let exists = self.disk.on_disk.contains_key(&self.path_of(key));
                match self.annotators.get(ann) {
                    Some(a) if exists || !a.links.is_empty() => storage::to_ron(&a.links).map(Some),
                    _ => Ok(None),
                }
            }
        }
    }
}
