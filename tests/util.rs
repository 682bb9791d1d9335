//! Builders every test module shares, so that a test says what it sets up
//! in a line and not how: run the real binary, make an article, make a case
//! on disk, mark a text. After ripgrep's `tests/util.rs`; the marked-text
//! builder after helix-core's `src/test.rs`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use candor::case::Case;
use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, MarkId};
use candor::text::CharRange;

/// Copies a folder and everything in it (a clone of a case).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).expect("list a folder to copy") {
        let path = entry.expect("a folder entry").path();
        let dest = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy a file");
        }
    }
}

/// A copy of the example case in `dir/northgate-dam`, never the original.
pub fn example_copy(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("northgate-dam");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    copy_dir(&example, &root);
    root
}

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

/// One span of a marked text: where it is in the plain text (in chars) and
/// what the mark on it says.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkedSpan {
    pub range: CharRange,
    pub category: CategoryId,
    pub attributes: BTreeMap<String, AttrValue>,
    pub note: String,
}

/// Marks `annotator`'s spans, written as marked text (see `parse_marked`),
/// on an article of `case`, and returns the new marks' ids in the order
/// their `[` appear. The marked text without its markup must be the
/// article's text, so a fixture writes the text once (`case_with`) and then
/// one line per annotator. The marks are made as the window makes them
/// (`Case::new_mark`, then `Edit::AddMark`); nothing is saved.
#[track_caller]
pub fn marked(case: &mut Case, annotator: &str, article: &str, markup: &str) -> Vec<MarkId> {
    let (text, spans) = parse_marked(markup);
    let annotator = AnnotatorId::new(annotator);
    let article = ArticleId::new(article);
    let Some(have) = case.article_text(&article) else {
        panic!("the case has no text for article {article}");
    };
    assert_eq!(
        text, have.text,
        "the marked text, without its markup, is not article {article}'s text"
    );
    let mut ids = Vec::new();
    for span in spans {
        let mut mark = case
            .new_mark(&annotator, &article, span.range, &span.category)
            .expect("the span fits the text");
        mark.attributes = span.attributes;
        mark.note = span.note;
        ids.push(mark.id.clone());
        Edit::AddMark {
            annotator: annotator.clone(),
            article: article.clone(),
            mark,
        }
        .apply(case)
        .expect("the mark is added");
    }
    ids
}

/// Splits marked text into its plain text and its spans.
///
/// `the [ruling class]{loaded} said` is the text `the ruling class said`
/// with a `loaded` mark on `ruling class`. Spans nest:
/// `[it was [so-called]{loaded} peace]{editorializing}`. In the braces the
/// category comes first, then attributes: `{loaded kind=doubt in_quote=true}`
/// (`true` and `false` give yes/no, anything else is text), and `note=` is
/// the mark's note. A value with spaces is quoted, `note="a label"`, and
/// inside the quotes `\"` is a quote. Outside the braces `\[` and `\]` are
/// literal brackets and `\\` a backslash.
///
/// Ranges count chars, as marks do, not bytes. Spans come in the order of
/// their `[`, outer before inner. Bad markup panics, saying where.
#[track_caller]
pub fn parse_marked(markup: &str) -> (String, Vec<MarkedSpan>) {
    let mut text = String::new();
    let mut len = 0; // chars of `text`
    // Spans in the order of their `[`, filled in at their `]`.
    let mut spans: Vec<Option<MarkedSpan>> = Vec::new();
    // Open spans: their slot in `spans`, start in `text`, place in `markup`.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let mut chars = markup.chars().enumerate();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, c)) = chars.next() else {
                    panic!("{}: a `\\` at the end escapes nothing", place(markup, at));
                };
                text.push(c);
                len += 1;
            }
            '[' => {
                open.push((spans.len(), len, at));
                spans.push(None);
            }
            ']' => {
                let Some((slot, start, _)) = open.pop() else {
                    panic!("{}: a `]` with no `[` before it", place(markup, at));
                };
                assert!(
                    start < len,
                    "{}: an empty span `[]`; a mark needs at least one char",
                    place(markup, at)
                );
                if !matches!(chars.next(), Some((_, '{'))) {
                    panic!(
                        "{}: a `]` must be followed by `{{category ...}}`",
                        place(markup, at)
                    );
                }
                let words = brace_words(&mut chars, markup, at);
                spans[slot] = Some(span(CharRange::new(start, len), words, markup, at));
            }
            c => {
                text.push(c);
                len += 1;
            }
        }
    }
    if let Some(&(_, _, at)) = open.last() {
        panic!("{}: a `[` that is never closed", place(markup, at));
    }
    (text, spans.into_iter().flatten().collect())
}

/// The words inside `{...}`, read up to the closing brace; quotes group
/// words and are dropped.
#[track_caller]
fn brace_words(
    chars: &mut impl Iterator<Item = (usize, char)>,
    markup: &str,
    at: usize,
) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    loop {
        let Some((_, c)) = chars.next() else {
            panic!("{}: a `{{` that is never closed", place(markup, at));
        };
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            '\\' if quoted => {
                let Some((_, c)) = chars.next() else {
                    panic!("{}: a `{{` that is never closed", place(markup, at));
                };
                word.get_or_insert_with(String::new).push(c);
            }
            '}' if !quoted => break,
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The span over `range` that the words of its braces describe.
#[track_caller]
fn span(range: CharRange, words: Vec<String>, markup: &str, at: usize) -> MarkedSpan {
    let mut words = words.into_iter();
    let category = match words.next() {
        Some(c) if !c.contains('=') => CategoryId::new(c),
        _ => panic!(
            "{}: the braces must start with a category",
            place(markup, at)
        ),
    };
    let mut attributes = BTreeMap::new();
    let mut note = String::new();
    for word in words {
        let Some((key, value)) = word.split_once('=') else {
            panic!("{}: {word:?} should be attr=value", place(markup, at));
        };
        if key == "note" {
            note = value.to_string();
            continue;
        }
        let value = match value {
            "true" => AttrValue::Flag(true),
            "false" => AttrValue::Flag(false),
            v => AttrValue::Text(v.to_string()),
        };
        let again = attributes.insert(key.to_string(), value);
        assert!(again.is_none(), "{}: {key} is set twice", place(markup, at));
    }
    MarkedSpan {
        range,
        category,
        attributes,
        note,
    }
}

/// Where in `markup` a problem is, for a panic message: the text up to it.
fn place(markup: &str, at: usize) -> String {
    let before: String = markup.chars().take(at + 1).collect();
    format!("marked text {before:?}<- here")
}

/// The example's articles: (id there, new id, new title, new outlet).
/// None of the new strings is in any text, so a hit is a leak.
pub const RENAMED: [(&str, &str, &str, &str); 5] = [
    (
        "wire",
        "gulfwatch",
        "Zephyrine dispatch on the dam",
        "Gulfwatch Wire Service",
    ),
    (
        "tribune",
        "harbourline",
        "Quillfeather order restored",
        "Harbourline Tribune",
    ),
    (
        "voice",
        "quayside",
        "Brackenmoor squads storm the camp",
        "Quayside Voice",
    ),
    (
        "ledger",
        "marlpit",
        "Thistlewood camp cleared at dawn",
        "Marlpit Ledger",
    ),
    (
        "digest",
        "ostrander",
        "Wolverhame stones thrown",
        "Ostrander Digest",
    ),
];

/// A copy of the example case with blind reading on and its articles
/// renamed as `RENAMED` says (marks files too).
pub fn blind_example(dir: &Path) -> std::path::PathBuf {
    let root = example_copy(dir);
    let path = root.join("case.ron");
    let mut ron = std::fs::read_to_string(&path).expect("case.ron");
    let original = ron.clone();
    ron = ron.replace("    key: \"key\",", "    key: \"key\",\n    blind: true,");
    for (old, id, title, outlet) in RENAMED {
        let meta = |field: &str| {
            let start = original
                .find(&format!("id: \"{old}\""))
                .expect("the article");
            original[start..]
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{field}: ")))
                .expect("the field")
                .trim()
                .to_string()
        };
        ron = ron
            .replace(&format!("id: \"{old}\""), &format!("id: \"{id}\""))
            .replace(&meta("title"), &format!("title: \"{title}\","))
            .replace(&meta("outlet"), &format!("outlet: \"{outlet}\","));
        for who in ["amara", "ben", "key"] {
            let marks = root.join("marks").join(who);
            std::fs::rename(
                marks.join(format!("{old}.ron")),
                marks.join(format!("{id}.ron")),
            )
            .expect("rename the marks file");
        }
    }
    assert_ne!(ron, original);
    std::fs::write(&path, ron).expect("write case.ron");
    root
}

/// The strings of `RENAMED` (ids, titles, outlets) and the articles' URLs
/// found in `text`, in any case: what a blind output must not hold.
pub fn named_articles(text: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    RENAMED
        .iter()
        .flat_map(|(_, id, title, outlet)| [*id, *title, *outlet])
        .chain(["https://example.org/", "https://example.com/"])
        .filter(|w| text.contains(&w.to_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> AttrValue {
        AttrValue::Text(s.into())
    }

    /// The chars of `range` in `plain`.
    fn chars(plain: &str, range: CharRange) -> String {
        plain
            .chars()
            .skip(range.start.0)
            .take(range.len())
            .collect()
    }

    #[test]
    fn nested_spans_come_in_the_order_they_open() {
        let (plain, spans) = parse_marked(
            "the [ruling class]{loaded} said [it was [so-called]{loaded kind=doubt} peace]{editorializing}",
        );
        assert_eq!(plain, "the ruling class said it was so-called peace");
        let got: Vec<(&str, String)> = spans
            .iter()
            .map(|s| (s.category.as_str(), chars(&plain, s.range)))
            .collect();
        assert_eq!(
            got,
            [
                ("loaded", "ruling class".to_string()),
                ("editorializing", "it was so-called peace".to_string()),
                ("loaded", "so-called".to_string()),
            ]
        );
        assert_eq!(spans[1].range, CharRange::new(22, 44));
        assert_eq!(spans[2].range, CharRange::new(29, 38));
        assert!(spans[0].attributes.is_empty());
        assert_eq!(spans[2].attributes["kind"], text("doubt"));
    }

    #[test]
    fn attributes_flags_and_a_quoted_note() {
        let (plain, spans) = parse_marked(
            r#"a [mob]{loaded kind=label in_quote=false note="a \"crowd\" in the wire, a mob here"}"#,
        );
        assert_eq!(plain, "a mob");
        let s = &spans[0];
        assert_eq!(s.category, CategoryId::new("loaded"));
        assert_eq!(s.range, CharRange::new(2, 5));
        assert_eq!(s.attributes["kind"], text("label"));
        assert_eq!(s.attributes["in_quote"], AttrValue::Flag(false));
        assert_eq!(s.attributes.len(), 2);
        assert_eq!(s.note, r#"a "crowd" in the wire, a mob here"#);
    }

    #[test]
    fn escaped_brackets_are_text() {
        let (plain, spans) = parse_marked(r"they \[sic\] [said]{attribution} \\ so");
        assert_eq!(plain, r"they [sic] said \ so");
        assert_eq!(chars(&plain, spans[0].range), "said");
    }

    #[test]
    fn ranges_count_chars_not_bytes() {
        let (plain, spans) = parse_marked("Zoë [👍🏽 ok]{loaded}");
        assert_eq!(plain, "Zoë 👍🏽 ok");
        // "Zoë " is 4 chars (5 bytes); the thumb and its skin tone are 2
        // chars (8 bytes).
        assert_eq!(spans[0].range, CharRange::new(4, 9));
        assert_eq!(chars(&plain, spans[0].range), "👍🏽 ok");
    }

    #[test]
    #[should_panic(expected = "a `]` with no `[` before it")]
    fn a_closing_bracket_alone_panics() {
        parse_marked("the ruling class]{loaded} said");
    }

    #[test]
    #[should_panic(expected = "a `[` that is never closed")]
    fn an_unclosed_bracket_panics() {
        parse_marked("the [ruling [class]{loaded} said");
    }

    #[test]
    #[should_panic(expected = "a `]` must be followed by `{category ...}`")]
    fn a_span_without_a_category_panics() {
        parse_marked("the [ruling class] said");
    }

    #[test]
    fn marks_are_made_on_the_case_one_line_per_annotator() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with(
            dir.path(),
            &[("wire", "the ruling class said it was so-called peace")],
        );
        let key = marked(
            &mut case,
            "key",
            "wire",
            "the [ruling class]{loaded polarity=negative} said [it was [so-called]{loaded kind=doubt} peace]{editorializing}",
        );
        let amara = marked(
            &mut case,
            "amara",
            "wire",
            "the ruling class said it was [so-called]{loaded note=\"scare quotes\"} peace",
        );
        // Fresh ids, in the order of the `[`s, none the same.
        let all: std::collections::BTreeSet<&MarkId> = key.iter().chain(&amara).collect();
        assert_eq!((key.len(), amara.len(), all.len()), (3, 1, 4));
        assert!(
            all.iter()
                .all(|id| candor::case::is_fresh_id(id.as_str(), "m")),
            "{all:?}"
        );

        let wire = ArticleId::new("wire");
        let marks = case.marks(&AnnotatorId::new("key"), &wire);
        let quote = |id: &MarkId| {
            let m = marks
                .iter()
                .find(|m| &m.id == id)
                .expect("the mark is there");
            (m.category.as_str(), m.quote.as_str())
        };
        assert_eq!(quote(&key[0]), ("loaded", "ruling class"));
        assert_eq!(quote(&key[1]), ("editorializing", "it was so-called peace"));
        assert_eq!(quote(&key[2]), ("loaded", "so-called"));
        let m = &case.marks(&AnnotatorId::new("amara"), &wire)[0];
        assert_eq!(
            (m.quote.as_str(), m.note.as_str()),
            ("so-called", "scare quotes")
        );
        assert!(
            candor::validate::check(&case).iter().all(|p| !p.is_error()),
            "{:?}",
            candor::validate::check(&case)
        );
    }

    #[test]
    #[should_panic(expected = "is not article wire's text")]
    fn marked_text_that_is_not_the_articles_text_panics() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with(dir.path(), &[("wire", "the ruling class said")]);
        marked(&mut case, "key", "wire", "the [ruling elite]{loaded} said");
    }
}
