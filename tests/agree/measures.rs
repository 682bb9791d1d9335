//! The figures of `Agreement::build` on cases small enough to work out by
//! hand (AGREEMENT.md works the first one through).

use candor::agree::{AgreeOptions, Agreement, Figure, Undefined, Unit};
use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId};

use crate::util::{case_with, marked};

const WIRE: &str = "Police cleared the camp at dawn";

fn ids(names: &[&str]) -> Vec<AnnotatorId> {
    names.iter().map(|n| AnnotatorId::new(*n)).collect()
}

fn value(f: Figure) -> f64 {
    match f {
        Figure::Value(x) => x,
        Figure::Undefined(why) => panic!("undefined: {why:?}"),
    }
}

fn round(x: f64) -> String {
    format!("{x:.4}")
}

/// Xu marks "cleared", Yan "cleared the"; Zoe has not handed the wire in.
fn two_and_a_missing_one(dir: &std::path::Path) -> candor::case::Case {
    let mut case = case_with(dir, &[("wire", WIRE)]);
    marked(
        &mut case,
        "xu",
        "wire",
        "Police [cleared]{loaded polarity=negative} the camp at dawn",
    );
    marked(
        &mut case,
        "yan",
        "wire",
        "Police [cleared the]{loaded polarity=positive} camp at dawn",
    );
    case.add_annotator(&AnnotatorId::new("zoe")).expect("zoe");
    case
}

#[test]
fn word_alpha_kappa_and_f1_on_two_annotators_worked_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = two_and_a_missing_one(dir.path());
    let a = Agreement::build(&case, &ids(&["xu", "yan", "zoe"]), &AgreeOptions::default());
    let loaded = a
        .categories
        .iter()
        .position(|c| c.id.as_str() == "loaded")
        .expect("loaded is a category");
    // Six words; Xu marks word 2, Yan words 2 and 3. Coincidences: o11 = 2,
    // o00 = 8, o01 = o10 = 1; n = 12, n1 = 3, n0 = 9:
    // alpha = 1 - 11 * 2 / (2 * 3 * 9) = 16/27.
    let m = a.articles[0].scope.categories[loaded];
    assert_eq!(m.units, 6);
    assert_eq!(round(value(m.alpha)), round(16.0 / 27.0));
    // Cohen: p_o = 5/6, p_e = 1/6 * 2/6 + 5/6 * 4/6 = 22/36: 8/14.
    let pair = a
        .pair(&AnnotatorId::new("xu"), &AnnotatorId::new("yan"))
        .expect("the pair");
    assert_eq!(
        round(value(pair.categories[loaded].kappa)),
        round(8.0 / 14.0)
    );
    // The spans differ: no exact match, one overlapping match.
    assert_eq!(value(pair.overall.f1_exact), 0.0);
    assert_eq!(value(pair.overall.f1_overlap), 1.0);
    // Polarity disagrees on the one matched pair.
    let polarity = a
        .attributes
        .iter()
        .find(|x| x.category.as_str() == "loaded" && x.attribute == "polarity")
        .expect("polarity");
    assert_eq!(polarity.pairs, 1);
    assert_eq!(value(polarity.alpha), 0.0);
    // Zoe is missing on the wire, so the figures are those of two.
    assert_eq!(a.articles[0].missing, ids(&["zoe"]));
    assert_eq!(
        pair_with_zoe(&a),
        Figure::Undefined(Undefined::NoCommonArticle)
    );
    // And the case's alpha_U has no article all three handed in.
    assert_eq!(
        a.case.overall.alpha_u,
        Figure::Undefined(Undefined::NoCommonArticle)
    );
}

fn pair_with_zoe(a: &Agreement) -> Figure {
    a.pair(&AnnotatorId::new("xu"), &AnnotatorId::new("zoe"))
        .expect("the pair")
        .overall
        .kappa
}

#[test]
fn an_annotator_who_hands_in_an_empty_article_marked_nothing_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = two_and_a_missing_one(dir.path());
    let who = ids(&["xu", "yan", "zoe"]);
    let before = Agreement::build(&case, &who, &AgreeOptions::default());
    Edit::SetDone {
        annotator: AnnotatorId::new("zoe"),
        article: ArticleId::new("wire"),
        done: true,
    }
    .apply(&mut case)
    .expect("done");
    let after = Agreement::build(&case, &who, &AgreeOptions::default());
    assert!(after.articles[0].missing.is_empty());
    // Zoe's empty hand-in is a third coder who marked nothing: alpha drops.
    assert!(value(after.case.overall.alpha) < value(before.case.overall.alpha));
    assert!(matches!(after.case.overall.alpha_u, Figure::Value(_)));
}

#[test]
fn char_units_count_every_char() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = two_and_a_missing_one(dir.path());
    let a = Agreement::build(
        &case,
        &ids(&["xu", "yan"]),
        &AgreeOptions {
            unit: Unit::Char,
            ..Default::default()
        },
    );
    assert_eq!(
        a.articles[0].scope.categories[0].units,
        WIRE.chars().count() as u64
    );
    // Xu's 7 chars inside Yan's 11: more agreement per unit than by words.
    assert!(value(a.case.categories[0].alpha) > 0.5);
}

#[test]
fn undefined_cases_say_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", WIRE)]);
    marked(
        &mut case,
        "xu",
        "wire",
        "Police [cleared]{loaded} the camp at dawn",
    );
    // One annotator.
    let one = Agreement::build(&case, &ids(&["xu"]), &AgreeOptions::default());
    assert_eq!(
        one.case.overall.alpha,
        Figure::Undefined(Undefined::TooFewAnnotators)
    );
    assert!(one.pairs.is_empty());
    // Two, and nobody marks editorializing: no variation there.
    case.add_annotator(&AnnotatorId::new("yan")).expect("yan");
    Edit::SetDone {
        annotator: AnnotatorId::new("yan"),
        article: ArticleId::new("wire"),
        done: true,
    }
    .apply(&mut case)
    .expect("done");
    let two = Agreement::build(&case, &ids(&["xu", "yan"]), &AgreeOptions::default());
    let editorializing = two
        .categories
        .iter()
        .position(|c| c.id.as_str() == "editorializing")
        .expect("editorializing");
    let m = two.case.categories[editorializing];
    for f in [m.alpha, m.fleiss, m.alpha_u] {
        assert_eq!(f, Figure::Undefined(Undefined::NoVariation));
    }
    assert_eq!(m.f1_exact, Figure::Undefined(Undefined::NoMarks));
    let json = serde_json::to_string(&two).expect("json");
    assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
}

#[test]
fn the_places_of_most_disagreement_are_the_split_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", WIRE)]);
    marked(
        &mut case,
        "xu",
        "wire",
        "Police [cleared]{loaded} the camp at dawn",
    );
    marked(
        &mut case,
        "yan",
        "wire",
        "Police [cleared]{loaded} the camp at dawn",
    );
    marked(
        &mut case,
        "zoe",
        "wire",
        "Police cleared the [camp]{loaded} at dawn",
    );
    let a = Agreement::build(&case, &ids(&["xu", "yan", "zoe"]), &AgreeOptions::default());
    let quotes: Vec<(&str, u32)> = a
        .disputes
        .iter()
        .map(|d| (d.quote.as_str(), d.marked))
        .collect();
    assert_eq!(quotes, [("cleared", 2), ("camp", 1)]);
    assert_eq!(a.disputes[0].of, 3);
}
