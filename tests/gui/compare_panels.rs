//! The comparison panels drawn headless with egui_kittest: find things by
//! their label, click, and check what the panel asks the window to do.

use candor::case::Case;
use candor::compare::{ActorsTable, ClaimsTable, CountsTable};
use candor::gui::app::commands::CompareAction;
use candor::gui::views::compare::actors::ActorsView;
use candor::gui::views::compare::claims::ClaimsView;
use candor::gui::views::compare::counts::{CountsData, CountsView};
use candor::gui::views::compare::find::FindView;
use candor::model::{ArticleId, CategoryId, LinkId, LinkRef, MarkId, Schema};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::compare::fixture;

/// A panel under test and the last action it returned.
struct Panel<V, D> {
    view: V,
    data: D,
    action: Option<CompareAction>,
}

/// A harness that draws one panel with `draw` over `data` and keeps the
/// last action the panel returned.
fn panel<V: 'static, D: 'static>(
    view: V,
    data: D,
    size: [f32; 2],
    draw: fn(&mut V, &mut egui::Ui, &D) -> Option<CompareAction>,
) -> Harness<'static, Panel<V, D>> {
    let state = Panel {
        view,
        data,
        action: None,
    };
    Harness::builder().with_size(size).build_ui_state(
        move |ui, p: &mut Panel<V, D>| {
            if let Some(a) = draw(&mut p.view, ui, &p.data) {
                p.action = Some(a);
            }
        },
        state,
    )
}

/// The Claims view over the fixture's key, 1400 x 500.
fn claims_panel(case: &Case) -> Harness<'static, Panel<ClaimsView, (ClaimsTable, Schema)>> {
    panel(
        ClaimsView::default(),
        (
            ClaimsTable::build(case, &fixture::key()),
            case.schema().clone(),
        ),
        [1400.0, 500.0],
        |view, ui, (table, schema)| view.ui(ui, table, schema, false),
    )
}

fn no_tooltip_delay(harness: &Harness<'_, impl Sized>) {
    harness
        .ctx
        .global_style_mut(|s| s.interaction.tooltip_delay = 0.0);
}

#[test]
fn clicking_a_claims_cell_opens_the_article_at_its_mark() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut harness = claims_panel(&case);
    harness.run();
    // A cell says who is cited, with which verb, in the schema's words.
    harness.get_by_label("Officers used tear gas in wire: Northgate police: said · neutral");
    harness.get_by_label(
        "Protesters blocked the access road in ledger: officials: claimed · casts doubt",
    );
    // c3 is hedged in the ledger only: one "hedged" cell in the table.
    harness
        .get_by_label("The clearing ends the movement in ledger: hedged")
        .click();
    harness.run();
    assert_eq!(
        harness.state().action,
        Some(CompareAction::OpenMark {
            article: ArticleId::new("ledger"),
            mark: MarkId::new("m7"),
        })
    );
}

#[test]
fn contested_claims_stand_out_and_select_on_click() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut harness = claims_panel(&case);
    harness.run();
    // Contested rows carry the marker; the others do not.
    harness.get_by_label("! Officers used tear gas");
    harness.get_by_label("! Protesters blocked the access road");
    harness.get_by_label("The clearing ends the movement");
    // Named, not by their random ids.
    assert!(harness.query_by_label_contains("c1").is_none());
    assert!(
        harness
            .query_by_label("! The clearing ends the movement")
            .is_none()
    );

    harness.get_by_label("! Officers used tear gas").click();
    harness.run();
    assert_eq!(
        harness.state().action,
        Some(CompareAction::Follow(LinkRef::Claim(LinkId::new("c1"))))
    );
    assert_eq!(harness.state().view.selected, Some(LinkId::new("c1")));
}

#[test]
fn hovering_a_claims_cell_shows_the_quoted_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut harness = claims_panel(&case);
    no_tooltip_delay(&harness);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("may well mark the end")
            .is_none()
    );
    harness
        .get_by_label("The clearing ends the movement in ledger: hedged")
        .hover();
    harness.run();
    harness.get_by_label("“may well mark the end of the movement”");
    assert_eq!(harness.state().action, None, "hovering opens nothing");
}

#[test]
fn actors_view_shows_each_outlets_words_and_opens_them() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut harness = panel(
        ActorsView::default(),
        (
            ActorsTable::build(&case, &fixture::key()),
            case.schema().clone(),
        ),
        [1400.0, 400.0],
        |view, ui, (table, schema)| view.ui(ui, table, schema),
    );
    harness.run();
    harness.get_by_label_contains("The words each article uses for each party");
    harness.get_by_label("protesters ×2");
    harness.get_by_label("Peaceful land defenders").click();
    harness.run();
    assert_eq!(
        harness.state().action,
        Some(CompareAction::OpenMark {
            article: ArticleId::new("voice"),
            mark: MarkId::new("m12"),
        })
    );
    harness.get_by_label("a2 Police").click();
    harness.run();
    assert_eq!(
        harness.state().action,
        Some(CompareAction::Follow(LinkRef::Actor(LinkId::new("a2"))))
    );
}

#[test]
fn counts_view_shows_the_stats_figures_and_switches_to_rates() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let stats = candor::stats::stats(&case, &[]);
    let ledger = &stats.annotators[0].articles[1];
    let loaded_count = ledger.counts[0].to_string();
    let loaded_rate = format!("{:.1}", ledger.per_1000_words[0]);
    let mut harness = panel(
        CountsView::default(),
        (CountsTable::from_stats(&stats), case.schema().clone()),
        [900.0, 600.0],
        |view, ui, (table, schema)| view.ui(ui, &CountsData { table, schema }),
    );
    harness.run();
    // In the table's header and in the chart's legend.
    assert_eq!(harness.query_all_by_label("Loaded wording").count(), 2);
    assert!(harness.query_all_by_label(&loaded_count).count() >= 1);
    assert!(harness.query_by_label(&loaded_rate).is_none());
    harness.get_by_label("per 1,000 words").click();
    harness.run();
    assert!(harness.state().view.per_1000_words);
    harness.get_by_label(&loaded_rate);

    // Rows are named by outlet, as in the other views.
    harness.get_by_label("The Ledger").click();
    harness.run();
    assert_eq!(
        harness.state().action,
        Some(CompareAction::OpenArticle(ArticleId::new("ledger")))
    );
}

#[test]
fn find_view_marks_ticked_hits_in_one_action() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = fixture::build(dir.path());
    let mut harness = panel(FindView::default(), case, [900.0, 600.0], FindView::ui);
    harness.run();
    harness.get_by_label("Find").focus();
    harness.get_by_label("Find").type_text("tear gas");
    harness.run();
    harness.get_by_label("3 hit(s) in 3 article(s)");
    // Leave the wire's hit out, then mark the other two as loaded wording.
    harness.get_by_label("wire").click();
    harness.run();
    harness.get_by_label("Mark 2 ticked hit(s)").click();
    harness.run();
    match &harness.state().action {
        Some(CompareAction::MarkAll { hits, category }) => {
            assert_eq!(category, &CategoryId::new("loaded"));
            let articles: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
            assert_eq!(articles, ["ledger", "voice"]);
        }
        other => panic!("expected MarkAll, got {other:?}"),
    }
}
