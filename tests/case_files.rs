//! The files of a case, as a user's work depends on them: what is saved comes
//! back equal, saving is deterministic and minimal, and broken files are
//! reported and left alone.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use candor::case::{Case, FileKey};
use candor::model::{AnnotatorId, ArticleId, AttrValue, CategoryId};
use candor::text::CharRange;
use proptest::prelude::*;

use crate::util::{case_with, marked};

const TEXT: &str = "Officials said the “ruling class” of Calder — Inès Marlow’s word — had ignored 🌊 warnings.\nResidents disagreed.\n";

/// A case with one article and `key`'s mark on "ruling class".
fn case_with_mark(dir: &Path) -> Case {
    let mut case = case_with(dir, &[("wire", TEXT)]);
    marked(
        &mut case,
        "key",
        "wire",
        "Officials said the “[ruling class]{loaded polarity=negative in_quote=true \
         note=\"A label, in scare quotes.\"}” of Calder — Inès Marlow’s word — \
         had ignored 🌊 warnings.\nResidents disagreed.\n",
    );
    case.save().expect("save");
    case
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn a_mark_on_the_ruling_class_is_there_after_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = case_with_mark(dir.path());
    let reopened = Case::open(dir.path()).expect("open");
    assert!(
        reopened.load_problems().is_empty(),
        "{:?}",
        reopened.load_problems()
    );
    let key = AnnotatorId::new("key");
    let wire = ArticleId::new("wire");
    assert_eq!(reopened.marks(&key, &wire), case.marks(&key, &wire));
    let m = &reopened.marks(&key, &wire)[0];
    assert_eq!(m.quote, "ruling class");
    assert_eq!(
        reopened
            .article_text(&wire)
            .and_then(|t| t.slice(m.range())),
        Some("ruling class")
    );
    assert!(
        candor::validate::check(&reopened)
            .iter()
            .all(|p| !p.is_error()),
        "{:?}",
        candor::validate::check(&reopened)
    );
}

#[test]
fn saving_an_unchanged_case_changes_no_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    case_with_mark(dir.path());
    let before = snapshot(dir.path());
    let mut case = Case::open(dir.path()).expect("open");
    let report = case.save_all().expect("save");
    assert!(report.written.is_empty(), "wrote {:?}", report.written);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_same_marks_give_byte_identical_files_whatever_order_they_were_made_in() {
    fn build(dir: &Path, reverse: bool) {
        let mut case = case_with(dir, &[("wire", TEXT)]);
        let key = AnnotatorId::new("key");
        let wire = ArticleId::new("wire");
        let mut marks = Vec::new();
        for (i, start) in [0usize, 15, 40, 60].into_iter().enumerate() {
            let mut m = case
                .mark_with_id(
                    candor::model::MarkId(format!("m{}", i + 1)),
                    &wire,
                    CharRange::new(start, start + 5),
                    &CategoryId::new("loaded"),
                )
                .expect("mark");
            m.created = candor::model::Timestamp("2026-03-10T09:00:00Z".into());
            m.modified = m.created.clone();
            m.attributes
                .insert("polarity".into(), AttrValue::Text("negative".into()));
            m.attributes
                .insert("in_quote".into(), AttrValue::Flag(false));
            marks.push(m);
        }
        if reverse {
            marks.reverse();
        }
        case.marks_mut(&key, &wire).expect("writable").extend(marks);
        case.save().expect("save");
    }
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    build(a.path(), false);
    build(b.path(), true);
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
}

#[test]
fn changing_one_mark_changes_only_its_lines_and_one_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with_mark(dir.path());
    let key = AnnotatorId::new("key");
    let wire = ArticleId::new("wire");
    // A second mark so the file has a neighbour that must not move.
    let start = TEXT
        .find("Residents")
        .map(|b| TEXT[..b].chars().count())
        .expect("word");
    let second = case
        .new_mark(
            &key,
            &wire,
            CharRange::new(start, start + 9),
            &CategoryId::new("attribution"),
        )
        .expect("mark");
    case.marks_mut(&key, &wire).expect("writable").push(second);
    case.save().expect("save");
    let path = dir.path().join("marks/key/wire.ron");
    let before = fs::read_to_string(&path).expect("read");

    let mut case = Case::open(dir.path()).expect("open");
    case.marks_mut(&key, &wire).expect("writable")[0].note = "Changed my mind.".into();
    let report = case.save().expect("save");
    assert_eq!(
        report.written,
        vec![Path::new("marks/key/wire.ron").to_path_buf()]
    );
    let after = fs::read_to_string(&path).expect("read");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("Changed my mind."));
}

#[test]
fn a_truncated_marks_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    case_with_mark(dir.path());
    let path = dir.path().join("marks/key/wire.ron");
    let full = fs::read(&path).expect("read");
    for cut in (1..full.len()).step_by(7) {
        fs::write(&path, &full[..cut]).expect("write");
        let mut case = Case::open(dir.path()).expect("the rest of the case opens");
        let problem = case
            .load_problems()
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no problem reported for a file cut at {cut}"));
        assert!(problem.line > 0 && problem.col > 0, "{problem}");
        let key = FileKey::Marks(AnnotatorId::new("key"), ArticleId::new("wire"));
        assert!(case.is_locked(&key));
        assert!(
            case.marks_mut(&AnnotatorId::new("key"), &ArticleId::new("wire"))
                .is_err()
        );
        case.save_all().expect("save");
        assert_eq!(
            fs::read(&path).expect("read"),
            &full[..cut],
            "file rewritten at cut {cut}"
        );
    }
}

#[test]
fn one_broken_annotator_does_not_stop_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with_mark(dir.path());
    let ben = AnnotatorId::new("ben");
    let wire = ArticleId::new("wire");
    let m = case
        .new_mark(
            &ben,
            &wire,
            CharRange::new(0, 9),
            &CategoryId::new("attribution"),
        )
        .expect("mark");
    case.marks_mut(&ben, &wire).expect("writable").push(m);
    case.save().expect("save");
    fs::write(
        dir.path().join("marks/key/wire.ron"),
        "Marks(format: 1, marks: [Mark(id: ",
    )
    .expect("break");
    let mut case = Case::open(dir.path()).expect("open");
    assert_eq!(case.marks(&ben, &wire).len(), 1);
    let more = case
        .new_mark(
            &ben,
            &wire,
            CharRange::new(10, 14),
            &CategoryId::new("loaded"),
        )
        .expect("mark");
    case.marks_mut(&ben, &wire)
        .expect("ben can still mark")
        .push(more);
    assert_eq!(case.save().expect("save").written.len(), 1);
}

#[test]
fn hand_edited_offsets_are_re_found_from_the_quote_and_a_lost_quote_is_an_orphan() {
    let dir = tempfile::tempdir().expect("tempdir");
    case_with_mark(dir.path());
    let path = dir.path().join("marks/key/wire.ron");
    let src = fs::read_to_string(&path).expect("read");
    let line_of = |field: &str| {
        src.lines()
            .find(|l| l.trim_start().starts_with(field))
            .expect(field)
            .to_string()
    };
    let (start_line, end_line, quote_line) =
        (line_of("start:"), line_of("end:"), line_of("quote:"));
    let key = AnnotatorId::new("key");
    let wire = ArticleId::new("wire");

    // Offsets past the end, or on other words: the quote and its context
    // find the mark again, and nothing is wrong any more.
    for (start, end) in [(None, "99999"), (Some("0"), "12")] {
        let mut edited = src.replace(&end_line, &format!("            end: {end},"));
        if let Some(start) = start {
            edited = edited.replace(&start_line, &format!("            start: {start},"));
        }
        fs::write(&path, edited).expect("write");
        let case = Case::open(dir.path()).expect("open");
        assert_eq!(case.anchoring().moved.len(), 1);
        let m = &case.marks(&key, &wire)[0];
        let text = case.article_text(&wire).expect("text");
        assert_eq!(text.slice(m.range()), Some("ruling class"));
        assert!(candor::validate::check(&case).iter().all(|p| !p.is_error()));
    }

    // A quote that is nowhere in the text: an orphan, reported at its line,
    // kept in the file.
    fs::write(
        &path,
        src.replace(&quote_line, "            quote: \"harbour authority\","),
    )
    .expect("write");
    let mut case = Case::open(dir.path()).expect("open");
    let problems = candor::validate::check(&case);
    assert!(
        problems
            .iter()
            .any(|p| !p.is_error() && p.message.contains("is an orphan") && p.line > 0),
        "{problems:?}"
    );
    case.save_all().expect("save");
    assert!(
        fs::read_to_string(&path)
            .expect("read")
            .contains("harbour authority")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random marks on random Unicode text: save, load, equal.
    #[test]
    fn random_marks_on_random_unicode_round_trip(
        text in "[a-zé中🎉👍🏽\u{301}“”—\n ]{1,200}",
        spans in prop::collection::vec((0usize..200, 1usize..40, 0usize..3, ".{0,20}"), 0..12),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with(dir.path(), &[("a", &text)]);
        let len = text.chars().count();
        let ann = AnnotatorId::new("prop");
        let art = ArticleId::new("a");
        let cats = ["loaded", "attribution", "editorializing"];
        for (start, width, cat, note) in spans {
            let start = start % len;
            let end = (start + width).min(len);
            if start == end { continue; }
            let mut m = case.new_mark(&ann, &art, CharRange::new(start, end), &CategoryId::new(cats[cat])).expect("in range");
            m.note = note;
            case.marks_mut(&ann, &art).expect("writable").push(m);
        }
        case.save().expect("save");
        let back = Case::open(dir.path()).expect("open");
        prop_assert!(back.load_problems().is_empty(), "{:?}", back.load_problems());
        let mut want = case.marks(&ann, &art).to_vec();
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        prop_assert_eq!(back.marks(&ann, &art), want.as_slice());
        prop_assert_eq!(&back.article_text(&art).expect("text").text, &text);
        prop_assert!(candor::validate::check(&back).iter().all(|p| !p.is_error()));
    }
}
