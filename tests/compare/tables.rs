//! The claims, actors and counts tables of the fixture case, as text.

use candor::compare::{ActorsTable, Carriage, ClaimsTable, CompareViews, CountsTable};
use candor::export;
use candor::find::{FindOptions, find, mark_all};
use candor::model::{AnnotatorId, CategoryId, MarkId};

use super::fixture;

#[test]
fn claims_table_shows_who_attributes_and_who_states_as_fact() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let table = ClaimsTable::build(&case, &fixture::key());
    insta::assert_snapshot!(export::compare::table::claims(
        &table,
        case.schema(),
        export::compare::table::DEFAULT_WIDTH
    ));

    let c1 = &table.rows[0];
    assert!(
        c1.contested,
        "c1 is attributed by the wire, fact in the ledger"
    );
    assert!(matches!(
        &c1.cells[0].carriage,
        Carriage::Attributed { source, cue, .. } if source == "Northgate police" && cue == "said"
    ));
    assert_eq!(c1.cells[1].carriage, Carriage::StatedAsFact);
    assert!(!table.rows[2].contested, "a hedge alone is not contested");
    assert_eq!(table.rows[2].cells[1].carriage, Carriage::Hedged);
    assert_eq!(table.rows[2].cells[0].carriage, Carriage::Absent);
    assert_eq!(table.rows[3].unresolved, [MarkId::new("m99")]);
}

#[test]
fn every_claims_cell_traces_to_marks_of_that_article() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let table = ClaimsTable::build(&case, &fixture::key());
    for row in &table.rows {
        for (col, cell) in table.columns.iter().zip(&row.cells) {
            assert_eq!(cell.marks.is_empty(), cell.carriage == Carriage::Absent);
            for m in &cell.marks {
                let (article, mark) = case.annotators()[&fixture::key()]
                    .find_mark(&m.mark)
                    .expect("the mark exists");
                assert_eq!(article, &col.article);
                assert_eq!(mark.quote, m.quote);
            }
        }
    }
}

#[test]
fn actors_table_lists_each_outlets_words_with_polarity() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let table = ActorsTable::build(&case, &fixture::key());
    insta::assert_snapshot!(export::compare::table::actors(
        &table,
        case.schema(),
        export::compare::table::DEFAULT_WIDTH
    ));

    let camp = &table.rows[0];
    assert_eq!(camp.cells[0].len(), 1, "the same word twice is one entry");
    assert_eq!(camp.cells[0][0].marks.len(), 2);
    assert_eq!(camp.cells[2][0].words, "Peaceful land defenders");
    assert_eq!(camp.cells[2][0].polarity.as_deref(), Some("positive"));
    let police = &table.rows[1];
    assert_eq!(
        police.cells[0][0].polarity, None,
        "an attribution mark has no polarity"
    );
    assert!(police.cells[2].is_empty());
}

#[test]
fn counts_in_the_compare_views_are_candor_stats() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let views = CompareViews::build(&case, &[], &[]);
    let stats = candor::stats::stats(&case, &[]);
    assert_eq!(views.counts, CountsTable::from_stats(&stats));
    let ledger = &views.counts.rows[1];
    assert_eq!(ledger.article.as_str(), "ledger");
    assert_eq!(ledger.counts, stats.annotators[0].articles[1].counts);
    // fired tear gas, had blocked, so-called, may well, activists, Riot police.
    assert_eq!(ledger.counts.iter().sum::<usize>(), 6);
    assert_eq!(views.comparisons.len(), 1);
}

#[test]
fn two_annotators_side_by_side_after_one_marks_all_hits() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut case = fixture::build(dir.path());
    // A student marks every "police" as loaded wording in one step.
    let amara = AnnotatorId::new("amara");
    let hits = find(
        &case,
        "police",
        FindOptions {
            whole_word: true,
            match_case: false,
        },
    );
    let batch = mark_all(&case, &amara, &hits, &CategoryId::new("loaded")).expect("marks made");
    batch.edit.apply(&mut case).expect("the marks are added");
    let views = CompareViews::build(&case, &[], &[]);
    assert!(views.counts.several_annotators());
    insta::assert_snapshot!(
        "counts_side_by_side",
        export::compare::table::counts(&views.counts, false)
    );
    insta::assert_snapshot!(
        "rates_side_by_side",
        export::compare::table::counts(&views.counts, true)
    );
    assert_eq!(views.comparisons.len(), 2);
    assert!(
        views.comparisons[0].claims.rows.is_empty(),
        "amara has no claims yet"
    );
}

#[test]
fn an_annotator_without_links_gets_empty_tables_not_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let nobody = candor::model::AnnotatorId::new("nobody");
    assert_eq!(
        export::compare::table::claims(
            &ClaimsTable::build(&case, &nobody),
            case.schema(),
            export::compare::table::DEFAULT_WIDTH
        ),
        "no claims for nobody\n"
    );
    assert!(ActorsTable::build(&case, &nobody).rows.is_empty());
}
