//! Saved web pages taken in as their reader saw them, through the real
//! binary: the outlet is the publication and never its reporter, the
//! byline is the article's own field (kept in `case.ron`, editable with
//! `candor article`, exported, masked in a blind export), captions, credits
//! and "Continue reading" lines stay out of the text, headlines are whole,
//! and a page saved in a legacy charset is read in it. Every page here is
//! made up for these tests; the charset pages are written in their charset
//! by `encoding_rs` from the UTF-8 text below.

use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::model::ArticleId;
use encoding_rs::{EUC_KR, Encoding, GBK, ISO_8859_2, SHIFT_JIS, WINDOWS_1252};

use super::pages::page;
use crate::util::{candor, case_with, ok, stderr, stdout};

fn empty_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    case_with(&root, &[("wire", "Police cleared the camp.")]);
    root
}

fn meta(root: &Path, id: &str) -> (candor::model::ArticleMeta, String) {
    let case = Case::open(root).expect("the case opens");
    let a = case
        .article(&ArticleId::new(id))
        .unwrap_or_else(|| panic!("article {id} was added"));
    (
        a.meta.clone(),
        a.text.as_ref().expect("its text").text.clone(),
    )
}

fn import(root: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        root.to_str().expect("UTF-8"),
        file.to_str().expect("UTF-8"),
    ];
    args.extend_from_slice(extra);
    candor(&args, root)
}

const HEADLINE: &str = "Farmers in Eskdale say the Northgate Dam plan would drown the \
                        valley’s best fields and its oldest orchards";

#[test]
fn a_page_with_no_site_name_takes_its_outlet_from_the_title_and_keeps_the_reporter_as_byline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    ok(&import(&root, &page("byline-and-captions.html"), &[]));
    let (meta, text) = meta(&root, "byline-and-captions");
    assert_eq!(meta.outlet, "The Harbour Courier", "never the reporter");
    assert_eq!(meta.byline, "Dana Reyes");
    assert!(HEADLINE.chars().count() > 100);
    assert_eq!(meta.title, HEADLINE, "the headline whole, not cut");
    let ron = std::fs::read_to_string(root.join("case.ron")).expect("case.ron");
    assert!(ron.contains("byline: \"Dana Reyes\""), "{ron}");
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert!(
        paragraphs[0].starts_with("Farmers in the village of Eskdale gathered")
            && !paragraphs[0].contains('\n'),
        "the lede stands alone: {paragraphs:#?}"
    );
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    for gone in [
        "By Dana Reyes",
        "seen from the village road",
        "Getty Images",
        "Advertisement",
        "AP Photo",
        "Continue reading",
        "Read more",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in:\n{text}");
    }
    assert!(text.ends_with("in the regional capital before then."));
}

#[test]
fn the_byline_is_edited_exported_and_masked_and_an_empty_one_leaves_case_ron_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let r = root.to_str().expect("UTF-8");
    let before = std::fs::read(root.join("case.ron")).expect("case.ron");
    let set = candor(&["article", r, "wire", "--byline", "Lee Park"], &root);
    ok(&set);
    assert!(stdout(&set).contains("by Lee Park"), "{}", stdout(&set));
    assert_eq!(meta(&root, "wire").0.byline, "Lee Park");

    let out = dir.path().join("out");
    let o = out.to_str().expect("UTF-8");
    ok(&candor(
        &["export", r, "--format", "csv", "--out", o],
        &root,
    ));
    // The CSV has a row per mark: mark the article so the byline shows.
    let mut case = Case::open(&root).expect("opens");
    crate::util::marked(
        &mut case,
        "amara",
        "wire",
        "Police [cleared]{loaded polarity=negative} the camp.",
    );
    case.save().expect("saved");
    ok(&candor(
        &["export", r, "--format", "csv", "--out", o, "--force"],
        &root,
    ));
    let csv = std::fs::read_to_string(out.join("marks.csv")).expect("csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().expect("header").clone();
    let at = header
        .iter()
        .position(|h| h == "byline")
        .expect("a byline column");
    let row = rows.records().next().expect("a row").expect("read");
    assert_eq!(&row[at], "Lee Park");
    ok(&candor(
        &["export", r, "--format", "html", "--out", o, "--force"],
        &root,
    ));
    let report = std::fs::read_to_string(out.join("report.html")).expect("report");
    assert!(
        report.contains("by Lee Park"),
        "the report's article header"
    );

    let blind = dir.path().join("blind");
    let b = blind.to_str().expect("UTF-8");
    for format in ["csv", "html"] {
        ok(&candor(
            &[
                "export", r, "--format", format, "--out", b, "--blind", "--force",
            ],
            &root,
        ));
    }
    for file in ["marks.csv", "report.html"] {
        let written = std::fs::read_to_string(blind.join(file)).expect("written");
        assert!(!written.contains("Lee Park"), "{file} names no reporter");
    }

    ok(&candor(&["article", r, "wire", "--byline", ""], &root));
    let mut after = std::fs::read(root.join("case.ron")).expect("case.ron");
    // Only the byline changed and went: the file is as it was.
    assert_eq!(
        String::from_utf8(std::mem::take(&mut after)).expect("UTF-8"),
        String::from_utf8(before).expect("UTF-8")
    );
}

/// A made-up page in `encoding`: `declaration` in its head, `local` (words
/// of the charset's language) and English words enough for an article.
fn legacy_page(declaration: &str, local: &str, encoding: &'static Encoding) -> Vec<u8> {
    let english = "Police cleared the protest camp at the dam on Tuesday morning, and \
                   officials said the operation was lawful and that nobody was hurt.";
    let html = format!(
        "<!DOCTYPE html><html><head>{declaration}<title>Dam camp cleared</title></head>\
         <body><article><h1>Dam camp cleared</h1><p>{local}</p><p>{english}</p>\
         <p>{english}</p></article></body></html>"
    );
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable, "the page's words fit {}", encoding.name());
    bytes.into_owned()
}

#[test]
fn pages_in_a_legacy_charset_are_read_in_it_and_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let cases: [(&str, &str, &str, &'static Encoding, &str); 6] = [
        (
            "cp1252",
            "<meta charset=\"windows-1252\">",
            "Le café « près du barrage » coûte 5 € — dit-on.",
            WINDOWS_1252,
            "read as windows-1252, as the page declares",
        ),
        (
            "latin2",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">",
            "Mieszkańcy Łodzi i Gdańska protestowali przy zaporze.",
            ISO_8859_2,
            "read as ISO-8859-2, as the page declares",
        ),
        (
            "sjis",
            "<meta charset=Shift_JIS>",
            "警察はダムの抗議キャンプを撤去した。",
            SHIFT_JIS,
            "read as Shift_JIS, as the page declares",
        ),
        (
            "euckr",
            "<meta charset=\"euc-kr\">",
            "경찰이 댐 시위 캠프를 철거했다.",
            EUC_KR,
            "read as EUC-KR, as the page declares",
        ),
        (
            "gbk",
            "<meta charset=gbk>",
            "警方清理了大坝抗议营地。",
            GBK,
            "read as GBK, as the page declares",
        ),
        (
            "undeclared",
            "",
            "Le café « près du barrage » coûte 5 € — dit-on.",
            WINDOWS_1252,
            "read as windows-1252: the page declares no charset and is not UTF-8",
        ),
    ];
    for (name, declaration, local, encoding, said) in cases {
        let file = dir.path().join(format!("{name}.html"));
        std::fs::write(&file, legacy_page(declaration, local, encoding)).expect("page");
        let dry = import(&root, &file, &["--dry-run"]);
        ok(&dry);
        assert!(
            stdout(&dry).contains(&format!("  charset {said}")),
            "{name}: {}",
            stdout(&dry)
        );
        ok(&import(&root, &file, &[]));
        let (meta, text) = meta(&root, name);
        assert_eq!(meta.title, "Dam camp cleared", "{name}");
        assert!(text.contains(local), "{name}: {text}");
        assert!(!text.contains('\u{FFFD}'), "{name}: {text}");
    }
}

#[test]
fn a_utf16_page_with_a_byte_order_mark_and_a_text_file_with_one_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let utf8 = String::from_utf8(legacy_page(
        "<meta charset=utf-8>",
        "Ça déborde au barrage, dit-on à Montréal.",
        encoding_rs::UTF_8,
    ))
    .expect("UTF-8");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf8.encode_utf16().flat_map(u16::to_le_bytes));
    let file = dir.path().join("utf16.html");
    std::fs::write(&file, &bytes).expect("page");
    let dry = import(&root, &file, &["--dry-run"]);
    ok(&dry);
    assert!(
        stdout(&dry).contains("charset read as UTF-16LE, as its byte order mark says"),
        "{}",
        stdout(&dry)
    );
    ok(&import(&root, &file, &[]));
    assert!(meta(&root, "utf16").1.contains("Ça déborde au barrage"));

    let mut text = vec![0xFE, 0xFF];
    text.extend(
        "Camp cleared\n\nÇa déborde.\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    let note = dir.path().join("note.txt");
    std::fs::write(&note, &text).expect("text");
    ok(&import(&root, &note, &[]));
    let (meta, stored) = meta(&root, "note");
    assert_eq!(
        (meta.title.as_str(), stored.as_str()),
        ("Camp cleared", "Camp cleared\n\nÇa déborde.\n")
    );
    // A text file in another charset with no mark is still refused, saying where.
    let latin = dir.path().join("latin.txt");
    std::fs::write(&latin, b"Caf\xE9 au barrage\n").expect("text");
    let refused = import(&root, &latin, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("not valid UTF-8 (byte 3)"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_legacy_page_piped_in_is_read_in_its_charset_and_other_bytes_are_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = empty_case(dir.path());
    let r = root.to_str().expect("UTF-8");
    let pipe = |bytes: &[u8]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
            .args(["import", r, "-"])
            .current_dir(&root)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("candor runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("written");
        child.wait_with_output().expect("candor ends")
    };
    let local = "Le café « près du barrage » coûte 5 € — dit-on.";
    ok(&pipe(&legacy_page(
        "<meta charset=windows-1252>",
        local,
        WINDOWS_1252,
    )));
    let (_, text) = meta(&root, "dam-camp-cleared");
    assert!(text.contains(local), "{text}");
    let refused = pipe(b"Caf\xE9 au barrage\n");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("standard input: it is not UTF-8 text (byte 3 is not UTF-8)"),
        "{}",
        stderr(&refused)
    );
}
