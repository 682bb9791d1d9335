//! Word documents, in and out, through the real binary: drafts written by
//! other programs (python-docx and LibreOffice, in `tests/fixtures/docx/`,
//! see its README) imported as articles with their comments as marks, bad
//! files refused by name, and the export of every article as a `.docx`
//! whose comments, imported again, are the same marks on the same
//! characters. The check by an independent reader (python-docx) is
//! `exported_comments_read_by_python_docx_anchor_on_the_marks_quotes`,
//! run by `.ci/docx-check`.

use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId};

use crate::util::{candor, case_with, example_copy, marked, ok, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn new_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    case_with(&root, &[]);
    root
}

#[test]
fn a_python_docx_draft_comes_in_as_its_paragraphs_with_its_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(&["import", s(&root), s(&fixture("draft.docx"))], dir.path());
    ok(&o);
    let case = Case::open(&root).expect("opens");
    let a = case.article(&ArticleId::new("draft")).expect("imported");
    assert_eq!(a.meta.title, "Council approves the river plan");
    assert_eq!(a.meta.outlet, "", "the document's author is not the outlet");
    let text = &a.text.as_ref().expect("text").text;
    assert_eq!(
        text,
        "River plan approved\n\n\
         The council approved the plan <at last> & on time.\n\n\
         First point of the plan\n\nSecond point of the plan\n\n\
         Costs\n\nDredging\n\n3 million\n\nBanks\n\n1 million\n\n\
         Line one\nline two\tafter a tab\n\n\
         Emoji 🌊 and Arabic نهر stay as written."
    );
}

#[test]
fn with_no_title_in_its_properties_a_document_is_named_by_its_first_heading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &["import", s(&root), s(&fixture("headed.docx")), "--dry-run"],
        dir.path(),
    );
    ok(&o);
    assert!(
        stdout(&o).contains("title   Bridge reopens after repairs"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_reviewed_draft_keeps_insertions_drops_deletions_and_footnotes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &[
            "import",
            s(&root),
            s(&fixture("reviewed.docx")),
            "--dry-run",
        ],
        dir.path(),
    );
    ok(&o);
    let out = stdout(&o);
    assert!(out.contains("title   Harbour wall to be rebuilt"), "{out}");
    assert!(
        out.contains("Work on the wall starts in the spring and"),
        "{out}"
    );
    assert!(
        !out.contains("crumbling"),
        "a tracked deletion is left out: {out}"
    );
    assert!(!out.contains("Minutes"), "a footnote is left out: {out}");
    assert!(out.contains("\nStone\n\n4 million\n"), "table cells: {out}");
    assert!(
        out.contains("3 comment(s) left out (--comments-as NAME"),
        "{out}"
    );
    let case = Case::open(&root).expect("opens");
    assert!(case.articles().is_empty(), "a dry run adds nothing");
}

#[test]
fn comments_become_the_named_annotators_marks_on_their_exact_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &[
            "import",
            s(&root),
            s(&fixture("reviewed.docx")),
            "--comments-as",
            "editor",
            "--category",
            "editorializing",
        ],
        dir.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("3 comment(s) made marks of editor")
            && stderr(&o).contains("2 naming no category became Editorializing"),
        "{}",
        stderr(&o)
    );
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("editor"), &ArticleId::new("reviewed"));
    let got: Vec<(&str, &str, &str)> = marks
        .iter()
        .map(|m| (m.quote.as_str(), m.category.as_str(), m.note.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "slammed the reckless",
                "editorializing",
                "Too strong?\nSay what they did."
            ),
            ("reckless old plan", "loaded", "whose word is this?"),
            (
                "will last two\nyears & cost <more> than planned.\n\nA second line",
                "editorializing",
                "Source?"
            ),
        ]
    );
    let text = &case
        .article_text(&ArticleId::new("reviewed"))
        .expect("text")
        .text;
    for m in marks {
        let at: String = text
            .chars()
            .skip(m.start.0)
            .take(m.end.0 - m.start.0)
            .collect();
        assert_eq!(at, m.quote, "offsets are exact in the imported text");
    }
    assert_eq!(
        marks[1].attributes.get("polarity").map(ToString::to_string),
        Some("negative".into()),
        "a comment in Candor's words brings its attributes"
    );
    assert!(
        candor::validate::check(&case).is_empty(),
        "the case checks clean"
    );
}

#[test]
fn without_comments_as_an_import_says_the_comments_it_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &["import", s(&root), s(&fixture("reviewed.docx"))],
        dir.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("3 comment(s) left out (--comments-as NAME"),
        "{}",
        stderr(&o)
    );
    let case = Case::open(&root).expect("opens");
    assert!(case.annotators().is_empty(), "no marks were made");
}

#[test]
fn a_reply_joins_its_comment_so_a_thread_is_one_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &[
            "import",
            s(&root),
            s(&fixture("replies.docx")),
            "--comments-as",
            "editor",
        ],
        dir.path(),
    );
    ok(&o);
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("editor"), &ArticleId::new("replies"));
    let got: Vec<(&str, &str)> = marks
        .iter()
        .map(|m| (m.quote.as_str(), m.note.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "slammed the reckless",
                "Too strong?\nSay what they did.\nReply from Editor Two:\nSource?"
            ),
            ("reckless old plan", "whose word is this?"),
        ]
    );
}

#[test]
fn a_wrong_category_stops_the_import_before_anything_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let o = candor(
        &[
            "import",
            s(&root),
            s(&fixture("reviewed.docx")),
            "--comments-as",
            "editor",
            "--category",
            "nope",
        ],
        dir.path(),
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no category \"nope\""),
        "{}",
        stderr(&o)
    );
    assert!(Case::open(&root).expect("opens").articles().is_empty());
}

#[test]
fn protected_macro_and_broken_files_are_refused_by_name_and_the_rest_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let bad = [
        ("protected.docx", "password-protected"),
        ("macros.docx", "macro-enabled"),
        ("truncated.docx", "cannot be read as a zip"),
        ("no-document.docx", "has no document part"),
        ("bad-xml.docx", "not well-formed XML"),
    ];
    let mut args = vec!["import".to_string(), s(&root).to_string()];
    args.extend(bad.iter().map(|(f, _)| s(&fixture(f)).to_string()));
    args.push(s(&fixture("draft.docx")).to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = candor(&args, dir.path());
    assert!(!o.status.success(), "a refused file fails the run");
    let said = stderr(&o);
    for (file, why) in bad {
        assert!(
            said.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file} refused because {why}: {said}"
        );
    }
    assert!(said.contains("5 of 6 file(s) not imported"), "{said}");
    let case = Case::open(&root).expect("opens");
    assert_eq!(case.articles().len(), 1, "the good file is imported");
}

#[test]
fn an_old_doc_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = new_case(dir.path());
    let doc = dir.path().join("old.doc");
    std::fs::copy(fixture("protected.docx"), &doc).expect("copy");
    let o = candor(&["import", s(&root), s(&doc)], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("old.doc") && stderr(&o).contains("save it as a Word document (.docx)"),
        "{}",
        stderr(&o)
    );
}

/// The case of `marked` with two annotators whose marks overlap, on a text
/// with paragraphs, a line break, a tab, XML's special characters, emoji
/// and Arabic.
fn tricky_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    let text = "The <regime> & its \"friends\" fell.\n\nA line\nbroken\there 🌊 نهر.";
    let mut case = case_with(&root, &[("wire", text)]);
    marked(
        &mut case,
        "ana",
        "wire",
        "The [<regime>]{loaded kind=label note=\"Whose word?\"} & [its \"friends\" [fell]{editorializing}.\n\nA line]{attribution}\nbroken\t[here 🌊 نهر]{loaded}.",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "The [<regime> & its]{loaded} \"friends\" fell.\n\nA line\nbroken\there 🌊 نهر.",
    );
    case.save().expect("saved");
    root
}

/// Each mark's quote, category, attributes and note, by annotator.
fn judgements(case: &Case, who: &str, article: &str) -> Vec<(usize, usize, String, String)> {
    case.marks(&AnnotatorId::new(who), &ArticleId::new(article))
        .iter()
        .map(|m| (m.start.0, m.end.0, m.quote.clone(), m.category.to_string()))
        .collect()
}

#[test]
fn exported_comments_imported_again_are_the_same_marks_on_the_same_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = tricky_case(dir.path());
    let out = dir.path().join("out");
    let o = candor(
        &["export", s(&root), "--format", "docx", "--out", s(&out)],
        dir.path(),
    );
    ok(&o);
    assert_eq!(stdout(&o).trim(), s(&out.join("wire.docx")));
    assert!(stderr(&o).contains("exported 5 mark(s) as docx into 1 file(s)"));

    let other = dir.path().join("other");
    case_with(&other, &[]);
    for who in ["ana", "ben"] {
        let o = candor(
            &[
                "export",
                s(&root),
                "--format",
                "docx",
                "--annotator",
                who,
                "--out",
                s(&dir.path().join(who)),
            ],
            dir.path(),
        );
        ok(&o);
        let file = dir.path().join(who).join(format!("{who}.docx"));
        std::fs::rename(dir.path().join(who).join("wire.docx"), &file).expect("rename");
        ok(&candor(
            &["import", s(&other), s(&file), "--comments-as", who],
            dir.path(),
        ));
    }
    let (before, after) = (
        Case::open(&root).expect("opens"),
        Case::open(&other).expect("opens"),
    );
    let text = |c: &Case, id: &str| {
        c.article_text(&ArticleId::new(id))
            .expect("text")
            .text
            .clone()
    };
    assert_eq!(text(&after, "ana"), text(&before, "wire"), "the same text");
    for who in ["ana", "ben"] {
        assert_eq!(
            judgements(&after, who, who),
            judgements(&before, who, "wire"),
            "{who}'s marks: same offsets, quotes and categories"
        );
        let notes_and_attributes = |c: &Case, article: &str| {
            c.marks(&AnnotatorId::new(who), &ArticleId::new(article))
                .iter()
                .map(|m| (m.note.clone(), m.attributes.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            notes_and_attributes(&after, who),
            notes_and_attributes(&before, "wire")
        );
    }
}

#[test]
fn the_example_key_round_trips_through_word_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let out = dir.path().join("out");
    ok(&candor(
        &[
            "export",
            s(&root),
            "--format",
            "docx",
            "--annotator",
            "key",
            "--out",
            s(&out),
        ],
        dir.path(),
    ));
    let again = dir.path().join("again");
    case_with(&again, &[]);
    let before = Case::open(&root).expect("opens");
    let files: Vec<String> = before
        .articles()
        .iter()
        .map(|a| s(&out.join(format!("{}.docx", a.meta.id))).to_string())
        .collect();
    let mut args = vec!["import", s(&again), "--comments-as", "key"];
    args.extend(files.iter().map(String::as_str));
    ok(&candor(&args, dir.path()));
    let after = Case::open(&again).expect("opens");
    for a in before.articles() {
        let id = a.meta.id.as_str();
        let got = after.article(&ArticleId::new(id)).expect("imported");
        assert_eq!(got.meta.title, a.meta.title, "the title comes back");
        assert_eq!(
            judgements(&after, "key", id),
            judgements(&before, "key", id),
            "{id}"
        );
    }
}

#[test]
fn one_article_blinded_and_highlighted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let case = Case::open(&root).expect("opens");
    let second = case.articles()[1].meta.id.to_string();
    let out = dir.path().join("out");
    let o = candor(
        &[
            "export",
            s(&root),
            "--format",
            "docx",
            "--article",
            &second,
            "--blind",
            "--highlight",
            "--out",
            s(&out),
        ],
        dir.path(),
    );
    ok(&o);
    assert_eq!(stdout(&o).trim(), s(&out.join("article-2.docx")));
    let doc =
        candor::formats::docx::read(&std::fs::read(out.join("article-2.docx")).expect("read"))
            .expect("a document");
    assert_eq!(doc.title.as_deref(), Some("Article 2"));
    let bytes = std::fs::read(out.join("article-2.docx")).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document"),
        &mut xml,
    )
    .expect("utf-8");
    assert!(xml.contains("w:shd"), "highlighted");
    let mut header = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/header1.xml").expect("header"),
        &mut header,
    )
    .expect("utf-8");
    assert!(header.contains("Article 2"), "{header}");
    let meta = &case.articles()[1].meta;
    // The text may name its outlet; the header and properties must not.
    for named in [&meta.title, &meta.outlet, &meta.date] {
        assert!(
            !header.contains(named.as_str()),
            "blind: {named} is not in the header"
        );
    }
}

#[test]
fn article_and_highlight_are_refused_for_other_formats_and_unknown_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let out = dir.path().join("out");
    let o = candor(
        &[
            "export",
            s(&root),
            "--format",
            "csv",
            "--highlight",
            "--out",
            s(&out),
        ],
        dir.path(),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("for --format docx"), "{}", stderr(&o));
    let o = candor(
        &[
            "export",
            s(&root),
            "--format",
            "docx",
            "--article",
            "nope",
            "--out",
            s(&out),
        ],
        dir.path(),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no article \"nope\""), "{}", stderr(&o));
    assert!(!out.exists(), "nothing written");
}

/// Exports the tricky case and the example case as `.docx`, has
/// python-docx (`.ci/docx-read.py`) read every comment's anchored text,
/// and checks it is the mark's quote, with the annotator as author and the
/// category as the comment's first line. Needs Debian's python3-docx, so
/// it is run by `.ci/docx-check`, which installs it.
#[test]
#[ignore = "needs python3-docx; run by .ci/docx-check"]
fn exported_comments_read_by_python_docx_anchor_on_the_marks_quotes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cases = vec![tricky_case(dir.path())];
    let example_dir = dir.path().join("example");
    cases.push(example_copy(&example_dir));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/docx-read.py");
    let mut checked = 0;
    for (n, root) in cases.iter().enumerate() {
        let out = dir.path().join(format!("out-{n}"));
        ok(&candor(
            &[
                "export",
                s(root),
                "--format",
                "docx",
                "--highlight",
                "--out",
                s(&out),
            ],
            dir.path(),
        ));
        let case = Case::open(root).expect("opens");
        for a in case.articles() {
            let file = out.join(format!("{}.docx", a.meta.id));
            let read = std::process::Command::new("/usr/bin/python3")
                .arg(&script)
                .arg(&file)
                .output()
                .expect("python3 runs");
            ok(&read);
            let got: Vec<(String, String, String)> =
                serde_json::from_slice(&read.stdout).expect("the reader prints JSON");
            let mut want: Vec<(String, String, String)> = Vec::new();
            for who in case.annotators().keys() {
                for m in case.marks(who, &a.meta.id) {
                    want.push((
                        who.to_string(),
                        m.quote.clone(),
                        case.schema().category_name(&m.category).to_string(),
                    ));
                }
            }
            let (mut got, mut want) = (got, want);
            got.sort();
            want.sort();
            checked += want.len();
            assert_eq!(
                got,
                want,
                "{}: comments as python-docx reads them",
                file.display()
            );
        }
    }
    assert!(checked > 100, "{checked} comments checked");
}
