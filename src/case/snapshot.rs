//! A copy of a case's contents to read on another thread. The window
//! grades a class, computes the annotators' agreement and makes an
//! export's files on a worker while the user goes on editing the case
//! itself; the worker reads this copy, taken when it starts. It holds what
//! the case holds in memory (manifest, schema, texts, marks, links) and
//! nothing of the disk, and it can only be read (it gives `&Case`, never
//! `&mut Case`): a snapshot can never be saved over the case it came from.

use std::ops::Deref;

use super::{AnchorReport, Case, DiskState};

/// A read-only copy of a case's contents (`Case::snapshot`).
#[derive(Debug)]
pub struct Snapshot(Case);

impl Case {
    /// A copy of what this case holds in memory, unsaved edits included,
    /// for reading elsewhere; later edits of this case do not reach it.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(Case {
            root: self.root.clone(),
            manifest: self.manifest.clone(),
            schema: self.schema.clone(),
            articles: self.articles.clone(),
            article_at: self.article_at.clone(),
            annotators: self.annotators.clone(),
            load_problems: Vec::new(),
            anchoring: AnchorReport::default(),
            disk: DiskState::default(),
        })
    }
}

impl Deref for Snapshot {
    type Target = Case;

    fn deref(&self) -> &Case {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotatorId, ArticleId, ArticleMeta, CategoryId};
    use crate::text::CharRange;

    fn sent_and_shared<T: Send + Sync>(_: &T) {}

    fn case(dir: &std::path::Path) -> Case {
        let mut case = Case::create(&dir.join("case"), "Snapshots").expect("create");
        let meta = ArticleMeta::new(ArticleId::new("first"), "First");
        case.add_article(meta, "Officials said the clearance was lawful.")
            .expect("article");
        case
    }

    fn mark(case: &mut Case, who: &str, range: CharRange) {
        let (who, article) = (AnnotatorId::new(who), ArticleId::new("first"));
        let m = case
            .new_mark(&who, &article, range, &CategoryId::new("loaded"))
            .expect("mark");
        case.marks_mut(&who, &article).expect("writable").push(m);
    }

    #[test]
    fn a_snapshot_reads_as_the_case_did_and_keeps_out_later_edits() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        mark(&mut case, "amara", CharRange::new(0, 9));
        let snap = case.snapshot();
        sent_and_shared(&snap);
        mark(&mut case, "amara", CharRange::new(10, 14));
        mark(&mut case, "ben", CharRange::new(0, 9));
        let (amara, first) = (AnnotatorId::new("amara"), ArticleId::new("first"));
        assert_eq!(snap.marks(&amara, &first), &case.marks(&amara, &first)[..1]);
        assert_eq!(snap.annotators().len(), 1, "ben came after");
        assert_eq!(snap.articles().len(), 1);
        assert_eq!(
            snap.article_text(&first).map(|t| &t.text),
            case.article_text(&first).map(|t| &t.text)
        );
        assert_eq!(snap.schema(), case.schema());
        assert_eq!(snap.root(), case.root());
    }
}
