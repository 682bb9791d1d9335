//! `candor export --article`: the report (and every other format) of just
//! the articles named, in the case's order, blind or not; an id the case
//! does not have is refused with the ids it has.

use std::fs;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::model::AnnotatorId;

use crate::util::{candor, example_copy, ok, stderr, stdout};

fn export(case: &Path, format: &str, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec![
        "export",
        case.to_str().expect("UTF-8"),
        "--format",
        format,
        "--out",
        out.to_str().expect("UTF-8"),
    ];
    args.extend_from_slice(extra);
    let o = candor(&args, out.parent().expect("a parent"));
    ok(&o);
    stdout(&o).lines().map(PathBuf::from).collect()
}

/// Each article's title as the report shows it, in the report's order.
fn titles_in(html: &str) -> Vec<String> {
    html.split("<section class=\"article\">\n<h3>")
        .skip(1)
        .map(|s| s.split("</h3>").next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_report_of_one_article_holds_that_article_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let case = Case::open(&root).expect("opens");
    let ledger = case.article(&"ledger".into()).expect("ledger");
    let files = export(
        &root,
        "html",
        &dir.path().join("one"),
        &["--article", "ledger", "--annotator", "key"],
    );
    let html = fs::read_to_string(&files[0]).expect("the report");
    assert_eq!(titles_in(&html), std::slice::from_ref(&ledger.meta.title));
    assert!(html.contains("on 1 article(s)"), "{html}");
    for other in case
        .articles()
        .iter()
        .filter(|a| a.meta.id.as_str() != "ledger")
    {
        assert!(
            !html.contains(&format!("<h3>{}</h3>", other.meta.title)),
            "{} is in the report",
            other.meta.id
        );
    }
    let key = AnnotatorId::new("key");
    let marks = case.marks(&key, &"ledger".into()).len();
    assert_eq!(
        html.matches("<li id=\"nkey-").count(),
        marks,
        "its footnotes only"
    );
    // Several, given in any order, come in the case's order.
    let files = export(
        &root,
        "html",
        &dir.path().join("two"),
        &["--article", "ledger,wire"],
    );
    let html = fs::read_to_string(&files[0]).expect("the report");
    let want: Vec<String> = ["wire", "ledger"]
        .iter()
        .map(|id| {
            case.article(&(*id).into())
                .expect("there")
                .meta
                .title
                .clone()
        })
        .collect();
    let per_annotator = titles_in(&html);
    assert_eq!(&per_annotator[..2], &want[..], "in the case's order");
    assert_eq!(per_annotator.len(), 2 * case.annotators().len());
}

/// The levels of the page's headings, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| html.as_bytes().get(i + 2).copied())
        .filter(u8::is_ascii_digit)
        .map(|d| d - b'0')
        .collect()
}

#[test]
fn headings_go_down_one_level_at_a_time_with_one_annotator_or_several() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    for (name, extra) in [("one", &["-a", "key"][..]), ("all", &[][..])] {
        let files = export(&root, "html", &dir.path().join(name), extra);
        let html = fs::read_to_string(&files[0]).expect("the report");
        let levels = heading_levels(&html);
        assert_eq!(levels.first(), Some(&1), "{name}");
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{name}");
        assert!(
            levels.windows(2).all(|w| w[1] <= w[0] + 1),
            "{name}: {levels:?}"
        );
        assert_eq!(html.matches("<main>").count(), 1);
    }
}

#[test]
fn a_blind_report_of_one_article_keeps_its_place_in_the_case_as_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let case = Case::open(&root).expect("opens");
    let place = case
        .articles()
        .iter()
        .position(|a| a.meta.id.as_str() == "ledger")
        .expect("ledger");
    let files = export(
        &root,
        "html",
        &dir.path().join("blind"),
        &["--article", "ledger", "--blind", "--annotator", "key"],
    );
    let html = fs::read_to_string(&files[0]).expect("the report");
    assert_eq!(titles_in(&html), [format!("Article {}", place + 1)]);
    let ledger = case.article(&"ledger".into()).expect("ledger");
    assert!(!html.contains(&format!("<h3>{}</h3>", ledger.meta.title)));
}

#[test]
fn every_format_writes_only_the_articles_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let case = Case::open(&root).expect("opens");
    let key = AnnotatorId::new("key");
    let out = dir.path().join("csv");
    let files = export(&root, "csv", &out, &["--article", "wire", "-a", "key"]);
    let mut r = csv::Reader::from_path(&files[0]).expect("CSV");
    let article = r
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "article")
        .expect("an article column");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a row")).collect();
    assert_eq!(rows.len(), case.marks(&key, &"wire".into()).len());
    assert!(rows.iter().all(|row| &row[article] == "wire"));
    for (format, ext) in [("w3c", "jsonld"), ("brat", "ann")] {
        let out = dir.path().join(format);
        let files = export(&root, format, &out, &["--article", "wire", "-a", "key"]);
        let mut written: Vec<String> = files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == ext))
            .map(|f| {
                f.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        written.sort();
        assert_eq!(written, [format!("wire.{ext}")], "{format}");
    }
}

#[test]
fn an_article_the_case_does_not_have_is_refused_with_those_it_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let out = dir.path().join("out");
    let o = candor(
        &[
            "export",
            root.to_str().expect("UTF-8"),
            "--format",
            "html",
            "--out",
            out.to_str().expect("UTF-8"),
            "--article",
            "nowhere",
        ],
        dir.path(),
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("no article \"nowhere\"") && err.contains("ledger"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
}
