//! Writing a case: only the files whose content changed, each atomically,
//! never a locked one; and adding an article, whose text is written at once
//! (an article in the manifest without its text would be a broken case).

use std::path::PathBuf;

use serde::Serialize;

use super::{Article, Case, FileKey, watch::FileStamp};
use crate::model::{ARTICLES_DIR, ArticleMeta, FORMAT_VERSION, Mark, is_valid_id};
use crate::problem::{CaseError, IdKind, Problem};
use crate::storage;
use crate::text::{self, ArticleText};

/// What a save did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written, relative to the case folder.
    pub written: Vec<PathBuf>,
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
    /// and adds it to the manifest (saved on the next `save`).
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
        let path = self.root.join(&meta.file);
        if path.exists() {
            return Err(CaseError::FileExists { path });
        }
        storage::write_atomic(&path, text.as_bytes()).map_err(|e| CaseError::io(&path, e))?;
        self.disk
            .article_stamps
            .insert(meta.id.clone(), FileStamp::of(&path));
        self.disk
            .on_disk
            .insert(PathBuf::from(&meta.file), text.clone());
        self.manifest.articles.push(meta.clone());
        self.articles.push(Article {
            meta,
            text: Some(ArticleText::new(text)),
        });
        self.disk.dirty.insert(FileKey::Manifest);
        Ok(())
    }

    /// Writes every changed file. A file that fails is reported and the others
    /// are still written; what failed stays marked as changed for the next try.
    pub fn save(&mut self) -> Result<SaveReport, Vec<Problem>> {
        let mut report = SaveReport::default();
        let mut problems = Vec::new();
        let dirty = std::mem::take(&mut self.disk.dirty);
        for key in dirty {
            let rel = self.path_of(&key);
            if self.disk.locked.contains(&rel) {
                continue;
            }
            let content = match self.serialize(&key) {
                Ok(Some(c)) => c,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(Problem::error(
                        self.root.join(&rel),
                        format!("could not write: {e}"),
                    ));
                    self.disk.dirty.insert(key);
                    continue;
                }
            };
            if self.disk.on_disk.get(&rel) == Some(&content) {
                continue;
            }
            let path = self.root.join(&rel);
            match storage::write_atomic(&path, content.as_bytes()) {
                Ok(()) => {
                    self.disk.on_disk.insert(rel.clone(), content);
                    report.written.push(rel);
                }
                Err(e) => {
                    problems.push(Problem::error(
                        path,
                        format!("could not save: {}", storage::io_message(&e)),
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
    fn serialize(&self, key: &FileKey) -> Result<Option<String>, ron::Error> {
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
