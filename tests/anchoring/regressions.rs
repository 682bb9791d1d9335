//! One test per defect of the issue "Never lose a mark, never write outside
//! the case, never guess wrong", named after the story it pins.

use candor::anchor::{self, Located};
use candor::model::Mark;
use candor::text::{ArticleText, CharRange};

use super::new_mark;
use super::testbed::example_case;

/// A mark on the first occurrence of `quote` in `text`.
fn mark_on(text: &ArticleText, quote: &str) -> Mark {
    let byte = text.text.find(quote).expect("the quote is in the text");
    let start = text.text[..byte].chars().count();
    let range = CharRange::new(start, start + quote.chars().count());
    new_mark(text, 1, range).expect("the range fits")
}

/// The words a mark was placed on, if it was placed.
fn placed<'t>(text: &'t ArticleText, mark: &Mark, found: &Located) -> Option<&'t str> {
    match found {
        Located::Intact => text.slice(mark.range()),
        Located::Moved { range, .. } => text.slice(*range),
        Located::Orphan(_) => None,
    }
}

const FERRY: &str = "Ferry crews on Lake Orrin stopped work at dawn on Monday. The talks with the Orrin Transit Board ended without a deal. Board chair Héloïse Marchetti called the walkout “a reckless stunt.” Crews stayed home.\n\nPassengers queued for buses that were never scheduled to carry them. The dispute centres on overtime. Under the board's plan, crews would be paid the overtime rate only after fifty hours a week.\n\nPolice said they were monitoring prices but had received no formal complaints.\n";

#[test]
fn a_doubled_space_before_a_mark_does_not_make_two_rival_places() {
    let before = ArticleText::new(FERRY.to_string());
    let m = mark_on(&before, "Board chair Héloïse Marchetti");
    let after = ArticleText::new(FERRY.replace("deal. Board", "deal.  Board"));
    let found = anchor::locate(&after, &m);
    assert!(
        matches!(found, Located::Moved { exact: true, .. }),
        "{found:?}"
    );
    assert_eq!(
        placed(&after, &m, &found),
        Some("Board chair Héloïse Marchetti")
    );

    // In the example case every ". " doubled orphaned 10 of its 227 marks.
    // A quote with ". " inside it changed too: it is placed on the same
    // words with the doubled space (and needs review).
    for (text, marks) in example_case() {
        let doubled = ArticleText::new(text.replace(". ", ".  "));
        for (m, found) in marks.iter().zip(anchor::reanchor(&doubled, &marks)) {
            let now = m.quote.replace(". ", ".  ");
            assert_eq!(placed(&doubled, m, &found), Some(now.as_str()), "{found:?}");
        }
    }
}

#[test]
fn a_short_quote_alone_nearby_keeps_its_place_when_one_side_is_rewritten() {
    let before = ArticleText::new(FERRY.to_string());
    let plan = mark_on(&before, "the board's plan");
    // The sentence before it deleted: its prefix is rewritten, its suffix intact.
    let after = ArticleText::new(FERRY.replace("The dispute centres on overtime. ", ""));
    let found = anchor::locate(&after, &plan);
    assert_eq!(
        placed(&after, &plan, &found),
        Some("the board's plan"),
        "{found:?}"
    );
    // Its suffix rewritten, its prefix intact.
    let after =
        ArticleText::new(FERRY.replace(", crews would be paid", " the pay of crews would rise"));
    let found = anchor::locate(&after, &plan);
    assert_eq!(
        placed(&after, &plan, &found),
        Some("the board's plan"),
        "{found:?}"
    );
}

#[test]
fn a_moved_paragraph_keeps_the_marks_at_its_edges() {
    let before = ArticleText::new(FERRY.to_string());
    let paragraphs: Vec<&str> = FERRY.trim_end().split("\n\n").collect();
    let quotes = [
        "Passengers queued",
        "to carry them",
        "a week",
        "received no formal complaints",
        "Ferry crews",
    ];
    let marks: Vec<Mark> = quotes.iter().map(|q| mark_on(&before, q)).collect();
    // The first paragraph moved to the end: every paragraph edge changes.
    let moved = format!(
        "{}\n\n{}\n\n{}\n",
        paragraphs[1], paragraphs[2], paragraphs[0]
    );
    let after = ArticleText::new(moved);
    for (m, found) in marks.iter().zip(anchor::reanchor(&after, &marks)) {
        assert_eq!(
            placed(&after, m, &found),
            Some(m.quote.as_str()),
            "{found:?}"
        );
    }
}

#[test]
fn straightened_quotes_with_an_edited_prefix_still_find_the_quote() {
    let before = ArticleText::new(FERRY.to_string());
    let m = mark_on(&before, "“a reckless stunt.”");
    let after = ArticleText::new(
        FERRY
            .replace("called the walkout", "described the strike as")
            .replace(['“', '”'], "\""),
    );
    let found = anchor::locate(&after, &m);
    // The quote changed (its quotation marks), so the move is approximate:
    // the mark needs review.
    assert!(
        matches!(found, Located::Moved { exact: false, .. }),
        "{found:?}"
    );
    assert_eq!(placed(&after, &m, &found), Some("\"a reckless stunt.\""));
}

#[test]
fn words_inserted_right_after_a_mark_stay_outside_it() {
    let text = "The militia fired rockets at bases housing troops and struck twice on US facilities. Officials said no one was hurt in either attack, and the runway reopened by noon.\n";
    let before = ArticleText::new(text.to_string());
    // Long and short quotes, ending where words will be inserted.
    let quotes = [
        "The militia fired rockets at bases housing troops and struck twice on US facilities",
        "on US facilities",
        "no one was hurt",
    ];
    let marks: Vec<Mark> = quotes.iter().map(|q| mark_on(&before, q)).collect();
    for after in [
        text.replace(
            "US facilities.",
            "US facilities, according to the Pentagon.",
        ),
        text.replace("hurt in", "hurt, officials said, in"),
    ] {
        let after = ArticleText::new(after);
        for (m, found) in marks.iter().zip(anchor::reanchor(&after, &marks)) {
            assert_eq!(
                placed(&after, m, &found),
                Some(m.quote.as_str()),
                "{found:?}"
            );
        }
    }
    // And before a mark.
    let after = ArticleText::new(text.replace("Officials said", "Reportedly, officials said"));
    let m = mark_on(&before, "no one was hurt");
    let found = anchor::locate(&after, &m);
    assert_eq!(placed(&after, &m, &found), Some("no one was hurt"));
}

#[test]
fn an_orphan_message_names_the_rule_that_refused_it() {
    let text = "Police said the camp was calm. Officers said the camp was calm too, and then the mayor said the camp had to go.\n";
    let before = ArticleText::new(text.to_string());
    let byte = text.find("said the camp had").expect("in text");
    let start = text[..byte].chars().count();
    let m = new_mark(&before, 1, CharRange::new(start, start + 4)).expect("fits");
    // Its suffix rewritten, and "said" occurs twice more nearby: the
    // score would pass, the rule for short quotes refuses.
    let after = ArticleText::new(text.replace("said the camp had to go", "said nothing more"));
    let Located::Orphan(why) = anchor::locate(&after, &m) else {
        panic!("a short quote with a rewritten side and look-alikes nearby is an orphan");
    };
    assert!(why.contains("the words after it were rewritten"), "{why}");
    assert!(why.contains("occurs again"), "{why}");
    assert!(!why.contains("score") && !why.contains("alike"), "{why}");
}

#[test]
fn an_orphan_whose_words_changed_too_much_says_so_in_words() {
    let text = "The council met on Tuesday. It voted to close the old river bridge for repairs until spring. Traffic will move to the ring road.\n";
    let before = ArticleText::new(text.to_string());
    let m = mark_on(&before, "close the old river bridge for repairs");
    // The quote and both sides rewritten: nothing near is like it.
    let after = ArticleText::new(text.replace(
        "It voted to close the old river bridge for repairs until spring.",
        "Members chose to shut an old rail bridge for works through winter.",
    ));
    // And with the words on both sides kept, the quote rewritten: its
    // place is found, but the words there are too unlike.
    let kept = ArticleText::new(text.replace(
        "close the old river bridge for repairs",
        "run a ferry across the water",
    ));
    for after in [after, kept] {
        let Located::Orphan(why) = anchor::locate(&after, &m) else {
            panic!("a mark whose words were rewritten is an orphan");
        };
        assert!(
            why.starts_with("the words around it changed too much"),
            "{why}"
        );
        assert!(!why.contains("score") && !why.contains("0."), "{why}");
    }
}
