//! Marks from and for other tools, as those tools write them: brat files
//! named after the files the articles came from (capitals, dots), spans
//! across line breaks as brat's fragments, the folder an export wrote
//! brought back one annotator per sub-folder, `done` kept through brat and
//! W3C, and W3C annotations with no tag (highlights, comments, links) or
//! with `refinedBy` selectors, as annotation tools in browsers write them.

use std::fs;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId, Mark};

use crate::util::{candor, case_with, marked, ok, stderr};

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8")
}

/// Each mark as what must come back: span, category, attributes, note.
fn kept(marks: &[Mark]) -> Vec<String> {
    marks
        .iter()
        .map(|m| {
            format!(
                "{}..{} {} {:?} {:?}",
                m.start.0, m.end.0, m.category, m.attributes, m.note
            )
        })
        .collect()
}

fn export(root: &Path, format: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["export", s(root), "--format", format, "--out", s(out)];
    args.extend_from_slice(extra);
    ok(&candor(&args, root.parent().expect("a parent")));
}

fn set_done(case: &mut Case, who: &str, article: &str) {
    Edit::SetDone {
        annotator: AnnotatorId::new(who),
        article: ArticleId::new(article),
        done: true,
    }
    .apply(case)
    .expect("done");
}

const PMID: &str = "Riot squads\nstormed the camp.\tOfficials said nothing.\n";
const WIRE: &str = "Police cleared the camp at dawn.\n\nCampaigners called it a raid.\n";

/// A case made with `candor import` from files named as brat corpora name
/// them, marked by amara (a mark across a line break, one across a tab, one
/// across a blank line) and marked done on the first article.
fn brat_named_case(dir: &Path) -> (PathBuf, ArticleId, ArticleId) {
    let files = dir.join("files");
    fs::create_dir_all(&files).expect("folder");
    fs::write(files.join("PMID-10429004.txt"), PMID).expect("written");
    fs::write(files.join("Wire.Story.v2.txt"), WIRE).expect("written");
    let root = dir.join("case");
    case_with(&root, &[]);
    ok(&candor(
        &[
            "import",
            s(&root),
            s(&files.join("PMID-10429004.txt")),
            s(&files.join("Wire.Story.v2.txt")),
        ],
        dir,
    ));
    let mut case = Case::open(&root).expect("opens");
    let ids: Vec<ArticleId> = case.articles().iter().map(|a| a.meta.id.clone()).collect();
    let (pmid, wire) = (ids[0].clone(), ids[1].clone());
    marked(
        &mut case,
        "amara",
        pmid.as_str(),
        "[Riot squads\nstormed]{loaded note=\"over a line break\"} the camp.[\tOfficials]{attribution} said nothing.\n",
    );
    marked(
        &mut case,
        "amara",
        wire.as_str(),
        "Police cleared the camp [at dawn.\n\nCampaigners]{editorializing} called it a [raid]{loaded}.\n",
    );
    set_done(&mut case, "amara", pmid.as_str());
    case.save().expect("saved");
    (root, pmid, wire)
}

#[test]
fn brat_files_named_as_brat_names_them_come_back_with_fragments_and_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, pmid, wire) = brat_named_case(dir.path());
    assert_eq!(pmid.as_str(), "pmid-10429004", "candor import names it so");
    let out = dir.path().join("brat");
    export(&root, "brat", &out, &["--annotator", "amara"]);
    let sub = out.join("amara");
    // As the files were named in the corpus the articles came from.
    for (id, name) in [(&pmid, "PMID-10429004"), (&wire, "Wire.Story.v2")] {
        for ext in ["txt", "ann"] {
            fs::rename(
                sub.join(format!("{id}.{ext}")),
                sub.join(format!("{name}.{ext}")),
            )
            .expect("renamed");
        }
    }
    let ann = fs::read_to_string(sub.join("PMID-10429004.ann")).expect("the .ann");
    assert!(
        ann.contains("T1\tloaded 0 11;12 19\tRiot squads stormed\n"),
        "a span over a line break is two fragments:\n{ann}"
    );
    assert!(ann.contains("\tattribution 30 39\tOfficials\n"), "{ann}");
    assert!(
        ann.contains("\t[span] 29 39\n"),
        "the tab it begins with: {ann}"
    );
    assert!(ann.contains("AnnotatorNotes T1\t[done]\n"), "{ann}");
    let wire_ann = fs::read_to_string(sub.join("Wire.Story.v2.ann")).expect("the .ann");
    assert!(
        wire_ann.contains("\teditorializing 24 32;34 45\tat dawn. Campaigners\n"),
        "{wire_ann}"
    );
    assert!(!wire_ann.contains("[done]"), "only the article marked done");

    let o = candor(
        &[
            "import-marks",
            s(&root),
            "--from",
            "brat",
            s(&sub),
            "--annotator",
            "again",
        ],
        dir.path(),
    );
    ok(&o);
    let said = stderr(&o);
    assert!(!said.contains("skipped"), "{said}");
    assert!(said.contains("1 article(s) marked done"), "{said}");
    let case = Case::open(&root).expect("opens");
    let (amara, again) = (AnnotatorId::new("amara"), AnnotatorId::new("again"));
    for id in [&pmid, &wire] {
        assert_eq!(
            kept(case.marks(&again, id)),
            kept(case.marks(&amara, id)),
            "{id}"
        );
    }
    assert!(case.is_done(&again, &pmid));
    assert!(!case.is_done(&again, &wire));
}

#[test]
fn a_brat_file_for_no_article_and_fragments_around_words_are_said_and_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    case_with(&root, &[("wire", WIRE)]);
    let brat = dir.path().join("brat");
    fs::create_dir_all(&brat).expect("folder");
    fs::write(
        brat.join("WIRE.ANN"),
        "T1\tloaded 0 6;18 22\tPolice camp\nT2\tloaded 46 50\traid\nR1\tCause Arg1:T1 Arg2:T2\n",
    )
    .expect("written");
    fs::write(brat.join("elsewhere.ann"), "T1\tloaded 0 6\tPolice\n").expect("written");
    let o = candor(
        &[
            "import-marks",
            s(&root),
            "--from",
            "brat",
            s(&brat),
            "--annotator",
            "tool",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "some were skipped");
    let said = stderr(&o);
    assert!(
        said.contains("elsewhere.ann: no article of the case is named \"elsewhere\""),
        "{said}"
    );
    assert!(
        said.contains("WIRE.ANN:1 (T1): its fragments leave words out"),
        "{said}"
    );
    assert!(said.contains("WIRE.ANN:3: R1"), "{said}");
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("tool"), &"wire".into());
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].quote, "raid");
}

/// Two annotators' marks, one of them done with an article, exported in
/// `format` and imported into a new case with the same articles from the
/// export's folder as it is: each annotator comes back under its name.
fn export_folder_round_trip(format: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = [("pmid", PMID), ("wire", WIRE)];
    let first = dir.path().join("first");
    let mut case = case_with(&first, &articles);
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared the camp [at dawn.\n\nCampaigners]{editorializing note=\"two paragraphs\"} called it a [raid]{loaded}.\n",
    );
    marked(
        &mut case,
        "ben",
        "pmid",
        "[Riot squads\nstormed]{loaded} the camp.\tOfficials said nothing.\n",
    );
    set_done(&mut case, "ben", "pmid");
    set_done(&mut case, "ben", "wire");
    case.save().expect("saved");
    let out = dir.path().join("out");
    export(&first, format, &out, &[]);

    let second = dir.path().join("second");
    case_with(&second, &articles);
    let refused = candor(
        &[
            "import-marks",
            s(&second),
            "--from",
            format,
            s(&out),
            "--annotator",
            "x",
        ],
        dir.path(),
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("one sub-folder per annotator (amara, ben)"),
        "{}",
        stderr(&refused)
    );
    let o = candor(
        &["import-marks", s(&second), "--from", format, s(&out)],
        dir.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("as annotator amara, ben"),
        "{}",
        stderr(&o)
    );
    let (a, b) = (
        Case::open(&first).expect("opens"),
        Case::open(&second).expect("opens"),
    );
    for who in ["amara", "ben"] {
        let who = AnnotatorId::new(who);
        for (id, _) in articles {
            let id = ArticleId::new(id);
            assert_eq!(
                kept(b.marks(&who, &id)),
                kept(a.marks(&who, &id)),
                "{format}"
            );
            // brat's notes belong to an annotation: an article with no
            // marks cannot say it is done.
            if format == "w3c" || !a.marks(&who, &id).is_empty() {
                assert_eq!(
                    b.is_done(&who, &id),
                    a.is_done(&who, &id),
                    "{format}: {who} done with {id}"
                );
            }
        }
    }
    let ben = AnnotatorId::new("ben");
    assert!(b.is_done(&ben, &"pmid".into()), "{format}");
    assert_eq!(
        b.is_done(&ben, &"wire".into()),
        format == "w3c",
        "W3C keeps done on an article with no marks"
    );
}

#[test]
fn an_export_folder_of_brat_files_brings_back_each_annotator_and_done() {
    export_folder_round_trip("brat");
}

#[test]
fn an_export_folder_of_w3c_files_brings_back_each_annotator_and_done() {
    export_folder_round_trip("w3c");
}

const STORY: &str = "Riot squads stormed the peaceful camp at dawn, officials said.";

/// What browser annotation tools write: a highlight with no body, a
/// comment, a bare link, and a quote inside a paragraph's CSS selector.
fn other_tools_annotations() -> serde_json::Value {
    serde_json::json!([
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "motivation": "highlighting",
            "target": {
                "source": "https://example.org/story",
                "selector": {
                    "type": "TextQuoteSelector",
                    "exact": "peaceful",
                    "prefix": "stormed the ",
                    "suffix": " camp"
                }
            }
        },
        {
            "type": "Annotation",
            "motivation": "commenting",
            "body": { "type": "TextualBody", "value": "Whose word is this?", "format": "text/plain" },
            "target": {
                "source": "https://example.org/story",
                "selector": {
                    "type": "TextPositionSelector", "start": 0, "end": 46,
                    "refinedBy": { "type": "TextPositionSelector", "start": 12, "end": 19 }
                }
            }
        },
        {
            "type": "Annotation",
            "motivation": "linking",
            "body": "https://example.org/police-statement",
            "target": {
                "source": "https://example.org/story",
                "selector": {
                    "type": "CssSelector", "value": "article > p:nth-child(1)",
                    "refinedBy": { "type": "TextQuoteSelector", "exact": "officials said" }
                }
            }
        },
        {
            "type": "Annotation",
            "bodyValue": "A reply with no purpose",
            "target": {
                "source": "https://example.org/story",
                "selector": {
                    "type": "TextQuoteSelector",
                    "exact": "Riot squads stormed the peaceful camp",
                    "refinedBy": { "type": "TextPositionSelector", "start": 0, "end": 11 }
                }
            }
        }
    ])
}

#[test]
fn w3c_highlights_comments_and_links_come_in_under_the_category_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    case_with(&root, &[("story", STORY)]);
    // Named after the article: the targets name a URL the case does not know.
    let file = dir.path().join("story.json");
    fs::write(&file, other_tools_annotations().to_string()).expect("written");

    let refused = candor(
        &[
            "import-marks",
            s(&root),
            "--from",
            "w3c",
            s(&file),
            "--annotator",
            "browser",
        ],
        dir.path(),
    );
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(said.contains("no marks found to import"), "{said}");
    for n in 1..=4 {
        assert!(
            said.contains(&format!(
                "story.json: annotation {n}: no tagging body names its category"
            )),
            "a reason for each annotation: {said}"
        );
    }
    assert!(said.contains("give --category"), "{said}");

    let unknown = candor(
        &[
            "import-marks",
            s(&root),
            "--from",
            "w3c",
            s(&file),
            "--annotator",
            "browser",
            "--category",
            "nonsense",
        ],
        dir.path(),
    );
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no category \"nonsense\""));

    ok(&candor(
        &[
            "import-marks",
            s(&root),
            "--from",
            "w3c",
            s(&file),
            "--annotator",
            "browser",
            "--category",
            "loaded",
        ],
        dir.path(),
    ));
    let case = Case::open(&root).expect("opens");
    let marks = case.marks(&AnnotatorId::new("browser"), &"story".into());
    let got: Vec<(&str, &str, &str)> = marks
        .iter()
        .map(|m| (m.quote.as_str(), m.category.as_str(), m.note.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Riot squads", "loaded", "A reply with no purpose"),
            ("stormed", "loaded", "Whose word is this?"),
            ("peaceful", "loaded", ""),
            (
                "officials said",
                "loaded",
                "Link: https://example.org/police-statement"
            ),
        ]
    );
}

/// The brat export of the example case and of a case with marks across
/// line breaks, tabs and a blank line, left in `target/tmp/brat-export/`
/// for `.ci/brat-check` to load with brat's own parser.
#[test]
#[ignore = "writes files for .ci/brat-check, which loads them with brat's parser"]
fn brat_exports_for_brats_own_parser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("brat-export");
    let _ = fs::remove_dir_all(&keep);
    let (root, _, _) = brat_named_case(dir.path());
    export(&root, "brat", &keep.join("line-breaks"), &[]);
    let example = crate::util::example_copy(dir.path());
    export(&example, "brat", &keep.join("example"), &[]);
    eprintln!("brat files in {}", keep.display());
}
