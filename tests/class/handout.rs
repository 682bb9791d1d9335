//! The student copy: everything a student needs, and nothing of the key,
//! searched byte for byte; `candor handout` refusing what would leak the key
//! or write where it must not; `candor handin` from a student copy.

use std::path::Path;

use candor::case::Case;
use candor::class::handin::HandIn;
use candor::class::{fingerprint, text_hash};
use candor::model::{AnnotatorId, ArticleId};

use super::snapshot;
use crate::util::{candor, example_copy, ok, stderr};

/// Every string of the key that a student must not see: its notes, and its
/// claims' and actors' names and notes (those not in an article's text: a
/// claim may be summed up in the text's own words).
fn key_secrets(case: &Case) -> Vec<String> {
    let key = case.key().expect("the example has a key").clone();
    let work = case.annotations(&key).expect("the key's marks");
    let mut out: Vec<String> = work
        .marks
        .values()
        .flatten()
        .map(|m| m.note.clone())
        .collect();
    for c in &work.links.claims {
        out.push(c.label.clone());
        out.push(c.note.clone());
    }
    for a in &work.links.actors {
        out.push(a.note.clone());
    }
    let texts: Vec<&str> = case
        .articles()
        .iter()
        .filter_map(|a| a.text.as_ref().map(|t| t.text.as_str()))
        .collect();
    out.retain(|s| s.len() >= 12 && !texts.iter().any(|t| t.contains(s.as_str())));
    out.sort();
    out.dedup();
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_student_copy_holds_the_case_and_none_of_the_key() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = example_copy(dir.path());
    let before = Case::open(&root).expect("opens");
    let secrets = key_secrets(&before);
    assert!(secrets.len() > 10, "the key has notes to hide: {secrets:?}");
    let out = candor(
        &[
            "handout",
            "northgate-dam",
            "--out",
            "copy",
            "--zip",
            "copy.zip",
        ],
        dir.path(),
    );
    ok(&out);
    assert!(
        stderr(&out).contains("student copy of 5 articles"),
        "{}",
        stderr(&out)
    );

    let files = snapshot(&dir.path().join("copy"));
    let names: Vec<String> = files.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "articles/digest.txt",
            "articles/ledger.txt",
            "articles/tribune.txt",
            "articles/voice.txt",
            "articles/wire.txt",
            "case.ron",
            "schema.ron"
        ]
    );
    let zip = std::fs::read(dir.path().join("copy.zip")).expect("the zip");
    for (path, bytes) in files
        .iter()
        .map(|(p, b)| (p.display().to_string(), b))
        .chain([("copy.zip".to_string(), &zip)])
    {
        for s in &secrets {
            assert!(
                !contains(bytes, s.as_bytes()),
                "{path} holds the key's {s:?}"
            );
        }
    }
    // Unpacked (the zip is deflated), the zip holds the same files.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    for (rel, bytes) in &files {
        let name = format!("copy/{}", rel.display());
        let mut entry = archive.by_name(&name).expect("the file is in the zip");
        let mut got = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut got).expect("read");
        assert_eq!(&got, bytes, "{name}");
        for s in &secrets {
            assert!(
                !contains(&got, s.as_bytes()),
                "{name} in the zip holds {s:?}"
            );
        }
    }

    let case = Case::open(&root).expect("opens");
    let id = case.manifest().id.clone().expect("the case got an id");
    let copy = Case::open(&dir.path().join("copy")).expect("the copy opens");
    assert!(
        copy.load_problems().is_empty(),
        "{:?}",
        copy.load_problems()
    );
    let handout = copy.student_copy().expect("a student copy");
    assert_eq!(handout.case, id);
    assert_eq!(handout.student, None);
    assert_eq!(copy.key(), None, "no key in a student copy");
    assert!(copy.annotators().is_empty());
    assert_eq!(copy.manifest().blind, case.manifest().blind);
    assert_eq!(fingerprint(&copy), fingerprint(&case));
    let wire = ArticleId::new("wire");
    assert_eq!(
        handout.articles[&wire],
        text_hash(&case.article_text(&wire).expect("text").text)
    );
}

#[test]
fn the_key_cannot_be_included_and_the_copy_goes_nowhere_it_must_not() {
    let dir = tempfile::tempdir().expect("a temp dir");
    example_copy(dir.path());
    let case_before = snapshot(&dir.path().join("northgate-dam"));
    for (args, says) in [
        (
            vec!["--out", "copy", "--include", "key"],
            "is the answer key",
        ),
        (
            vec!["--out", "copy", "--include", "nobody"],
            "no annotator \"nobody\"",
        ),
        (
            vec!["--out", "northgate-dam/copy"],
            "inside the case folder",
        ),
        (
            vec!["--out", "copy", "--zip", "northgate-dam/copy.zip"],
            "inside the case folder",
        ),
    ] {
        let mut all = vec!["handout", "northgate-dam"];
        all.extend(args.iter());
        let out = candor(&all, dir.path());
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert!(stderr(&out).contains(says), "{all:?}: {}", stderr(&out));
        assert!(!dir.path().join("copy").exists(), "{all:?} wrote nothing");
    }
    assert_eq!(snapshot(&dir.path().join("northgate-dam")), case_before);

    std::fs::create_dir(dir.path().join("mine")).expect("a folder");
    std::fs::write(dir.path().join("mine/thesis.txt"), "mine").expect("a file");
    let out = candor(&["handout", "northgate-dam", "--out", "mine"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a student copy of this case"),
        "{}",
        stderr(&out)
    );

    // A worked example: another annotator's marks may go in, and a copy made
    // before is written over.
    ok(&candor(
        &["handout", "northgate-dam", "--out", "copy"],
        dir.path(),
    ));
    ok(&candor(
        &[
            "handout",
            "northgate-dam",
            "--out",
            "copy",
            "--include",
            "amara",
        ],
        dir.path(),
    ));
    let copy = Case::open(&dir.path().join("copy")).expect("opens");
    assert_eq!(
        copy.annotators()
            .keys()
            .map(AnnotatorId::as_str)
            .collect::<Vec<_>>(),
        ["amara"]
    );
    assert_eq!(copy.key(), None);
}

#[test]
fn a_case_ron_without_the_new_fields_still_reads_and_keeps_its_key() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = example_copy(dir.path());
    let case = Case::open(&root).expect("opens");
    assert_eq!(case.manifest().id, None);
    assert_eq!(case.manifest().handout, None);
    assert_eq!(case.key().map(AnnotatorId::as_str), Some("key"));
    assert!(case.student_copy().is_none());
}

#[test]
fn a_student_hands_in_from_their_copy_under_their_own_name() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (_root, copy) = super::handed_out(dir.path());
    // A student who named themselves and marked one article done.
    let mut case = Case::open(&copy).expect("opens");
    case.manifest_mut()
        .expect("writable")
        .handout
        .as_mut()
        .expect("handout")
        .student = Some(AnnotatorId::new("ana"));
    case.set_done(&AnnotatorId::new("ana"), &ArticleId::new("wire"), true)
        .expect("done");
    case.save().expect("saved");

    let out = candor(
        &["handin", "student-copy", "--out", "ana.candor-handin"],
        dir.path(),
    );
    ok(&out);
    assert!(
        stderr(&out).contains("hand-in of ana: 0 marks on 0 of 5 articles, 1 marked done"),
        "{}",
        stderr(&out)
    );
    let h = HandIn::read(&dir.path().join("ana.candor-handin")).expect("reads");
    assert_eq!(h.student.as_str(), "ana");
    assert_eq!(Some(&h.case), case.student_copy().map(|s| &s.case));
    assert!(h.articles[&ArticleId::new("wire")].done);

    let out = candor(
        &[
            "handin",
            "student-copy",
            "--annotator",
            "ben",
            "--out",
            "ben.candor-handin",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "nothing to hand in");
    assert!(
        stderr(&out).contains("nothing to hand in"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&dir.path().join("ben.candor-handin")).exists());
}
