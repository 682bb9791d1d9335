//! What the text widget draws on an article, checked as a plain value
//! (`gui::text::marks::MarksOnText`) without a window: overlapping marks in
//! lanes of their own, a hidden category making no lane, an orphan listed
//! with its reason and never drawn, and *Compare with* pairing the reader's
//! marks with the key's as grading does. Snapshotted as text, one line per
//! thing drawn, so a change in what a reader sees shows in review.

use std::collections::BTreeSet;
use std::fmt::Write;

use candor::case::Case;
use candor::edit::Edit;
use candor::grade::MarkSide;
use candor::gui::text::marks::MarksOnText;
use candor::model::{AnnotatorId, ArticleId, CategoryId, MarkId};
use candor::text::CharRange;

use crate::util::{case_with, marked};

const TEXT: &str = "Police cleared the so-called peace camp of eco-radicals at dawn, officials said.\n\
Organisers claimed that more than 40 people were hurt.";

fn wire() -> ArticleId {
    ArticleId::new("wire")
}

fn who(name: &str) -> AnnotatorId {
    AnnotatorId::new(name)
}

/// What `reader` sees on the article, hiding `hidden`, comparing with
/// `compare_with`.
fn marks_on(case: &Case, reader: &str, hidden: &[&str], compare_with: Option<&str>) -> MarksOnText {
    let hidden: BTreeSet<CategoryId> = hidden.iter().map(|c| CategoryId::new(*c)).collect();
    let other = compare_with.map(who);
    MarksOnText::build(case, &wire(), &who(reader), &hidden, other.as_ref())
}

/// One line per highlight, orphan and overlay item. A mark is named by
/// its annotator and place in their marks (`amara#0`): ids are random.
fn render(case: &Case, reader: &str, other: &str, marks: &MarksOnText) -> String {
    let Some(text) = case.article_text(&wire()) else {
        panic!("the case has the article's text");
    };
    let quote = |r: CharRange| text.slice(r).unwrap_or_default().to_string();
    let name = |annotator: &str, id: &MarkId| {
        let marks = case.marks(&who(annotator), &wire());
        match marks.iter().position(|m| &m.id == id) {
            Some(i) => format!("{annotator}#{i}"),
            None => format!("{annotator}#?"),
        }
    };
    let ids = case.marks(&who(reader), &wire());
    let mut out = String::from("highlights:\n");
    for h in &marks.highlights {
        let _ = writeln!(
            out,
            "  lane {}  {}..{}  {}  {} {:?}",
            h.lane,
            h.range.start.0,
            h.range.end.0,
            name(reader, &ids[h.mark].id),
            h.category,
            quote(h.range)
        );
    }
    out.push_str("orphans:\n");
    for o in &marks.orphans {
        let _ = writeln!(out, "  {}: {}", name(reader, &ids[o.mark].id), o.reason);
    }
    out.push_str("overlay:\n");
    let side = |annotator: &str, s: Option<&MarkSide>| {
        s.map_or("-".to_string(), |s| {
            format!(
                "{} {} {}..{} {:?}",
                name(annotator, &s.mark),
                s.category.id,
                s.range.start.0,
                s.range.end.0,
                s.quote
            )
        })
    };
    for item in &marks.overlay {
        let _ = writeln!(
            out,
            "  {:?}: {} / {}",
            item.outcome,
            side(other, item.key.as_deref()),
            side(reader, item.student.as_ref())
        );
    }
    out
}

#[test]
fn overlapping_marks_take_the_lowest_lane_free_and_hidden_ones_take_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared [the [so-called]{loaded} [peace camp of eco-radicals]{attribution}]{editorializing} at dawn, officials said.\n\
[Organisers claimed]{loaded} that more than 40 people were hurt.",
    );
    let marks = marks_on(&case, "amara", &[], None);
    insta::assert_snapshot!("lanes", render(&case, "amara", "key", &marks));
    let lanes: Vec<u8> = marks.highlights.iter().map(|h| h.lane).collect();
    assert_eq!(
        lanes,
        [0, 1, 1, 0],
        "a lane is free again once its mark ends"
    );

    let marks = marks_on(&case, "amara", &["editorializing"], None);
    insta::assert_snapshot!(
        "lanes_with_editorializing_hidden",
        render(&case, "amara", "key", &marks)
    );
    let lanes: Vec<u8> = marks.highlights.iter().map(|h| h.lane).collect();
    assert_eq!(lanes, [0, 0, 0], "a hidden mark holds no lane");
}

#[test]
fn a_mark_whose_words_are_gone_is_an_orphan_with_its_reason_and_not_drawn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of eco-radicals at dawn, officials said.\n\
Organisers claimed that more than 40 people were hurt.",
    );
    // A mark whose quote matches nothing at its offsets, as when a file is
    // edited by hand.
    let mut lost = case
        .new_mark(
            &who("amara"),
            &wire(),
            CharRange::new(43, 55),
            &CategoryId::new("loaded"),
        )
        .expect("the range fits the text");
    lost.quote = "bridge tolls".to_string();
    Edit::AddMark {
        annotator: who("amara"),
        article: wire(),
        mark: lost,
    }
    .apply(&mut case)
    .expect("the mark is added");
    let marks = marks_on(&case, "amara", &[], None);
    insta::assert_snapshot!(render(&case, "amara", "key", &marks));
    assert_eq!(marks.highlights.len(), 1);
    assert_eq!(marks.orphans.len(), 1);
    // Compared with a key that marked nothing, the orphan is no extra mark:
    // it has no words to show it on.
    let compared = marks_on(&case, "amara", &[], Some("key"));
    assert_eq!(compared.overlay.len(), 1);
    assert_eq!(compared.orphans, marks.orphans);
}

#[test]
fn compare_with_the_key_pairs_marks_as_grading_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(
        &mut case,
        "key",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of [eco-radicals]{loaded} at dawn, officials said.\n\
[Organisers claimed that more than 40 people were hurt]{attribution}.",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared [the so-called peace camp]{loaded} of [eco-radicals]{loaded} [at dawn]{editorializing}, officials said.\n\
Organisers claimed that more than 40 people were hurt.",
    );
    let marks = marks_on(&case, "amara", &[], Some("key"));
    insta::assert_snapshot!(render(&case, "amara", "key", &marks));
    assert_eq!(marks.overlay.len(), 4);

    let alone = marks_on(&case, "amara", &[], Some("amara"));
    assert!(
        alone.overlay.is_empty(),
        "compared with their own marks a reader sees no overlay"
    );
    assert_eq!(alone.highlights, marks.highlights);
}

#[test]
fn what_is_drawn_on_a_text_is_decided_without_egui() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gui/text/marks.rs");
    let src = std::fs::read_to_string(path).expect("src/gui/text/marks.rs");
    let code: Vec<&str> = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    assert!(
        !code.iter().any(|l| l.contains("egui")),
        "gui/text/marks.rs must stay a plain value: it imports no egui"
    );
}
