//! Marks that survive edited texts: the mutation test-bed (`testbed`, with
//! the edits it makes in `edits`, and its large runs in `large`), regressions
//! named after the bugs they pin (`regressions`), marks that need review
//! (`review`), properties, and the stories of a case whose article changes
//! on disk.
//!
//! Invented articles are marked the way an annotator would (whole words,
//! phrases), then edited the way people correct articles: words inserted,
//! deleted or replaced near and far from marks and right at their edges,
//! spaces, line breaks and quote marks changed, paragraphs swapped or moved,
//! a word inside a quote corrected. Each edit is tracked, so we know where
//! every mark's words really went; the re-anchored marks are then counted as
//! placed correctly, orphaned or misplaced. Misplaced must be zero.

mod edits;
mod large;
mod regressions;
mod review;
mod testbed;

use std::path::Path;

use candor::anchor::{self, Located};
use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId, Timestamp};
use candor::text::ArticleText;
use candor::text::{CharPos, CharRange};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::util::{self, candor};

pub const FIXTURES: [(&str, &str); 3] = [
    (
        "ferry-strike",
        include_str!("../fixtures/anchoring/ferry-strike.txt"),
    ),
    (
        "orchard-fire",
        include_str!("../fixtures/anchoring/orchard-fire.txt"),
    ),
    (
        "museum-vote",
        include_str!("../fixtures/anchoring/museum-vote.txt"),
    ),
];

/// A mark made as the window makes one: quote and context from the text.
pub fn new_mark(text: &ArticleText, id: usize, range: CharRange) -> Option<Mark> {
    candor::anchor::new_mark(
        text,
        MarkId(format!("m{id}")),
        range,
        CategoryId::new("loaded"),
    )
}

/// A mark with no place yet, for properties that set every field by hand.
fn blank_mark(id: usize) -> Mark {
    Mark {
        id: MarkId(format!("m{id}")),
        category: CategoryId::new("loaded"),
        start: CharPos(0),
        end: CharPos(0),
        quote: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        attributes: Default::default(),
        note: String::new(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    }
}

/// Char ranges of the words of a text (letters or digits in them), in order.
pub fn word_ranges(text: &str) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut chars = 0;
    for piece in text.split_word_bounds() {
        let n = piece.chars().count();
        if piece.chars().any(char::is_alphanumeric) {
            out.push(CharRange::new(chars, chars + n));
        }
        chars += n;
    }
    out
}

#[test]
fn a_corrected_word_inside_a_quote_is_followed_or_orphaned_never_misplaced() {
    let text = candor::text::normalize(FIXTURES[0].1);
    let article = ArticleText::new(text.clone());
    let marks: Vec<Mark> = [
        "insulted every worker who kept the boats running",
        "a reckless stunt that punishes the very people",
    ]
    .iter()
    .enumerate()
    .map(|(i, q)| {
        let r = candor::suggest::find_whole_words(&article, q)[0];
        new_mark(&article, i + 1, r).expect("fits")
    })
    .collect();
    let corrected = text
        .replace("insulted every worker", "insulted every single worker")
        .replace("reckless stunt", "reckles stunt");
    let found = anchor::reanchor(&ArticleText::new(corrected.clone()), &marks);
    let new = ArticleText::new(corrected);
    let texts: Vec<Option<&str>> = found
        .iter()
        .map(|l| match l {
            Located::Moved {
                range,
                exact: false,
            } => new.slice(*range),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            Some("insulted every single worker who kept the boats running"),
            Some("a reckles stunt that punishes the very people"),
        ]
    );
}

/// A case in a temp folder with one article, `ferry`, and amara's marks on
/// the first whole-word hit of each quote.
fn ferry_case(text: &str, quotes: &[&str]) -> (tempfile::TempDir, AnnotatorId, ArticleId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = util::case_with(&dir.path().join("case"), &[("ferry", text)]);
    let article = ArticleId::new("ferry");
    let key = AnnotatorId::new("amara");
    let mut marks = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let t = case.article_text(&article).expect("text");
        let r = candor::suggest::find_whole_words(t, q)[0];
        marks.push(
            case.mark_with_id(
                MarkId(format!("m{}", i + 1)),
                &article,
                r,
                &CategoryId::new("loaded"),
            )
            .expect("mark"),
        );
    }
    *case.marks_mut(&key, &article).expect("writable") = marks;
    case.save().expect("save");
    (dir, key, article)
}

fn write_article(root: &Path, text: &str) {
    std::fs::write(root.join("articles/ferry.txt"), text).expect("write article");
}

#[test]
fn a_corrected_article_moves_marks_on_open_and_the_next_save_writes_them() {
    let text = "Board chair Héloïse Marchetti called the walkout “a reckless stunt.” 🚤 Crews stayed home.\n";
    let (dir, key, article) = ferry_case(text, &["a reckless stunt", "Crews stayed home"]);
    let root = dir.path().join("case");
    // Someone fixes a typo and adds a sentence at the top, in another editor.
    write_article(
        &root,
        &format!("Updated at 9:40 with the union's reply.\r\n{text}"),
    );
    let mut case = Case::open(&root).expect("open");
    assert_eq!(case.anchoring().moved.len(), 2);
    assert!(candor::validate::orphans(&case).is_empty());
    let t = case.article_text(&article).expect("text");
    for m in case.marks(&key, &article) {
        assert_eq!(t.slice(m.range()), Some(m.quote.as_str()));
    }
    assert!(case.has_unsaved_changes());
    let report = case.save().expect("save");
    assert_eq!(
        report.written,
        vec![Path::new("marks/amara/ferry.ron").to_path_buf()]
    );
    // Reopened, everything is in place and nothing moves again.
    let case = Case::open(&root).expect("reopen");
    assert!(case.anchoring().moved.is_empty());
    assert!(!case.has_unsaved_changes());
}

#[test]
fn a_mark_whose_words_were_deleted_is_an_orphan_kept_in_its_file_and_reported() {
    let text = "The union said the board had insulted every worker, in a statement read outside the depot. Police said little.\n";
    let (dir, key, article) = ferry_case(text, &["insulted every worker", "Police said"]);
    let root = dir.path().join("case");
    let marks_file = root.join("marks/amara/ferry.ron");
    let before = std::fs::read_to_string(&marks_file).expect("marks file");
    write_article(
        &root,
        "Updated. The union said the board had been unfair, in a statement read outside the depot. Police said little.\n",
    );
    let mut case = Case::open(&root).expect("open");
    let orphans = candor::validate::orphans(&case);
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].mark.as_str(), "m1");
    // The other mark moved; the orphan is still in memory, untouched.
    assert_eq!(case.marks(&key, &article).len(), 2);
    let problems = candor::validate::check(&case);
    let orphan_warnings: Vec<String> = problems
        .iter()
        .filter(|p| p.message.contains("orphan"))
        .map(|p| p.to_string())
        .collect();
    assert_eq!(orphan_warnings.len(), 1, "{problems:?}");
    assert!(!problems.iter().any(|p| p.is_error()), "{problems:?}");
    // PATH:LINE:COL of the mark's id line.
    assert!(
        orphan_warnings[0].contains("ferry.ron:") && orphan_warnings[0].contains(": warning: "),
        "{}",
        orphan_warnings[0]
    );
    case.save().expect("save");
    let after = std::fs::read_to_string(&marks_file).expect("marks file");
    assert!(
        after.contains("insulted every worker"),
        "the orphan survives"
    );
    assert_ne!(before, after, "the moved mark was saved");
}

#[test]
fn the_window_can_poll_for_changed_articles_and_reload_one() {
    let text = "Ferries stopped at dawn. “Nobody told us anything,” said a nurse.\n";
    let (dir, key, article) = ferry_case(text, &["Nobody told us anything"]);
    let root = dir.path().join("case");
    let mut case = Case::open(&root).expect("open");
    assert!(case.changed_articles().is_empty());
    write_article(
        &root,
        "Ferries stopped at dawn on Monday. “Nobody told us anything,” said a nurse.\n",
    );
    assert_eq!(case.changed_articles(), vec![article.clone()]);
    let report = case.reload_article(&article).expect("reload");
    assert_eq!(report.moved.len(), 1);
    assert!(report.orphans.is_empty());
    assert!(case.changed_articles().is_empty());
    let m = &case.marks(&key, &article)[0];
    let t = case.article_text(&article).expect("text");
    assert_eq!(t.slice(m.range()), Some("Nobody told us anything"));
}

#[test]
fn crlf_emoji_and_accents_imported_then_marked_survive_a_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    Case::create(&root, "Unicode").expect("create");
    let file = dir.path().join("protest.txt");
    std::fs::write(
        &file,
        "Zoë said\r\n“Les élites 👩‍👩‍👧 ont menti” 🇫🇷\r\nالمتحدث محمد قال 北京\r\n",
    )
    .expect("write");
    let mut case = Case::open(&root).expect("open");
    let id = candor::import::import_file(&mut case, &file, &Default::default()).expect("import");
    let t = case.article_text(&id).expect("text");
    assert!(!t.text.contains('\r'));
    let ann = AnnotatorId::new("ben");
    let mut marks = Vec::new();
    for (i, q) in ["Les élites 👩‍👩‍👧 ont menti", "محمد", "北京"]
        .iter()
        .enumerate()
    {
        let r = candor::suggest::find_whole_words(t, q)[0];
        marks.push(
            case.mark_with_id(
                MarkId(format!("m{}", i + 1)),
                &id,
                r,
                &CategoryId::new("loaded"),
            )
            .expect("mark"),
        );
    }
    *case.marks_mut(&ann, &id).expect("writable") = marks;
    case.save().expect("save");
    let case = Case::open(&root).expect("reopen");
    assert!(candor::validate::orphans(&case).is_empty());
    assert!(case.anchoring().moved.is_empty());
    let t = case.article_text(&id).expect("text");
    let quotes: Vec<&str> = case
        .marks(&ann, &id)
        .iter()
        .map(|m| t.slice(m.range()).expect("in range"))
        .collect();
    assert_eq!(quotes, vec!["Les élites 👩‍👩‍👧 ont menti", "محمد", "北京"]);
}

/// Text with every kind of char the issue lists, and plain words between.
fn unicode_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,8}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("e\u{301}".to_string()),
        Just("👍🏽".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("🇫🇷".to_string()),
        Just("北京市".to_string()),
        Just("محمد".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 1..60).prop_map(|v| v.concat())
}

/// A mark on chars `a..b` (taken modulo the text's length).
fn mark_on(text: &ArticleText, a: usize, b: usize) -> Option<Mark> {
    let len = text.char_len();
    if len == 0 {
        return None;
    }
    let start = a % len;
    let end = start + 1 + b % (len - start);
    new_mark(text, 1, CharRange::new(start, end))
}

proptest! {
    #[test]
    fn an_unedited_text_leaves_every_mark_intact(text in unicode_text(), a in 0usize..500, b in 0usize..50) {
        let t = ArticleText::new(text);
        if let Some(m) = mark_on(&t, a, b) {
            prop_assert_eq!(anchor::locate(&t, &m), Located::Intact);
        }
    }

    #[test]
    fn a_placement_is_on_the_quote_unless_reported_approximate(
        text in unicode_text(),
        a in 0usize..500,
        b in 0usize..50,
        at in 0usize..500,
        cut in 0usize..10,
        insert in unicode_text(),
    ) {
        let t = ArticleText::new(text);
        let Some(m) = mark_on(&t, a, b) else { return Ok(()) };
        let chars: Vec<char> = t.text.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + cut).min(chars.len());
        let edited: String = chars[..at].iter().copied()
            .chain(insert.chars())
            .chain(chars[end..].iter().copied())
            .collect();
        let e = ArticleText::new(edited);
        match anchor::locate(&e, &m) {
            Located::Intact => prop_assert_eq!(e.slice(m.range()), Some(m.quote.as_str())),
            Located::Moved { range, exact } => {
                let found = e.slice(range);
                prop_assert!(found.is_some(), "a placement outside the text");
                if exact {
                    prop_assert_eq!(found, Some(m.quote.as_str()));
                }
            }
            Located::Orphan(_) => {}
        }
    }

    #[test]
    fn any_mark_on_any_text_is_answered_without_panicking(
        text in unicode_text(),
        quote in "\\PC{0,12}",
        prefix in "\\PC{0,40}",
        suffix in "\\PC{0,40}",
        start in 0usize..300,
        len in 0usize..40,
    ) {
        let t = ArticleText::new(text);
        let m = Mark {
            quote,
            prefix,
            suffix,
            start: CharPos(start),
            end: CharPos(start + len),
            ..blank_mark(1)
        };
        match anchor::locate(&t, &m) {
            Located::Moved { range, .. } => prop_assert!(t.slice(range).is_some()),
            Located::Intact => prop_assert_eq!(t.slice(m.range()), Some(m.quote.as_str())),
            Located::Orphan(_) => {}
        }
    }
}

#[test]
fn candor_check_lists_orphans_as_warnings_and_only_fix_saves_moved_marks() {
    let text = "The union said the board had insulted every worker, in a statement read outside the depot. Police said little.\n";
    let (dir, _, _) = ferry_case(text, &["insulted every worker", "Police said"]);
    let root = dir.path().join("case");
    let root_arg = root.to_str().expect("temp path is UTF-8");
    write_article(
        &root,
        "Updated. The union said the board had been unfair, in a statement read outside the depot. Police said little.\n",
    );
    let marks_file = root.join("marks/amara/ferry.ron");
    let before = std::fs::read_to_string(&marks_file).expect("marks file");

    // The exit code and output of a run of the binary.
    let run = |args: &[&str]| {
        let out = candor(args, &root);
        (out.status.code().unwrap_or(-1), util::stdout(&out))
    };
    let (code, stdout) = run(&["check", root_arg]);
    assert_eq!(code, 0, "an orphan is a warning: {stdout}");
    assert!(
        stdout.contains("ferry.ron:") && stdout.contains("warning: mark m1 is an orphan"),
        "{stdout}"
    );
    assert!(stdout.contains("note: mark m2 moved from"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&marks_file).expect("marks file"),
        before,
        "check alone writes nothing"
    );

    let (code, _) = run(&["check", "--strict", root_arg]);
    assert_eq!(code, 1, "--strict counts the orphan");

    let (code, _) = run(&["check", "--fix", root_arg]);
    assert_eq!(code, 0);
    let after = std::fs::read_to_string(&marks_file).expect("marks file");
    assert_ne!(after, before, "--fix saved the moved mark");
    assert!(
        after.contains("insulted every worker"),
        "the orphan is kept"
    );
    // Fixed: nothing moves any more, the orphan is still reported.
    let (code, stdout) = run(&["check", root_arg]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("note:"), "{stdout}");
    assert!(stdout.contains("is an orphan"), "{stdout}");
}

#[test]
fn marks_in_a_file_candor_may_not_write_move_on_screen_but_the_file_is_untouched() {
    let text = "Ferries stopped at dawn. “Nobody told us anything,” said a nurse.\n";
    let (dir, key, article) = ferry_case(text, &["Nobody told us anything"]);
    let root = dir.path().join("case");
    let marks_file = root.join("marks/amara/ferry.ron");
    // A file from a newer Candor: read, but locked against writing.
    let newer = std::fs::read_to_string(&marks_file)
        .expect("marks file")
        .replacen("format: 1", "format: 99", 1);
    std::fs::write(&marks_file, &newer).expect("write");
    write_article(&root, &format!("Updated.\n{text}"));
    let mut case = Case::open(&root).expect("open");
    let key_file = candor::case::FileKey::Marks(key.clone(), article.clone());
    assert!(case.is_locked(&key_file));
    let m = &case.marks(&key, &article)[0];
    let t = case.article_text(&article).expect("text");
    assert_eq!(t.slice(m.range()), Some("Nobody told us anything"));
    case.save_all().expect("save");
    assert_eq!(
        std::fs::read_to_string(&marks_file).expect("marks file"),
        newer
    );
}
