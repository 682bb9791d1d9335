//! Blind reading hides the outlet everywhere in the window: on a copy of
//! the example case whose articles get ids, titles and outlets found
//! nowhere in their texts, every view is drawn and the whole
//! accessibility tree (labels and values) searched for them; and a text
//! changed on disk is reported as "Article n".

use std::path::{Path, PathBuf};

use candor::gui::CandorApp;
use candor::gui::app::commands::View;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use super::util::{Window, app_on, finish_work};
use crate::util::example_copy;

const WINDOW: Window = Window::new(1600.0, 1200.0);

/// The example's articles: (id there, new id, new title, new outlet).
/// None of the new strings is in any text, so a hit is a leak.
const RENAMED: [(&str, &str, &str, &str); 5] = [
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

/// The example case, blind, with the articles of `RENAMED`.
fn blind_example(dir: &Path) -> PathBuf {
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
            let line = original[start..]
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{field}: ")))
                .expect("the field")
                .trim()
                .to_string();
            line
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
