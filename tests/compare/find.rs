//! Finding a phrase in every article and marking all hits in one step.

use candor::case::is_fresh_id;
use candor::find::{FindOptions, find, mark_all};
use candor::model::{ArticleId, CategoryId};

use super::fixture;

#[test]
fn find_police_in_every_article_with_context() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let hits = find(
        &case,
        "police",
        FindOptions {
            whole_word: true,
            match_case: false,
        },
    );
    let per_article: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (h.article.as_str(), h.matched.as_str()))
        .collect();
    assert_eq!(
        per_article,
        [
            ("wire", "Police"),
            ("wire", "police"),
            ("ledger", "police"),
            ("voice", "police")
        ]
    );
    assert_eq!(hits[2].before, "Riot ");
    assert!(hits[2].after.starts_with(" stormed the camp"));

    let exact = find(
        &case,
        "Police",
        FindOptions {
            whole_word: true,
            match_case: true,
        },
    );
    assert_eq!(exact.len(), 1);
    assert!(find(&case, "  ", FindOptions::default()).is_empty());
}

#[test]
fn mark_all_makes_one_batch_of_marks_and_skips_what_is_already_marked() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut case = fixture::build(dir.path());
    let loaded = CategoryId::new("loaded");
    let hits = find(
        &case,
        "protesters",
        FindOptions {
            whole_word: true,
            match_case: false,
        },
    );
    assert_eq!(hits.len(), 3);
    // The wire's two "protesters" are already loaded-wording marks of the fixture.
    let batch = mark_all(&case, &fixture::key(), &hits, &loaded).expect("marks are made");
    assert_eq!(batch.added.len(), 1);
    assert_eq!(batch.added[&ArticleId::new("ledger")], 1);
    let id = &batch.ids[0];
    assert!(is_fresh_id(id.as_str(), "m"), "a fresh id: {id}");
    assert!(
        case.annotations(&fixture::key())
            .and_then(|a| a.find_mark(id))
            .is_none(),
        "not one of the fixture's ids"
    );
    batch.edit.apply(&mut case).expect("the marks are added");
    let ledger = case.marks(&fixture::key(), &ArticleId::new("ledger"));
    let made = ledger.iter().find(|m| &m.id == id).expect("the new mark");
    assert_eq!(made.quote, "protesters");
    assert_eq!(made.prefix, "at the activists. The so-called ");

    let again = mark_all(&case, &fixture::key(), &hits, &loaded).expect("nothing to do");
    assert_eq!(again.count(), 0, "marking all twice adds nothing");
    assert!(mark_all(&case, &fixture::key(), &hits, &CategoryId::new("nope")).is_err());
}

#[test]
fn a_hit_whose_range_no_longer_fits_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut hits = find(&case, "camp", FindOptions::default());
    hits[0].range = candor::text::CharRange::new(5000, 5010);
    let err = mark_all(&case, &fixture::key(), &hits, &CategoryId::new("loaded"));
    assert!(err.is_err());
}
