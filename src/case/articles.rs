//! Changing a case's articles after import: their entry in `case.ron`
//! (title, outlet, date, URL, genre), their order, and removing one, with
//! its text and, when asked, every annotator's marks on it.

use std::path::PathBuf;

use super::{Case, FileKey};
use crate::model::{AnnotatorId, ArticleId, ArticleMeta};
use crate::problem::CaseError;
use crate::storage;

/// What removing an article took away.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    /// Marks removed with it, per annotator.
    pub marks: Vec<(AnnotatorId, usize)>,
    /// Files deleted, relative to the case folder.
    pub files: Vec<PathBuf>,
}

impl Removed {
    pub fn mark_count(&self) -> usize {
        self.marks.iter().map(|(_, n)| n).sum()
    }
}

impl Case {
    /// How many marks each annotator has on an article (those with any).
    pub fn marks_on(&self, article: &ArticleId) -> Vec<(AnnotatorId, usize)> {
        self.annotators
            .iter()
            .map(|(a, ann)| (a.clone(), ann.marks.get(article).map_or(0, Vec::len)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Replaces an article's entry in `case.ron` with `meta`, keeping its
    /// id and text file, and returns the entry it had (saved on the next
    /// `save`; `Edit::SetArticleMeta` is the undoable way).
    pub fn set_article_meta(&mut self, meta: ArticleMeta) -> Result<ArticleMeta, CaseError> {
        let at = self.article_index(&meta.id)?;
        self.check_writable(&FileKey::Manifest)?;
        let meta = ArticleMeta {
            file: self.manifest.articles[at].file.clone(),
            ..meta
        };
        self.disk.dirty.insert(FileKey::Manifest);
        self.articles[at].meta = meta.clone();
        Ok(std::mem::replace(&mut self.manifest.articles[at], meta))
    }

    /// Moves an article to place `to` (0 is first) in the case's order, and
    /// returns the place it had.
    pub fn move_article(&mut self, id: &ArticleId, to: usize) -> Result<usize, CaseError> {
        let from = self.article_index(id)?;
        self.check_writable(&FileKey::Manifest)?;
        let to = to.min(self.articles.len() - 1);
        if from != to {
            let article = self.articles.remove(from);
            self.articles.insert(to, article);
            self.reindex_articles();
            let meta = self.manifest.articles.remove(from);
            self.manifest.articles.insert(to, meta);
            self.disk.dirty.insert(FileKey::Manifest);
        }
        Ok(from)
    }

    /// Removes an article from the case, now: its entry in `case.ron`, its
    /// text file and, with `with_marks`, every annotator's marks on it and
    /// their files. Refused while anyone has marks on it unless
    /// `with_marks`, so no annotator's work goes unseen. This cannot be
    /// undone (only what is saved elsewhere, such as git, brings it back).
    pub fn remove_article(
        &mut self,
        id: &ArticleId,
        with_marks: bool,
    ) -> Result<Removed, CaseError> {
        let at = self.article_index(id)?;
        self.check_writable(&FileKey::Manifest)?;
        let marks = self.marks_on(id);
        if !marks.is_empty() && !with_marks {
            return Err(CaseError::HasMarks {
                article: id.clone(),
                marks: marks.iter().map(|(_, n)| n).sum(),
                annotators: marks.len(),
            });
        }
        for (annotator, _) in &marks {
            self.check_writable(&FileKey::Marks(annotator.clone(), id.clone()))?;
        }
        let mut removed = Removed {
            marks,
            files: Vec::new(),
        };
        // The marks files first: an article in case.ron whose marks are gone
        // is a case, one whose marks outlive it would be reported.
        let mut keys: Vec<FileKey> = self
            .annotators
            .keys()
            .map(|a| FileKey::Marks(a.clone(), id.clone()))
            .collect();
        keys.retain(|k| self.disk.on_disk.contains_key(&self.path_of(k)));
        let text_rel = PathBuf::from(&self.manifest.articles[at].file);
        let rels: Vec<PathBuf> = keys
            .iter()
            .map(|k| self.path_of(k))
            .chain([text_rel])
            .collect();
        for rel in rels {
            storage::remove_inside(&self.root, &rel)
                .map_err(|e| e.into_case_error(self.root.join(&rel)))?;
            self.disk.on_disk.remove(&rel);
            self.disk.file_stamps.remove(&rel);
            removed.files.push(rel);
        }
        for ann in self.annotators.values_mut() {
            ann.marks.remove(id);
        }
        for key in keys {
            self.disk.dirty.remove(&key);
        }
        self.disk.article_stamps.remove(id);
        self.articles.remove(at);
        self.reindex_articles();
        self.manifest.articles.remove(at);
        self.disk.dirty.insert(FileKey::Manifest);
        if let Err(mut problems) = self.save() {
            return Err(CaseError::Invalid(problems.remove(0)));
        }
        Ok(removed)
    }

    fn article_index(&self, id: &ArticleId) -> Result<usize, CaseError> {
        self.article_at
            .get(id)
            .copied()
            .ok_or_else(|| CaseError::NoSuchArticle {
                article: id.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CategoryId, Genre};
    use crate::text::CharRange;

    fn case(dir: &std::path::Path) -> Case {
        let mut case = Case::create(&dir.join("c"), "Test").expect("create");
        for id in ["wire", "ledger", "voice"] {
            case.add_article(
                ArticleMeta::new(ArticleId::new(id), id),
                "Police cleared the camp.",
            )
            .expect("add");
        }
        case.save().expect("save");
        case
    }

    #[test]
    fn an_articles_details_change_but_its_id_and_file_stay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let old = case
            .article(&ArticleId::new("ledger"))
            .expect("ledger")
            .meta
            .clone();
        let changed = ArticleMeta {
            title: "Police clear the camp".into(),
            outlet: "The Harwick Ledger".into(),
            genre: Genre::Opinion,
            file: "somewhere/else.txt".into(),
            ..old.clone()
        };
        let before = case.set_article_meta(changed).expect("set");
        assert_eq!(before, old);
        let now = &case
            .article(&ArticleId::new("ledger"))
            .expect("ledger")
            .meta;
        assert_eq!(now.outlet, "The Harwick Ledger");
        assert_eq!(now.file, old.file, "the text file is not moved");
        case.save().expect("save");
        let back = Case::open(case.root()).expect("reopen");
        assert_eq!(back.manifest().articles[1].title, "Police clear the camp");
    }

    #[test]
    fn articles_are_reordered() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        assert_eq!(
            case.move_article(&ArticleId::new("voice"), 0)
                .expect("move"),
            2
        );
        let order: Vec<&str> = case.articles().iter().map(|a| a.meta.id.as_str()).collect();
        assert_eq!(order, ["voice", "wire", "ledger"]);
        let order: Vec<&str> = case
            .manifest()
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(order, ["voice", "wire", "ledger"]);
    }

    #[test]
    fn an_article_with_marks_is_removed_only_with_them_and_says_how_many() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let wire = ArticleId::new("wire");
        let amara = AnnotatorId::new("amara");
        let mark = case
            .new_mark(
                &amara,
                &wire,
                CharRange::new(0, 6),
                &CategoryId::new("loaded"),
            )
            .expect("mark");
        case.marks_mut(&amara, &wire).expect("writable").push(mark);
        case.save().expect("save");
        let err = case.remove_article(&wire, false).expect_err("has marks");
        assert!(matches!(err, CaseError::HasMarks { marks: 1, .. }), "{err}");
        assert!(err.to_string().contains("1 mark"), "{err}");
        let removed = case.remove_article(&wire, true).expect("removed");
        assert_eq!(removed.mark_count(), 1);
        assert_eq!(
            removed.files,
            [
                PathBuf::from("marks/amara/wire.ron"),
                PathBuf::from("articles/wire.txt")
            ]
        );
        let back = Case::open(case.root()).expect("reopen");
        assert!(
            back.load_problems().is_empty(),
            "{:?}",
            back.load_problems()
        );
        assert_eq!(back.articles().len(), 2);
        assert!(!case.root().join("articles/wire.txt").exists());
    }
}
