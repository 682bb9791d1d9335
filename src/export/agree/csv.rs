//! Agreement as CSV, in long format: one line per figure, each saying its
//! scope (the case, an article, a pair, an attribute), its category, the
//! measure, the value or why there is none, and how it was computed (unit,
//! matching rule, missing data), so a line cut out of the sheet still says
//! what it is. Every cell goes through `csv::cell`, as every CSV of Candor.

use ::csv::Writer;

use super::agree_table::{By, Measure, View, because};
use super::csv::{cell, finish, write_row};
use crate::agree::{Agreement, Figure, Measures};

const MISSING: &str = "not handed in = missing";

/// What `candor agree --format csv` prints.
pub fn agreement(a: &Agreement, view: View) -> Result<String, ::csv::Error> {
    let mut w = Writer::from_writer(Vec::new());
    write_row(
        &mut w,
        [
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
        ],
    )?;
    let unit = match a.rules.unit {
        crate::agree::Unit::Word => "word",
        crate::agree::Unit::Char => "char",
    };
    let shows = |m: Measure| view.measure == Measure::All || view.measure == m;
    let line = |w: &mut Writer<Vec<u8>>,
                scope: &str,
                article: &str,
                pair: (&str, &str),
                category: &str,
                measure: &str,
                f: Figure,
                unit: &str,
                rule: &str,
                n: u64|
     -> Result<(), ::csv::Error> {
        let (value, why) = match f {
            Figure::Value(x) => (format!("{x:.6}"), String::new()),
            Figure::Undefined(r) => (String::new(), because(r).to_string()),
        };
        // The value is a number Candor wrote, never text from the case: a
        // negative alpha stays a number (`-0.018`), not text (`'-0.018`).
        let n = if n == 0 { String::new() } else { n.to_string() };
        let text = |s: &str| cell(s).into_owned();
        w.write_record([
            text(scope),
            text(article),
            text(pair.0),
            text(pair.1),
            text(category),
            text(measure),
            value,
            text(&why),
            text(unit),
            text(rule),
            n,
            text(MISSING),
        ])
    };
    let scope_lines = |w: &mut Writer<Vec<u8>>,
                       scope: &str,
                       article: &str,
                       category: &str,
                       m: &Measures|
     -> Result<(), ::csv::Error> {
        if shows(Measure::Alpha) {
            line(
                w,
                scope,
                article,
                ("", ""),
                category,
                "alpha",
                m.alpha,
                unit,
                "",
                m.units,
            )?;
        }
        if shows(Measure::Fleiss) {
            line(
                w,
                scope,
                article,
                ("", ""),
                category,
                "fleiss_kappa",
                m.fleiss,
                unit,
                "",
                m.units,
            )?;
        }
        if shows(Measure::AlphaU) {
            line(
                w,
                scope,
                article,
                ("", ""),
                category,
                "alpha_u",
                m.alpha_u,
                "char",
                "",
                0,
            )?;
        }
        if shows(Measure::F1) {
            line(
                w,
                scope,
                article,
                ("", ""),
                category,
                "f1",
                m.f1_exact,
                "mark",
                "exact",
                0,
            )?;
            line(
                w,
                scope,
                article,
                ("", ""),
                category,
                "f1",
                m.f1_overlap,
                "mark",
                "overlap",
                0,
            )?;
        }
        Ok(())
    };
    match view.by {
        By::Category => {
            for (info, m) in a.categories.iter().zip(&a.case.categories) {
                scope_lines(&mut w, "case", "", info.id.as_str(), m)?;
            }
            scope_lines(&mut w, "case", "", "all", &a.case.overall)?;
        }
        By::Article => {
            for art in &a.articles {
                for (info, m) in a.categories.iter().zip(&art.scope.categories) {
                    scope_lines(&mut w, "article", art.article.as_str(), info.id.as_str(), m)?;
                }
                scope_lines(
                    &mut w,
                    "article",
                    art.article.as_str(),
                    "all",
                    &art.scope.overall,
                )?;
            }
        }
    }
    for p in &a.pairs {
        let pair = (p.a.as_str(), p.b.as_str());
        let cats = a
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .zip(&p.categories)
            .chain(std::iter::once(("all", &p.overall)));
        for (category, m) in cats {
            if shows(Measure::Kappa) {
                line(
                    &mut w,
                    "pair",
                    "",
                    pair,
                    category,
                    "cohen_kappa",
                    m.kappa,
                    unit,
                    "",
                    0,
                )?;
            }
            if shows(Measure::F1) {
                let marks = m.marks_a + m.marks_b;
                line(
                    &mut w, "pair", "", pair, category, "f1", m.f1_exact, "mark", "exact", marks,
                )?;
                line(
                    &mut w,
                    "pair",
                    "",
                    pair,
                    category,
                    "f1",
                    m.f1_overlap,
                    "mark",
                    "overlap",
                    marks,
                )?;
            }
        }
    }
    if view.measure == Measure::All {
        for x in &a.attributes {
            let measure = format!("alpha:{}", x.attribute);
            let rule = a.rules.attributes_rule.to_string();
            line(
                &mut w,
                "attribute",
                "",
                ("", ""),
                x.category.as_str(),
                &measure,
                x.alpha,
                "matched pair",
                &rule,
                x.pairs,
            )?;
        }
    }
    finish(w)
}
