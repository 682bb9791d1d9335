//! `candor export` in each format, on the example case and on a case that
//! puts script payloads everywhere a case has text: the HTML report
//! (escaped, checked in a browser by `report_renders_in_a_browser_*`, which
//! `.ci/browser-check` runs), one CSV row per mark with formula cells made
//! plain, W3C annotations valid against a schema written from the model's
//! MUSTs, brat files with their configuration.

use std::fs;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::model::AnnotatorId;
use serde_json::Value;

use crate::grade::html::{hostile_case, render, screenshot, tags};
use crate::util::{candor, case_with, example_copy, marked, ok, stdout};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam")
}

/// Runs `candor export` and returns the files it says it wrote.
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
    let cwd = out.parent().expect("a parent");
    fs::create_dir_all(cwd).expect("the folder it runs in");
    let o = candor(&args, cwd);
    ok(&o);
    stdout(&o).lines().map(PathBuf::from).collect()
}

fn key_marks(case: &Case) -> usize {
    case.annotations(&AnnotatorId::new("key"))
        .expect("the key")
        .mark_count()
}

#[test]
fn the_html_report_shows_every_mark_with_its_footnote_counts_and_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let files = export(&example(), "html", &out, &["--annotator", "key"]);
    assert_eq!(files, [out.join("report.html")]);
    let html = fs::read_to_string(&files[0]).expect("the report");
    let case = Case::open(&example()).expect("opens");
    let n = key_marks(&case);
    assert_eq!(
        html.matches("<li id=\"nkey-").count(),
        n,
        "one footnote per mark"
    );
    assert!(
        html.matches("<span class=\"m c").count() >= n,
        "every mark is highlighted"
    );
    for c in 0..case.schema().categories.len() {
        assert!(
            html.contains(&format!(".c{c} {{ background:")),
            "a style per category"
        );
    }
    let a_note = &case.marks(&AnnotatorId::new("key"), &"wire".into())[0].note;
    assert!(!a_note.is_empty());
    assert!(
        html.contains(&html_escape::encode_text(a_note).to_string()),
        "notes are footnotes"
    );
    for part in [
        "<h3>Counts per article</h3>",
        "<h3>Claims x articles</h3>",
        "<h3>Actors x articles</h3>",
        "@media print",
        "print-color-adjust: exact",
        "Content-Security-Policy",
    ] {
        assert!(html.contains(part), "{part}");
    }
    assert!(!html.to_lowercase().contains("<script"));
    assert!(
        !html.contains(" src=") && !html.contains("<link"),
        "nothing is loaded"
    );
}

#[test]
fn the_html_report_of_a_hostile_case_has_no_tag_or_link_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = hostile_case(dir.path());
    let out = dir.path().join("out");
    let files = export(&root, "html", &out, &[]);
    let html = fs::read_to_string(&files[0]).expect("the report");
    for (name, attrs) in tags(&html) {
        assert!(
            !["script", "img", "iframe", "object"].contains(&name.as_str()),
            "<{name}>"
        );
        for (k, v) in attrs {
            assert!(!k.starts_with("on"), "<{name} {k}=...>");
            assert!(
                !v.trim_start().to_lowercase().starts_with("javascript:"),
                "<{name} {k}={v:?}>"
            );
        }
    }
    assert!(
        html.contains("&lt;script&gt;"),
        "the payloads are shown as text"
    );
}

/// Exports the report of `case` into `target/tmp/<keep>` and, blind, into
/// `target/tmp/<keep>-blind`, and checks each in the browser; the reports
/// stay there for `.ci/browser-check` to run axe-core on.
fn check_report_in_browser(case: &Path, work: &Path, keep: &str) {
    check_one_report_in_browser(case, work, keep, &[]);
    check_one_report_in_browser(case, work, &format!("{keep}-blind"), &["--blind"]);
}

fn check_one_report_in_browser(case: &Path, work: &Path, keep: &str, extra: &[&str]) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(keep);
    let _ = fs::remove_dir_all(&out);
    let files = export(case, "html", &out, extra);
    let page = &files[0];
    let r = render(page, work);
    assert!(r.dom.contains("Claims x articles") || r.dom.contains("Counts per article"));
    assert!(r.dom.contains("class=\"m c0\""), "the highlights are drawn");
    assert!(
        !r.dom.contains("data-pwned=\""),
        "a script from the case ran"
    );
    let lower = r.dom.to_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img"));
    assert!(
        r.page_requests.is_empty(),
        "requests: {:?}",
        r.page_requests
    );
    screenshot(page, work);
    eprintln!("report and screenshot in {}", out.display());
}

#[test]
#[ignore = "needs Chromium; run by .ci/browser-check"]
fn report_renders_in_a_browser_for_the_example_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    check_report_in_browser(&example(), dir.path(), "export-report/example");
}

#[test]
#[ignore = "needs Chromium; run by .ci/browser-check"]
fn report_renders_in_a_browser_for_a_hostile_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = hostile_case(dir.path());
    check_report_in_browser(&root, dir.path(), "export-report/hostile");
}

#[test]
fn the_csv_has_one_row_per_mark_with_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let files = export(&example(), "csv", &out, &[]);
    assert_eq!(files, [out.join("marks.csv")]);
    let case = Case::open(&example()).expect("opens");
    let all: usize = case.annotators().values().map(|a| a.mark_count()).sum();
    let mut r = csv::Reader::from_path(&files[0]).expect("CSV");
    let header: Vec<String> = r
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    for col in [
        "annotator",
        "article",
        "outlet",
        "mark",
        "category",
        "start",
        "end",
        "quote",
        "attr_polarity",
        "attr_stance",
        "attr_quote",
        "prefix",
        "note",
        "claims",
        "actors",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} in {header:?}");
    }
    let mut sorted = header.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        header.len(),
        "no two columns share a name: {header:?}"
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a row")).collect();
    assert_eq!(rows.len(), all, "one row per mark");
    let col = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let key = AnnotatorId::new("key");
    let first = &case.marks(&key, &"wire".into())[0];
    let row = rows
        .iter()
        .find(|r| &r[col("annotator")] == "key" && &r[col("mark")] == first.id.as_str())
        .expect("the key's first mark");
    assert_eq!(&row[col("quote")], first.quote);
    assert_eq!(
        row[col("start")].parse::<usize>().expect("a number"),
        first.start.0
    );
    assert_eq!(&row[col("note")], first.note);
    let claims = &case.links(&key).expect("links").claims;
    let in_claim = claims.iter().find(|c| c.marks.contains(&first.id));
    if let Some(c) = in_claim {
        assert!(row[col("claims")].split(';').any(|id| id == c.id.as_str()));
    }
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let mut case = case_with(&root, &[("wire", "Officials said the camp was cleared.")]);
    marked(
        &mut case,
        "amara",
        "wire",
        "Officials [said]{attribution note=\"=HYPERLINK(\\\"http://x.example\\\",\\\"click\\\")\"} the camp was cleared.",
    );
    case.save().expect("saved");
    let out = dir.path().join("out");
    let files = export(&root, "csv", &out, &[]);
    let mut r = csv::Reader::from_path(&files[0]).expect("CSV");
    let header: Vec<String> = r
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let note = header.iter().position(|h| h == "note").expect("note");
    let row = r.records().next().expect("a row").expect("readable");
    assert!(row[note].starts_with("'=HYPERLINK("), "{:?}", &row[note]);
}

fn schema() -> jsonschema::Validator {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats/w3c-annotation.schema.json");
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(path).expect("the schema")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

#[track_caller]
fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn w3c_collections_are_valid_annotations_with_code_point_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let files = export(&example(), "w3c", &out, &[]);
    let case = Case::open(&example()).expect("opens");
    assert_eq!(files.len(), case.annotators().len() * case.articles().len());
    let v = schema();
    let mut total = 0;
    for f in &files {
        let doc: Value = serde_json::from_str(&fs::read_to_string(f).expect("read")).expect("JSON");
        assert_valid(&v, &doc, &f.display().to_string());
        total += doc["total"].as_u64().expect("a total") as usize;
        let items = doc["first"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(items.len() as u64, doc["total"].as_u64().expect("total"));
    }
    let all: usize = case.annotators().values().map(|a| a.mark_count()).sum();
    assert_eq!(total, all);

    // Offsets count code points: after an emoji with a skin tone (two code
    // points, four UTF-16 units), "regime" starts at 22.
    let root = dir.path().join("emoji");
    let text = "The crowd 👍🏽 cheered; the regime fell.";
    let mut c = case_with(&root, &[("wire", text)]);
    marked(
        &mut c,
        "amara",
        "wire",
        "The crowd 👍🏽 cheered; the [regime]{loaded} fell.",
    );
    c.save().expect("saved");
    let files = export(&root, "w3c", &dir.path().join("emoji-out"), &[]);
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(&files[0]).expect("read")).expect("JSON");
    assert_valid(&v, &doc, "emoji");
    let sel = &doc["first"]["items"][0]["target"]["selector"];
    assert_eq!(sel[0]["exact"], "regime");
    assert_eq!(sel[1]["type"], "TextPositionSelector");
    let chars_before = text[..text.find("regime").expect("there")].chars().count();
    let units_before: usize = text[..text.find("regime").expect("there")]
        .chars()
        .map(char::len_utf16)
        .sum();
    assert_eq!((chars_before, units_before), (26, 28), "{text}");
    assert_eq!(sel[1]["start"].as_u64(), Some(26));
    assert_eq!(sel[1]["end"].as_u64(), Some(32));
}

#[test]
fn the_schema_refuses_what_the_model_forbids() {
    let v = schema();
    let good = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:x:c", "type": "AnnotationCollection", "total": 1,
        "first": { "type": "AnnotationPage", "items": [{
            "id": "urn:x:a", "type": "Annotation",
            "body": { "type": "TextualBody", "value": "loaded", "purpose": "tagging" },
            "target": { "source": "urn:x:t", "selector": [
                { "type": "TextQuoteSelector", "exact": "regime" },
                { "type": "TextPositionSelector", "start": 1, "end": 7 }
            ]}
        }]}
    });
    assert_valid(&v, &good, "the minimal document");
    let broken: [(&str, &str, Value); 6] = [
        ("no context", "/@context", Value::Null),
        (
            "a context without the model's",
            "/@context",
            serde_json::json!(["http://example.org/ctx"]),
        ),
        (
            "a negative start",
            "/first/items/0/target/selector/1/start",
            serde_json::json!(-1),
        ),
        (
            "a quote selector without exact",
            "/first/items/0/target/selector/0/exact",
            Value::Null,
        ),
        (
            "a purpose that is no motivation",
            "/first/items/0/body/purpose",
            serde_json::json!("liking"),
        ),
        (
            "an annotation without an IRI",
            "/first/items/0/id",
            serde_json::json!("not an iri"),
        ),
    ];
    for (what, pointer, value) in broken {
        let mut doc = good.clone();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        let obj = doc.pointer_mut(parent).expect("the parent");
        if value.is_null() {
            obj.as_object_mut().expect("an object").remove(key);
        } else {
            obj[key] = value;
        }
        assert!(!v.is_valid(&doc), "{what} passed");
    }
    let mut empty_total = good.clone();
    empty_total.as_object_mut().expect("object").remove("first");
    assert!(
        !v.is_valid(&empty_total),
        "a total above 0 needs a first page"
    );
}

#[test]
fn brat_files_hold_the_text_the_spans_attributes_and_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = example_copy(dir.path());
    let out = dir.path().join("out");
    let files = export(&root, "brat", &out, &["--annotator", "key"]);
    let case = Case::open(&root).expect("opens");
    let key = AnnotatorId::new("key");
    let sub = out.join("key");
    assert!(
        files.contains(&sub.join("annotation.conf")) && files.contains(&sub.join("visual.conf"))
    );
    let conf = fs::read_to_string(sub.join("annotation.conf")).expect("conf");
    assert!(
        conf.contains("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"),
        "{conf}"
    );
    let visual = fs::read_to_string(sub.join("visual.conf")).expect("visual");
    assert!(
        visual.contains("loaded | Loaded wording") && visual.contains("loaded\tbgColor:#"),
        "{visual}"
    );
    for article in case.articles() {
        let id = article.meta.id.as_str();
        let text = fs::read_to_string(sub.join(format!("{id}.txt"))).expect("the text");
        assert_eq!(text, article.text.as_ref().expect("a text").text);
        let ann = fs::read_to_string(sub.join(format!("{id}.ann"))).expect("the .ann");
        let marks = case.marks(&key, &article.meta.id);
        let t_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('T')).collect();
        assert_eq!(t_lines.len(), marks.len(), "{id}");
        for (line, m) in t_lines.iter().zip(marks) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols[1], format!("{} {} {}", m.category, m.start.0, m.end.0));
            let chars: String = text
                .chars()
                .skip(m.start.0)
                .take(m.end.0 - m.start.0)
                .collect();
            assert_eq!(cols[2], chars.replace('\n', " "), "brat counts characters");
        }
        for m in marks.iter().filter(|m| !m.note.is_empty()) {
            assert!(
                ann.contains("\tAnnotatorNotes ") && ann.contains(&m.note.replace('\n', "\\n")),
                "{id}: {}",
                m.note
            );
        }
        assert!(
            marks.iter().all(|m| m.attributes.is_empty())
                || ann.lines().any(|l| l.starts_with('A'))
        );
    }
}

/// `--blind` names the articles as blind reading does: "Article n", no
/// id, title, outlet or URL in the HTML report or the CSV; without it the
/// command line names them, even in a case that reads blind.
#[test]
fn a_blind_export_names_no_article_by_id_title_outlet_or_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::util::blind_example(&dir.path().join("copy"));
    for format in ["html", "csv"] {
        let named = export(&root, format, &dir.path().join(format), &[]);
        let text = fs::read_to_string(&named[0]).expect("written");
        assert!(
            crate::util::named_articles(&text).contains(&"gulfwatch"),
            "{format} names the articles without --blind"
        );
        let blind = export(
            &root,
            format,
            &dir.path().join(format!("blind-{format}")),
            &["--blind"],
        );
        let text = fs::read_to_string(&blind[0]).expect("written");
        assert_eq!(
            crate::util::named_articles(&text),
            Vec::<&str>::new(),
            "{format}"
        );
        assert!(
            text.contains("article-4") || text.contains("Article 4"),
            "{text}"
        );
    }
}
