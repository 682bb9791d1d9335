//! Files of a case that change under an open window (an editor, `git pull`):
//! noticing cheaply that they changed, and reading them again.

use std::path::Path;

use super::{AnchorReport, Case};
use crate::model::ArticleId;
use crate::problem::{CaseError, Problem};
use crate::storage::{self, MAX_TEXT_BYTES};
use crate::text::{self, ArticleText};

/// What is cheap to ask of a file to know whether it changed: its length and
/// modification time. `None` when the file could not be asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileStamp(Option<(u64, std::time::SystemTime)>);

impl FileStamp {
    pub(super) fn of(path: &Path) -> FileStamp {
        FileStamp(storage::stamp(path))
    }
}

impl Case {
    /// Reads an article's text, remembering its stamp for `changed_articles`.
    pub(super) fn read_article(&mut self, id: &ArticleId, path: &Path) -> Result<String, Problem> {
        // Stamp first: an edit landing between stamp and read is seen next poll.
        self.disk
            .article_stamps
            .insert(id.clone(), (path.to_path_buf(), FileStamp::of(path)));
        storage::read_text(path, MAX_TEXT_BYTES)
    }

    /// Articles whose text file changed on disk (length or modification time)
    /// since it was last read: cheap enough to ask about once a second.
    pub fn changed_articles(&self) -> Vec<ArticleId> {
        self.articles
            .iter()
            .filter(|a| {
                self.disk
                    .article_stamps
                    .get(&a.meta.id)
                    .is_some_and(|(path, stamp)| *stamp != FileStamp::of(path))
            })
            .map(|a| a.meta.id.clone())
            .collect()
    }

    /// Reads an article's text again from disk and re-anchors every
    /// annotator's marks on it. Returns what re-anchoring did to that article
    /// (also kept in `anchoring`). On error the old text stays.
    pub fn reload_article(&mut self, id: &ArticleId) -> Result<AnchorReport, CaseError> {
        let file = self
            .article(id)
            .map(|a| a.meta.file.clone())
            .ok_or_else(|| CaseError::NoSuchArticle {
                article: id.clone(),
            })?;
        let path = storage::resolve_inside(&self.root, &file).map_err(CaseError::OutsideCase)?;
        let raw = self.read_article(id, &path).map_err(CaseError::Invalid)?;
        let clean = text::normalize(&raw);
        if let Some(article) = self.articles.iter_mut().find(|a| &a.meta.id == id) {
            article.text = Some(ArticleText::new(clean));
        }
        let report = self.reanchor_article(id);
        self.anchoring.replace_article(id, report.clone());
        Ok(report)
    }
}
