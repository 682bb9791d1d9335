//! `candor collect` on a simulated class of 30, downloaded as Canvas and as
//! Moodle give it, with the trouble a real download brings: a hand-in from
//! another case, one made on a text edited since, one student twice, a
//! renamed file, a name that is another student's, a zip entry `../../x`,
//! a zip bomb, a stray PDF. Every line is checked, and every file of the
//! case: only `marks/<student>/` of those accepted changes, and collecting
//! again changes nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::class::collect::{self, CollectOptions, RECORD_FILE, Status, read_record};
use candor::class::gather::{self, Limits};
use candor::class::handin::HandIn;
use candor::class::text_hash;
use candor::model::{AnnotatorId, ArticleId};
use candor::progress::Progress;

use super::{bytes, hand_in, handed_out, snapshot, write_zip};
use crate::util::{candor, ok, stdout};

/// The class: students s01..s30, each from amara's or ben's work on 1 to 5
/// articles.
fn class(case: &Case) -> Vec<HandIn> {
    (1..=30)
        .map(|i| {
            let from = if i % 2 == 0 { "amara" } else { "ben" };
            hand_in(case, from, &format!("s{i:02}"), 1 + (i % 5) as usize, i)
        })
        .collect()
}

/// s04's hand-in, made on a copy whose `digest` text had a sentence more at
/// its start, plus a mark on words since cut from the text.
fn edited(mut h: HandIn) -> HandIn {
    let digest = h
        .articles
        .get_mut(&ArticleId::new("digest"))
        .expect("s04 did digest");
    digest.text = text_hash("A sentence since cut. and more");
    let shift = "Corrected: ".chars().count();
    for m in &mut digest.marks {
        m.start.0 += shift;
        m.end.0 += shift;
        m.prefix = String::new();
    }
    let mut lost = digest.marks[0].clone();
    lost.id = candor::model::MarkId::new("mlost");
    lost.quote = "words that are no longer anywhere in this article".into();
    lost.prefix = String::new();
    lost.suffix = String::new();
    digest.marks.push(lost);
    h
}

/// The trouble every download carries, as (file name, bytes).
fn trouble(case: &Case) -> Vec<(String, Vec<u8>)> {
    let mut other = hand_in(case, "amara", "s31", 2, 40);
    other.case = "cothercase00".into();
    vec![
        ("s31_10031_20031_s31.candor-handin".into(), bytes(&other)),
        (
            "s03_10003_20103_notes.pdf".into(),
            b"%PDF-1.7\n%binary".to_vec(),
        ),
        // The instructor's own annotator's name.
        (
            "amara_10040_20040_amara.candor-handin".into(),
            bytes(&hand_in(case, "ben", "amara", 2, 41)),
        ),
    ]
}

const CASE: &str = "northgate-dam";

/// A Canvas submissions zip of the class, with the trouble.
fn canvas_zip(case: &Case, path: &Path) {
    let hand_ins = class(case);
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, h) in hand_ins.iter().enumerate() {
        let n = i + 1;
        let h = if n == 4 { edited(h.clone()) } else { h.clone() };
        let original = if n == 12 {
            "my work FINAL.txt".to_string() // renamed by the student
        } else {
            format!("{}.candor-handin", h.student)
        };
        entries.push((format!("s{n:02}_100{n:02}_200{n:02}_{original}"), bytes(&h)));
    }
    // s07 handed in twice: an earlier one, found after the later.
    let mut earlier = hand_ins[6].clone();
    earlier.made.0 = "2026-03-05T09:00:00Z".into();
    entries.push((
        "s07_10007_20107_s07-1.candor-handin".into(),
        bytes(&earlier),
    ));
    // Another student who called themselves s15 (Canvas user 10099).
    entries.push((
        "s15b_10099_20099_s15.candor-handin".into(),
        bytes(&hand_in(case, "amara", "s15", 1, 42)),
    ));
    entries.push(("../../x".into(), bytes(&hand_ins[0])));
    entries.extend(trouble(case));
    write_zip(path, &entries);
}

/// A zip whose one entry unpacks a thousand times its size.
fn bomb(path: &Path) {
    write_zip(
        path,
        &[(
            "s99_10099_20999_big.candor-handin".into(),
            vec![b' '; 20 << 20],
        )],
    );
}

fn lines(out: &std::process::Output) -> Vec<String> {
    stdout(out).lines().map(str::to_string).collect()
}

fn line<'a>(lines: &'a [String], source_ends: &str) -> &'a str {
    let found: Vec<&String> = lines
        .iter()
        .filter(|l| {
            l.split(": ")
                .next()
                .is_some_and(|s| s.ends_with(source_ends))
                || l.contains(&format!(": {source_ends}: "))
        })
        .collect();
    assert_eq!(found.len(), 1, "one line for {source_ends}: {lines:#?}");
    found[0]
}

/// What changed between two snapshots: paths added, changed or removed.
fn changed(
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    after: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
) -> BTreeSet<PathBuf> {
    before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect()
}

#[test]
fn a_canvas_download_of_a_class_of_30_is_collected_line_by_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, _copy) = handed_out(dir.path());
    let case = Case::open(&root).expect("opens");
    canvas_zip(&case, &dir.path().join("submissions.zip"));
    bomb(&dir.path().join("bomb.zip"));
    let before = snapshot(&root);

    let out = candor(
        &["collect", CASE, "submissions.zip", "bomb.zip"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "files were refused\n{}",
        stdout(&out)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 30 + 2 + 1 + 3 + 1, "{got:#?}");
    for n in (1..=30).filter(|n| ![4].contains(n)) {
        let l = line(
            &got,
            &format!(
                "s{n:02}_100{n:02}_200{n:02}_{}",
                if n == 12 {
                    "my work FINAL.txt".to_string()
                } else {
                    format!("s{n:02}.candor-handin")
                }
            ),
        );
        let articles = 1 + n % 5;
        assert!(
            l.contains(&format!(": accepted: s{n:02}, {articles} article")),
            "{l}"
        );
        assert!(!l.contains("re-anchored"), "{l}");
    }
    let s04 = line(&got, "s04_10004_20004_s04.candor-handin");
    assert!(s04.contains("accepted: s04, 5 articles"), "{s04}");
    assert!(s04.contains("text changed since the hand-out:"), "{s04}");
    assert!(s04.contains("re-anchored"), "{s04}");
    assert!(
        s04.contains("1 orphan kept where they were: digest \"words that are no longer"),
        "{s04}"
    );
    let twice = line(&got, "s07_10007_20107_s07-1.candor-handin");
    assert!(
        twice.contains("the same student twice: s07; the later hand-in was kept (")
            && twice.contains("s07_10007_20007_s07.candor-handin, made 2026-03-05T10:07:00Z"),
        "{twice}"
    );
    let taken = line(&got, "s15b_10099_20099_s15.candor-handin");
    assert!(
        taken.contains("refused: the name s15 is taken: s15 is already the LMS's student 10015"),
        "{taken}"
    );
    assert!(
        line(&got, "s31_10031_20031_s31.candor-handin")
            .contains("refused: made on another case (case cothercase00")
    );
    assert!(
        line(&got, "s03_10003_20103_notes.pdf")
            .contains("skipped: not a Candor hand-in (a .pdf file)")
    );
    assert!(line(&got, "amara_10040_20040_amara.candor-handin").contains(
        "refused: the name amara is taken: marks/amara/ holds marks that were not collected from a hand-in"
    ));
    assert!(line(&got, "../../x").contains("refused: goes up a folder (`..`)"));
    let b = line(&got, "s99_10099_20999_big.candor-handin");
    assert!(
        b.contains("bomb.zip: ") && b.contains("(a zip bomb); not read"),
        "{b}"
    );

    // Only the accepted students' folders changed.
    let after = snapshot(&root);
    let students: BTreeSet<String> = changed(&before, &after)
        .iter()
        .map(|p| {
            let mut parts = p
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            assert_eq!(parts.next().as_deref(), Some("marks"), "{}", p.display());
            parts.next().expect("a student folder")
        })
        .collect();
    let expected: BTreeSet<String> = (1..=30).map(|n| format!("s{n:02}")).collect();
    assert_eq!(students, expected);
    assert!(
        before.keys().all(|p| after.get(p) == before.get(p)),
        "nothing there before changed"
    );

    let case = Case::open(&root).expect("opens");
    assert!(
        case.load_problems().is_empty(),
        "{:?}",
        case.load_problems()
    );
    let s02 = AnnotatorId::new("s02");
    let amara = AnnotatorId::new("amara");
    let first3: Vec<ArticleId> = ["digest", "ledger", "tribune"].map(ArticleId::new).to_vec();
    for a in &first3 {
        assert_eq!(
            case.marks(&s02, a),
            case.marks(&amara, a),
            "s02 is amara's work on {a}"
        );
        assert_eq!(case.is_done(&s02, a), case.is_done(&amara, a));
    }
    assert!(case.marks(&s02, &ArticleId::new("wire")).is_empty());
    let record = read_record(&case, &s02).expect("a record");
    assert_eq!(record.user.as_deref(), Some("10002"));
    assert_eq!(record.articles, first3.iter().cloned().collect());
    assert!(root.join("marks/s02").join(RECORD_FILE).is_file());
    let s04 = AnnotatorId::new("s04");
    let digest = ArticleId::new("digest");
    let text = &case.article_text(&digest).expect("text").text;
    for m in case
        .marks(&s04, &digest)
        .iter()
        .filter(|m| m.id.as_str() != "mlost")
    {
        let at: String = text
            .chars()
            .skip(m.start.0)
            .take(m.end.0 - m.start.0)
            .collect();
        assert_eq!(at, m.quote, "re-anchored onto its words");
    }
    assert!(
        case.marks(&s04, &digest)
            .iter()
            .any(|m| m.id.as_str() == "mlost"),
        "an orphan is kept"
    );

    // Collecting the same files again changes nothing, byte for byte.
    let again = candor(
        &["collect", CASE, "submissions.zip", "bomb.zip"],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(snapshot(&root), after);
}

#[test]
fn a_moodle_download_zipped_or_unpacked_is_collected_and_its_folders_recorded() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, _copy) = handed_out(dir.path());
    let case = Case::open(&root).expect("opens");
    let folder = |n: usize| format!("Student {n:02}_50{n:02}_assignsubmission_file_");
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, h) in class(&case).iter().enumerate() {
        entries.push((
            format!("{}/{}.candor-handin", folder(i + 1), h.student),
            bytes(h),
        ));
    }
    entries.push((format!("{}/notes.pdf", folder(3)), b"%PDF-1.4".to_vec()));
    // Half the class as Moodle's zip, the other half unpacked into folders.
    let (zipped, unpacked) = entries.split_at(16);
    write_zip(&dir.path().join("moodle.zip"), zipped);
    for (name, bytes) in unpacked {
        let path = dir.path().join("download").join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let out = candor(&["collect", CASE, "moodle.zip", "download"], dir.path());
    ok(&out);
    let got = lines(&out);
    assert_eq!(got.len(), 31, "{got:#?}");
    assert_eq!(
        got.iter().filter(|l| l.contains(": accepted: s")).count(),
        30
    );
    let case = Case::open(&root).expect("opens");
    for n in [1, 16, 17, 30] {
        let record = read_record(&case, &AnnotatorId::new(format!("s{n:02}"))).expect("a record");
        assert_eq!(record.folder.as_deref(), Some(folder(n).as_str()));
        assert_eq!(record.user, Some(format!("50{n:02}")));
    }
    let after = snapshot(&root);
    let again = candor(&["collect", CASE, "moodle.zip", "download"], dir.path());
    ok(&again);
    assert_eq!(snapshot(&root), after, "a re-collect changes nothing");
}

#[test]
fn a_dry_run_says_the_same_and_writes_nothing_and_as_renames_one_hand_in() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, _copy) = handed_out(dir.path());
    let case = Case::open(&root).expect("opens");
    let h = hand_in(&case, "ben", "amara", 2, 1);
    std::fs::write(dir.path().join("amara.candor-handin"), bytes(&h)).expect("write");
    std::fs::write(
        dir.path().join("s01.candor-handin"),
        bytes(&hand_in(&case, "ben", "s01", 2, 1)),
    )
    .expect("write");
    let before = snapshot(&root);
    let dry = candor(
        &[
            "collect",
            CASE,
            "amara.candor-handin",
            "s01.candor-handin",
            "--dry-run",
        ],
        dir.path(),
    );
    assert_eq!(dry.status.code(), Some(1));
    assert!(
        stdout(&dry).contains("s01.candor-handin: accepted: s01, 2 articles"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(snapshot(&root), before, "a dry run writes nothing");

    let two = candor(
        &[
            "collect",
            CASE,
            "amara.candor-handin",
            "s01.candor-handin",
            "--as",
            "amara2",
        ],
        dir.path(),
    );
    assert_eq!(two.status.code(), Some(2));
    assert!(
        crate::util::stderr(&two).contains("--as names one student, but 2 hand-ins were found")
    );

    let renamed = candor(
        &["collect", CASE, "amara.candor-handin", "--as", "amara-b"],
        dir.path(),
    );
    ok(&renamed);
    assert!(
        stdout(&renamed).contains("accepted: amara-b, 2 articles"),
        "{}",
        stdout(&renamed)
    );
    let case = Case::open(&root).expect("opens");
    let record = read_record(&case, &AnnotatorId::new("amara-b")).expect("recorded");
    assert_eq!(
        record.student.as_str(),
        "amara",
        "the name in the hand-in is kept"
    );
    // The key's name is never a student's.
    let key = hand_in(&case, "ben", "key", 1, 1);
    std::fs::write(dir.path().join("key.candor-handin"), bytes(&key)).expect("write");
    let out = candor(&["collect", CASE, "key.candor-handin"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("the name key is taken: it is the answer key's"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn marks_already_collected_stay_and_a_later_hand_in_updates_them_mark_by_mark() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, _copy) = handed_out(dir.path());
    let case = Case::open(&root).expect("opens");
    let first = hand_in(&case, "ben", "s01", 2, 1);
    let mut later = hand_in(&case, "ben", "s01", 3, 2);
    let digest = ArticleId::new("digest");
    let gone = later
        .articles
        .get_mut(&digest)
        .expect("digest")
        .marks
        .remove(0);
    later.articles.get_mut(&digest).expect("digest").marks[0].note = "changed my mind".into();
    let mut case = Case::open(&root).expect("opens");
    let found = |h: &HandIn| gather::Found {
        source: "x".into(),
        lms: gather::Lms::default(),
        result: Ok(h.clone()),
    };
    collect::apply(&mut case, vec![found(&first)], &CollectOptions::default()).expect("first");
    let report =
        collect::apply(&mut case, vec![found(&later)], &CollectOptions::default()).expect("later");
    assert!(
        matches!(
            report.entries[0].status,
            Status::Accepted { articles: 3, .. }
        ),
        "{report:?}"
    );
    let s01 = AnnotatorId::new("s01");
    let marks = case.marks(&s01, &digest);
    assert!(
        marks.iter().any(|m| m.id == gone.id),
        "a mark only the case has stays"
    );
    assert!(
        marks.iter().any(|m| m.note == "changed my mind"),
        "the hand-in's version wins"
    );
    // An older hand-in than the one collected is passed over.
    let report =
        collect::apply(&mut case, vec![found(&first)], &CollectOptions::default()).expect("older");
    assert!(
        matches!(&report.entries[0].status, Status::SameStudentTwice { kept, .. } if kept.contains("collected before")),
        "{report:?}"
    );
}

#[test]
fn a_zip_over_the_limits_is_refused_whole_and_named() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("big.zip");
    write_zip(
        &path,
        &[
            ("a.txt".into(), vec![b'a'; 3000]),
            ("b.txt".into(), vec![b'b'; 3000]),
        ],
    );
    let limits = Limits {
        total_bytes: 4000,
        ..Limits::default()
    };
    let found = gather::read_all_with(std::slice::from_ref(&path), &limits, &Progress::none());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].source, path.display().to_string());
    let Err(gather::Skip::Refused(why)) = &found[0].result else {
        panic!("refused: {found:?}");
    };
    assert!(
        why.contains("would unpack to") && why.contains("nothing in it was read"),
        "{why}"
    );
    let few = Limits {
        entries: 1,
        ..Limits::default()
    };
    let found = gather::read_all_with(&[path], &few, &Progress::none());
    assert!(
        matches!(&found[0].result, Err(gather::Skip::Refused(w)) if w.contains("has 2 entries"))
    );
}

#[test]
fn with_a_roster_collect_names_who_has_no_hand_in_and_who_is_not_on_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (root, _copy) = handed_out(dir.path());
    std::fs::write(
        root.join("roster.csv"),
        "annotator,name,email\ns01,Ana Lopez,ana@school.example\ns02,Bo Chen,bo@school.example\n",
    )
    .expect("write the roster");
    let case = Case::open(&root).expect("opens");
    for (student, file) in [("s01", "s01.candor-handin"), ("zed", "zed.candor-handin")] {
        std::fs::write(
            dir.path().join(file),
            bytes(&hand_in(&case, "ben", student, 1, 1)),
        )
        .expect("write");
    }
    let out = candor(
        &["collect", CASE, "s01.candor-handin", "zed.candor-handin"],
        dir.path(),
    );
    ok(&out);
    let err = crate::util::stderr(&out);
    assert!(
        err.contains("1 student(s) on roster.csv have no hand-in yet: Bo Chen (s02)"),
        "{err}"
    );
    assert!(err.contains("zed is not on roster.csv"), "{err}");
    assert!(!err.contains("s01 is not on"), "{err}");
}
