//! Adjudication: several annotators' marks merged into one gold annotator
//! (`gold` by default). On one article, every source annotator's marks are
//! grouped into *clusters* (marks that overlap, directly or through a
//! chain of overlapping marks); each cluster lists its *variants* (one
//! extent, category and set of attributes, with who proposed it and their
//! notes). Accepting a variant copies it into the gold annotator with a
//! note of who proposed it; rejecting a cluster leaves the gold set with no
//! mark there; a bulk step accepts every open cluster where at least K
//! annotators agree on extent and category.
//!
//! Everything here returns an [`Edit`], so it is undone like any change,
//! and every edit touches the gold annotator's files only: the source
//! annotators' marks are read, never written. Only the marks that count
//! are adjudicated (`pairing::counted_marks`, the rule grading and
//! agreement use): mentions (actor names) are not judgements.
//!
//! Clusters are not the one-to-one pairing of `pairing::matching`: a
//! cluster holds every annotator's marks over one stretch of text, however
//! many, so it is the run of marks joined by overlaps, in text order.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::case::{Case, MarkIds};
use crate::edit::Edit;
use crate::model::{AnnotatorId, ArticleId, AttrValue, CategoryId, Mark, MarkId};
use crate::pairing;
use crate::problem::CaseError;
use crate::text::CharRange;

/// The gold annotator when none is named.
pub const DEFAULT_GOLD: &str = "gold";

/// One source annotator's mark in a cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Proposal {
    pub annotator: AnnotatorId,
    pub mark: MarkId,
}

/// One way the annotators marked a cluster: an extent, a category and
/// attributes, with everyone who marked it so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    pub range: CharRange,
    pub category: CategoryId,
    pub attributes: BTreeMap<String, AttrValue>,
    pub quote: String,
    /// In the order the annotators were given.
    pub who: Vec<Proposal>,
    /// Each proposer's note, where they wrote one.
    pub notes: Vec<(AnnotatorId, String)>,
}

impl Variant {
    pub fn count(&self) -> usize {
        self.who.len()
    }
}

/// Where a cluster stands in the gold set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterState {
    /// The gold set has no mark over it.
    Open,
    /// The gold set has a mark with one variant's extent and category.
    Accepted,
    /// The gold set has marks over it, none of them a variant as proposed
    /// (accepted, then edited; or marked by hand).
    Edited,
}

/// Overlapping marks of the source annotators on one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// From the start of the first mark to the end of the last.
    pub range: CharRange,
    /// Most annotators first; then in text order.
    pub variants: Vec<Variant>,
    /// The largest number of annotators that agree on one extent and
    /// category (whatever their attributes).
    pub agree: usize,
    /// The gold annotator's marks that overlap the cluster.
    pub gold: Vec<MarkId>,
    pub state: ClusterState,
}

impl Cluster {
    /// The variant with the most annotators among those with the extent and
    /// category most annotators share: what the bulk step accepts.
    pub fn leading(&self) -> Option<usize> {
        let mut by_place: BTreeMap<(CharRange, &CategoryId), usize> = BTreeMap::new();
        for v in &self.variants {
            *by_place.entry((v.range, &v.category)).or_default() += v.count();
        }
        let best = by_place.values().copied().max()?;
        // Variants are sorted most annotators first, so the first variant of
        // a leading place is its most common set of attributes.
        self.variants
            .iter()
            .position(|v| by_place[&(v.range, &v.category)] == best)
    }
}

/// One article's clusters, in text order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleClusters {
    pub article: ArticleId,
    /// The annotators whose marks were clustered.
    pub sources: Vec<AnnotatorId>,
    pub gold: AnnotatorId,
    pub clusters: Vec<Cluster>,
}

/// The source annotators' marks on `article`, clustered, with where each
/// cluster stands in `gold`.
pub fn clusters(
    case: &Case,
    sources: &[AnnotatorId],
    gold: &AnnotatorId,
    article: &ArticleId,
) -> ArticleClusters {
    let mut marks: Vec<(&AnnotatorId, &Mark)> = sources
        .iter()
        .filter(|a| *a != gold)
        .flat_map(|a| {
            pairing::counted_marks(case, a, article)
                .into_iter()
                .filter(|m| m.end > m.start)
                .map(move |m| (a, m))
        })
        .collect();
    marks.sort_by(|x, y| (x.1.start, x.1.end, x.0).cmp(&(y.1.start, y.1.end, y.0)));
    let gold_marks = case.marks(gold, article);
    let mut out = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let mut end = marks[i].1.end;
        let mut j = i + 1;
        while j < marks.len() && marks[j].1.start < end {
            end = end.max(marks[j].1.end);
            j += 1;
        }
        let group = &marks[i..j];
        let range = CharRange {
            start: group[0].1.start,
            end,
        };
        out.push(cluster(sources, range, group, gold_marks));
        i = j;
    }
    ArticleClusters {
        article: article.clone(),
        sources: sources.iter().filter(|a| *a != gold).cloned().collect(),
        gold: gold.clone(),
        clusters: out,
    }
}

fn cluster(
    sources: &[AnnotatorId],
    range: CharRange,
    group: &[(&AnnotatorId, &Mark)],
    gold_marks: &[Mark],
) -> Cluster {
    let mut variants: Vec<Variant> = Vec::new();
    for &(who, m) in group {
        let proposal = Proposal {
            annotator: who.clone(),
            mark: m.id.clone(),
        };
        let note = (!m.note.trim().is_empty()).then(|| (who.clone(), m.note.clone()));
        match variants.iter_mut().find(|v| {
            v.range == m.range() && v.category == m.category && v.attributes == m.attributes
        }) {
            Some(v) => {
                v.who.push(proposal);
                v.notes.extend(note);
            }
            None => variants.push(Variant {
                range: m.range(),
                category: m.category.clone(),
                attributes: m.attributes.clone(),
                quote: m.quote.clone(),
                who: vec![proposal],
                notes: note.into_iter().collect(),
            }),
        }
    }
    let rank = |a: &AnnotatorId| sources.iter().position(|s| s == a).unwrap_or(usize::MAX);
    for v in &mut variants {
        v.who.sort_by_key(|p| rank(&p.annotator));
        v.notes.sort_by_key(|(a, _)| rank(a));
    }
    variants.sort_by(|x, y| {
        y.count()
            .cmp(&x.count())
            .then((x.range.start, x.range.end).cmp(&(y.range.start, y.range.end)))
            .then(x.category.cmp(&y.category))
    });
    let mut places: BTreeMap<(CharRange, &CategoryId), Vec<&AnnotatorId>> = BTreeMap::new();
    for v in &variants {
        let who = places.entry((v.range, &v.category)).or_default();
        for p in &v.who {
            if !who.contains(&&p.annotator) {
                who.push(&p.annotator);
            }
        }
    }
    let agree = places.values().map(Vec::len).max().unwrap_or(0);
    let gold: Vec<&Mark> = gold_marks
        .iter()
        .filter(|g| g.range().overlaps(&range))
        .collect();
    let state = if gold.is_empty() {
        ClusterState::Open
    } else if gold.iter().any(|g| {
        variants
            .iter()
            .any(|v| v.range == g.range() && v.category == g.category)
    }) {
        ClusterState::Accepted
    } else {
        ClusterState::Edited
    };
    Cluster {
        range,
        variants,
        agree,
        gold: gold.iter().map(|g| g.id.clone()).collect(),
        state,
    }
}

/// The note a gold mark gets: who proposed it, then their notes.
pub fn proposed_note(v: &Variant) -> String {
    let who: Vec<&str> = v.who.iter().map(|p| p.annotator.as_str()).collect();
    let mut note = format!("Proposed by {}.", who.join(", "));
    for (a, n) in &v.notes {
        note.push_str(&format!("\n{a}: {n}"));
    }
    note
}

/// Accepting one variant of a cluster: the gold annotator's marks
/// over the cluster (an earlier decision) are replaced by a copy of the
/// variant, with its attributes and a note of who proposed it. Adds the
/// gold annotator if they are new.
pub fn accept(
    case: &Case,
    of: &ArticleClusters,
    cluster: &Cluster,
    variant: &Variant,
) -> Result<Edit, CaseError> {
    let mut ids = MarkIds::for_annotator(case, &of.gold);
    let mut edits = Vec::new();
    accept_into(case, of, cluster, variant, &mut ids, &mut edits)?;
    Ok(Edit::Group(edits))
}

fn accept_into(
    case: &Case,
    of: &ArticleClusters,
    cluster: &Cluster,
    v: &Variant,
    ids: &mut MarkIds,
    edits: &mut Vec<Edit>,
) -> Result<(), CaseError> {
    case.check_writable(&crate::case::FileKey::Marks(
        of.gold.clone(),
        of.article.clone(),
    ))?;
    if case.annotations(&of.gold).is_none()
        && !edits
            .iter()
            .any(|e| matches!(e, Edit::AddAnnotator(a) if a == &of.gold))
    {
        edits.push(Edit::AddAnnotator(of.gold.clone()));
    }
    let mut mark = case.mark_with_id(ids.next_id(), &of.article, v.range, &v.category)?;
    mark.attributes = v.attributes.clone();
    mark.note = proposed_note(v);
    if !cluster.gold.is_empty() {
        edits.push(Edit::RemoveMarks {
            annotator: of.gold.clone(),
            article: of.article.clone(),
            ids: cluster.gold.clone(),
        });
    }
    edits.push(Edit::AddMark {
        annotator: of.gold.clone(),
        article: of.article.clone(),
        mark,
    });
    Ok(())
}

/// Rejecting a cluster: the gold set has no mark over it (any it had is
/// removed). An empty group when it had none.
pub fn reject(of: &ArticleClusters, cluster: &Cluster) -> Edit {
    if cluster.gold.is_empty() {
        return Edit::Group(Vec::new());
    }
    Edit::RemoveMarks {
        annotator: of.gold.clone(),
        article: of.article.clone(),
        ids: cluster.gold.clone(),
    }
}

/// What the bulk step did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BulkReport {
    /// Clusters over every article.
    pub clusters: usize,
    /// Open clusters accepted.
    pub accepted: usize,
    /// Open clusters left, fewer than K agreeing.
    pub left_open: usize,
    /// Clusters the gold set had already decided, left as they were.
    pub decided_before: usize,
    /// Per article: clusters accepted.
    pub per_article: Vec<(ArticleId, usize)>,
}

/// Accepts, on every article, each open cluster where at least
/// `min_agree` annotators agree on extent and category: the variant
/// `Cluster::leading` names. Clusters the gold set already has marks over
/// are left as they are.
pub fn bulk_accept(
    case: &Case,
    sources: &[AnnotatorId],
    gold: &AnnotatorId,
    min_agree: usize,
) -> Result<(Edit, BulkReport), CaseError> {
    bulk_accept_except(case, sources, gold, min_agree, |_, _| false)
}

/// `bulk_accept`, leaving alone (as decided) the open clusters `skip`
/// names: those the window's user rejected, which the files cannot record.
pub fn bulk_accept_except(
    case: &Case,
    sources: &[AnnotatorId],
    gold: &AnnotatorId,
    min_agree: usize,
    skip: impl Fn(&ArticleId, &Cluster) -> bool,
) -> Result<(Edit, BulkReport), CaseError> {
    let mut ids = MarkIds::for_annotator(case, gold);
    let mut edits = Vec::new();
    let mut report = BulkReport::default();
    for article in case.articles() {
        let of = clusters(case, sources, gold, &article.meta.id);
        let mut accepted = 0;
        for c in &of.clusters {
            report.clusters += 1;
            if c.state != ClusterState::Open || skip(&of.article, c) {
                report.decided_before += 1;
                continue;
            }
            match c.leading() {
                Some(v) if c.agree >= min_agree.max(1) => {
                    accept_into(case, &of, c, &c.variants[v], &mut ids, &mut edits)?;
                    accepted += 1;
                }
                _ => report.left_open += 1,
            }
        }
        report.accepted += accepted;
        if accepted > 0 {
            report.per_article.push((article.meta.id.clone(), accepted));
        }
    }
    Ok((Edit::Group(edits), report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CharPos;

    fn variant(who: &[&str], start: usize, end: usize, category: &str) -> Variant {
        Variant {
            range: CharRange {
                start: CharPos(start),
                end: CharPos(end),
            },
            category: CategoryId::new(category),
            attributes: BTreeMap::new(),
            quote: String::new(),
            who: who
                .iter()
                .map(|w| Proposal {
                    annotator: AnnotatorId::new(*w),
                    mark: MarkId::new("m"),
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn the_leading_variant_is_the_most_shared_place_then_its_most_common_attributes() {
        // Two variants share one place (3 annotators in all); another place
        // has 2 in one variant: the place with 3 leads, with its larger variant.
        let c = Cluster {
            range: CharRange::new(0, 10),
            variants: vec![
                variant(&["a", "b"], 0, 5, "loaded"),
                variant(&["c", "d"], 0, 5, "editorializing"),
                variant(&["e"], 0, 5, "editorializing"),
            ],
            agree: 3,
            gold: Vec::new(),
            state: ClusterState::Open,
        };
        assert_eq!(c.leading(), Some(1));
        let mut v = variant(&["amara", "ben"], 0, 5, "loaded");
        v.notes.push((AnnotatorId::new("ben"), "A label.".into()));
        assert_eq!(proposed_note(&v), "Proposed by amara, ben.\nben: A label.");
    }
}
