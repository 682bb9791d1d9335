//! `candor export` then `candor import-marks` gives back the same marks:
//! the example case's answer key through brat and through W3C comes back as
//! a new annotator whose comparison tables (`candor compare --format json`)
//! and marks are the key's. Offsets a browser tool counted in UTF-16 are
//! converted; what cannot be placed is reported, never put on other words.

use std::fs;
use std::path::Path;

use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId};

use crate::util::{candor, case_with, example_copy, ok, stderr, stdout};

fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    candor(args, cwd)
}

/// `candor compare --annotator WHO --format json`, with the annotator's
/// name taken out so two annotators' tables can be compared.
fn compare_json(root: &Path, who: &str) -> String {
    let r = root.to_str().expect("UTF-8");
    let o = run(
        &["compare", r, "--annotator", who, "--format", "json"],
        root,
    );
    ok(&o);
    stdout(&o).replace(&format!("\"annotator\": \"{who}\""), "\"annotator\": \"?\"")
}

fn round_trip(format: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let r = root.to_str().expect("UTF-8");
    let out = dir.path().join("out");
    let o = out.to_str().expect("UTF-8");
    ok(&run(
        &[
            "export",
            r,
            "--format",
            format,
            "--annotator",
            "key",
            "--out",
            o,
        ],
        dir.path(),
    ));
    let from = out.join("key");
    let imported = run(
        &[
            "import-marks",
            r,
            "--from",
            format,
            from.to_str().expect("UTF-8"),
            "--annotator",
            "key-again",
        ],
        dir.path(),
    );
    ok(&imported);
    let said = stderr(&imported);
    assert!(said.contains("as annotator key-again"), "{said}");
    assert!(!said.contains("skipped"), "{said}");

    let before = compare_json(&root, "key");
    let after = compare_json(&root, "key-again");
    assert!(
        before.contains("\"claim\"") && before.contains("\"actor\""),
        "{before}"
    );
    assert_eq!(
        after, before,
        "the comparison tables come back the same through {format}"
    );

    let case = Case::open(&root).expect("opens");
    let (key, again) = (AnnotatorId::new("key"), AnnotatorId::new("key-again"));
    for a in case.articles() {
        let id = &a.meta.id;
        assert_eq!(
            case.marks(&again, id),
            case.marks(&key, id),
            "{id}: spans, categories, attributes, notes, ids and times through {format}"
        );
    }
    let (k, g) = (
        case.links(&key).expect("links"),
        case.links(&again).expect("links"),
    );
    // The same claims and actors, in the same order, with the same marks
    // (in the order of the text) and notes.
    let sorted = |l: &candor::model::Links| {
        let mut l = l.clone();
        for c in &mut l.claims {
            c.marks.sort();
        }
        for a in &mut l.actors {
            a.marks.sort();
        }
        l
    };
    assert_eq!(sorted(g), sorted(k));
    assert!(
        candor::validate::check(&case).is_empty(),
        "the case still checks clean"
    );
}

#[test]
fn the_example_key_round_trips_through_brat() {
    round_trip("brat");
}

#[test]
fn the_example_key_round_trips_through_w3c() {
    round_trip("w3c");
}

/// A case with one article holding an emoji with a skin tone before the
/// words a browser tool marked.
fn emoji_case(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("case");
    case_with(
        &root,
        &[(
            "wire",
            "The crowd 👍🏽 cheered; the regime fell. The regime is gone.",
        )],
    );
    root
}

#[test]
fn w3c_offsets_counted_in_utf16_are_detected_and_converted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = emoji_case(dir.path());
    // As a JavaScript tool writes it: "regime" at UTF-16 units 28..34
    // (code points 26..32), the page's URL as the source, no Candor terms.
    let doc = serde_json::json!([{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://annotations.example/a/1",
        "type": "Annotation",
        "body": [
            { "type": "TextualBody", "purpose": "tagging", "value": "loaded" },
            { "type": "TextualBody", "purpose": "commenting", "value": "A label, not a description." }
        ],
        "target": {
            "source": "urn:candor:article:wire",
            "selector": [
                { "type": "TextQuoteSelector", "exact": "regime", "prefix": "cheered; the ", "suffix": " fell." },
                { "type": "TextPositionSelector", "start": 28, "end": 34 }
            ]
        }
    }]);
    let file = dir.path().join("from-browser.json");
    fs::write(&file, doc.to_string()).expect("written");
    let r = root.to_str().expect("UTF-8");
    let o = run(
        &[
            "import-marks",
            r,
            "--from",
            "w3c",
            file.to_str().expect("UTF-8"),
            "--annotator",
            "web",
        ],
        &root,
    );
    ok(&o);
    assert!(
        stderr(&o).contains("1 with UTF-16 offsets converted"),
        "{}",
        stderr(&o)
    );
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("web"), &ArticleId::new("wire"));
    assert_eq!(marks.len(), 1);
    assert_eq!((marks[0].start.0, marks[0].end.0), (26, 32));
    assert_eq!(marks[0].quote, "regime");
    assert_eq!(marks[0].note, "A label, not a description.");
    assert_eq!(marks[0].category.as_str(), "loaded");
}

#[test]
fn a_mark_that_fits_nowhere_is_reported_and_the_others_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = emoji_case(dir.path());
    let folder = dir.path().join("brat");
    fs::create_dir_all(&folder).expect("a folder");
    fs::write(
        folder.join("wire.ann"),
        "T1\tloaded 26 32\tregime\nT2\tloaded 0 3\tjunta\nR1\tSame Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tThe [sic] label\n",
    )
    .expect("written");
    let r = root.to_str().expect("UTF-8");
    let o = run(
        &[
            "import-marks",
            r,
            "--from",
            "brat",
            folder.to_str().expect("UTF-8"),
            "--annotator",
            "brat-user",
        ],
        &root,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(
        said.contains("wire.ann:2 (T2)") && said.contains("\"junta\""),
        "{said}"
    );
    assert!(said.contains("wire.ann:3: R1"), "{said}");
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("brat-user"), &ArticleId::new("wire"));
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0].quote, "regime");
    assert_eq!(
        marks[0].note, "The [sic] label",
        "an untagged note stays the note"
    );

    // The annotator exists now: a second import under that name is refused.
    let again = run(
        &[
            "import-marks",
            r,
            "--from",
            "brat",
            folder.to_str().expect("UTF-8"),
            "--annotator",
            "brat-user",
        ],
        &root,
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already has an annotator \"brat-user\""),
        "{}",
        stderr(&again)
    );
}
