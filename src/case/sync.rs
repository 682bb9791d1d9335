//! Taking in what changed on disk since Candor read it: a `git pull`, a second
//! window, a script. A changed file with nothing unsaved in it is read again;
//! one with unsaved changes is merged with them record by record
//! (`merge.rs`); what changed differently on both sides is a `Conflict`, and
//! the file is then not written until the user picks a side. A file changed
//! into something unreadable (git's conflict markers) is reported and locked,
//! never overwritten, and taken in once it reads again.
//!
//! `refresh_from_disk` is what the window calls once a second; `save` calls
//! `absorb` for every file it is about to write, so a save can never
//! overwrite content it did not read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::merge::{self, Conflict, ConflictItem};
use super::watch::FileStamp;
use super::{AnchorReport, Annotations, Article, Case, FileKey};
use crate::model::{
    AnnotatorId, ArticleId, LINKS_FILE, Links, MANIFEST_FILE, MARKS_DIR, Manifest, Mark, MarkFile,
    Schema, is_valid_id,
};
use crate::problem::Problem;
use crate::storage;
use crate::text::{self, ArticleText};

/// What looking at the files again found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiskChanges {
    /// Files replaced in memory by their version on disk (nothing in them
    /// was unsaved).
    pub reloaded: Vec<PathBuf>,
    /// Files merged record by record with unsaved changes.
    pub merged: Vec<PathBuf>,
    /// The files among those whose content in memory changed.
    pub keys: Vec<FileKey>,
    /// Conflicts found now (all of them: `Case::conflicts`).
    pub conflicts: usize,
    /// Articles whose text was read again, with what re-anchoring did.
    pub texts: Vec<(ArticleId, AnchorReport)>,
    /// Files changed on disk that cannot be read now: locked until they can.
    pub problems: Vec<Problem>,
}

impl DiskChanges {
    pub fn is_empty(&self) -> bool {
        self.reloaded.is_empty()
            && self.merged.is_empty()
            && self.texts.is_empty()
            && self.problems.is_empty()
            && self.conflicts == 0
    }

    pub(super) fn add(&mut self, other: DiskChanges) {
        self.reloaded.extend(other.reloaded);
        self.merged.extend(other.merged);
        self.keys.extend(other.keys);
        self.conflicts += other.conflicts;
        self.texts.extend(other.texts);
        self.problems.extend(other.problems);
    }
}

impl Case {
    /// Conflicts waiting for the user, oldest first.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.disk.conflicts
    }

    /// Whether a file holds a conflict, and so is not written until resolved.
    pub fn has_conflict(&self, key: &FileKey) -> bool {
        self.disk.conflicts.iter().any(|c| &c.key == key)
    }

    /// Settles a conflict: `theirs` puts the version on disk in memory
    /// (so nothing needs writing), otherwise ours stays and will be saved.
    pub fn resolve_conflict(&mut self, index: usize, theirs: bool) -> Option<Conflict> {
        if index >= self.disk.conflicts.len() {
            return None;
        }
        let conflict = self.disk.conflicts.remove(index);
        let key = conflict.key.clone();
        if theirs {
            match &conflict.item {
                ConflictItem::Mark {
                    article,
                    id,
                    theirs,
                    ..
                } => {
                    if let FileKey::Marks(ann, _) = &key
                        && let Some(ann) = self.annotators.get_mut(ann)
                    {
                        let marks = ann.marks.entry(article.clone()).or_default();
                        marks.retain(|m| &m.id != id);
                        marks.extend(theirs.clone());
                        marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    }
                }
                ConflictItem::Link { link, theirs, .. } => {
                    if let FileKey::Links(ann) = &key
                        && let Some(ann) = self.annotators.get_mut(ann)
                    {
                        merge::set_link(&mut ann.links, link, theirs.as_ref());
                    }
                }
                ConflictItem::Article { id, theirs, .. } => {
                    self.manifest.articles.retain(|a| &a.id != id);
                    self.manifest.articles.extend(theirs.clone());
                    self.sync_articles();
                }
                ConflictItem::Field { name, theirs, .. } => match *name {
                    "title" => self.manifest.title.clone_from(theirs),
                    "description" => self.manifest.description.clone_from(theirs),
                    _ => self.manifest.schema.clone_from(theirs),
                },
                ConflictItem::Schema => {
                    let rel = self.path_of(&FileKey::Schema);
                    let path = self.root.join(&rel);
                    if let Some(Ok(schema)) = self
                        .disk
                        .on_disk
                        .get(&rel)
                        .map(|src| storage::parse_ron::<Schema>(&path, src))
                    {
                        self.schema = schema;
                    }
                }
            }
        }
        // Written on the next save if memory now differs from the disk.
        self.disk.dirty.insert(key);
        Some(conflict)
    }

    /// Looks at every file of the case and takes in what changed on disk
    /// since it was read: cheap when nothing did (one stat per file, one
    /// listing per annotator folder), so the window asks once a second.
    pub fn refresh_from_disk(&mut self) -> DiskChanges {
        let mut out = DiskChanges::default();
        for key in [FileKey::Manifest, FileKey::Schema] {
            if self.stamp_changed(&key) {
                self.absorb_from_disk(&key, &mut out);
            }
        }
        for key in self.annotator_files() {
            if self.stamp_changed(&key) {
                self.absorb_from_disk(&key, &mut out);
            }
        }
        for id in self.changed_articles() {
            match self.reload_article(&id) {
                Ok(report) => out.texts.push((id, report)),
                Err(e) => out
                    .problems
                    .push(Problem::error(self.root.join(MARKS_DIR), e.to_string())),
            }
        }
        out.conflicts = self.disk.conflicts.len();
        out
    }

    fn stamp_changed(&self, key: &FileKey) -> bool {
        let rel = self.path_of(key);
        let now = FileStamp::of(&self.root.join(&rel));
        self.disk.file_stamps.get(&rel) != Some(&now)
    }

    /// Every annotator file on disk now, and every one known before (which
    /// may have been deleted since).
    fn annotator_files(&mut self) -> Vec<FileKey> {
        let mut keys: BTreeSet<FileKey> = self
            .disk
            .file_stamps
            .keys()
            .filter_map(|rel| self.key_of(rel))
            .filter(|k| matches!(k, FileKey::Marks(..) | FileKey::Links(_)))
            .collect();
        let marks_dir = self.root.join(MARKS_DIR);
        for dir in storage::list_dir(&marks_dir).unwrap_or_default() {
            let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !dir.is_dir() || !is_valid_id(name) {
                continue;
            }
            let annotator = AnnotatorId::new(name);
            for file in storage::list_dir(&dir).unwrap_or_default() {
                if let Some(key) = self.key_of(&self.rel(&file)) {
                    keys.insert(key);
                }
            }
            // A new folder from a pull is a new annotator, even before files.
            self.annotators.entry(annotator).or_default();
        }
        keys.into_iter().collect()
    }

    /// The file a path of the case is, if it is one of Candor's RON files.
    pub fn key_of(&self, rel: &Path) -> Option<FileKey> {
        if rel == Path::new(MANIFEST_FILE) {
            return Some(FileKey::Manifest);
        }
        if rel == Path::new(&self.manifest.schema) {
            return Some(FileKey::Schema);
        }
        let mut parts = rel.components().map(|c| c.as_os_str().to_str());
        let (Some(Some(MARKS_DIR)), Some(Some(ann)), Some(Some(file)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let annotator = AnnotatorId::new(ann);
        if file == LINKS_FILE {
            return Some(FileKey::Links(annotator));
        }
        let article = file.strip_suffix(".ron")?;
        Some(FileKey::Marks(annotator, ArticleId::new(article)))
    }

    /// Reads one file as it is on disk now and takes it in.
    fn absorb_from_disk(&mut self, key: &FileKey, out: &mut DiskChanges) {
        let rel = self.path_of(key);
        let path = self.root.join(&rel);
        // Stamp before reading: a change landing in between is seen next time.
        self.disk.file_stamps.insert(rel, FileStamp::of(&path));
        match storage::read_if_present(&path) {
            Ok(now) => out.add(self.absorb(key, now)),
            Err(p) => out.problems.push(p),
        }
    }

    /// Takes in `now`, the content a file has on disk (`None`: no such file),
    /// if it differs from what Candor last read or wrote there.
    pub(super) fn absorb(&mut self, key: &FileKey, now: Option<String>) -> DiskChanges {
        let mut out = DiskChanges::default();
        let rel = self.path_of(key);
        if self.disk.on_disk.get(&rel) == now.as_ref() {
            return out;
        }
        let path = self.root.join(&rel);
        // Locked since opening: memory holds nothing of the file to keep.
        let was_locked =
            self.disk.locked.contains(&rel) && !self.disk.broken_on_disk.contains(&rel);
        let base_src = self.disk.on_disk.get(&rel).cloned();
        let unsaved = !was_locked && self.differs_from(key, &path, base_src.as_deref());
        let result = match key {
            FileKey::Marks(ann, art) => {
                self.absorb_marks(ann, art, &path, &base_src, &now, unsaved)
            }
            FileKey::Links(ann) => self.absorb_links(ann, &path, &base_src, &now, unsaved),
            FileKey::Manifest => self.absorb_manifest(&path, &base_src, &now, unsaved),
            FileKey::Schema => self.absorb_schema(&path, &now, unsaved),
        };
        match result {
            Err(problem) => {
                // Never overwrite what cannot be read; take it in once it can.
                if !was_locked {
                    self.disk.broken_on_disk.insert(rel.clone());
                }
                self.disk.locked.insert(rel);
                out.problems.push(problem);
            }
            Ok(clashes) => {
                self.disk.locked.remove(&rel);
                self.disk.broken_on_disk.remove(&rel);
                match now {
                    Some(src) => self.disk.on_disk.insert(rel.clone(), src),
                    None => self.disk.on_disk.remove(&rel),
                };
                out.conflicts += clashes.len();
                self.disk.conflicts.retain(|c| &c.key != key);
                self.disk.conflicts.extend(clashes);
                if unsaved {
                    out.merged.push(rel);
                    // The merged content may differ from disk: write it.
                    self.disk.dirty.insert(key.clone());
                } else {
                    out.reloaded.push(rel);
                }
                out.keys.push(key.clone());
                if let FileKey::Marks(_, art) = key {
                    let report = self.reanchor_article(art);
                    self.anchoring.replace_article(art, report);
                }
            }
        }
        out
    }

    /// Whether memory holds something else than `base` (the file as last
    /// read), compared as data: a hand-written file in another layout, or
    /// with comments, is not "changed" until its records are.
    fn differs_from(&self, key: &FileKey, path: &Path, base: Option<&str>) -> bool {
        match key {
            FileKey::Marks(ann, art) => {
                let ours = self.marks(ann, art);
                let (mut base, base_done) = base
                    .and_then(|s| storage::parse_ron::<MarkFile>(path, s).ok())
                    .map(|f| (f.marks, f.done))
                    .unwrap_or_default();
                base.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                ours != base.as_slice() || self.is_done(ann, art) != base_done
            }
            FileKey::Links(ann) => {
                let base = base
                    .and_then(|s| storage::parse_ron::<Links>(path, s).ok())
                    .unwrap_or_default();
                self.links(ann).is_some_and(|ours| *ours != base)
            }
            FileKey::Manifest => base
                .and_then(|s| storage::parse_ron::<Manifest>(path, s).ok())
                .is_none_or(|b| b != self.manifest),
            FileKey::Schema => base
                .and_then(|s| storage::parse_ron::<Schema>(path, s).ok())
                .is_none_or(|b| b != self.schema),
        }
    }

    fn absorb_marks(
        &mut self,
        ann: &AnnotatorId,
        art: &ArticleId,
        path: &Path,
        base_src: &Option<String>,
        now: &Option<String>,
        unsaved: bool,
    ) -> Result<Vec<Conflict>, Problem> {
        let parse = |src: &Option<String>| -> Result<(Vec<Mark>, bool), Problem> {
            match src {
                None => Ok((Vec::new(), false)),
                Some(s) => storage::parse_ron::<MarkFile>(path, s).map(|f| (f.marks, f.done)),
            }
        };
        let (theirs, theirs_done) = parse(now)?;
        let entry = self.annotators.entry(ann.clone()).or_default();
        let ours = entry.marks.get(art).cloned().unwrap_or_default();
        let ours_done = entry.done.contains(art);
        // A flag changed on both sides changed the same way: never a clash.
        let mut done = theirs_done;
        let (merged, conflicts) = if unsaved {
            let (base, base_done) = parse(base_src).unwrap_or_default();
            done = merge::merge_value(base_done, ours_done, theirs_done).unwrap_or(ours_done);
            let m = merge::merge_marks(&base, &ours, &theirs);
            let key = FileKey::Marks(ann.clone(), art.clone());
            let conflicts = m
                .clashes
                .into_iter()
                .map(|c| Conflict {
                    key: key.clone(),
                    item: ConflictItem::Mark {
                        article: art.clone(),
                        id: c.key,
                        ours: c.ours,
                        theirs: c.theirs,
                    },
                })
                .collect();
            (m.records, conflicts)
        } else {
            let mut theirs = theirs;
            theirs.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            (theirs, Vec::new())
        };
        if merged.is_empty() && now.is_none() {
            entry.marks.remove(art);
        } else {
            entry.marks.insert(art.clone(), merged);
        }
        if done {
            entry.done.insert(art.clone());
        } else {
            entry.done.remove(art);
        }
        Ok(conflicts)
    }

    fn absorb_links(
        &mut self,
        ann: &AnnotatorId,
        path: &Path,
        base_src: &Option<String>,
        now: &Option<String>,
        unsaved: bool,
    ) -> Result<Vec<Conflict>, Problem> {
        let parse = |src: &Option<String>| -> Result<Links, Problem> {
            match src {
                None => Ok(Links::new()),
                Some(s) => storage::parse_ron::<Links>(path, s),
            }
        };
        let theirs = parse(now)?;
        let entry: &mut Annotations = self.annotators.entry(ann.clone()).or_default();
        if !unsaved {
            entry.links = theirs;
            return Ok(Vec::new());
        }
        let base = parse(base_src).unwrap_or_default();
        let (merged, clashes) = merge::merge_links(&base, &entry.links, &theirs);
        entry.links = merged;
        let key = FileKey::Links(ann.clone());
        Ok(clashes
            .into_iter()
            .map(|c| Conflict {
                key: key.clone(),
                item: ConflictItem::Link {
                    link: c.key,
                    ours: c.ours,
                    theirs: c.theirs,
                },
            })
            .collect())
    }

    fn absorb_manifest(
        &mut self,
        path: &Path,
        base_src: &Option<String>,
        now: &Option<String>,
        unsaved: bool,
    ) -> Result<Vec<Conflict>, Problem> {
        let Some(now) = now else {
            return Err(Problem::error(
                path,
                "was deleted on disk; Candor keeps the case open as it was and will not write it",
            ));
        };
        let theirs: Manifest = storage::parse_ron(path, now)?;
        let mut conflicts = Vec::new();
        if unsaved {
            let base = base_src
                .as_ref()
                .and_then(|s| storage::parse_ron::<Manifest>(path, s).ok())
                .unwrap_or_else(|| self.manifest.clone());
            let (merged, clashes) = merge::merge_manifest(&base, &self.manifest, &theirs);
            self.manifest = merged;
            for (name, ours, theirs) in clashes.fields {
                conflicts.push(Conflict {
                    key: FileKey::Manifest,
                    item: ConflictItem::Field { name, ours, theirs },
                });
            }
            for c in clashes.articles {
                conflicts.push(Conflict {
                    key: FileKey::Manifest,
                    item: ConflictItem::Article {
                        id: c.key,
                        ours: c.ours,
                        theirs: c.theirs,
                    },
                });
            }
        } else {
            self.manifest = theirs;
        }
        self.sync_articles();
        Ok(conflicts)
    }

    fn absorb_schema(
        &mut self,
        path: &Path,
        now: &Option<String>,
        unsaved: bool,
    ) -> Result<Vec<Conflict>, Problem> {
        let Some(now) = now else {
            return Err(Problem::error(
                path,
                "was deleted on disk; Candor keeps using the schema it read and will not write it",
            ));
        };
        let theirs: Schema = storage::parse_ron(path, now)?;
        if unsaved {
            // Categories are not records one merges: the user picks one schema.
            return Ok(vec![Conflict {
                key: FileKey::Schema,
                item: ConflictItem::Schema,
            }]);
        }
        self.schema = theirs;
        Ok(Vec::new())
    }

    /// Makes the articles follow the manifest: new entries get their text
    /// read, entries gone are dropped (their marks stay in memory and are
    /// reported by `check`), changed entries keep their text.
    fn sync_articles(&mut self) {
        let metas = self.manifest.articles.clone();
        let mut old = std::mem::take(&mut self.articles);
        for meta in metas {
            match old.iter().position(|a| a.meta.id == meta.id) {
                Some(i) if old[i].meta.file == meta.file => {
                    let mut article = old.remove(i);
                    article.meta = meta;
                    self.articles.push(article);
                }
                _ => {
                    let read = storage::resolve_inside(&self.root, &meta.file)
                        .map_err(|msg| Problem::error(self.root.join(MANIFEST_FILE), msg))
                        .and_then(|path| self.read_article(&meta.id, &path));
                    let text = match read {
                        Ok(raw) => Some(ArticleText::new(text::normalize(&raw))),
                        Err(p) => {
                            self.load_problems.push(p);
                            None
                        }
                    };
                    let id = meta.id.clone();
                    self.articles.push(Article { meta, text });
                    self.reindex_articles();
                    let report = self.reanchor_article(&id);
                    self.anchoring.replace_article(&id, report);
                }
            }
        }
        self.reindex_articles();
    }
}
