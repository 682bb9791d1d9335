//! `candor feedback` and `candor handback`: each student who handed in gets
//! a folder named as the LMS named theirs, with their page and a hand-back
//! holding the key on the articles they handed in and nothing else; the
//! hand-back opens on their student copy only.

use std::collections::BTreeSet;

use candor::case::Case;
use candor::class::handback::HandBack;
use candor::model::{AnnotatorId, ArticleId};

use super::{bytes, hand_in, handed_out, write_zip};
use crate::util::{candor, ok, stderr};

#[test]
fn each_student_gets_the_key_on_the_articles_they_handed_in_only() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, copy) = handed_out(dir.path());
    let case = Case::open(&root).expect("opens");
    // s01 handed in two articles through Moodle, s02 one through a plain file.
    let moodle = "Ana Lopez_5001_assignsubmission_file_";
    write_zip(
        &dir.path().join("moodle.zip"),
        &[(
            format!("{moodle}/s01.candor-handin"),
            bytes(&hand_in(&case, "amara", "s01", 2, 1)),
        )],
    );
    std::fs::write(
        dir.path().join("s02.candor-handin"),
        bytes(&hand_in(&case, "ben", "s02", 1, 1)),
    )
    .expect("write");
    ok(&candor(
        &[
            "collect",
            "northgate-dam",
            "moodle.zip",
            "s02.candor-handin",
        ],
        dir.path(),
    ));
    let out = candor(
        &["feedback", "northgate-dam", "--out", "feedback"],
        dir.path(),
    );
    ok(&out);
    assert!(
        stderr(&out).contains("feedback for 2 student(s)"),
        "{}",
        stderr(&out)
    );
    let fb = dir.path().join("feedback");
    for f in [
        format!("{moodle}/s01.html"),
        format!("{moodle}/s01.candor-handback"),
        "s02/s02.html".to_string(),
        "s02/s02.candor-handback".to_string(),
        "feedback.zip".to_string(),
    ] {
        assert!(fb.join(&f).is_file(), "{f}");
    }
    assert!(
        !fb.join("amara").exists() && !fb.join("ben").exists(),
        "only collected students"
    );

    let back = HandBack::read(&fb.join(moodle).join("s01.candor-handback")).expect("reads");
    let handed: BTreeSet<ArticleId> = ["digest", "ledger"].map(ArticleId::new).into();
    assert_eq!(
        back.articles.keys().cloned().collect::<BTreeSet<_>>(),
        handed
    );
    let key = AnnotatorId::new("key");
    for (a, got) in &back.articles {
        assert_eq!(got.marks, case.marks(&key, a), "the key's marks on {a}");
    }
    // Not a word of the key's notes on the articles not handed in.
    let raw = std::fs::read_to_string(fb.join(moodle).join("s01.candor-handback")).expect("read");
    let page = std::fs::read_to_string(fb.join(moodle).join("s01.html")).expect("read");
    let mut hidden = 0;
    for a in ["tribune", "voice", "wire"].map(ArticleId::new) {
        for m in case.marks(&key, &a).iter().filter(|m| m.note.len() >= 12) {
            hidden += 1;
            assert!(
                !raw.contains(&m.note),
                "the hand-back holds {a}'s note {:?}",
                m.note
            );
            let escaped = candor::export::html::escape_text(&m.note);
            assert!(
                !page.contains(&*escaped),
                "the page holds {a}'s note {:?}",
                m.note
            );
        }
    }
    assert!(hidden > 5, "there were notes to hide");
    let ids: BTreeSet<_> = back
        .articles
        .values()
        .flat_map(|a| a.marks.iter().map(|m| m.id.clone()))
        .collect();
    for c in back
        .links
        .claims
        .iter()
        .map(|c| &c.marks)
        .chain(back.links.actors.iter().map(|a| &a.marks))
    {
        assert!(
            c.iter().all(|m| ids.contains(m)),
            "links hold handed-in marks only"
        );
    }

    // s01 takes it into their student copy: the key appears there, on those
    // two articles only.
    let mut student = Case::open(&copy).expect("opens");
    student
        .manifest_mut()
        .expect("w")
        .handout
        .as_mut()
        .expect("h")
        .student = Some(AnnotatorId::new("s01"));
    student.save().expect("saved");
    let hb = fb.join(moodle).join("s01.candor-handback");
    let hb = hb.to_str().expect("utf-8");
    ok(&candor(&["handback", "student-copy", hb], dir.path()));
    let student = Case::open(&copy).expect("opens");
    assert_eq!(student.key(), Some(&key));
    assert_eq!(student.student_copy().expect("h").feedback, handed);
    for a in &handed {
        assert_eq!(student.marks(&key, a), case.marks(&key, a));
    }
    assert!(student.marks(&key, &ArticleId::new("wire")).is_empty());

    // Another student's hand-back is refused, and changes nothing.
    let s02 = fb.join("s02/s02.candor-handback");
    let before = super::snapshot(&copy);
    let out = candor(
        &["handback", "student-copy", s02.to_str().expect("utf-8")],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is \"s02\"'s, and this copy is \"s01\"'s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(super::snapshot(&copy), before);
}

#[test]
fn a_hand_back_for_another_case_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (_root, copy) = handed_out(dir.path());
    let other = tempfile::tempdir().expect("another");
    let (other_root, _) = handed_out(other.path());
    let other_case = Case::open(&other_root).expect("opens");
    let back = HandBack::from_case(
        &other_case,
        &AnnotatorId::new("s01"),
        &[ArticleId::new("wire")].into(),
    )
    .expect("a hand-back");
    let path = dir.path().join("s01.candor-handback");
    back.write(&path).expect("written");
    let out = candor(
        &["handback", "student-copy", "s01.candor-handback"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("was made for another case"),
        "{}",
        stderr(&out)
    );
    assert_eq!(Case::open(&copy).expect("opens").key(), None);
}
