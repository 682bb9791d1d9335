//! Agreement as CSV, in long format: one line per figure, each saying its
//! scope (the case, an article, a pair, an attribute), its category, the
//! measure, the value or why there is none, and how it was computed (unit,
//! matching rule, missing data), so a line cut out of the sheet still says
//! what it is. Every line goes through `csv::Sheet`, as every CSV of Candor.
//! One function per section, as the text table has.

use super::table::{By, Measure, View, because};
use crate::agree::{Agreement, Figure, Measures, Unit};
use crate::export::csv::{Cell, Sheet};

const MISSING: &str = "not handed in = missing";

const HEADER: [&str; 12] = [
    "scope",
    "article",
    "annotator_a",
    "annotator_b",
    "category",
    "measure",
    "value",
    "undefined_because",
    "unit",
    "match",
    "units_or_pairs",
    "missing_data",
];

/// What `candor agree --format csv` prints.
pub fn agreement(a: &Agreement, view: View) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    w.row(HEADER)?;
    let unit = match a.rules.unit {
        Unit::Word => "word",
        Unit::Char => "char",
    };
    match view.by {
        By::Category => by_category(&mut w, a, view.measure, unit)?,
        By::Article => by_article(&mut w, a, view.measure, unit)?,
    }
    if a.pairs_listed {
        pairs(&mut w, a, view.measure, unit)?;
    } else {
        rest(&mut w, a, view.measure, unit)?;
    }
    if view.measure == Measure::All {
        attributes(&mut w, a)?;
    }
    w.finish()
}

/// Where a figure belongs: the columns that say its scope.
#[derive(Clone, Copy)]
struct At<'a> {
    scope: &'a str,
    article: &'a str,
    pair: (&'a str, &'a str),
    category: &'a str,
}

impl<'a> At<'a> {
    fn case(category: &'a str) -> Self {
        At {
            scope: "case",
            article: "",
            pair: ("", ""),
            category,
        }
    }
}

/// One figure's line: where it belongs, the measure, the value or why there
/// is none, how it was computed (unit, matching rule) and over how many
/// units or pairs (none said when 0).
fn line(
    w: &mut Sheet,
    at: At,
    measure: &str,
    f: Figure,
    unit: &str,
    rule: &str,
    n: u64,
) -> Result<(), ::csv::Error> {
    let (value, why) = match f {
        Figure::Value(x) => (Cell::number(Some(x), 6), String::new()),
        Figure::Undefined(r) => (Cell::number(None, 6), because(r).to_string()),
    };
    // The value and count are numbers Candor wrote, never text from the
    // case: a negative alpha stays a number (`-0.018`), not text (`'-0.018`).
    w.row([
        Cell::from(at.scope),
        at.article.into(),
        at.pair.0.into(),
        at.pair.1.into(),
        at.category.into(),
        measure.into(),
        value,
        why.into(),
        unit.into(),
        rule.into(),
        Cell::count(n, true),
        MISSING.into(),
    ])
}

/// The lines of one scope (the case or an article) for one category or
/// all: alpha, Fleiss' kappa, alpha_U and span F1, as `measure` asks.
fn scope_lines(
    w: &mut Sheet,
    at: At,
    m: &Measures,
    measure: Measure,
    unit: &str,
) -> Result<(), ::csv::Error> {
    if measure.shows(Measure::Alpha) {
        line(w, at, "alpha", m.alpha, unit, "", m.units)?;
    }
    if measure.shows(Measure::Fleiss) {
        line(w, at, "fleiss_kappa", m.fleiss, unit, "", m.units)?;
    }
    if measure.shows(Measure::AlphaU) {
        line(w, at, "alpha_u", m.alpha_u, "char", "", 0)?;
    }
    if measure.shows(Measure::F1) {
        line(w, at, "f1", m.f1_exact, "mark", "exact", 0)?;
        line(w, at, "f1", m.f1_overlap, "mark", "overlap", 0)?;
    }
    Ok(())
}

/// `--by category`: the case's lines per category, then all categories.
fn by_category(
    w: &mut Sheet,
    a: &Agreement,
    measure: Measure,
    unit: &str,
) -> Result<(), ::csv::Error> {
    for (info, m) in a.categories.iter().zip(&a.case.categories) {
        scope_lines(w, At::case(info.id.as_str()), m, measure, unit)?;
    }
    scope_lines(w, At::case("all"), &a.case.overall, measure, unit)
}

/// `--by article`: each article's lines per category, then all categories.
fn by_article(
    w: &mut Sheet,
    a: &Agreement,
    measure: Measure,
    unit: &str,
) -> Result<(), ::csv::Error> {
    for art in &a.articles {
        let cats = a
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .zip(&art.scope.categories)
            .chain(std::iter::once(("all", &art.scope.overall)));
        for (category, m) in cats {
            let at = At {
                scope: "article",
                article: art.article.as_str(),
                pair: ("", ""),
                category,
            };
            scope_lines(w, at, m, measure, unit)?;
        }
    }
    Ok(())
}

/// Each pair of annotators per category and over all: Cohen's kappa and
/// span F1, with the marks of both as the count.
fn pairs(w: &mut Sheet, a: &Agreement, measure: Measure, unit: &str) -> Result<(), ::csv::Error> {
    for p in &a.pairs {
        let cats = a
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .zip(&p.categories)
            .chain(std::iter::once(("all", &p.overall)));
        for (category, m) in cats {
            let at = At {
                scope: "pair",
                article: "",
                pair: (p.a.as_str(), p.b.as_str()),
                category,
            };
            if measure.shows(Measure::Kappa) {
                line(w, at, "cohen_kappa", m.kappa, unit, "", 0)?;
            }
            if measure.shows(Measure::F1) {
                let marks = m.marks_a + m.marks_b;
                line(w, at, "f1", m.f1_exact, "mark", "exact", marks)?;
                line(w, at, "f1", m.f1_overlap, "mark", "overlap", marks)?;
            }
        }
    }
    Ok(())
}

/// Each annotator against the rest (their pairs summed), for a class too
/// large to list every pair: scope `annotator_vs_rest`, the annotator in
/// `annotator_a`, `annotator_b` empty.
fn rest(w: &mut Sheet, a: &Agreement, measure: Measure, unit: &str) -> Result<(), ::csv::Error> {
    for r in &a.rest {
        let cats = a
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .zip(&r.categories)
            .chain(std::iter::once(("all", &r.overall)));
        for (category, m) in cats {
            let at = At {
                scope: "annotator_vs_rest",
                article: "",
                pair: (r.annotator.as_str(), ""),
                category,
            };
            if measure.shows(Measure::Kappa) {
                line(w, at, "cohen_kappa", m.kappa, unit, "", r.pairs)?;
            }
            if measure.shows(Measure::F1) {
                let marks = m.marks_a + m.marks_b;
                line(w, at, "f1", m.f1_exact, "mark", "exact", marks)?;
                line(w, at, "f1", m.f1_overlap, "mark", "overlap", marks)?;
            }
        }
    }
    Ok(())
}

/// Each attribute's alpha on matched pairs of marks.
fn attributes(w: &mut Sheet, a: &Agreement) -> Result<(), ::csv::Error> {
    let rule = a.rules.attributes_rule.to_string();
    for x in &a.attributes {
        let at = At {
            scope: "attribute",
            article: "",
            pair: ("", ""),
            category: x.category.as_str(),
        };
        let measure = format!("alpha:{}", x.attribute);
        line(w, at, &measure, x.alpha, "matched pair", &rule, x.pairs)?;
    }
    Ok(())
}
