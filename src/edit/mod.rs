//! Every change an annotator makes, as a value that can be applied to a case
//! and that yields its own inverse when applied.
//!
//! Undo and redo are then just stacks of inverses: nothing has to remember how
//! to reverse a change after the fact, and the window cannot change marks in a
//! way undo does not know about, because it only ever changes them through
//! `History::apply`. One user action (deleting a mark that is also in a claim)
//! is one `Edit::Group`, so it is undone in one step.
//!
//! - `history`: the undo and redo stacks.
//! - `build`: the edits a user action makes (mark a range, delete a mark,
//!   link it to a claim...), built here once for the window, the command
//!   line and the tests alike.
//! - `covered`: what marks already cover, for batches that skip ranges
//!   already marked.

mod build;
mod covered;
mod history;

pub use build::{
    Batch, NewMark, accept_review, already_marked, delete_mark, link_mark, mark_range, mark_ranges,
    new_link, replace_mark, unlink_mark,
};
pub use history::{History, Undone};

use std::collections::HashSet;

use crate::case::{Case, FileKey};
use crate::model::{AnnotatorId, ArticleId, ArticleMeta, Links, Mark, MarkId};
use crate::problem::CaseError;

/// One change to a case's annotations.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an annotator with no marks; a no-op if they exist.
    AddAnnotator(AnnotatorId),
    /// Removes an annotator who has no marks and no links (the inverse of
    /// `AddAnnotator`); refused otherwise, so no work can be lost this way.
    RemoveAnnotator(AnnotatorId),
    AddMark {
        annotator: AnnotatorId,
        article: ArticleId,
        mark: Mark,
    },
    RemoveMark {
        annotator: AnnotatorId,
        article: ArticleId,
        id: MarkId,
    },
    /// Adds many marks to one file at once (a batch: Find's "mark all",
    /// `candor suggest`): one check of their ids and one sort, where one
    /// `AddMark` each would search the file once per mark.
    AddMarks {
        annotator: AnnotatorId,
        article: ArticleId,
        marks: Vec<Mark>,
    },
    /// Removes many marks of one file at once (the inverse of `AddMarks`).
    RemoveMarks {
        annotator: AnnotatorId,
        article: ArticleId,
        ids: Vec<MarkId>,
    },
    /// Replaces the mark with the same id (category, attributes, note, range).
    ReplaceMark {
        annotator: AnnotatorId,
        article: ArticleId,
        mark: Mark,
    },
    /// Marks an article done (handed in) for an annotator, or not done.
    SetDone {
        annotator: AnnotatorId,
        article: ArticleId,
        done: bool,
    },
    /// Replaces an annotator's claims and actors.
    SetLinks {
        annotator: AnnotatorId,
        links: Links,
    },
    /// Replaces an article's details in `case.ron` (title, outlet, date,
    /// URL, genre); its id and text file stay.
    SetArticleMeta(ArticleMeta),
    /// Moves an article to a place (0 is first) in the case's order.
    MoveArticle { article: ArticleId, to: usize },
    /// Turns blind reading on or off for the case (`blind` in `case.ron`).
    SetBlind(bool),
    /// Several edits applied in order, undone in reverse order, as one step.
    Group(Vec<Edit>),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the case
    /// is as it was before (a group rolls back the part it had applied).
    pub fn apply(self, case: &mut Case) -> Result<Edit, CaseError> {
        match self {
            Edit::AddAnnotator(id) => {
                if case.annotations(&id).is_some() {
                    return Ok(Edit::Group(Vec::new()));
                }
                case.add_annotator(&id)?;
                Ok(Edit::RemoveAnnotator(id))
            }
            Edit::RemoveAnnotator(id) => {
                if case.remove_empty_annotator(&id)? {
                    Ok(Edit::AddAnnotator(id))
                } else {
                    Ok(Edit::Group(Vec::new()))
                }
            }
            Edit::AddMark {
                annotator,
                article,
                mark,
            } => {
                let marks = case.marks_mut(&annotator, &article)?;
                if marks.iter().any(|m| m.id == mark.id) {
                    return Err(CaseError::MarkExists {
                        annotator,
                        article,
                        mark: mark.id,
                    });
                }
                let id = mark.id.clone();
                insert_sorted(marks, mark);
                Ok(Edit::RemoveMark {
                    annotator,
                    article,
                    id,
                })
            }
            Edit::RemoveMark {
                annotator,
                article,
                id,
            } => {
                let marks = case.marks_mut(&annotator, &article)?;
                let at = marks
                    .iter()
                    .position(|m| m.id == id)
                    .ok_or_else(|| missing(&annotator, &article, &id))?;
                let mark = marks.remove(at);
                Ok(Edit::AddMark {
                    annotator,
                    article,
                    mark,
                })
            }
            Edit::AddMarks {
                annotator,
                article,
                marks: new,
            } => {
                let marks = case.marks_mut(&annotator, &article)?;
                let mut taken: HashSet<&MarkId> = marks.iter().map(|m| &m.id).collect();
                if let Some(twice) = new.iter().find(|m| !taken.insert(&m.id)) {
                    return Err(CaseError::MarkExists {
                        mark: twice.id.clone(),
                        annotator,
                        article,
                    });
                }
                let ids = new.iter().map(|m| m.id.clone()).collect();
                marks.extend(new);
                // Stable, and nearly linear on what is two sorted runs.
                marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                Ok(Edit::RemoveMarks {
                    annotator,
                    article,
                    ids,
                })
            }
            Edit::RemoveMarks {
                annotator,
                article,
                ids,
            } => {
                let marks = case.marks_mut(&annotator, &article)?;
                let have: HashSet<&MarkId> = marks.iter().map(|m| &m.id).collect();
                if let Some(id) = ids.iter().find(|id| !have.contains(id)) {
                    return Err(missing(&annotator, &article, id));
                }
                let gone: HashSet<&MarkId> = ids.iter().collect();
                let (removed, kept) = std::mem::take(marks)
                    .into_iter()
                    .partition(|m| gone.contains(&m.id));
                *marks = kept;
                Ok(Edit::AddMarks {
                    annotator,
                    article,
                    marks: removed,
                })
            }
            Edit::ReplaceMark {
                annotator,
                article,
                mark,
            } => {
                let marks = case.marks_mut(&annotator, &article)?;
                let at = marks
                    .iter()
                    .position(|m| m.id == mark.id)
                    .ok_or_else(|| missing(&annotator, &article, &mark.id))?;
                let old = marks.remove(at);
                insert_sorted(marks, mark);
                Ok(Edit::ReplaceMark {
                    annotator,
                    article,
                    mark: old,
                })
            }
            Edit::SetDone {
                annotator,
                article,
                done,
            } => {
                let was = case.set_done(&annotator, &article, done)?;
                Ok(Edit::SetDone {
                    annotator,
                    article,
                    done: was,
                })
            }
            Edit::SetLinks { annotator, links } => {
                let current = case.links_mut(&annotator)?;
                let old = std::mem::replace(current, links);
                Ok(Edit::SetLinks {
                    annotator,
                    links: old,
                })
            }
            Edit::SetArticleMeta(meta) => Ok(Edit::SetArticleMeta(case.set_article_meta(meta)?)),
            Edit::SetBlind(on) => {
                let manifest = case.manifest_mut()?;
                let was = std::mem::replace(&mut manifest.blind, on);
                Ok(Edit::SetBlind(was))
            }
            Edit::MoveArticle { article, to } => {
                let from = case.move_article(&article, to)?;
                Ok(Edit::MoveArticle { article, to: from })
            }
            Edit::Group(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(case) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what was applied so a failed action
                            // leaves no half-change behind.
                            for inv in inverses.into_iter().rev() {
                                if let Err(rollback) = inv.apply(case) {
                                    // Cannot happen while inverses are exact;
                                    // if it does, say so rather than hide it.
                                    return Err(CaseError::PartlyApplied {
                                        error: Box::new(e),
                                        rollback: Box::new(rollback),
                                    });
                                }
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Group(inverses))
            }
        }
    }

    /// The files the edit changes when applied.
    pub fn files(&self) -> Vec<FileKey> {
        match self {
            Edit::AddAnnotator(_) | Edit::RemoveAnnotator(_) => Vec::new(),
            Edit::AddMark {
                annotator, article, ..
            }
            | Edit::AddMarks {
                annotator, article, ..
            }
            | Edit::RemoveMarks {
                annotator, article, ..
            }
            | Edit::RemoveMark {
                annotator, article, ..
            }
            | Edit::ReplaceMark {
                annotator, article, ..
            }
            | Edit::SetDone {
                annotator, article, ..
            } => vec![FileKey::Marks(annotator.clone(), article.clone())],
            Edit::SetLinks { annotator, .. } => vec![FileKey::Links(annotator.clone())],
            Edit::SetArticleMeta(_) | Edit::MoveArticle { .. } | Edit::SetBlind(_) => {
                vec![FileKey::Manifest]
            }
            Edit::Group(edits) => edits.iter().flat_map(Edit::files).collect(),
        }
    }

    /// Whether applying the edit would change nothing.
    pub fn is_empty(&self) -> bool {
        match self {
            Edit::Group(edits) => edits.iter().all(Edit::is_empty),
            Edit::AddMarks { marks, .. } => marks.is_empty(),
            Edit::RemoveMarks { ids, .. } => ids.is_empty(),
            _ => false,
        }
    }
}

fn missing(annotator: &AnnotatorId, article: &ArticleId, id: &MarkId) -> CaseError {
    CaseError::NoSuchMark {
        annotator: annotator.clone(),
        article: article.clone(),
        mark: id.clone(),
    }
}

/// Keeps marks in the order they are written (`Mark::sort_key`), so the
/// window and the files agree and a binary search finds a position.
fn insert_sorted(marks: &mut Vec<Mark>, mark: Mark) {
    let at = marks.partition_point(|m| m.sort_key() < mark.sort_key());
    marks.insert(at, mark);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, AttrValue, CategoryId, Claim, Genre, LinkId};
    use crate::text::CharRange;

    const TEXT: &str = "Police cleared the so-called camp at dawn, officials said.";

    fn case_with_article(dir: &std::path::Path) -> Case {
        let mut case = Case::create(&dir.join("case"), "Test").expect("create case");
        case.add_article(
            ArticleMeta {
                id: ArticleId::new("wire"),
                title: "Wire".into(),
                outlet: String::new(),
                byline: String::new(),
                date: String::new(),
                url: String::new(),
                genre: Genre::News,
                file: String::new(),
            },
            TEXT,
        )
        .expect("add article");
        case
    }

    fn ids() -> (AnnotatorId, ArticleId) {
        (AnnotatorId::new("amara"), ArticleId::new("wire"))
    }

    fn add(case: &Case, start: usize, end: usize, cat: &str) -> Edit {
        let (ann, art) = ids();
        let mark = case
            .new_mark(
                &ann,
                &art,
                CharRange::new(start, end),
                &CategoryId::new(cat),
            )
            .expect("mark");
        Edit::AddMark {
            annotator: ann,
            article: art,
            mark,
        }
    }

    fn add_to(
        history: &mut History,
        case: &mut Case,
        start: usize,
        end: usize,
        cat: &str,
    ) -> Result<(), CaseError> {
        let edit = add(case, start, end, cat);
        history.apply(case, edit, "add mark")
    }

    #[test]
    fn marking_then_undo_and_redo() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let mut history = History::new();
        add_to(&mut history, &mut case, 19, 28, "loaded").expect("apply");
        assert_eq!(case.marks(&ann, &art)[0].quote, "so-called");
        assert_eq!(
            history
                .undo(&mut case)
                .expect("undo")
                .map(|u| u.label)
                .as_deref(),
            Some("add mark")
        );
        assert!(case.marks(&ann, &art).is_empty());
        history.redo(&mut case).expect("redo");
        assert_eq!(case.marks(&ann, &art)[0].quote, "so-called");
        assert!(!history.can_redo());
    }

    #[test]
    fn replacing_a_mark_is_undone_to_the_old_attributes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let mut history = History::new();
        add_to(&mut history, &mut case, 19, 28, "loaded").expect("apply");
        let mut changed = case.marks(&ann, &art)[0].clone();
        changed
            .attributes
            .insert("polarity".into(), AttrValue::Text("negative".into()));
        history
            .apply(
                &mut case,
                Edit::ReplaceMark {
                    annotator: ann.clone(),
                    article: art.clone(),
                    mark: changed,
                },
                "set polarity",
            )
            .expect("replace");
        assert_eq!(case.marks(&ann, &art)[0].attributes.len(), 1);
        history.undo(&mut case).expect("undo");
        assert!(case.marks(&ann, &art)[0].attributes.is_empty());
    }

    #[test]
    fn typing_a_note_is_one_undo_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let mut history = History::new();
        add_to(&mut history, &mut case, 19, 28, "loaded").expect("apply");
        for note in ["s", "sc", "sca", "scare quotes"] {
            let mut m = case.marks(&ann, &art)[0].clone();
            m.note = note.into();
            let edit = Edit::ReplaceMark {
                annotator: ann.clone(),
                article: art.clone(),
                mark: m,
            };
            history
                .apply_merging(&mut case, edit, "edit note", Some("note m1".into()))
                .expect("note");
        }
        assert_eq!(case.marks(&ann, &art)[0].note, "scare quotes");
        history.undo(&mut case).expect("undo");
        assert_eq!(case.marks(&ann, &art)[0].note, "");
        assert_eq!(case.marks(&ann, &art).len(), 1);
    }

    #[test]
    fn deleting_a_linked_mark_unlinks_it_and_undo_relinks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let mut history = History::new();
        add_to(&mut history, &mut case, 0, 6, "attribution").expect("apply");
        let id = case.marks(&ann, &art)[0].id.clone();
        let mut links = Links::new();
        links.claims.push(Claim {
            id: LinkId::new("c1"),
            label: "camp cleared".into(),
            marks: vec![id.clone()],
            note: String::new(),
        });
        history
            .apply(
                &mut case,
                Edit::SetLinks {
                    annotator: ann.clone(),
                    links,
                },
                "link",
            )
            .expect("link");
        let del = delete_mark(&case, &ann, &art, &id);
        history.apply(&mut case, del, "delete").expect("delete");
        assert!(case.marks(&ann, &art).is_empty());
        assert!(case.annotators()[&ann].links.claims[0].marks.is_empty());
        history.undo(&mut case).expect("undo");
        assert_eq!(case.marks(&ann, &art).len(), 1);
        assert_eq!(case.annotators()[&ann].links.claims[0].marks, vec![id]);
    }

    #[test]
    fn a_failing_group_leaves_the_case_unchanged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let good = add(&case, 0, 6, "loaded");
        let bad = Edit::RemoveMark {
            annotator: ann.clone(),
            article: art.clone(),
            id: MarkId::new("nope"),
        };
        let mut history = History::new();
        assert!(
            history
                .apply(&mut case, Edit::Group(vec![good, bad]), "both")
                .is_err()
        );
        assert!(case.marks(&ann, &art).is_empty());
        assert!(!history.can_undo());
    }

    #[test]
    fn many_marks_added_at_once_are_undone_at_once_and_a_repeated_id_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let (ann, art) = ids();
        let mut history = History::new();
        add_to(&mut history, &mut case, 19, 28, "loaded").expect("one mark");
        let before = case.marks(&ann, &art).to_vec();
        let mut ids = crate::case::MarkIds::for_annotator(&case, &ann);
        let cat = CategoryId::new("attribution");
        let marks: Vec<Mark> = [(49, 53), (0, 6), (7, 14)]
            .into_iter()
            .map(|(s, e)| {
                case.mark_with_id(ids.next_id(), &art, CharRange::new(s, e), &cat)
                    .expect("mark")
            })
            .collect();
        let edit = Edit::AddMarks {
            annotator: ann.clone(),
            article: art.clone(),
            marks: marks.clone(),
        };
        history.apply(&mut case, edit, "mark all").expect("added");
        let starts: Vec<usize> = case.marks(&ann, &art).iter().map(|m| m.start.0).collect();
        assert_eq!(starts, [0, 7, 19, 49], "kept in file order");
        history.undo(&mut case).expect("undo");
        assert_eq!(case.marks(&ann, &art), before.as_slice());

        let mut again = marks.clone();
        again.push(marks[0].clone());
        let twice = Edit::AddMarks {
            annotator: ann.clone(),
            article: art.clone(),
            marks: again,
        };
        assert!(matches!(
            twice.apply(&mut case),
            Err(CaseError::MarkExists { .. })
        ));
        assert_eq!(case.marks(&ann, &art), before.as_slice());
    }

    #[test]
    fn adding_an_annotator_is_undoable_but_never_drops_work() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with_article(dir.path());
        let ben = AnnotatorId::new("ben");
        let mut history = History::new();
        history
            .apply(&mut case, Edit::AddAnnotator(ben.clone()), "add ben")
            .expect("add");
        assert!(case.annotators().contains_key(&ben));
        history.undo(&mut case).expect("undo");
        assert!(!case.annotators().contains_key(&ben));
        let (ann, _) = ids();
        add_to(&mut history, &mut case, 0, 6, "loaded").expect("mark");
        assert!(Edit::RemoveAnnotator(ann.clone()).apply(&mut case).is_err());
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        #[derive(Clone, Debug)]
        enum Op {
            Add(usize, usize, u8),
            Remove(usize),
            Note(usize, String),
            Move(usize, usize, usize),
            Undo,
            Redo,
        }

        fn op() -> impl Strategy<Value = Op> {
            let n = TEXT.chars().count();
            prop_oneof![
                (0..n, 1..12usize, 0..3u8).prop_map(|(s, l, c)| Op::Add(s, l, c)),
                (0..8usize).prop_map(Op::Remove),
                (0..8usize, "[a-z ]{0,6}").prop_map(|(i, s)| Op::Note(i, s)),
                (0..8usize, 0..n, 1..12usize).prop_map(|(i, s, l)| Op::Move(i, s, l)),
                Just(Op::Undo),
                Just(Op::Redo),
            ]
        }

        fn snapshot(case: &Case) -> Vec<Mark> {
            let (ann, art) = ids();
            case.marks(&ann, &art).to_vec()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]
            #[test]
            fn undoing_everything_restores_the_original(ops in proptest::collection::vec(op(), 1..25)) {
                let dir = tempfile::tempdir().expect("tempdir");
                let mut case = case_with_article(dir.path());
                let (ann, art) = ids();
                let mut history = History::new();
                // Start from one existing mark so removing has something to do.
                add_to(&mut history, &mut case, 0, 6, "loaded").expect("seed");
                let mut history_seed = History::new();
                std::mem::swap(&mut history, &mut history_seed);
                let original = snapshot(&case);
                let n = TEXT.chars().count();
                let cats = ["loaded", "attribution", "editorializing"];
                for op in ops {
                    let marks = snapshot(&case);
                    let edit = match op {
                        Op::Add(s, l, c) => {
                            let end = (s + l).min(n);
                            if end <= s { continue; }
                            Some(add(&case, s, end, cats[c as usize]))
                        }
                        Op::Remove(i) => marks.get(i % marks.len().max(1)).map(|m| delete_mark(&case, &ann, &art, &m.id)),
                        Op::Note(i, s) => marks.get(i % marks.len().max(1)).map(|m| {
                            let mut m = m.clone();
                            m.note = s;
                            Edit::ReplaceMark { annotator: ann.clone(), article: art.clone(), mark: m }
                        }),
                        Op::Move(i, s, l) => marks.get(i % marks.len().max(1)).and_then(|m| {
                            let end = (s + l).min(n);
                            let fresh = case.mark_with_id(m.id.clone(), &art, CharRange::new(s, end), &m.category).ok()?;
                            Some(Edit::ReplaceMark { annotator: ann.clone(), article: art.clone(), mark: fresh })
                        }),
                        Op::Undo => { history.undo(&mut case).expect("undo"); None }
                        Op::Redo => { history.redo(&mut case).expect("redo"); None }
                    };
                    if let Some(edit) = edit {
                        history.apply(&mut case, edit, "op").expect("apply");
                    }
                }
                while history.can_undo() {
                    history.undo(&mut case).expect("undo");
                }
                prop_assert_eq!(snapshot(&case), original);
            }
        }
    }
}
