//! The real `candor` binary, run in temp folders as a person would run it.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util::{candor, ok, stderr, stdout};

const WIRE: &str = "Police clear Northgate camp\n\nPolice cleared the protest camp before dawn, the ministry said. \
Officials called the campaigners a mob. Organisers said the camp was peaceful.\n";
const TRIBUNE: &str =
    "Eco-radicals routed\r\n\r\nThe so-called campaigners, a mob of agitators, were routed.\r\n";

/// A case with two imported articles, in `dir/case`.
fn new_case(dir: &Path) -> PathBuf {
    ok(&candor(&["new", "case", "--title", "Northgate"], dir));
    fs::write(dir.join("wire.txt"), WIRE).expect("write");
    fs::write(dir.join("tribune.txt"), format!("\u{feff}{TRIBUNE}")).expect("write");
    ok(&candor(
        &[
            "import",
            "case",
            "wire.txt",
            "tribune.txt",
            "--outlet",
            "Continental Press",
            "--date",
            "2026-03-03",
        ],
        dir,
    ));
    dir.join("case")
}

fn lexicon(dir: &Path) -> PathBuf {
    let p = dir.join("terms.tsv");
    fs::write(
        &p,
        "# terms the class discusses\nloaded\tmob\nloaded\tso-called\nloaded\teco-radicals\n",
    )
    .expect("write");
    p
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    for cmd in ["new", "import", "check", "stats", "suggest", "open"] {
        let o = candor(&[cmd, "--help"], dir.path());
        ok(&o);
        assert!(
            stdout(&o).contains("Usage: candor"),
            "{cmd}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn new_makes_a_case_that_checks_clean_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&candor(&["new", "c", "--title", "My case"], dir.path()));
    let manifest = fs::read_to_string(dir.path().join("c/case.ron")).expect("case.ron");
    assert!(manifest.contains("title: \"My case\""), "{manifest}");
    assert_eq!(
        fs::read_to_string(dir.path().join("c/schema.ron")).expect("schema"),
        candor::storage::to_ron(&candor::model::Schema::default_schema()).expect("ron")
    );
    let o = candor(&["check", "c"], dir.path());
    ok(&o);
    assert!(stdout(&o).contains("no articles"), "{}", stdout(&o));
    // A warning fails --strict.
    assert_eq!(
        candor(&["check", "c", "--strict"], dir.path())
            .status
            .code(),
        Some(1)
    );
    let o = candor(&["new", "c"], dir.path());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
}

#[test]
fn import_normalises_text_and_takes_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    let tribune = fs::read_to_string(case.join("articles/tribune.txt")).expect("text");
    assert_eq!(
        tribune,
        TRIBUNE.replace("\r\n", "\n"),
        "BOM and CRLF removed"
    );
    let manifest = fs::read_to_string(case.join("case.ron")).expect("manifest");
    assert!(manifest.contains("id: \"tribune\""), "{manifest}");
    assert!(
        manifest.contains("title: \"Eco-radicals routed\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("outlet: \"Continental Press\""),
        "{manifest}"
    );
    assert!(manifest.contains("date: \"2026-03-03\""), "{manifest}");
    ok(&candor(&["check", "case", "--strict"], dir.path()));
}

#[test]
fn import_refuses_bad_files_by_name_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait").expect("write");
    fs::write(dir.path().join("page.html"), "<p>hi</p>").expect("write");
    fs::write(dir.path().join("good.md"), "# A good one\n\nText.\n").expect("write");
    let o = candor(
        &[
            "import",
            "case",
            "latin1.txt",
            "page.html",
            "good.md",
            "wire.txt",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("latin1.txt") && err.contains("UTF-8"), "{err}");
    assert!(err.contains("page.html") && err.contains(".txt"), "{err}");
    assert!(err.contains("already has an article \"wire\""), "{err}");
    assert!(case.join("articles/good.txt").exists());
    ok(&candor(&["check", "case"], dir.path()));
}

#[test]
fn suggest_marks_whole_words_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    let lex = lexicon(dir.path());
    let lex = lex.to_str().expect("utf-8 path");
    let o = candor(
        &["suggest", "case", "--lexicon", lex, "--annotator", "key"],
        dir.path(),
    );
    ok(&o);
    assert!(stderr(&o).contains("added 4 mark(s)"), "{}", stderr(&o));
    let marks = fs::read_to_string(case.join("marks/key/tribune.ron")).expect("marks");
    assert!(marks.contains("quote: \"so-called\""), "{marks}");
    assert!(marks.contains("quote: \"Eco-radicals\""), "{marks}");
    // Running it again adds nothing and changes no byte.
    let o = candor(
        &["suggest", "case", "--lexicon", lex, "--annotator", "key"],
        dir.path(),
    );
    ok(&o);
    assert!(stderr(&o).contains("added 0 mark(s)"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(case.join("marks/key/tribune.ron")).expect("marks"),
        marks
    );
    ok(&candor(&["check", "case", "--strict"], dir.path()));
}

#[test]
fn suggest_reports_a_bad_lexicon_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    new_case(dir.path());
    fs::write(
        dir.path().join("bad.tsv"),
        "loaded\tmob\nslant\tthugs\nno tab here\n",
    )
    .expect("write");
    let o = candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            "bad.tsv",
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.tsv:2:1") && err.contains("unknown category \"slant\""),
        "{err}"
    );
    assert!(err.contains("bad.tsv:3:1"), "{err}");
    assert!(
        !dir.path().join("case/marks/key").exists(),
        "nothing written on a bad lexicon"
    );
}

#[test]
fn stats_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    new_case(dir.path());
    let lex = lexicon(dir.path());
    ok(&candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            lex.to_str().expect("path"),
            "--annotator",
            "key",
        ],
        dir.path(),
    ));

    let o = candor(&["stats", "case", "--format", "json"], dir.path());
    ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["categories"][0], "loaded");
    let articles = &v["annotators"][0]["articles"];
    assert_eq!(v["annotators"][0]["annotator"], "key");
    assert_eq!(articles[0]["article"], "wire");
    assert_eq!(articles[0]["counts"][0], 1);
    assert_eq!(articles[1]["counts"][0], 3);
    assert_eq!(articles[1]["words"], 13);
    assert_eq!(articles[1]["per_1000_words"][0], 230.77);

    let o = candor(&["stats", "case", "--format", "csv"], dir.path());
    ok(&o);
    let csv = stdout(&o);
    assert!(
        csv.starts_with("annotator,article,outlet,words,loaded,attribution,editorializing,"),
        "{csv}"
    );
    assert!(
        csv.contains("key,tribune,Continental Press,13,3,0,0,230.77,0.00,0.00"),
        "{csv}"
    );

    let o = candor(&["stats", "case"], dir.path());
    ok(&o);
    assert!(stdout(&o).contains("3 (230.8/1k)"), "{}", stdout(&o));

    let o = candor(&["stats", "case", "--annotator", "nobody"], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no annotator \"nobody\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_file_is_reported_with_line_and_column_and_left_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    let lex = lexicon(dir.path());
    ok(&candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            lex.to_str().expect("path"),
            "--annotator",
            "key",
        ],
        dir.path(),
    ));
    let path = case.join("marks/key/tribune.ron");
    let broken = fs::read_to_string(&path)
        .expect("read")
        .replacen("quote:", "quote", 1);
    fs::write(&path, &broken).expect("write");

    let o = candor(&["check", "case"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("tribune.ron"))
        .unwrap_or_else(|| panic!("{out}"));
    let loc = line.split(": error").next().expect("location");
    let parts: Vec<&str> = loc.rsplitn(3, ':').collect();
    assert!(
        parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
        "{line}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        broken,
        "never overwritten"
    );

    // The rest of the case still works: stats counts wire, suggest leaves the broken file alone.
    let o = candor(&["stats", "case", "--format", "json"], dir.path());
    ok(&o);
    assert!(
        stderr(&o).contains("tribune.ron"),
        "the problem is shown: {}",
        stderr(&o)
    );
    let o = candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            lex.to_str().expect("path"),
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    assert!(
        !o.status.success(),
        "suggest refuses to touch the broken file"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        broken,
        "never overwritten"
    );
}

#[test]
fn bad_references_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    let manifest = fs::read_to_string(case.join("case.ron")).expect("read");
    fs::write(
        case.join("case.ron"),
        manifest.replace("articles/wire.txt", "../../etc/passwd"),
    )
    .expect("write");
    fs::create_dir_all(case.join("marks/ben")).expect("dir");
    fs::write(
        case.join("marks/ben/missing.ron"),
        "Marks(format: 1, marks: [])\n",
    )
    .expect("write");
    let o = candor(&["check", "case"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("outside the case folder"), "{out}");
    assert!(
        out.contains("case.ron:") && out.contains("\"wire\""),
        "{out}"
    );
    assert!(
        out.contains("missing.ron") && out.contains("not in case.ron"),
        "{out}"
    );
}

#[test]
fn a_file_from_a_newer_candor_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    fs::create_dir_all(case.join("marks/key")).expect("dir");
    let newer = "Marks(format: 9, marks: [])\n";
    fs::write(case.join("marks/key/wire.ron"), newer).expect("write");
    let o = candor(&["check", "case"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("format 9"), "{}", stdout(&o));
    let lex = lexicon(dir.path());
    let _ = candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            lex.to_str().expect("path"),
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    assert_eq!(
        fs::read_to_string(case.join("marks/key/wire.ron")).expect("read"),
        newer
    );
}

#[test]
fn a_folder_without_a_case_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = candor(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no case here"), "{}", stderr(&o));
}

#[test]
fn a_thousand_articles_and_a_lexicon_make_thousands_of_marks_that_check_accepts() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&candor(&["new", "big"], dir.path()));
    let src = dir.path().join("src");
    fs::create_dir_all(&src).expect("dir");
    let mut names = Vec::new();
    for i in 0..1000 {
        let name = format!("src/report-{i:04}.txt");
        let body = format!(
            "Report {i}\n{}{}\n",
            "The regime said the so-called experts were wrong, officials claimed. \
             Résidents called it a “mob” action; the regime insisted otherwise.\n"
                .repeat(4),
            "Police cleared the camp. ".repeat(i % 7)
        );
        fs::write(dir.path().join(&name), body).expect("write");
        names.push(name);
    }
    let mut args = vec!["import", "big"];
    args.extend(names.iter().map(String::as_str));
    ok(&candor(&args, dir.path()));
    fs::write(
        dir.path().join("lex.tsv"),
        "loaded\tregime\nloaded\tso-called\nloaded\tmob\nattribution\tclaimed\nattribution\tinsisted\n",
    )
    .expect("write");
    let o = candor(
        &[
            "suggest",
            "big",
            "--lexicon",
            "lex.tsv",
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("added 24000 mark(s) for key in 1000 article(s)"),
        "{}",
        stderr(&o)
    );
    let o = candor(&["check", "big", "--strict"], dir.path());
    ok(&o);
    assert!(
        stderr(&o).contains("1000 article(s), 1 annotator(s), 24000 mark(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_case_ron_fails_check_with_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path());
    let manifest = fs::read_to_string(case.join("case.ron")).expect("read");
    let broken = manifest.replacen("title:", "titel:", 1);
    fs::write(case.join("case.ron"), &broken).expect("write");
    let o = candor(&["check", "case"], dir.path());
    assert_eq!(o.status.code(), Some(1), "not valid is exit 1");
    assert!(
        stdout(&o).contains("case.ron:3:5: error:"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        fs::read_to_string(case.join("case.ron")).expect("read"),
        broken
    );
}

/// `candor check big | head -1` panicked in `println!` ("failed printing to
/// stdout: Broken pipe") and exited 101 once `head` had its line and closed
/// the pipe. A reader that stops early is not an error: exit 0, say nothing.
#[test]
fn check_piped_into_head_exits_0_without_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&candor(&["new", "big"], dir.path()));
    fs::create_dir_all(dir.path().join("src")).expect("dir");
    let mut names = Vec::new();
    for i in 0..300 {
        let name = format!("src/report-{i:03}.txt");
        let body = format!(
            "Report {i}\n{}",
            "The regime said the so-called experts were wrong, officials claimed. \
             The regime insisted otherwise.\n"
                .repeat(5)
        );
        fs::write(dir.path().join(&name), body).expect("write");
        names.push(name);
    }
    let mut args = vec!["import", "big"];
    args.extend(names.iter().map(String::as_str));
    ok(&candor(&args, dir.path()));
    fs::write(
        dir.path().join("lex.tsv"),
        "loaded\tregime\nloaded\tso-called\nattribution\tclaimed\nattribution\tinsisted\n",
    )
    .expect("write");
    let o = candor(
        &[
            "suggest",
            "big",
            "--lexicon",
            "lex.tsv",
            "--annotator",
            "key",
        ],
        dir.path(),
    );
    ok(&o);
    assert!(stderr(&o).contains("added 7500 mark(s)"), "{}", stderr(&o));
    // A headline added to every text moves every mark: `check` prints one
    // note per mark, far more than a pipe holds (64 KiB on Linux), so it is
    // still writing when the reader goes away.
    for entry in fs::read_dir(dir.path().join("big/articles")).expect("articles") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, format!("Update: {text}")).expect("write");
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["check", "big"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("candor runs");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a first line");
        // Dropping the reader closes the pipe, as `head -1` does.
    }
    assert!(
        first.contains(": note: mark m") && first.contains(" moved from "),
        "{first}"
    );
    assert!(
        first.len() * 7500 > 4 * 64 * 1024,
        "the notes must overfill the pipe for this test to mean anything"
    );
    let out = child.wait_with_output().expect("candor exits");
    // The summary and the `--fix` hint go to stderr only after every finding
    // is written, so a reader that stopped early gets neither, and no error.
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// `candor import CASE FILES --dry-run | head -2` once reported the closed
/// pipe as a failed import ("Broken pipe", "1 of 1 file(s) not imported");
/// a reader that stops early ends the dry run quietly, like `check`.
#[test]
fn a_dry_run_piped_into_head_ends_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&candor(&["new", "c"], dir.path()));
    let mut names = Vec::new();
    for i in 0..40 {
        let name = format!("report-{i:02}.txt");
        let body =
            "Officials said the clearance was lawful; campaigners disputed it.\n".repeat(200);
        fs::write(dir.path().join(&name), format!("Report {i}\n\n{body}")).expect("write");
        names.push(name);
    }
    let mut args = vec!["import", "c", "--dry-run"];
    args.extend(names.iter().map(String::as_str));
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(&args)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("candor runs");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a first line");
    }
    assert!(first.contains("would be added as article"), "{first}");
    let out = child.wait_with_output().expect("candor exits");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(
        !dir.path().join("c/articles/report-00.txt").exists(),
        "a dry run adds nothing"
    );
}

#[test]
fn an_articles_details_are_changed_after_import_and_it_is_removed_only_with_its_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let out = candor(
        &[
            "article",
            "case",
            "tribune",
            "--outlet",
            "The Calder Tribune",
            "--genre",
            "opinion",
            "--move-to",
            "1",
        ],
        dir.path(),
    );
    ok(&out);
    assert!(
        stdout(&out).contains("tribune (1 of 2)"),
        "{}",
        stdout(&out)
    );
    let case = candor::case::Case::open(&root).expect("open");
    assert_eq!(case.articles()[0].meta.outlet, "The Calder Tribune");
    assert_eq!(case.articles()[0].meta.genre, candor::model::Genre::Opinion);
    // Marked by someone: not removed without --with-marks.
    let lex = lexicon(dir.path());
    ok(&candor(
        &[
            "suggest",
            "case",
            "--lexicon",
            lex.to_str().expect("utf8"),
            "--annotator",
            "key",
        ],
        dir.path(),
    ));
    let out = candor(&["article", "case", "tribune", "--remove"], dir.path());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--with-marks"), "{}", stderr(&out));
    let out = candor(
        &["article", "case", "tribune", "--remove", "--with-marks"],
        dir.path(),
    );
    ok(&out);
    assert!(
        stdout(&out).contains("removed article tribune and"),
        "{}",
        stdout(&out)
    );
    ok(&candor(&["check", "case", "--strict"], dir.path()));
    assert!(!root.join("articles/tribune.txt").exists());
    assert!(!root.join("marks/key/tribune.ron").exists());
}
