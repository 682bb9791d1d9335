//! A copy of a case's contents to read on another thread. The window
//! grades a class, computes the annotators' agreement and makes an
//! export's files on a worker while the user goes on editing the case
//! itself; the worker reads this copy, taken when it starts. It holds what
//! the case holds in memory (manifest, schema, texts, marks, links) and
//! nothing of the disk, and it can only be read (it gives `&Case`, never
//! `&mut Case`): a snapshot can never be saved over the case it came from.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use super::{AnchorReport, Case, DiskState};
use crate::model::{ArticleId, MarkId};

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

impl Case {
    /// A snapshot as blind reading shows the case, for an export that must
    /// not name the outlets: every article is "Article n" (id `article-n`,
    /// by its place in the case) with no outlet, date or URL, and every
    /// mark, hand-in and hand-back follows its article to the new id. The
    /// texts and marks are unchanged.
    pub fn blinded(&self) -> Snapshot {
        let mut case = self.snapshot().0;
        let mut renamed: HashMap<ArticleId, ArticleId> = HashMap::new();
        for (i, article) in case.articles.iter_mut().enumerate() {
            let id = ArticleId::new(crate::model::blind_name(i).to_lowercase().replace(' ', "-"));
            renamed.insert(article.meta.id.clone(), id.clone());
            let mut meta = article.meta.blinded(i);
            meta.file = format!("articles/{id}.txt");
            meta.id = id;
            article.meta = meta;
        }
        // An id not in the case (marks left by a removed article) gets no
        // name of its own: it is dropped, not shown.
        let gone = ArticleId::new("article-removed");
        let new = |id: &ArticleId| renamed.get(id).cloned().unwrap_or_else(|| gone.clone());
        case.manifest.articles = case.articles.iter().map(|a| a.meta.clone()).collect();
        if let Some(h) = &mut case.manifest.handout {
            h.feedback = h.feedback.iter().map(new).collect();
            h.articles = std::mem::take(&mut h.articles)
                .into_iter()
                .map(|(id, v)| (new(&id), v))
                .collect();
        }
        case.reindex_articles();
        for annotations in case.annotators.values_mut() {
            annotations.marks = std::mem::take(&mut annotations.marks)
                .into_iter()
                .filter(|(id, _)| renamed.contains_key(id))
                .map(|(id, marks)| (new(&id), marks))
                .collect();
            annotations.done = annotations.done.iter().map(new).collect();
        }
        Snapshot(case)
    }
}

impl Snapshot {
    /// This snapshot with only the articles `keep` names, in the case's
    /// order, for an export of some articles (`candor export --article`):
    /// the other articles go, with their marks and hand-ins, and each claim
    /// and actor keeps only its marks on the articles kept (one left with
    /// none is dropped, as it says nothing about them). An id not in the
    /// case keeps nothing.
    pub fn keeping(self, keep: &[ArticleId]) -> Snapshot {
        let mut case = self.0;
        case.articles.retain(|a| keep.contains(&a.meta.id));
        case.manifest.articles = case.articles.iter().map(|a| a.meta.clone()).collect();
        case.reindex_articles();
        for annotations in case.annotators.values_mut() {
            annotations.marks.retain(|id, _| keep.contains(id));
            annotations.done.retain(|id| keep.contains(id));
            let kept: HashSet<&MarkId> = annotations
                .marks
                .values()
                .flat_map(|ms| ms.iter().map(|m| &m.id))
                .collect();
            let links = &mut annotations.links;
            for c in &mut links.claims {
                c.marks.retain(|m| kept.contains(m));
            }
            for a in &mut links.actors {
                a.marks.retain(|m| kept.contains(m));
            }
            links.claims.retain(|c| !c.marks.is_empty());
            links.actors.retain(|a| !a.marks.is_empty());
        }
        Snapshot(case)
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

    #[test]
    fn a_blinded_snapshot_renames_each_article_and_its_marks_follow() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let mut meta = ArticleMeta::new(ArticleId::new("gulfwatch"), "Gulfwatch says");
        meta.outlet = "Gulfwatch Herald".into();
        case.add_article(meta, "A second text.").expect("article");
        mark(&mut case, "amara", CharRange::new(0, 9));
        let blind = case.blinded();
        let metas: Vec<_> = blind.articles().iter().map(|a| a.meta.clone()).collect();
        assert_eq!(metas[0].id, ArticleId::new("article-1"));
        assert_eq!(metas[1].id, ArticleId::new("article-2"));
        assert_eq!(metas[1].title, "Article 2");
        assert!(metas[1].outlet.is_empty() && metas[1].url.is_empty());
        assert_eq!(metas[1].file, "articles/article-2.txt");
        let amara = AnnotatorId::new("amara");
        assert_eq!(
            blind.marks(&amara, &ArticleId::new("article-1")),
            case.marks(&amara, &ArticleId::new("first"))
        );
        assert!(blind.article(&ArticleId::new("gulfwatch")).is_none());
        assert_eq!(
            blind
                .article(&ArticleId::new("article-2"))
                .map(|a| a.meta.title.as_str()),
            Some("Article 2")
        );
        assert_eq!(
            case.articles()[1].meta.title,
            "Gulfwatch says",
            "the case is untouched"
        );
    }

    #[test]
    fn keeping_some_articles_drops_the_others_marks_and_links_to_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let meta = ArticleMeta::new(ArticleId::new("second"), "Second");
        case.add_article(meta, "A second text.").expect("article");
        mark(&mut case, "amara", CharRange::new(0, 9));
        let (amara, second) = (AnnotatorId::new("amara"), ArticleId::new("second"));
        let on_second = case
            .new_mark(
                &amara,
                &second,
                CharRange::new(0, 1),
                &CategoryId::new("loaded"),
            )
            .expect("mark");
        let first_mark = case.marks(&amara, &ArticleId::new("first"))[0].id.clone();
        let second_mark = on_second.id.clone();
        case.marks_mut(&amara, &second)
            .expect("writable")
            .push(on_second);
        let links = case.links_mut(&amara).expect("writable");
        links.claims.push(crate::model::Claim {
            id: crate::model::LinkId::new("both"),
            label: "on both".into(),
            marks: vec![first_mark.clone(), second_mark.clone()],
            note: String::new(),
        });
        links.claims.push(crate::model::Claim {
            id: crate::model::LinkId::new("first-only"),
            label: "on the first".into(),
            marks: vec![first_mark],
            note: String::new(),
        });
        let kept = case.snapshot().keeping(std::slice::from_ref(&second));
        assert_eq!(kept.articles().len(), 1);
        assert_eq!(kept.articles()[0].meta.id, second);
        assert_eq!(kept.manifest().articles.len(), 1);
        assert!(kept.article(&ArticleId::new("first")).is_none());
        assert!(kept.marks(&amara, &ArticleId::new("first")).is_empty());
        assert_eq!(kept.marks(&amara, &second).len(), 1);
        let claims = &kept.links(&amara).expect("links").claims;
        assert_eq!(claims.len(), 1, "the claim only on the first article goes");
        assert_eq!(claims[0].marks, [second_mark]);
        assert_eq!(case.articles().len(), 2, "the case is untouched");
    }
}
