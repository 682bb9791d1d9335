//! Files change under an open case: a `git pull`, a second window, a script.
//! Candor never overwrites what it did not read: a file changed on disk is
//! read again, merged mark by mark with unsaved edits, and a mark changed
//! differently on both sides is a conflict the user settles.

use std::fs;
use std::path::Path;
use std::time::Duration;

use candor::case::{Case, ConflictItem, FileKey};
use candor::edit::{self, Edit};
use candor::model::{AnnotatorId, ArticleId, CategoryId, MarkFile, MarkId};
use candor::storage;

use crate::util::{case_with, marked};

const WIRE: &str = "Police cleared the so-called camp at dawn. Officials called the campaigners a mob. Organisers said the camp was peaceful.";

fn amara() -> AnnotatorId {
    AnnotatorId::new("amara")
}

fn wire() -> ArticleId {
    ArticleId::new("wire")
}

/// The case with amara's two marks saved, and the path of her marks file.
fn setup(dir: &Path) -> (Case, std::path::PathBuf) {
    let mut case = case_with(dir, &[("wire", WIRE)]);
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared the [so-called]{loaded} camp at dawn. Officials called the campaigners [a mob]{loaded}. Organisers said the camp was peaceful.",
    );
    case.save().expect("saved");
    (case, dir.join("marks/amara/wire.ron"))
}

/// What another writer (a pull, a second window) does to the file: reads
/// it, changes it, writes it back. The file's time is moved on so a change
/// within the same clock tick is still seen.
fn change_on_disk(path: &Path, change: impl FnOnce(&mut MarkFile)) {
    let (mut file, _) = storage::read_ron::<MarkFile>(path).expect("the file reads");
    change(&mut file);
    fs::write(path, storage::to_ron(&file).expect("ron")).expect("write");
    bump_time(path);
}

fn bump_time(path: &Path) {
    let later = std::time::SystemTime::now() + Duration::from_secs(2);
    fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(later)
        .expect("set time");
}

fn quotes(case: &Case) -> Vec<String> {
    case.marks(&amara(), &wire())
        .iter()
        .map(|m| m.quote.clone())
        .collect()
}

fn range_of(phrase: &str) -> candor::text::CharRange {
    let b = WIRE.find(phrase).expect("in the text");
    let start = WIRE[..b].chars().count();
    candor::text::CharRange::new(start, start + phrase.chars().count())
}

/// A mark with an id of its own (two writers' ids never collide).
fn add_with_id(case: &mut Case, id: &str, phrase: &str, category: &str) -> MarkId {
    let mark = case
        .mark_with_id(
            MarkId::new(id),
            &wire(),
            range_of(phrase),
            &CategoryId::new(category),
        )
        .expect("fits");
    Edit::AddMark {
        annotator: amara(),
        article: wire(),
        mark,
    }
    .apply(case)
    .expect("apply");
    MarkId::new(id)
}

#[test]
fn a_marks_file_replaced_on_disk_is_read_again_when_nothing_is_unsaved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    change_on_disk(&path, |f| f.marks.retain(|m| m.quote != "a mob"));
    let changes = case.refresh_from_disk();
    assert_eq!(changes.reloaded, [Path::new("marks/amara/wire.ron")]);
    assert_eq!(quotes(&case), ["so-called"]);
    assert!(!case.has_unsaved_changes(), "nothing to write back");
    assert!(case.refresh_from_disk().is_empty(), "seen once");
}

#[test]
fn unsaved_marks_and_marks_added_on_disk_are_merged_mark_by_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    // Unsaved here: a mark on "Organisers said".
    let (e, _) = edit::mark_range(
        &case,
        &amara(),
        &wire(),
        range_of("Organisers said"),
        &CategoryId::new("attribution"),
    )
    .expect("edit");
    e.apply(&mut case).expect("apply");
    // There: a pull brings a mark on "Officials called", and a changed note.
    let mut other = Case::open(dir.path()).expect("another clone");
    add_with_id(&mut other, "m-there", "Officials called", "attribution");
    let mut first = other.marks(&amara(), &wire())[0].clone();
    first.note = "a scare-quote label".into();
    edit::replace_mark(&amara(), &wire(), first)
        .apply(&mut other)
        .expect("apply");
    other.save().expect("the other clone saves");
    bump_time(&path);
    let changes = case.refresh_from_disk();
    assert_eq!(changes.merged, [Path::new("marks/amara/wire.ron")]);
    assert_eq!(changes.conflicts, 0);
    assert_eq!(
        quotes(&case),
        ["so-called", "Officials called", "a mob", "Organisers said"]
    );
    assert_eq!(
        case.marks(&amara(), &wire())[0].note,
        "a scare-quote label",
        "their change is taken in"
    );
    case.save().expect("saved");
    let (on_disk, _) = storage::read_ron::<MarkFile>(&path).expect("reads");
    let got: Vec<&str> = on_disk.marks.iter().map(|m| m.quote.as_str()).collect();
    assert_eq!(
        got,
        ["so-called", "Officials called", "a mob", "Organisers said"]
    );
    assert_eq!(on_disk.marks[0].note, "a scare-quote label");
}

#[test]
fn a_save_never_overwrites_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    // An unsaved edit here; no look at the disk before saving.
    let (e, _) = edit::mark_range(
        &case,
        &amara(),
        &wire(),
        range_of("peaceful"),
        &CategoryId::new("loaded"),
    )
    .expect("edit");
    e.apply(&mut case).expect("apply");
    // Another writer adds a mark in the meantime.
    let mut second = Case::open(dir.path()).expect("a second writer");
    let theirs = add_with_id(&mut second, "m-second", "at dawn", "editorializing");
    second.save().expect("the second writer saves");
    let report = case.save().expect("saved");
    assert_eq!(report.absorbed.merged, [Path::new("marks/amara/wire.ron")]);
    let (on_disk, _) = storage::read_ron::<MarkFile>(&path).expect("reads");
    let got: Vec<&str> = on_disk.marks.iter().map(|m| m.quote.as_str()).collect();
    assert_eq!(got, ["so-called", "at dawn", "a mob", "peaceful"]);
    assert!(on_disk.marks.iter().any(|m| m.id == theirs));
}

#[test]
fn the_same_mark_changed_here_and_on_disk_is_a_conflict_and_is_not_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    let mut mine = case.marks(&amara(), &wire())[0].clone();
    mine.note = "mine".into();
    edit::replace_mark(&amara(), &wire(), mine)
        .apply(&mut case)
        .expect("apply");
    change_on_disk(&path, |f| f.marks[0].note = "theirs".into());
    let disk_before = fs::read_to_string(&path).expect("read");
    let changes = case.refresh_from_disk();
    assert_eq!(changes.conflicts, 1);
    let conflict = &case.conflicts()[0];
    assert_eq!(
        conflict.key,
        FileKey::Marks(amara(), wire()),
        "{conflict:?}"
    );
    let ConflictItem::Mark { ours, theirs, .. } = &conflict.item else {
        panic!("a mark conflict: {conflict:?}");
    };
    assert_eq!(ours.as_ref().map(|m| m.note.as_str()), Some("mine"));
    assert_eq!(theirs.as_ref().map(|m| m.note.as_str()), Some("theirs"));
    assert_eq!(
        case.marks(&amara(), &wire())[0].note,
        "mine",
        "ours in memory"
    );
    let report = case
        .save()
        .expect("a save with a held file is not an error");
    assert_eq!(report.held, [Path::new("marks/amara/wire.ron")]);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        disk_before,
        "theirs stays on disk until the user picks"
    );
    // The user keeps theirs: nothing to write, the disk already has it.
    case.resolve_conflict(0, true).expect("a conflict");
    assert_eq!(case.marks(&amara(), &wire())[0].note, "theirs");
    let report = case.save().expect("saved");
    assert!(
        report.held.is_empty() && report.written.is_empty(),
        "{report:?}"
    );
}

#[test]
fn keeping_mine_in_a_conflict_writes_mine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    // Deleted here, changed there.
    let id = case.marks(&amara(), &wire())[1].id.clone();
    edit::delete_mark(&case, &amara(), &wire(), &id)
        .apply(&mut case)
        .expect("delete");
    change_on_disk(&path, |f| f.marks[1].note = "a mob: a label".into());
    assert_eq!(case.refresh_from_disk().conflicts, 1);
    case.resolve_conflict(0, false).expect("a conflict");
    case.save().expect("saved");
    let (on_disk, _) = storage::read_ron::<MarkFile>(&path).expect("reads");
    assert!(
        on_disk.marks.iter().all(|m| m.id != id),
        "the delete is saved"
    );
}

#[test]
fn a_marks_file_broken_by_a_merge_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    let (e, _) = edit::mark_range(
        &case,
        &amara(),
        &wire(),
        range_of("peaceful"),
        &CategoryId::new("loaded"),
    )
    .expect("edit");
    e.apply(&mut case).expect("apply");
    let conflicted = "<<<<<<< HEAD\nMarks(format: 1, marks: [])\n=======\n>>>>>>> theirs\n";
    fs::write(&path, conflicted).expect("write");
    bump_time(&path);
    let changes = case.refresh_from_disk();
    assert_eq!(changes.problems.len(), 1, "{changes:?}");
    assert!(
        changes.problems[0].path.ends_with("marks/amara/wire.ron"),
        "{:?}",
        changes.problems[0]
    );
    assert!(case.save().is_ok());
    assert_eq!(fs::read_to_string(&path).expect("read"), conflicted);
    // Fixed by hand: taken in, merged with the unsaved mark, and saved.
    let mut fixed = MarkFile {
        format: 1,
        marks: Vec::new(),
        done: false,
    };
    fixed.marks.push(case.marks(&amara(), &wire())[0].clone());
    fs::write(&path, storage::to_ron(&fixed).expect("ron")).expect("write");
    bump_time(&path);
    let changes = case.refresh_from_disk();
    assert!(changes.problems.is_empty(), "{changes:?}");
    case.save().expect("saved");
    let (on_disk, _) = storage::read_ron::<MarkFile>(&path).expect("reads");
    assert!(on_disk.marks.iter().any(|m| m.quote == "peaceful"));
}

#[test]
fn a_new_annotator_pulled_in_appears_with_their_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, _) = setup(dir.path());
    let mut other = Case::open(dir.path()).expect("another clone");
    marked(
        &mut other,
        "ben",
        "wire",
        "Police cleared the so-called camp at dawn. Officials called the campaigners [a mob]{loaded}. Organisers said the camp was peaceful.",
    );
    other.save().expect("saved");
    let changes = case.refresh_from_disk();
    assert!(
        changes
            .reloaded
            .contains(&Path::new("marks/ben/wire.ron").to_path_buf())
    );
    let ben = AnnotatorId::new("ben");
    assert_eq!(case.marks(&ben, &wire()).len(), 1);
    assert!(!case.has_unsaved_changes());
}

#[test]
fn marks_added_to_one_claim_in_two_places_are_all_in_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, _) = setup(dir.path());
    let ids: Vec<MarkId> = case
        .marks(&amara(), &wire())
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let (e, link) = edit::new_link(
        &case,
        &amara(),
        candor::model::LinkKind::Claim,
        "camp cleared",
        &ids[0],
    );
    e.apply(&mut case).expect("apply");
    case.save().expect("saved");
    let mut other = Case::open(dir.path()).expect("a second window");
    edit::link_mark(&other, &amara(), &link, &ids[1])
        .expect("edit")
        .apply(&mut other)
        .expect("apply");
    other.save().expect("saved");
    // Here, unsaved: the note of the claim.
    let mut links = case.links(&amara()).expect("links").clone();
    links.claims[0].note = "the core claim".into();
    Edit::SetLinks {
        annotator: amara(),
        links,
    }
    .apply(&mut case)
    .expect("apply");
    let report = case.save().expect("saved");
    assert_eq!(report.absorbed.conflicts, 0);
    let back = Case::open(dir.path()).expect("reopen");
    let claim = &back.links(&amara()).expect("links").claims[0];
    assert_eq!(claim.marks, ids);
    assert_eq!(claim.note, "the core claim");
}

#[test]
fn temp_files_left_by_a_killed_save_are_gone_after_the_next_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = setup(dir.path());
    let folder = path.parent().expect("marks/amara");
    let left = folder.join(".candor-x1y2z3.tmp");
    fs::write(&left, "half a file").expect("write");
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&left)
        .expect("open")
        .set_modified(an_hour_ago)
        .expect("set time");
    let being_written = folder.join(".candor-now.tmp");
    fs::write(&being_written, "a save in progress").expect("write");
    let case = Case::open(dir.path()).expect("opens");
    assert!(!left.exists(), "the leftover is removed");
    assert!(being_written.exists(), "a save under way is left alone");
    assert!(
        case.load_problems().is_empty(),
        "{:?}",
        case.load_problems()
    );
}

/// A case of many articles, each mentioning a few terms, for two writers at once.
fn big_case(dir: &Path, articles: usize) -> std::path::PathBuf {
    let root = dir.join("big");
    let mut case = Case::create(&root, "Two writers").expect("create");
    for i in 0..articles {
        case.add_article(
            candor::model::ArticleMeta::new(ArticleId::new(format!("a{i:03}")), format!("Report {i}")),
            "Police cleared the so-called camp at dawn. Officials called the campaigners a mob. Rioters and thugs, said the ministry; agitators, said the mayor.",
        )
        .expect("add");
    }
    case.save().expect("save");
    root
}

fn write_lexicon(dir: &Path, name: &str, lines: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, lines).expect("lexicon");
    path
}

fn count_marks(root: &Path) -> usize {
    let case = Case::open(root).expect("reopen");
    case.annotators().values().map(|a| a.mark_count()).sum()
}

fn spawn(args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("candor starts")
}

#[test]
fn two_suggest_runs_at_once_on_one_annotator_lose_no_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = big_case(dir.path(), 120);
    let one = write_lexicon(
        dir.path(),
        "one.tsv",
        "loaded\tmob\nloaded\tthugs\nloaded\tso-called\n",
    );
    let two = write_lexicon(
        dir.path(),
        "two.tsv",
        "loaded\trioters\nloaded\tagitators\n",
    );
    let r = root.to_str().expect("utf8");
    let a = spawn(&[
        "suggest",
        r,
        "--lexicon",
        one.to_str().expect("utf8"),
        "--annotator",
        "key",
    ]);
    let b = spawn(&[
        "suggest",
        r,
        "--lexicon",
        two.to_str().expect("utf8"),
        "--annotator",
        "key",
    ]);
    for child in [a, b] {
        let out = child.wait_with_output().expect("finishes");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // 3 marks from the first lexicon and 2 from the second in every article.
    assert_eq!(
        count_marks(&root),
        120 * 5,
        "every mark of both runs is saved"
    );
    assert!(
        candor::validate::check(&Case::open(&root).expect("open"))
            .iter()
            .all(|p| !p.is_error())
    );
}

#[test]
fn check_fix_while_suggest_runs_loses_no_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = big_case(dir.path(), 120);
    let lexicon = write_lexicon(dir.path(), "terms.tsv", "loaded\tmob\nloaded\tthugs\n");
    let r = root.to_str().expect("utf8");
    // Marks to re-anchor: one mark per article, then its text corrected.
    let seed = write_lexicon(dir.path(), "seed.tsv", "loaded\tcampaigners\n");
    let out = spawn(&[
        "suggest",
        r,
        "--lexicon",
        seed.to_str().expect("utf8"),
        "--annotator",
        "key",
    ])
    .wait_with_output()
    .expect("seeded");
    assert!(out.status.success());
    for i in 0..120 {
        let path = root.join(format!("articles/a{i:03}.txt"));
        let text = fs::read_to_string(&path).expect("text");
        fs::write(&path, format!("UPDATE: {text}")).expect("correct");
    }
    let fix = spawn(&["check", r, "--fix"]);
    let suggest = spawn(&[
        "suggest",
        r,
        "--lexicon",
        lexicon.to_str().expect("utf8"),
        "--annotator",
        "key",
    ]);
    for child in [fix, suggest] {
        let out = child.wait_with_output().expect("finishes");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        count_marks(&root),
        120 * 3,
        "the seed's marks and the new ones"
    );
    let case = Case::open(&root).expect("open");
    assert!(candor::validate::orphans(&case).is_empty());
}

#[test]
fn handing_in_on_disk_merges_with_unsaved_marks_and_neither_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut case, path) = setup(dir.path());
    // Unsaved here: a new mark.
    add_with_id(&mut case, "m-here", "Organisers said", "attribution");
    // There (`candor done`, a second window): the article handed in.
    let mut other = Case::open(dir.path()).expect("another clone");
    Edit::SetDone {
        annotator: amara(),
        article: wire(),
        done: true,
    }
    .apply(&mut other)
    .expect("apply");
    other.save().expect("the other clone saves");
    bump_time(&path);
    let changes = case.refresh_from_disk();
    assert_eq!(changes.merged, [Path::new("marks/amara/wire.ron")]);
    assert!(case.is_done(&amara(), &wire()), "the flag is taken in");
    assert_eq!(quotes(&case), ["so-called", "a mob", "Organisers said"]);
    case.save().expect("saved");
    let (file, _) = storage::read_ron::<MarkFile>(&path).expect("reads");
    assert!(file.done, "the saved file keeps the flag");
    assert_eq!(file.marks.len(), 3, "and the unsaved mark");
}
