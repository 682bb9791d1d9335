//! `candor grade` run as an instructor would, in a temp folder, in every
//! format: the class table with the rules stated, one student's feedback in
//! text order, CSV, JSON with every pair, and HTML pages that escape
//! everything the case says.

use std::fs;
use std::path::{Path, PathBuf};

use candor::model::{AnnotatorId, ArticleId};

use crate::util::{candor, case_with, marked, ok, stderr, stdout};

const WIRE: &str =
    "Police cleared the so-called peace camp of eco-radicals at dawn, officials said.";
const VOICE: &str = "Riot squads stormed the peaceful camp, injuring more than 40.";

/// A class: the key on both articles, Amara on both (the wire done), Ben on
/// the wire only (the voice not handed in).
pub fn class_case(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    let mut case = case_with(&root, &[("wire", WIRE), ("voice", VOICE)]);
    marked(
        &mut case,
        "key",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt note=\"Scare word.\"} peace camp of \
[eco-radicals]{loaded kind=label polarity=negative note=\"A label for campaigners.\"} at dawn, officials said.",
    );
    marked(
        &mut case,
        "key",
        "voice",
        "[Riot squads]{loaded kind=label note=\"Police as an army.\"} stormed the [peaceful]{loaded kind=intensifier note=\"Takes a side on what happened.\"} camp, injuring more than 40.",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared [the so-called peace camp]{loaded} of [eco-radicals]{loaded kind=label polarity=positive} at dawn, officials said.",
    );
    marked(
        &mut case,
        "amara",
        "voice",
        "[Riot squads]{loaded kind=label} [stormed]{editorializing} the peaceful camp, injuring more than 40.",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt} peace camp of eco-radicals at dawn, officials said.",
    );
    candor::edit::Edit::SetDone {
        annotator: AnnotatorId::new("amara"),
        article: ArticleId::new("wire"),
        done: true,
    }
    .apply(&mut case)
    .expect("done");
    case.save().expect("saved");
    root
}

/// The id of `who`'s mark on `quote` in the class case: ids are random, so
/// a test that expects one in the output looks it up.
fn id_of(dir: &Path, who: &str, article: &str, quote: &str) -> String {
    let case = candor::case::Case::open(&dir.join("case")).expect("the case opens");
    let mark = case
        .marks(&AnnotatorId::new(who), &ArticleId::new(article))
        .iter()
        .find(|m| m.quote == quote)
        .unwrap_or_else(|| panic!("{who} has no mark on {quote:?}"));
    mark.id.to_string()
}

#[test]
fn the_class_table_states_the_rules_and_has_a_row_per_student() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(&["grade", "case", "--all"], dir.path());
    ok(&o);
    let out = stdout(&o);
    for rule in [
        "Graded against the answer key of key.",
        "at least half of the longer mark, counted in characters (--match half)",
        "Partial credit is off",
        "Not handed in (not marked done and no marks): left out of every score",
    ] {
        assert!(out.contains(rule), "missing {rule:?} in\n{out}");
    }
    let row = |who: &str| {
        out.lines()
            .find(|l| l.starts_with(who))
            .unwrap_or_else(|| panic!("no row for {who} in\n{out}"))
            .to_string()
    };
    assert!(row("amara ").ends_with("  -"), "{}", row("amara "));
    assert!(row("ben ").ends_with("voice"), "{}", row("ben "));
    assert!(
        out.contains("ben: 1 article(s) not handed in; the key's 2 mark(s) there are not counted."),
        "{out}"
    );
    assert!(!out.contains("\nkey "), "the key is not a student:\n{out}");
}

#[test]
fn one_students_feedback_is_in_text_order_with_the_keys_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(&["grade", "case", "--student", "amara"], dir.path());
    ok(&o);
    let out = stdout(&o);
    let wire = out
        .find("wire: Article wire (done)")
        .expect("the wire's heading");
    let lines: Vec<&str> = out[wire..].lines().skip(1).take(4).collect();
    let id = |who, quote| id_of(dir.path(), who, "wire", quote);
    assert_eq!(
        lines,
        [
            format!(
                "  boundary  Right place, different extent (Loaded wording): you marked “the so-called peace camp”, the key marks “so-called”. [key {}, yours {}]",
                id("key", "so-called"),
                id("amara", "the so-called peace camp")
            ),
            "              The key's note: Scare word.".to_string(),
            format!(
                "  matched   “eco-radicals” (Loaded wording): matched the key. [key {}, yours {}]",
                id("key", "eco-radicals"),
                id("amara", "eco-radicals")
            ),
            "              Polarity: you said Positive, the key says Negative.".to_string(),
        ],
        "{out}"
    );
    assert!(
        out.contains("“stormed” (Editorializing): the key has no mark here."),
        "{out}"
    );
    assert!(
        out.contains("“peaceful” (Loaded wording): the key marks this; you have no mark here."),
        "{out}"
    );
    assert!(
        out.contains("The key's note: Takes a side on what happened."),
        "{out}"
    );
    assert!(
        out.contains("voice: Article voice (not marked done, graded as it is)"),
        "{out}"
    );
}

#[test]
fn a_not_handed_in_article_says_so_in_the_feedback() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(&["grade", "case", "-s", "ben"], dir.path());
    ok(&o);
    assert!(
        stdout(&o).contains(
            "voice: Article voice (not handed in)\n  not graded: the key's 2 mark(s) here are not counted"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn csv_has_the_scores_then_every_item_with_ids_and_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(&["grade", "case", "--all", "--format", "csv"], dir.path());
    ok(&o);
    let out = stdout(&o);
    let (scores, items) = out.split_once("\n\n").expect("two tables");
    let scores: Vec<csv::StringRecord> = csv::Reader::from_reader(scores.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV");
    // Two students x (three categories + all).
    assert_eq!(scores.len(), 8);
    let all = scores
        .iter()
        .find(|r| &r[0] == "amara" && &r[1] == "all")
        .expect("amara's overall line");
    assert_eq!((&all[4], &all[5], &all[17]), ("2", "1", "half"));
    let mut items = csv::Reader::from_reader(items.as_bytes());
    let headers = items.headers().expect("headers").clone();
    assert_eq!(&headers[3], "outcome");
    let rows: Vec<csv::StringRecord> = items.records().collect::<Result<_, _>>().expect("CSV");
    let boundary = rows
        .iter()
        .find(|r| &r[3] == "boundary")
        .expect("the boundary pair");
    let key_id = id_of(dir.path(), "key", "wire", "so-called");
    let amara_id = id_of(dir.path(), "amara", "wire", "the so-called peace camp");
    assert_eq!(
        (&boundary[4], &boundary[6], &boundary[7], &boundary[8]),
        (key_id.as_str(), "19", "28", "so-called")
    );
    assert_eq!(
        (&boundary[9], &boundary[13]),
        (amara_id.as_str(), "the so-called peace camp")
    );
    assert_eq!(&boundary[16], "Scare word.");
}

#[test]
fn json_carries_every_pair_with_mark_ids_quotes_and_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(
        &[
            "grade",
            "case",
            "--all",
            "--format",
            "json",
            "--match",
            "0.3",
            "--partial-credit",
        ],
        dir.path(),
    );
    ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["rules"]["rule"]["per_mille"], 300);
    assert_eq!(v["rules"]["boundary_credit"], 0.5);
    assert_eq!(v["rules"]["unit"], "chars");
    let amara = &v["students"][0];
    assert_eq!(amara["student"], "amara");
    let item = &amara["articles"][0]["items"][0];
    // 9 of 24 chars is 37%: matched under --match 0.3.
    assert_eq!(item["outcome"], "matched");
    assert_eq!(
        item["key"]["mark"],
        id_of(dir.path(), "key", "wire", "so-called").as_str()
    );
    assert_eq!(item["key"]["quote"], "so-called");
    assert_eq!(item["key"]["range"]["start"], 19);
    assert_eq!(item["student"]["range"]["end"], 39);
    assert_eq!(item["overlap_chars"], 9);
    assert_eq!(v["students"][1]["articles"][1]["hand_in"], "not_handed_in");
}

#[test]
fn out_writes_a_file_and_html_needs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    ok(&candor(
        &["grade", "case", "--all", "--out", "report"],
        dir.path(),
    ));
    let txt = fs::read_to_string(dir.path().join("report/grades.txt")).expect("grades.txt");
    assert!(txt.starts_with("Graded against the answer key of key."));
    let o = candor(&["grade", "case", "--all", "--format", "html"], dir.path());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--out DIR"), "{}", stderr(&o));
}

#[test]
fn the_key_comes_from_the_case_or_from_key_and_must_exist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    let mut case = case_with(&root, &[("wire", WIRE)]);
    marked(
        &mut case,
        "ms-okafor",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of eco-radicals at dawn, officials said.",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared the [so-called]{loaded} peace camp of eco-radicals at dawn, officials said.",
    );
    case.save().expect("saved");
    let o = candor(&["grade", "case", "--all"], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("this case has no answer key"),
        "{}",
        stderr(&o)
    );
    let o = candor(
        &["grade", "case", "--all", "--key", "ms-okafor"],
        dir.path(),
    );
    ok(&o);
    assert!(stdout(&o).contains("\namara "), "{}", stdout(&o));
    let o = candor(
        &["grade", "case", "--all", "--key", "mr-nobody"],
        dir.path(),
    );
    assert!(
        stderr(&o).contains("the key \"mr-nobody\" has no marks"),
        "{}",
        stderr(&o)
    );
    // A student with no files is graded as having handed in nothing.
    let o = candor(
        &["grade", "case", "--key", "ms-okafor", "-s", "zoe"],
        dir.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("no marks from \"zoe\""),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("not handed in"), "{}", stdout(&o));
}

#[test]
fn html_pages_link_the_class_to_each_student() {
    let dir = tempfile::tempdir().expect("tempdir");
    class_case(dir.path());
    let o = candor(
        &[
            "grade", "case", "--all", "--format", "html", "--out", "pages",
        ],
        dir.path(),
    );
    ok(&o);
    assert!(stderr(&o).contains("wrote 3 page(s)"), "{}", stderr(&o));
    let pages = dir.path().join("pages");
    let index = fs::read_to_string(pages.join("index.html")).expect("index.html");
    assert!(
        index.contains("<a href=\"student-amara.html\">amara</a>"),
        "{index}"
    );
    let amara = fs::read_to_string(pages.join("student-amara.html")).expect("a page");
    for class in [
        "s-boundary",
        "k-boundary",
        "s-matched",
        "k-matched",
        "k-missed",
        "s-extra",
    ] {
        assert!(amara.contains(&format!("class=\"{class}")), "no {class}");
    }
    assert!(
        amara.contains("The key&#x27;s note: Scare word.")
            || amara.contains("The key's note: Scare word.")
    );
    let ben = fs::read_to_string(pages.join("student-ben.html")).expect("a page");
    assert!(
        ben.contains("Not handed in: not marked done, and no marks."),
        "{ben}"
    );
    for page in [&index, &amara, &ben] {
        assert!(page.contains("Content-Security-Policy"));
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "nothing to load"
        );
    }
}

/// The example case's README walks a class through this table: it must be
/// what the command prints, and the two students must differ as it says.
#[test]
fn the_example_case_grades_as_its_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = candor(&["grade", "annotations/northgate-dam", "--all"], root);
    ok(&o);
    let out = stdout(&o);
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("student "))
        .take(3)
        .collect();
    let readme =
        fs::read_to_string(root.join("annotations/northgate-dam/README.md")).expect("README");
    let shown: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("student "))
        .take(3)
        .collect();
    assert_eq!(table, shown, "the README's class table is out of date");
    // The window walk-through quotes the ranking of the key's marks.
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for found in [
        "0 of 2 found “calling itself” (Loaded wording)",
        "0 of 2 found “residents of the Calder Valley defended their farms and homes” (Editorializing)",
    ] {
        assert!(flat.contains(found), "the README says {found}");
        assert!(out.contains(found), "{found}");
    }
    let line = "other category  “residents of the Calder Valley defended their farms and homes”: you marked this as Attribution, the key as Editorializing. [key m42, yours m53]";
    let o = candor(&["grade", "annotations/northgate-dam", "-s", "ben"], root);
    assert!(stdout(&o).contains(line), "{line}");
    assert!(readme.contains(line), "{line}");
}

/// The class page ranks the key's marks as `candor grade --all` and the
/// Class view do: fewest found first, each row with who found it.
#[test]
fn the_class_page_ranks_the_keys_marks_fewest_found_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::util::example_copy(dir.path());
    let o = candor(
        &["grade", ".", "--all", "--format", "html", "--out", "pages"],
        &root,
    );
    ok(&o);
    let index = fs::read_to_string(root.join("pages/index.html")).expect("index.html");
    let case = candor::case::Case::open(&root).expect("the case opens");
    let key = case.key().expect("a key").clone();
    let students = candor::grade::students(&case, &key);
    let class = candor::grade::ClassGrade::build(&case, &key, &students, &Default::default());
    let tallies = class.key_marks_found(&case);
    assert!(tallies.len() > 10);
    let section = index
        .split("The key's marks, fewest found first</h2>")
        .nth(1)
        .expect("the ranking is on the class page");
    let rows: Vec<&str> = section.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), tallies.len(), "one row per key mark");
    for (row, t) in rows.iter().zip(&tallies) {
        let found = format!("<td>{} of {}</td>", t.found.len(), t.counted());
        let quote =
            candor::export::html::escape_text(&candor::export::grade::words::quoted(&t.key.quote));
        assert!(
            row.starts_with(&found) && row.contains(&quote) && row.contains(t.article.as_str()),
            "{row} is {found} {quote} in {}",
            t.article
        );
    }
    // The ranking is not the text order: the least found come first.
    let first = tallies.first().and_then(|t| t.share_found());
    let last = tallies.iter().rev().find_map(|t| t.share_found());
    assert!(first < last, "{first:?} before {last:?}");
    assert!(rows[0].contains("missed it: "), "{}", rows[0]);
}
