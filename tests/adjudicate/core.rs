//! Clusters, variants, accept, reject, bulk accept: each an edit on the
//! gold annotator alone, undone by one undo.

use candor::adjudicate::{self, ClusterState};
use candor::edit::History;
use candor::model::{AnnotatorId, ArticleId, AttrValue};

use crate::util::{case_with, marked};

const WIRE: &str = "Police cleared the so-called peace camp of eco-radicals at dawn.";

fn ids(names: &[&str]) -> Vec<AnnotatorId> {
    names.iter().map(|n| AnnotatorId::new(*n)).collect()
}

/// Three annotators: two agree on "so-called" (one with a note), one marks
/// "so-called peace camp"; two mark "eco-radicals" with different kinds.
fn three(dir: &std::path::Path) -> candor::case::Case {
    let mut case = case_with(dir, &[("wire", WIRE)]);
    marked(
        &mut case,
        "xu",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt note=\"Scare word.\"} peace camp of [eco-radicals]{loaded kind=label} at dawn.",
    );
    marked(
        &mut case,
        "yan",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt} peace camp of [eco-radicals]{loaded kind=intensifier} at dawn.",
    );
    marked(
        &mut case,
        "zoe",
        "wire",
        "Police cleared the [so-called peace camp]{loaded} of eco-radicals at dawn.",
    );
    case
}

#[test]
fn clusters_group_overlapping_marks_with_their_variants_counts_and_who() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = three(dir.path());
    let gold = AnnotatorId::new("gold");
    let of = adjudicate::clusters(
        &case,
        &ids(&["xu", "yan", "zoe"]),
        &gold,
        &ArticleId::new("wire"),
    );
    assert_eq!(of.clusters.len(), 2);
    let first = &of.clusters[0];
    assert_eq!(first.state, ClusterState::Open);
    assert_eq!(first.agree, 2);
    let shown: Vec<(String, usize, Vec<&str>)> = first
        .variants
        .iter()
        .map(|v| {
            (
                v.quote.clone(),
                v.count(),
                v.who.iter().map(|p| p.annotator.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("so-called".to_string(), 2, vec!["xu", "yan"]),
            ("so-called peace camp".to_string(), 1, vec!["zoe"]),
        ]
    );
    assert_eq!(
        first.variants[0].notes,
        [(AnnotatorId::new("xu"), "Scare word.".to_string())]
    );
    // Same extent and category, different kinds: two variants, but the two
    // annotators agree on extent and category.
    let second = &of.clusters[1];
    assert_eq!(second.variants.len(), 2);
    assert_eq!(second.agree, 2);
}

#[test]
fn accepting_copies_the_variant_into_gold_with_who_proposed_it_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = three(dir.path());
    let sources = ids(&["xu", "yan", "zoe"]);
    let gold = AnnotatorId::new("gold");
    let wire = ArticleId::new("wire");
    let before: Vec<_> = sources
        .iter()
        .map(|s| case.marks(s, &wire).to_vec())
        .collect();
    let of = adjudicate::clusters(&case, &sources, &gold, &wire);
    let mut history = History::new();
    let edit = adjudicate::accept(&case, &of, &of.clusters[0], &of.clusters[0].variants[1])
        .expect("accepted");
    history.apply(&mut case, edit, "Accept").expect("applied");
    let marks = case.marks(&gold, &wire);
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].quote, "so-called peace camp");
    assert_eq!(marks[0].note, "Proposed by zoe.");

    // Accepting another variant of the same cluster replaces it.
    let of = adjudicate::clusters(&case, &sources, &gold, &wire);
    assert_eq!(of.clusters[0].state, ClusterState::Accepted);
    let edit = adjudicate::accept(&case, &of, &of.clusters[0], &of.clusters[0].variants[0])
        .expect("accepted");
    history.apply(&mut case, edit, "Accept").expect("applied");
    let marks = case.marks(&gold, &wire);
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].quote, "so-called");
    assert_eq!(marks[0].note, "Proposed by xu, yan.\nxu: Scare word.");
    assert_eq!(
        marks[0].attributes.get("kind"),
        Some(&AttrValue::Text("doubt".into()))
    );

    // Rejecting the cluster leaves gold with nothing there.
    let of = adjudicate::clusters(&case, &sources, &gold, &wire);
    history
        .apply(
            &mut case,
            adjudicate::reject(&of, &of.clusters[0]),
            "Reject",
        )
        .expect("rejected");
    assert!(case.marks(&gold, &wire).is_empty());

    // Three undos: back to "so-called", to "so-called peace camp", to none.
    history.undo(&mut case).expect("undo");
    assert_eq!(case.marks(&gold, &wire)[0].quote, "so-called");
    history.undo(&mut case).expect("undo");
    assert_eq!(case.marks(&gold, &wire)[0].quote, "so-called peace camp");
    history.undo(&mut case).expect("undo");
    assert!(case.marks(&gold, &wire).is_empty());
    // The sources were never touched.
    let after: Vec<_> = sources
        .iter()
        .map(|s| case.marks(s, &wire).to_vec())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn bulk_accepts_open_clusters_where_k_agree_and_leaves_decided_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = three(dir.path());
    let sources = ids(&["xu", "yan", "zoe"]);
    let gold = AnnotatorId::new("gold");
    let wire = ArticleId::new("wire");
    let (edit, report) = adjudicate::bulk_accept(&case, &sources, &gold, 3).expect("bulk");
    assert_eq!((report.accepted, report.left_open), (0, 2));
    edit.apply(&mut case).expect("nothing to apply");
    let (edit, report) = adjudicate::bulk_accept(&case, &sources, &gold, 2).expect("bulk");
    assert_eq!((report.clusters, report.accepted), (2, 2));
    edit.apply(&mut case).expect("applied");
    let quotes: Vec<&str> = case
        .marks(&gold, &wire)
        .iter()
        .map(|m| m.quote.as_str())
        .collect();
    assert_eq!(quotes, ["so-called", "eco-radicals"]);
    // Run again: both clusters are decided now, and nothing changes.
    let (edit, report) = adjudicate::bulk_accept(&case, &sources, &gold, 2).expect("bulk");
    assert_eq!((report.accepted, report.decided_before), (0, 2));
    assert!(edit.is_empty());
}
