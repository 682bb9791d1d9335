//! The edits that user actions make, built in one place so the window, the
//! command line, grading's and adjudication's screens and the tests all make
//! the same change for the same action: marking a range (and adding the
//! annotator if they are new), marking many ranges at once, replacing a mark,
//! deleting one, and linking marks into claims and actors.
//!
//! Each builder reads the case and returns an `Edit`; nothing changes until
//! the caller applies it (through `History` in the window, directly in the
//! command line), so every action is one undo step.

use std::collections::{BTreeMap, HashMap};

use super::Edit;
use super::covered::Covered;
use crate::case::{Case, MarkIds, new_link_id};
use crate::model::{
    Actor, AnnotatorId, ArticleId, CategoryId, Claim, LinkKind, LinkRef, Links, Mark, MarkId,
    Timestamp,
};
use crate::problem::CaseError;
use crate::text::CharRange;

/// Whether `range` is already marked with `category` among `marks`: the one
/// rule "mark all" in Find and `candor suggest` both follow, so running either
/// twice adds nothing. A mark of that category that overlaps the range counts,
/// not only one on exactly the same chars: "so-called" inside a marked
/// "so-called campaigners" is already judged, and counting it again would
/// double the figures.
pub fn already_marked(marks: &[Mark], category: &CategoryId, range: CharRange) -> bool {
    marks
        .iter()
        .any(|m| &m.category == category && m.range().overlaps(&range))
}

/// Marking one range of an article: the new mark (a fresh id, quote and
/// context from the text), preceded by adding the annotator if they are new.
/// Returns the edit and the new mark's id. Refused for a locked marks file,
/// an unknown category, or a range that does not fit the text.
pub fn mark_range(
    case: &Case,
    annotator: &AnnotatorId,
    article: &ArticleId,
    range: CharRange,
    category: &CategoryId,
) -> Result<(Edit, MarkId), CaseError> {
    let batch = mark_ranges(
        case,
        annotator,
        [NewMark {
            article: article.clone(),
            range,
            category: category.clone(),
            note: String::new(),
        }],
        false,
    )?;
    let id = batch.ids.into_iter().next().ok_or(CaseError::EmptyRange)?;
    Ok((batch.edit, id))
}

/// One mark to make in `mark_ranges`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMark {
    pub article: ArticleId,
    pub range: CharRange,
    pub category: CategoryId,
    /// The note the mark starts with (why it was made: "suggested from
    /// lexicon terms.tsv"); usually empty.
    pub note: String,
}

/// Many marks made as one edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// Adds the annotator if needed, then every new mark.
    pub edit: Edit,
    /// The new marks' ids, in the order asked for (skipped ones left out).
    pub ids: Vec<MarkId>,
    /// New marks per article.
    pub added: BTreeMap<ArticleId, usize>,
    /// How many were skipped because the range was already marked so.
    pub skipped: usize,
}

impl Batch {
    pub fn count(&self) -> usize {
        self.ids.len()
    }
}

/// Many marks for one annotator as one edit (Find's "mark all", `candor
/// suggest`, adjudication). Ids are fresh (`MarkIds`): none in use, none
/// twice in the batch. With `skip_marked`, ranges already marked with that
/// category (`already_marked`'s rule, counting marks made earlier in the
/// same batch; answered by `Covered`) are skipped instead of marked twice.
/// A range that does not fit its article (the text changed since it was
/// found) is an error, not a panic. The marks of each article are added by
/// one `Edit::AddMarks`.
pub fn mark_ranges(
    case: &Case,
    annotator: &AnnotatorId,
    wanted: impl IntoIterator<Item = NewMark>,
    skip_marked: bool,
) -> Result<Batch, CaseError> {
    let mut ids = MarkIds::for_annotator(case, annotator);
    let mut made: BTreeMap<ArticleId, Vec<Mark>> = BTreeMap::new();
    // What each article and category already has marked, the batch's own
    // marks included: `already_marked` over both, without a scan per mark.
    let mut covered: HashMap<(ArticleId, CategoryId), Covered> = HashMap::new();
    let mut order = Vec::new();
    let mut skipped = 0;
    for want in wanted {
        if case.schema().category(&want.category).is_none() {
            return Err(CaseError::NoSuchCategory {
                category: want.category,
            });
        }
        let key = crate::case::FileKey::Marks(annotator.clone(), want.article.clone());
        case.check_writable(&key)?;
        if skip_marked {
            let spans = covered
                .entry((want.article.clone(), want.category.clone()))
                .or_insert_with(|| {
                    let before = case.marks(annotator, &want.article);
                    let same = before.iter().filter(|m| m.category == want.category);
                    Covered::new(same.map(Mark::range))
                });
            if spans.overlaps(want.range) {
                skipped += 1;
                continue;
            }
            spans.add(want.range);
        }
        let mut mark =
            case.mark_with_id(ids.next_id(), &want.article, want.range, &want.category)?;
        mark.note = want.note;
        order.push(mark.id.clone());
        made.entry(want.article).or_default().push(mark);
    }
    let mut edits = Vec::new();
    if !made.is_empty() && case.annotations(annotator).is_none() {
        edits.push(Edit::AddAnnotator(annotator.clone()));
    }
    let added = made.iter().map(|(a, ms)| (a.clone(), ms.len())).collect();
    // One edit per article: applying (and undoing) 100,000 marks is then
    // one sort and one pass, not one search of the file per mark.
    for (article, marks) in made {
        edits.push(Edit::AddMarks {
            annotator: annotator.clone(),
            article,
            marks,
        });
    }
    Ok(Batch {
        edit: Edit::Group(edits),
        ids: order,
        added,
        skipped,
    })
}

/// Replacing a mark with a changed version of itself (its category,
/// attributes, note or place), stamped as modified now.
pub fn replace_mark(annotator: &AnnotatorId, article: &ArticleId, mark: Mark) -> Edit {
    Edit::ReplaceMark {
        annotator: annotator.clone(),
        article: article.clone(),
        mark: Mark {
            modified: Timestamp::now(),
            ..mark
        },
    }
}

/// Accepting the words re-anchoring put a mark on (it needed review): the
/// flag cleared, stamped as modified now, nothing else changed. One undo
/// step brings the flag back.
pub fn accept_review(annotator: &AnnotatorId, article: &ArticleId, mark: &Mark) -> Edit {
    replace_mark(
        annotator,
        article,
        Mark {
            review: None,
            ..mark.clone()
        },
    )
}

/// Deleting a mark: the mark itself, and its id in any claim or actor, so no
/// link is left pointing at nothing. One undo step brings both back.
pub fn delete_mark(case: &Case, annotator: &AnnotatorId, article: &ArticleId, id: &MarkId) -> Edit {
    let mut edits = vec![Edit::RemoveMark {
        annotator: annotator.clone(),
        article: article.clone(),
        id: id.clone(),
    }];
    if let Some(links) = case.links(annotator) {
        let mentioned = links.groups().any(|g| g.marks.contains(id));
        if mentioned {
            let mut links = links.clone();
            for c in &mut links.claims {
                c.marks.retain(|m| m != id);
            }
            for a in &mut links.actors {
                a.marks.retain(|m| m != id);
            }
            edits.push(Edit::SetLinks {
                annotator: annotator.clone(),
                links,
            });
        }
    }
    Edit::Group(edits)
}

/// The annotator's links with one change made to a copy, as an edit.
fn change_links(case: &Case, annotator: &AnnotatorId, change: impl FnOnce(&mut Links)) -> Edit {
    let mut links = case.links(annotator).cloned().unwrap_or_default();
    change(&mut links);
    Edit::SetLinks {
        annotator: annotator.clone(),
        links,
    }
}

/// Adding a mark to a claim or actor (nothing if it is in it already).
pub fn link_mark(
    case: &Case,
    annotator: &AnnotatorId,
    link: &LinkRef,
    mark: &MarkId,
) -> Result<Edit, CaseError> {
    require_link(case, annotator, link)?;
    Ok(change_links(case, annotator, |links| {
        if let Some(marks) = links.members_mut(link)
            && !marks.contains(mark)
        {
            marks.push(mark.clone());
        }
    }))
}

/// Taking a mark out of a claim or actor; the link itself stays, even empty.
pub fn unlink_mark(
    case: &Case,
    annotator: &AnnotatorId,
    link: &LinkRef,
    mark: &MarkId,
) -> Result<Edit, CaseError> {
    require_link(case, annotator, link)?;
    Ok(change_links(case, annotator, |links| {
        if let Some(marks) = links.members_mut(link) {
            marks.retain(|m| m != mark);
        }
    }))
}

/// A new claim (or actor) named `name` holding one mark, with a fresh id of
/// its kind (`c` or `a` and random characters, `case::new_link_id`).
/// Returns the edit and the link.
pub fn new_link(
    case: &Case,
    annotator: &AnnotatorId,
    kind: LinkKind,
    name: &str,
    mark: &MarkId,
) -> (Edit, LinkRef) {
    let id = new_link_id(case, annotator, kind);
    let link = LinkRef::new(kind, id.clone());
    let name = name.trim().to_string();
    let edit = change_links(case, annotator, |links| match kind {
        LinkKind::Claim => links.claims.push(Claim {
            id,
            label: name,
            marks: vec![mark.clone()],
            note: String::new(),
        }),
        LinkKind::Actor => links.actors.push(Actor {
            id,
            name,
            marks: vec![mark.clone()],
            note: String::new(),
        }),
    });
    (edit, link)
}

fn require_link(case: &Case, annotator: &AnnotatorId, link: &LinkRef) -> Result<(), CaseError> {
    let found = case.links(annotator).and_then(|l| link.find(l)).is_some();
    if found {
        Ok(())
    } else {
        Err(CaseError::NoSuchLink {
            annotator: annotator.clone(),
            link: link.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::is_fresh_id;
    use crate::model::ArticleMeta;

    const TEXT: &str = "The so-called campaigners, a mob of agitators, were routed.";

    fn case(dir: &std::path::Path) -> Case {
        let mut case = Case::create(&dir.join("case"), "Test").expect("create");
        case.add_article(ArticleMeta::new(ArticleId::new("tribune"), "Tribune"), TEXT)
            .expect("add");
        case
    }

    fn range_of(phrase: &str) -> CharRange {
        let b = TEXT.find(phrase).expect("phrase in text");
        let start = TEXT[..b].chars().count();
        CharRange::new(start, start + phrase.chars().count())
    }

    fn ids() -> (AnnotatorId, ArticleId, CategoryId) {
        (
            AnnotatorId::new("amara"),
            ArticleId::new("tribune"),
            CategoryId::new("loaded"),
        )
    }

    #[test]
    fn marking_a_range_adds_a_new_annotator_in_the_same_undo_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let (ann, art, cat) = ids();
        let (edit, id) = mark_range(&case, &ann, &art, range_of("so-called"), &cat).expect("edit");
        let inverse = edit.apply(&mut case).expect("apply");
        assert_eq!(case.marks(&ann, &art)[0].id, id);
        assert_eq!(case.marks(&ann, &art)[0].quote, "so-called");
        inverse.apply(&mut case).expect("undo");
        assert!(
            case.annotations(&ann).is_none(),
            "undo removes the annotator too"
        );
    }

    #[test]
    fn marking_refuses_an_unknown_category_and_a_range_past_the_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let case = case(dir.path());
        let (ann, art, _) = ids();
        let err = mark_range(&case, &ann, &art, range_of("mob"), &CategoryId::new("nope"))
            .expect_err("unknown category");
        assert!(matches!(err, CaseError::NoSuchCategory { .. }), "{err}");
        let err = mark_range(&case, &ann, &art, CharRange::new(5, 500), &ids().2)
            .expect_err("past the end");
        assert!(
            matches!(err, CaseError::OutOfRange { chars: 59, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_batch_skips_ranges_already_marked_so_including_overlaps_and_repeats() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let (ann, art, cat) = ids();
        let (edit, _) =
            mark_range(&case, &ann, &art, range_of("so-called campaigners"), &cat).expect("edit");
        edit.apply(&mut case).expect("apply");
        let want = |phrase: &str, category: &CategoryId| NewMark {
            article: art.clone(),
            range: range_of(phrase),
            category: category.clone(),
            note: "from a list".into(),
        };
        let batch = mark_ranges(
            &case,
            &ann,
            [
                want("so-called", &cat),
                want("mob", &cat),
                want("mob", &cat),
                want("so-called", &CategoryId::new("editorializing")),
            ],
            true,
        )
        .expect("batch");
        assert_eq!(
            batch.count(),
            2,
            "mob once, and so-called in another category"
        );
        assert_eq!(batch.skipped, 2);
        // Fresh ids, none the first mark's, not the same twice.
        let first = &case.marks(&ann, &art)[0].id;
        assert!(batch.ids.iter().all(|id| id != first), "{:?}", batch.ids);
        assert_ne!(batch.ids[0], batch.ids[1]);
        assert!(
            batch.ids.iter().all(|id| is_fresh_id(id.as_str(), "m")),
            "{:?}",
            batch.ids
        );
        batch.edit.apply(&mut case).expect("apply");
        let notes: Vec<&str> = case
            .marks(&ann, &art)
            .iter()
            .map(|m| m.note.as_str())
            .collect();
        // In text order: "so-called" (editorializing), "so-called campaigners", "mob".
        assert_eq!(notes, ["from a list", "", "from a list"]);
    }

    #[test]
    fn links_are_made_joined_and_left_in_one_edit_each() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let (ann, art, cat) = ids();
        let mut marks = Vec::new();
        for phrase in ["campaigners", "agitators"] {
            let (edit, id) = mark_range(&case, &ann, &art, range_of(phrase), &cat).expect("edit");
            edit.apply(&mut case).expect("apply");
            marks.push(id);
        }
        let (edit, link) = new_link(&case, &ann, LinkKind::Actor, " protesters ", &marks[0]);
        assert!(
            matches!(&link, LinkRef::Actor(id) if is_fresh_id(id.as_str(), "a")),
            "{link:?}"
        );
        edit.apply(&mut case).expect("apply");
        link_mark(&case, &ann, &link, &marks[1])
            .expect("link")
            .apply(&mut case)
            .expect("apply");
        // Joining twice changes nothing.
        link_mark(&case, &ann, &link, &marks[1])
            .expect("link")
            .apply(&mut case)
            .expect("apply");
        let links = case.links(&ann).expect("links");
        assert_eq!(links.actors[0].name, "protesters");
        assert_eq!(links.actors[0].marks, marks);
        unlink_mark(&case, &ann, &link, &marks[0])
            .expect("unlink")
            .apply(&mut case)
            .expect("apply");
        assert_eq!(
            case.links(&ann).expect("links").actors[0].marks,
            [marks[1].clone()]
        );
        let (_, second) = new_link(&case, &ann, LinkKind::Actor, "police", &marks[0]);
        assert!(matches!(second, LinkRef::Actor(_)) && second != link);
        let (_, claim) = new_link(&case, &ann, LinkKind::Claim, "routed", &marks[0]);
        assert!(
            matches!(&claim, LinkRef::Claim(id) if is_fresh_id(id.as_str(), "c")),
            "{claim:?}"
        );
        let gone = LinkRef::Claim(crate::model::LinkId::new("c9"));
        let err = link_mark(&case, &ann, &gone, &marks[0]).expect_err("no such claim");
        assert!(matches!(err, CaseError::NoSuchLink { .. }), "{err}");
    }

    #[test]
    fn replacing_a_mark_stamps_it_modified() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case(dir.path());
        let (ann, art, cat) = ids();
        let (edit, _) = mark_range(&case, &ann, &art, range_of("mob"), &cat).expect("edit");
        edit.apply(&mut case).expect("apply");
        let mut old = case.marks(&ann, &art)[0].clone();
        old.modified = Timestamp("2001-01-01T00:00:00Z".into());
        let Edit::ReplaceMark { mark, .. } = replace_mark(&ann, &art, old.clone()) else {
            panic!("a replace edit");
        };
        assert!(mark.modified > old.modified);
        assert_eq!(mark.created, old.created);
    }
}
