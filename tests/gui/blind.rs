//! Blind reading hides the outlet everywhere in the window: on a copy of
//! the example case whose articles get ids, titles and outlets found
//! nowhere in their texts, every view is drawn and the whole
//! accessibility tree (labels and values) searched for them; and a text
//! changed on disk is reported as "Article n".

use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use super::util::{Window, app_as, app_on, drag_over, find, finish_work, press_ctrl};
use crate::util::{RENAMED, blind_example, named_articles};

const WINDOW: Window = Window::new(1600.0, 1200.0);

/// Every label and value in the accessibility tree naming an article.
fn leaks(h: &Harness<'_, CandorApp>) -> Vec<String> {
    let words: Vec<String> = RENAMED
        .iter()
        .flat_map(|(_, id, title, outlet)| [*id, *title, *outlet])
        .map(str::to_lowercase)
        .collect();
    h.query_all(by().predicate(move |n| {
        [n.label(), n.value()]
            .into_iter()
            .flatten()
            .any(|t| words.iter().any(|w| t.to_lowercase().contains(w)))
    }))
    .map(|n| {
        let n = n.accesskit_node();
        format!("{:?}: {:?} {:?}", n.role(), n.label(), n.value())
    })
    .collect()
}

#[test]
fn under_blind_reading_no_view_names_an_article_by_id_title_or_outlet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = blind_example(dir.path());
    let mut h = WINDOW.open(app_on(&root));
    {
        let s = h.state().session.as_ref().expect("the case opens");
        assert!(s.blind(), "the case asks for blind reading");
        assert_eq!(s.case.articles().len(), 5);
        assert!(s.marks().len() > 3, "amara's marks are read");
    }
    // Find shows its hits with the article each is in.
    h.state_mut().compare.find.query = "police".to_string();
    for view in View::ALL {
        h.state_mut().view = view;
        h.run();
        finish_work(&mut h);
        h.run();
        assert_eq!(h.state().view, view);
        // The view did draw something of its own (not an empty page).
        let shown = h
            .query_all(by().predicate(|n| {
                [n.label(), n.value()]
                    .into_iter()
                    .flatten()
                    .any(|t| t.contains("Article "))
            }))
            .count();
        assert!(shown > 0, "{view:?} names the articles Article n");
        let leaked = leaks(&h);
        assert!(leaked.is_empty(), "{view:?} shows {leaked:#?}");
    }

    // The text of an article changed on disk: the message names it by its
    // place, not its id.
    let text = root.join("articles/ledger.txt");
    let before = std::fs::read_to_string(&text).expect("text");
    std::fs::write(&text, format!("A correction.\n\n{before}")).expect("edit");
    h.state_mut().view = View::Read;
    for _ in 0..12 {
        h.step();
    }
    let s = h.state().session.as_ref().expect("open");
    assert!(
        s.notifications.contains("Article 4 changed on disk"),
        "{:?}",
        s.notifications
    );
    h.run();
    let leaked = leaks(&h);
    assert!(leaked.is_empty(), "after the change: {leaked:#?}");
}

/// File > Export under blind reading: the HTML report and the CSV name
/// the articles "Article n", never by id, title, outlet or URL.
#[test]
fn an_export_from_the_window_under_blind_reading_names_no_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = blind_example(dir.path());
    let mut h = WINDOW.open(app_on(&root));
    for (format, file) in [("html", "report.html"), ("csv", "marks.csv")] {
        press_ctrl(&mut h, Key::E);
        h.get_by_label_contains("Blind reading is on");
        h.get_by_label(format).click();
        h.run();
        let out = dir.path().join(format);
        let field = "Into the folder (made if missing):";
        h.get_by_label(field).focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label(field)
            .type_text(out.to_str().expect("UTF-8"));
        h.run();
        h.get_by_label("Export").click();
        h.step();
        finish_work(&mut h);
        let text = std::fs::read_to_string(out.join(file)).expect("written");
        assert_eq!(named_articles(&text), Vec::<&str>::new(), "{format}");
        // The HTML report titles it, the CSV gives its id.
        assert!(
            text.contains("Article 1") || text.contains("article-1,"),
            "{format}: {text}"
        );
    }
}

/// Under blind reading a first line that is the title is masked on
/// screen, char for char: a mark made on it takes the real words, and the
/// reader can turn the mask off.
#[test]
fn the_headline_is_masked_on_screen_and_can_still_be_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::util::example_copy(dir.path());
    let path = root.join("case.ron");
    let ron = std::fs::read_to_string(&path).expect("case.ron");
    std::fs::write(
        &path,
        ron.replace("    key: \"key\",", "    key: \"key\",\n    blind: true,"),
    )
    .expect("blind");
    let text = std::fs::read_to_string(root.join("articles/wire.txt")).expect("text");
    let title = "Police clear Northgate Dam protest camp; injury figures disputed";
    assert!(
        text.starts_with(title),
        "the example's headline is its title"
    );
    let mut h = WINDOW.open(app_as(&root, "zoe"));
    assert_eq!(
        h.state()
            .session
            .as_ref()
            .and_then(|s| s.article_id())
            .map(|a| a.as_str()),
        Some("wire")
    );
    let masked = h
        .state()
        .read_view
        .masked_text()
        .expect("masked")
        .to_string();
    assert_eq!(
        masked.chars().count(),
        text.chars().count(),
        "offsets unchanged"
    );
    assert!(masked.starts_with("•••••• •••••"), "{masked:.80}");
    assert!(!masked.contains("Northgate Dam protest"));
    // The dateline naming the agency is masked too; the story after it is
    // not, and neither is the selected mark's quote shown unmasked.
    assert!(!masked.contains("HARWICK") && !masked.contains("Continental Press"));
    let story = text
        .find("Police cleared a protest camp")
        .expect("the lede");
    let masked_story: String = masked.chars().skip(text[..story].chars().count()).collect();
    // The outlet named further in is masked where it stands.
    assert_eq!(
        masked_story,
        text[story..].replace("Continental Press", "••••••••••• •••••")
    );

    // "Police" in the headline, dragged over and marked.
    drag_over(&mut h, find(&text, "Police"));
    h.key_press(Key::Num1);
    h.run();
    let marks = marks_of_who(h.state(), "zoe", "wire");
    assert_eq!(marks.len(), 1, "a mark on the masked headline");
    assert_eq!(marks[0].quote, "Police", "the real words");
    assert_eq!((marks[0].start.0, marks[0].end.0), (0, 6));
    // The inspector shows the mark's words as the text does: masked.
    let quoted = |h: &Harness<'_, CandorApp>, q: &'static str| {
        h.query_all(
            by().predicate(move |n| [n.label(), n.value()].into_iter().flatten().any(|t| t == q)),
        )
        .next()
        .is_some()
    };
    assert!(quoted(&h, "“••••••”"), "the quote masked in the inspector");
    assert!(!quoted(&h, "“Police”"));

    // The mask is an option, on by default.
    h.get_by_label("mask headline and outlet").click();
    h.run();
    assert_eq!(h.state().read_view.masked_text(), None);
}

fn marks_of_who(app: &CandorApp, who: &str, article: &str) -> Vec<candor::model::Mark> {
    let s = app.session.as_ref().expect("a case is open");
    s.case
        .marks(
            &candor::model::AnnotatorId::new(who),
            &candor::model::ArticleId::new(article),
        )
        .to_vec()
}

/// A problem found in an article's marks file names the article as the
/// window does under blind reading, not by its id.
#[test]
fn a_problem_with_an_articles_file_names_it_as_article_n() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = blind_example(dir.path());
    std::fs::write(
        root.join("marks/ben/gulfwatch.ron"),
        "MarkFile(format: 1, marks: [",
    )
    .expect("break ben's marks");
    let h = WINDOW.open(app_on(&root));
    let problems = h
        .query_all(by().predicate(|n| {
            [n.label(), n.value()]
                .into_iter()
                .flatten()
                .any(|t| t.contains("marks/ben/"))
        }))
        .map(|n| {
            format!(
                "{:?}",
                n.accesskit_node().value().or(n.accesskit_node().label())
            )
        })
        .collect::<Vec<_>>();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("marks/ben/Article 1.ron")),
        "{problems:?}"
    );
    assert_eq!(leaks(&h), Vec::<String>::new());
}
