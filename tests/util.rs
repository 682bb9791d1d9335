//! Builders every test module shares, so that a test says what it sets up
//! in a line and not how: run the real binary, make an article, make a case
//! on disk. After ripgrep's `tests/util.rs`.

use std::path::Path;
use std::process::{Command, Output};

use candor::case::Case;
use candor::model::{ArticleId, ArticleMeta};

/// Runs the real `candor` binary in `cwd`, as a person would from a shell.
pub fn candor(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("candor runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that a run succeeded, showing all it printed if not.
#[track_caller]
pub fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

/// A news article's entry, dated the day the invented events happen.
pub fn article(id: &str, title: &str, outlet: &str) -> ArticleMeta {
    ArticleMeta {
        outlet: outlet.into(),
        date: "2026-03-03".into(),
        ..ArticleMeta::new(ArticleId::new(id), title)
    }
}

/// A case in `dir` with one article per `(id, text)`, titled "Article <id>",
/// and no marks; saved, so the binary can be run on it at once.
pub fn case_with(dir: &Path, articles: &[(&str, &str)]) -> Case {
    let mut case = Case::create(dir, "Test case").expect("the case is created");
    for (id, text) in articles {
        case.add_article(
            article(id, &format!("Article {id}"), "Continental Press"),
            text,
        )
        .expect("the article is added");
    }
    case.save().expect("the case is saved");
    case
}
