//! Saved web pages become articles: `candor import CASE page.html` keeps the
//! article and its details and drops everything around it, `--dry-run`
//! shows it first, `-` reads standard input. The pages under `pages/` are
//! written for these tests in the shapes news sites use; none is a copy of
//! a real site's page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use candor::case::Case;
use candor::model::ArticleId;

use crate::util::{candor, case_with, ok, stderr, stdout};

pub fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/formats/pages")
        .join(name)
}

/// A case with one text article, so imports add to something.
fn empty_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    case_with(&root, &[("wire", "Police cleared the camp.")]);
    root
}

fn imported(root: &Path, id: &str) -> (candor::model::ArticleMeta, String) {
    let case = Case::open(root).expect("the case opens");
    let a = case
        .article(&ArticleId::new(id))
        .unwrap_or_else(|| panic!("article {id} was added"));
    let text = a.text.as_ref().expect("its text").text.clone();
    (a.meta.clone(), text)
}

fn import(root: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        root.to_str().expect("UTF-8"),
        file.to_str().expect("UTF-8"),
    ];
    args.extend_from_slice(extra);
    candor(&args, root)
}

#[test]
fn an_article_with_an_aside_and_comments_keeps_only_the_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    ok(&import(&root, &page("aside-and-comments.html"), &[]));
    let (meta, text) = imported(&root, "aside-and-comments");
    assert_eq!(
        meta.title,
        "Police clear Northgate Dam camp; dozens detained"
    );
    assert_eq!(meta.outlet, "The Valley Tribune");
    assert_eq!(meta.date, "2026-03-03");
    assert_eq!(
        meta.url, "https://tribune.example/2026/03/03/northgate-camp",
        "the canonical link wins over og:url"
    );
    for kept in [
        "Riot police swept through the protest camp at Northgate Dam",
        // Entities decoded; a no-break space is a plain space.
        "at about 5 a.m., “without warning,” according to",
        "“proportionate & lawful”",
        "ministry’s statement called the operation",
        "a retired teacher from the village below the dam",
        "The regional parliament is due to vote on compensation next month.",
    ] {
        assert!(text.contains(kept), "{kept:?} is missing from:\n{text}");
    }
    for gone in [
        "Related stories",
        "Dam repairs delayed",
        "COMMENT:",
        "ADVERTISEMENT",
        "Share on Facebook",
        "Subscribe",
        "analytics",
        "data-pwned",
        "All rights reserved",
        "font-family",
        "&ldquo;",
        "&amp;",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in:\n{text}");
    }
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert!(paragraphs.len() >= 5, "{paragraphs:#?}");
    assert!(
        paragraphs
            .iter()
            .all(|p| !p.is_empty() && p.trim() == *p && !p.contains("  ")),
        "paragraphs are trimmed, one blank line apart: {paragraphs:#?}"
    );
}

#[test]
fn a_live_blog_keeps_every_entry_in_the_page_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    ok(&import(&root, &page("live-blog.html"), &[]));
    let (meta, text) = imported(&root, "live-blog");
    assert_eq!(meta.outlet, "Morning Ledger");
    assert_eq!(
        meta.url, "https://ledger.example/live/northgate-dam",
        "og:url"
    );
    assert!(
        meta.title.starts_with("Live: Northgate Dam camp cleared"),
        "{}",
        meta.title
    );
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} is missing from:\n{text}"))
    };
    let order = [
        at("acted “with restraint”"),
        at("march from the village"),
        at("at least five people"),
        at("Good morning. Police are clearing"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for gone in [
        "Sign up for the Morning Ledger",
        "Copy link",
        "Weather",
        "Contact us",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in:\n{text}");
    }
}

#[test]
fn json_ld_metadata_gives_the_headline_byline_outlet_and_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let file = page("json-ld.html");
    let dry = import(&root, &file, &["--dry-run"]);
    ok(&dry);
    let shown = stdout(&dry);
    assert!(shown.contains("byline  Priya Natarajan"), "{shown}");
    ok(&import(&root, &file, &[]));
    let (meta, text) = imported(&root, "json-ld");
    assert_eq!(meta.title, "Northgate Dam protest camp cleared by police");
    assert_eq!(meta.outlet, "Continental Digest");
    assert_eq!(meta.date, "2026-03-03");
    assert_eq!(
        meta.url, "https://digest.example/world/northgate-camp-cleared",
        "the page's canonical link, over the JSON-LD url"
    );
    assert!(text.starts_with("Police cleared a protest camp"), "{text}");
    assert!(
        !text.contains("Log in") && !text.contains("@context"),
        "{text}"
    );
}

#[test]
fn an_arabic_page_keeps_its_script_and_quotation_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    ok(&import(&root, &page("arabic.html"), &[]));
    let (meta, text) = imported(&root, "arabic");
    assert_eq!(meta.title, "الشرطة تفض مخيم الاحتجاج عند سد نورثغيت");
    assert_eq!(meta.outlet, "صحيفة الوادي");
    assert_eq!(meta.date, "2026-03-03");
    assert!(text.contains("«٤١ شخصًا»"), "entities decoded: {text}");
    assert!(text.contains("فضّت قوات الشرطة فجر الثلاثاء"), "{text}");
    assert!(!text.contains("رياضة"), "the menu is gone: {text}");
    assert_eq!(text.split("\n\n").count(), 4, "{text}");
}

#[test]
fn a_page_with_no_article_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let before = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    let out = import(&root, &page("no-article.html"), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no-article.html"), "{err}");
    assert!(err.contains("no article was found in this page"), "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("case.ron")).expect("case.ron"),
        before
    );
    assert!(!root.join("articles/no-article.txt").exists());
}

#[test]
fn a_dry_run_prints_the_article_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let before = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    let out = import(
        &root,
        &page("aside-and-comments.html"),
        &["--dry-run", "--genre", "analysis"],
    );
    ok(&out);
    let shown = stdout(&out);
    for line in [
        "would be added as article \"aside-and-comments\"",
        "  title   Police clear Northgate Dam camp; dozens detained",
        "  outlet  The Valley Tribune",
        "  url     https://tribune.example/2026/03/03/northgate-camp",
        "  genre   analysis",
        "extracted from a web page",
        "Riot police swept through",
    ] {
        assert!(shown.contains(line), "{line:?} not in:\n{shown}");
    }
    assert!(!shown.contains("COMMENT:"), "{shown}");
    assert_eq!(
        std::fs::read_to_string(root.join("case.ron")).expect("case.ron"),
        before,
        "a dry run writes nothing"
    );
    assert!(!root.join("articles/aside-and-comments.txt").exists());
}

#[test]
fn given_details_win_over_what_the_page_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    ok(&import(
        &root,
        &page("json-ld.html"),
        &[
            "--outlet",
            "Digest (print)",
            "--title",
            "Camp cleared",
            "--date",
            "2026-03-04",
        ],
    ));
    let (meta, _) = imported(&root, "json-ld");
    assert_eq!(
        (
            meta.title.as_str(),
            meta.outlet.as_str(),
            meta.date.as_str()
        ),
        ("Camp cleared", "Digest (print)", "2026-03-04")
    );
}

/// Runs the binary with `input` on its standard input.
fn candor_with_stdin(args: &[&str], cwd: &Path, input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("candor runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("candor ends")
}

#[test]
fn standard_input_becomes_an_article_titled_as_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let r = root.to_str().expect("UTF-8");
    let text = "Riot police swept through the camp.\r\n\r\nOfficials called it lawful.\r\n";
    let out = candor_with_stdin(
        &[
            "import",
            r,
            "-",
            "--title",
            "Draft: camp cleared",
            "--outlet",
            "Desk",
        ],
        &root,
        text,
    );
    ok(&out);
    assert!(
        stderr(&out).contains("as article \"draft-camp-cleared\""),
        "{}",
        stderr(&out)
    );
    let (meta, stored) = imported(&root, "draft-camp-cleared");
    assert_eq!(
        (meta.title.as_str(), meta.outlet.as_str()),
        ("Draft: camp cleared", "Desk")
    );
    assert_eq!(
        stored,
        "Riot police swept through the camp.\n\nOfficials called it lawful.\n"
    );
    // The same title again gets an id of its own.
    ok(&candor_with_stdin(
        &["import", r, "-", "--title", "Draft: camp cleared"],
        &root,
        text,
    ));
    imported(&root, "draft-camp-cleared-2");
    // A page's source on standard input is read as a page.
    let html = std::fs::read_to_string(page("json-ld.html")).expect("page");
    ok(&candor_with_stdin(&["import", r, "-"], &root, &html));
    let (meta, stored) = imported(&root, "northgate-dam-protest-camp-cleared-by-police");
    assert_eq!(meta.outlet, "Continental Digest");
    assert!(
        stored.starts_with("Police cleared a protest camp"),
        "{stored}"
    );
    // Nothing on standard input is refused.
    let empty = candor_with_stdin(&["import", r, "-"], &root, "  \n");
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("no text to import"),
        "{}",
        stderr(&empty)
    );
}
