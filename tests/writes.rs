//! Where Candor writes: only inside the case folder, never through a link,
//! never where a file is not read back; and what it leaves for the next
//! try when a write is cut short. Every test runs the real binary on a case
//! a person (or an attacker) has edited by hand.

use std::fs;
use std::path::{Path, PathBuf};

use candor::model::{ArticleId, ArticleMeta};

use crate::util::{candor, case_with, ok, stderr, stdout};

const TEXT: &str =
    "Officials called the campaigners a mob. Organisers said the camp was peaceful.\n";

/// Every file under `dir`, relative to it, links not followed.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).expect("list") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("meta");
            if meta.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("under").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A case in `dir/a/case` with the article `wire`, and more articles whose
/// ids are `ids`, as a hand-edited `case.ron` would have them (each reads
/// `wire`'s text). Returns the case folder.
fn case_with_ids(dir: &Path, ids: &[&str]) -> PathBuf {
    let root = dir.join("a/case");
    let mut case = case_with(&root, &[("wire", TEXT)]);
    let manifest = case.manifest_mut().expect("writable");
    for id in ids {
        manifest.articles.push(ArticleMeta {
            file: "articles/wire.txt".into(),
            ..ArticleMeta::new(ArticleId::new(*id), "Hand-made")
        });
    }
    case.save().expect("save");
    root
}

fn lexicon(dir: &Path) -> PathBuf {
    let p = dir.join("terms.tsv");
    fs::write(&p, "loaded\tmob\n").expect("write");
    p
}

fn suggest(root: &Path, lexicon: &Path) -> std::process::Output {
    candor(
        &[
            "suggest",
            &root.display().to_string(),
            "--lexicon",
            &lexicon.display().to_string(),
            "--annotator",
            "key",
        ],
        root,
    )
}

#[test]
fn an_article_id_with_dots_and_slashes_never_writes_outside_the_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let absolute = dir.path().join("abs");
    let absolute = absolute.to_str().expect("utf-8 temp path");
    let root = case_with_ids(dir.path(), &["../../../x", absolute]);
    let terms = lexicon(dir.path());

    let o = suggest(&root, &terms);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("not marked: article \"../../../x\" has an id that cannot be a file name"),
        "{err}"
    );
    assert!(
        err.contains("added 1 mark(s) for key in 1 article(s)"),
        "{err}"
    );
    // Nothing but the case and the lexicon anywhere under the temp folder.
    let outside: Vec<PathBuf> = files_under(dir.path())
        .into_iter()
        .filter(|p| !p.starts_with("a/case"))
        .collect();
    assert_eq!(outside, [PathBuf::from("terms.tsv")]);
    assert!(!Path::new(&format!("{absolute}.ron")).exists());
    assert!(root.join("marks/key/wire.ron").exists());

    // `check` points at each id in case.ron and says what it means.
    let o = candor(&["check", "."], &root);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("article id \"../../../x\" cannot be a file name"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("./case.ron:") && line.contains(": error: "),
        "{line}"
    );
    assert!(line.contains("marks are read-only"), "{line}");
    assert!(
        out.contains(&format!("article id {absolute:?} cannot")),
        "{out}"
    );
}

#[test]
fn an_article_id_with_a_slash_is_read_only_instead_of_marked_again_on_every_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_ids(dir.path(), &["wire/copy"]);
    let terms = lexicon(dir.path());
    for _ in 0..2 {
        let o = suggest(&root, &terms);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("\"wire/copy\" has an id that cannot be a file name"));
    }
    // Only the valid article's file, marked once, and no folder for the other.
    let marks = files_under(&root.join("marks"));
    assert_eq!(marks, [PathBuf::from("key/wire.ron")]);
    let wire = fs::read_to_string(root.join("marks/key/wire.ron")).expect("read");
    assert_eq!(wire.matches("quote: \"mob\"").count(), 1, "{wire}");
}

#[cfg(unix)]
#[test]
fn a_linked_marks_or_annotator_folder_is_never_followed_out_of_the_case() {
    use std::os::unix::fs::symlink;
    for linked in ["marks", "marks/key"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = case_with_ids(dir.path(), &[]);
        let terms = lexicon(dir.path());
        // Someone else's folder, with a marks file of their own.
        let theirs = dir.path().join("theirs");
        fs::create_dir_all(theirs.join("key")).expect("folder");
        let their_file = "Marks(format: 1, marks: [])\n";
        fs::write(theirs.join("wire.ron"), their_file).expect("write");
        fs::write(theirs.join("key/wire.ron"), their_file).expect("write");
        let at = root.join(linked);
        let _ = fs::remove_dir_all(&at);
        fs::create_dir_all(at.parent().expect("parent")).expect("folder");
        symlink(&theirs, &at).expect("link");

        let o = candor(&["check", "."], &root);
        assert_eq!(o.status.code(), Some(1), "{linked}: {}", stdout(&o));
        assert!(
            stdout(&o).contains(&format!(
                "./{linked}: error: is a symbolic link that leads outside the case folder"
            )),
            "{linked}: {}",
            stdout(&o)
        );
        let o = suggest(&root, &terms);
        assert!(
            stderr(&o).contains("is a symbolic link, or inside a linked folder"),
            "{linked}: {}",
            stderr(&o)
        );
        assert_eq!(
            files_under(&theirs),
            [PathBuf::from("key/wire.ron"), PathBuf::from("wire.ron")],
            "{linked}"
        );
        for f in ["wire.ron", "key/wire.ron"] {
            assert_eq!(
                fs::read_to_string(theirs.join(f)).expect("read"),
                their_file
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_linked_marks_file_is_read_only_and_never_written_through() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_ids(dir.path(), &[]);
    let terms = lexicon(dir.path());
    ok(&suggest(&root, &terms));
    // The marks file moved elsewhere inside the case, and linked back.
    let real = root.join("marks/key/wire.ron");
    let kept = root.join("kept.ron");
    fs::rename(&real, &kept).expect("move");
    symlink(&kept, &real).expect("link");
    let before = fs::read_to_string(&kept).expect("read");

    let o = candor(&["check", "."], &root);
    ok(&o);
    assert!(
        stdout(&o).contains("./marks/key/wire.ron: warning: is a symbolic link: Candor reads it"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("1 mark(s)"),
        "it is read: {}",
        stderr(&o)
    );
    fs::write(root.join("more.tsv"), "loaded\tpeaceful\n").expect("write");
    let o = suggest(&root, &root.join("more.tsv"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("marks/key/wire.ron: is a symbolic link"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&kept).expect("read"), before);
    assert!(
        fs::symlink_metadata(&real)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_new_case_tells_git_to_leave_out_candors_temp_and_lock_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&candor(&["new", "c"], dir.path()));
    let ignore = fs::read_to_string(dir.path().join("c/.gitignore")).expect(".gitignore");
    let patterns: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(patterns, [".candor-*.tmp", ".candor.lock"], "{ignore}");
    // And the case still checks: the file is not taken for part of it.
    let o = candor(&["check", "c"], dir.path());
    ok(&o);
    assert!(!stdout(&o).contains("gitignore"), "{}", stdout(&o));
}

#[test]
fn an_import_stopped_before_the_manifest_was_saved_can_be_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(&candor(&["new", "case"], d));
    fs::write(d.join("wire.txt"), "Wire report\r\n\r\nThe mob left.\r\n").expect("write");
    // What an import stopped by a full disk leaves: the text, written as
    // import writes it, and a case.ron that does not list it.
    fs::write(
        d.join("case/articles/wire.txt"),
        "Wire report\n\nThe mob left.\n",
    )
    .expect("write");
    let o = candor(&["import", "case", "wire.txt"], d);
    ok(&o);
    assert!(stderr(&o).contains("imported wire.txt as article \"wire\""));
    let manifest = fs::read_to_string(d.join("case/case.ron")).expect("read");
    assert!(
        manifest.contains("file: \"articles/wire.txt\""),
        "{manifest}"
    );
    ok(&candor(&["check", "case", "--strict"], d));

    // Someone else's different text under that name is still refused.
    fs::write(d.join("tribune.txt"), "Tribune report\n").expect("write");
    fs::write(d.join("case/articles/tribune.txt"), "Another text\n").expect("write");
    let o = candor(&["import", "case", "tribune.txt"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "articles/tribune.txt: already exists but is not in case.ron; move it away first"
        ),
        "{}",
        stderr(&o)
    );
    let kept = fs::read_to_string(d.join("case/articles/tribune.txt")).expect("read");
    assert_eq!(kept, "Another text\n");
}

/// A `.candor.lock` that was a dangling link made every save create a file
/// wherever it pointed; now the save is refused, with what to do, and
/// nothing appears outside the case.
#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_stops_the_save_and_writes_nothing_outside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_ids(dir.path(), &[]);
    let terms = lexicon(dir.path());
    let outside = dir.path().join("outside-file");
    fs::remove_file(root.join(".candor.lock")).ok();
    std::os::unix::fs::symlink("../../outside-file", root.join(".candor.lock")).expect("link");

    let o = suggest(&root, &terms);
    assert!(!o.status.success(), "the save must fail");
    let err = stderr(&o);
    assert!(err.contains(".candor.lock"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!outside.exists(), "a file was made outside the case");
    assert!(
        !root.join("marks/key/wire.ron").exists(),
        "nothing is saved while the lock is refused"
    );

    fs::remove_file(root.join(".candor.lock")).expect("remove the link");
    ok(&suggest(&root, &terms));
    assert!(
        root.join("marks/key/wire.ron").exists(),
        "saved once it is gone"
    );
}

/// A `.candor.lock` that was a named pipe made every save hang.
#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_named_pipe_stops_the_save_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_ids(dir.path(), &[]);
    let terms = lexicon(dir.path());
    fs::remove_file(root.join(".candor.lock")).ok();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join(".candor.lock"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());

    let o = suggest(&root, &terms);
    assert!(!o.status.success(), "the save must fail");
    let err = stderr(&o);
    assert!(err.contains("named pipe"), "{err}");
}

/// Opening a case cleaned up old temp files through a linked `marks/` or
/// annotator folder, deleting files outside the case, even from `check`.
#[cfg(unix)]
#[test]
fn opening_a_case_deletes_no_temp_file_behind_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = case_with_ids(dir.path(), &[]);
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(elsewhere.join("ann")).expect("mkdir");
    let old_temps = [
        elsewhere.join(".candor-a1.tmp"),
        elsewhere.join("ann/.candor-b2.tmp"),
    ];
    let inside = root.join(".candor-c3.tmp");
    for p in old_temps.iter().chain([&inside]) {
        fs::write(p, "left by a killed save").expect("write");
        let file = fs::File::options().write(true).open(p).expect("open");
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        file.set_modified(an_hour_ago).expect("age it");
    }
    fs::remove_dir_all(root.join("marks")).ok();
    std::os::unix::fs::symlink(&elsewhere, root.join("marks")).expect("link marks/");
    let _ = candor(&["check", &root.display().to_string()], &root);
    for p in &old_temps {
        assert!(p.exists(), "{} was deleted through a link", p.display());
    }
    assert!(!inside.exists(), "the case's own old temp file goes");

    // An annotator folder that is a link, under a real marks/ folder.
    fs::remove_file(root.join("marks")).expect("unlink");
    fs::create_dir(root.join("marks")).expect("mkdir");
    std::os::unix::fs::symlink(elsewhere.join("ann"), root.join("marks/ann")).expect("link");
    let _ = candor(&["check", &root.display().to_string()], &root);
    assert!(
        old_temps[1].exists(),
        "deleted through a linked annotator folder"
    );
}

/// Ctrl-C while `export` writes its folder: the files under way are
/// finished before the command ends as interrupted, so the folder holds the
/// whole export, as one not interrupted does. A Ctrl-C used to leave part
/// of the files (321 of 2,407 in one try).
#[cfg(unix)]
#[test]
fn ctrl_c_while_an_export_is_written_leaves_the_whole_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let ids: Vec<String> = (0..300).map(|i| format!("a{i:03}")).collect();
    let articles: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), TEXT)).collect();
    case_with(&root, &articles);
    ok(&suggest(&root, &lexicon(dir.path())));
    let export = |out: &str| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_candor"));
        c.args(["export", "case", "--format", "brat", "--out", out])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        c
    };
    let full = export("full").output().expect("candor runs");
    ok(&full);
    let whole = files_under(&dir.path().join("full"));
    assert!(whole.len() > 600, "{} files", whole.len());

    let cut = dir.path().join("cut");
    let mut child = export("cut").spawn().expect("candor runs");
    // The marker is the folder's first file: writing has begun.
    while !cut.join(candor::export::folder::MARKER).exists() {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let pid = i32::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) with a pid we spawned and a signal number; it reads
    // and writes no memory of ours.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let o = child.wait_with_output().expect("candor ends");
    let code = o.status.code();
    assert!(
        code == Some(130) || code == Some(0),
        "interrupted, or done before the signal: {:?} {}",
        o.status,
        stderr(&o)
    );
    assert_eq!(files_under(&cut), whole, "the whole export, no temp file");
}
