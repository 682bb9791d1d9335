//! Where each file of a case lives, and what Candor knows about it: the
//! content last read or written (for pointing problems at a line, and for
//! saving only what changed) and whether it is locked.

use std::path::{Path, PathBuf};

use super::Case;
use crate::model::{AnnotatorId, ArticleId, LINKS_FILE, MANIFEST_FILE, MARKS_DIR};

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

    /// Whether a file failed to load and so must not be written.
    pub fn is_locked(&self, key: &FileKey) -> bool {
        self.disk.locked.contains(&self.path_of(key))
    }
}
