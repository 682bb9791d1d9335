//! Where each file of a case lives, and what Candor knows about it: the
//! content last read or written (for pointing problems at a line, and for
//! saving only what changed) and whether it is locked, and why.

use std::path::{Path, PathBuf};

use super::Case;
use crate::model::{AnnotatorId, ArticleId, LINKS_FILE, MANIFEST_FILE, MARKS_DIR, is_valid_id};

/// A file of the case, as the save logic tracks it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    Manifest,
    Schema,
    Marks(AnnotatorId, ArticleId),
    Links(AnnotatorId),
}

impl Case {
    /// A path relative to the case folder.
    pub fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    /// Where a file of the case lives, relative to the case folder.
    pub fn path_of(&self, key: &FileKey) -> PathBuf {
        match key {
            FileKey::Manifest => PathBuf::from(MANIFEST_FILE),
            FileKey::Schema => PathBuf::from(&self.manifest.schema),
            FileKey::Marks(ann, art) => Path::new(MARKS_DIR)
                .join(ann.as_str())
                .join(format!("{art}.ron")),
            FileKey::Links(ann) => Path::new(MARKS_DIR).join(ann.as_str()).join(LINKS_FILE),
        }
    }

    /// The text a file had when last read or written, for pointing problems
    /// at a line.
    pub fn source_of(&self, key: &FileKey) -> Option<&str> {
        self.disk
            .on_disk
            .get(&self.path_of(key))
            .map(String::as_str)
    }

    /// Why a file must not be written, if it must not: it failed to load,
    /// it (or a folder it is in) is a symbolic link, or its article's id
    /// cannot be a file name.
    pub fn lock(&self, key: &FileKey) -> Option<Lock> {
        if let FileKey::Marks(_, article) = key
            && !is_valid_id(article.as_str())
        {
            return Some(Lock::InvalidArticleId);
        }
        let rel = self.path_of(key);
        if self.disk.locked.contains(&rel) {
            Some(Lock::Unreadable)
        } else if rel.ancestors().any(|p| self.disk.linked.contains(p)) {
            Some(Lock::Link)
        } else {
            None
        }
    }

    /// Whether a file must not be written (see `lock`).
    pub fn is_locked(&self, key: &FileKey) -> bool {
        self.lock(key).is_some()
    }
}

/// Why Candor will not write a file of the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// It could not be read when the case was opened: writing it would
    /// replace what a person wrote by hand with what Candor understood.
    Unreadable,
    /// It, or a folder it is in, is a symbolic link: a write never goes
    /// through one (it could land outside the case).
    Link,
    /// Its article's id in `case.ron` cannot be a file name (`../x`, `a/b`,
    /// an absolute path): its marks file would not be where it is read from.
    InvalidArticleId,
}
