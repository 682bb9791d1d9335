//! Agreement (`crate::agree`) as text: the rules it was computed by, then
//! the figures per category (or per article), the pairs of annotators, the
//! attributes and the places annotators split on most. The words for a
//! figure and for why one is undefined are here too, so the CSV, the JSON
//! reader's documentation (AGREEMENT.md) and the window say the same.

use crate::agree::{Agreement, Figure, Measures, PairMeasures, Undefined, Unit};

use crate::export::table::{Align, render};

/// Which measures an agreement report shows (`--measure`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    Alpha,
    Kappa,
    Fleiss,
    AlphaU,
    F1,
    #[default]
    All,
}

impl Measure {
    /// Whether a report asked for `self` shows `m`.
    pub(super) fn shows(self, m: Measure) -> bool {
        self == Measure::All || self == m
    }
}

/// How the figures are broken down (`--by`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    #[default]
    Category,
    Article,
}

/// What an agreement report shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub measure: Measure,
    pub by: By,
}

/// A figure as a cell: three decimals, or `n/a (reason)`.
pub fn figure(f: Figure) -> String {
    match f {
        Figure::Value(x) => format!("{x:.3}"),
        Figure::Undefined(why) => format!("n/a ({})", short_reason(why)),
    }
}

/// A few words for a reason, for a cell.
pub fn short_reason(why: Undefined) -> &'static str {
    match why {
        Undefined::TooFewAnnotators => "under 2 annotators",
        Undefined::NoUnits => "no units",
        Undefined::NoVariation => "no variation",
        Undefined::NoMarks => "no marks",
        Undefined::NoMatchedMarks => "no matched marks",
        Undefined::NoCommonArticle => "no common article",
    }
}

/// Why a figure is undefined, in a sentence.
pub fn because(why: Undefined) -> &'static str {
    match why {
        Undefined::TooFewAnnotators => {
            "fewer than two of the annotators compared handed the article in"
        }
        Undefined::NoUnits => "no unit was coded by two annotators or more (an empty text)",
        Undefined::NoVariation => {
            "every unit has the same value (no one marked it, or everyone marked all of it), so no disagreement is expected by chance and none can be corrected for"
        }
        Undefined::NoMarks => "neither side marked anything",
        Undefined::NoMatchedMarks => "no matched pair of marks where either sets this attribute",
        Undefined::NoCommonArticle => "there is no article that every annotator compared handed in",
    }
}

/// What the coding measures' unit is, in words.
pub fn unit_words(unit: Unit) -> &'static str {
    match unit {
        Unit::Word => {
            "words (Unicode word segmentation, UAX #29); a word is marked when a mark covers any of its chars"
        }
        Unit::Char => "chars (Unicode scalar values), spaces and punctuation included",
    }
}

/// The annotators the first line names at most.
const NAMED_UP_TO: usize = 50;

/// The lines that say how the figures were computed.
pub fn rules_lines(a: &Agreement) -> Vec<String> {
    // A large class is named in part: the lines against the rest name
    // everyone.
    let names: Vec<&str> = a
        .annotators
        .iter()
        .take(NAMED_UP_TO)
        .map(|x| x.as_str())
        .collect();
    let more = a.annotators.len().saturating_sub(NAMED_UP_TO);
    vec![
        format!(
            "Agreement of {} annotator(s): {}{}",
            a.annotators.len(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            },
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
        format!(
            "Coding measures (alpha, kappa, Fleiss) over {}, coded per category as marked or not.",
            unit_words(a.rules.unit)
        ),
        "Missing data: an annotator who has not handed an article in (not marked done, no marks) is missing there, not counted as marking nothing.".to_string(),
        "alpha_U: Krippendorff's unitizing alpha on char offsets, one annotator's overlapping marks of a category merged into one first; all categories from the summed disagreements.".to_string(),
        format!(
            "Span F1: marks paired one-to-one as grading pairs them, by the exact and the overlap rule; attributes compared on pairs matched by the {} rule.",
            a.rules.attributes_rule
        ),
    ]
}

/// What `candor agree` prints as a table.
pub fn agreement(a: &Agreement, view: View) -> String {
    let mut out = String::new();
    for line in rules_lines(a) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    match view.by {
        By::Category => out.push_str(&by_category(a, view.measure)),
        By::Article => out.push_str(&by_article(a, view.measure)),
    }
    if a.alpha_u_articles.len() < a.articles.len() && view.measure.shows(Measure::AlphaU) {
        out.push_str(&format!(
            "The case's alpha_U is over the {} article(s) every annotator handed in ({}).\n",
            a.alpha_u_articles.len(),
            a.alpha_u_articles
                .iter()
                .map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if view.measure.shows(Measure::Kappa) || view.measure.shows(Measure::F1) {
        out.push('\n');
        if a.pairs_listed {
            out.push_str(&pairs(a, view.measure));
        } else {
            out.push_str(&rest(a, view.measure));
        }
    }
    if view.measure == Measure::All {
        if !a.attributes.is_empty() {
            out.push('\n');
            out.push_str(&attributes(a));
        }
        if !a.disputes.is_empty() {
            out.push('\n');
            out.push_str(&disputes(a));
        }
    }
    out.push_str(&legend(a, view));
    out
}

fn measure_header(measure: Measure) -> Vec<String> {
    let mut h = Vec::new();
    if measure.shows(Measure::Alpha) {
        h.push("alpha".to_string());
    }
    if measure.shows(Measure::Fleiss) {
        h.push("Fleiss kappa".to_string());
    }
    if measure.shows(Measure::AlphaU) {
        h.push("alpha_U".to_string());
    }
    if measure.shows(Measure::F1) {
        h.push("F1 exact".to_string());
        h.push("F1 overlap".to_string());
    }
    h
}

fn measure_cells(m: &Measures, measure: Measure) -> Vec<String> {
    let mut c = Vec::new();
    if measure.shows(Measure::Alpha) {
        c.push(figure(m.alpha));
    }
    if measure.shows(Measure::Fleiss) {
        c.push(figure(m.fleiss));
    }
    if measure.shows(Measure::AlphaU) {
        c.push(figure(m.alpha_u));
    }
    if measure.shows(Measure::F1) {
        c.push(figure(m.f1_exact));
        c.push(figure(m.f1_overlap));
    }
    c
}

/// One row per category and one for all of them, over the case.
fn by_category(a: &Agreement, measure: Measure) -> String {
    if measure == Measure::Kappa {
        return String::new();
    }
    let mut header = vec!["category".to_string()];
    header.extend(measure_header(measure));
    header.push("units".to_string());
    let mut rows = vec![header];
    for (info, m) in a.categories.iter().zip(&a.case.categories) {
        let mut row = vec![info.name.clone()];
        row.extend(measure_cells(m, measure));
        row.push(m.units.to_string());
        rows.push(row);
    }
    let mut row = vec!["all categories".to_string()];
    row.extend(measure_cells(&a.case.overall, measure));
    row.push(a.case.overall.units.to_string());
    rows.push(row);
    render(&rows, Align::Numbers)
}

/// One row per article and category, then the article's all-categories row.
fn by_article(a: &Agreement, measure: Measure) -> String {
    if measure == Measure::Kappa {
        return String::new();
    }
    let mut header = vec!["article".to_string(), "category".to_string()];
    header.extend(measure_header(measure));
    header.push("units".to_string());
    header.push("missing".to_string());
    let mut rows = vec![header];
    for art in &a.articles {
        let missing = if art.missing.is_empty() {
            "-".to_string()
        } else {
            art.missing
                .iter()
                .map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let scopes = a
            .categories
            .iter()
            .map(|c| c.name.as_str())
            .zip(&art.scope.categories)
            .chain(std::iter::once(("all categories", &art.scope.overall)));
        for (name, m) in scopes {
            let mut row = vec![art.article.to_string(), name.to_string()];
            row.extend(measure_cells(m, measure));
            row.push(m.units.to_string());
            row.push(missing.clone());
            rows.push(row);
        }
    }
    render(&rows, Align::Left)
}

fn pair_cells(p: &PairMeasures, measure: Measure) -> Vec<String> {
    let mut c = Vec::new();
    if measure.shows(Measure::Kappa) {
        c.push(figure(p.kappa));
    }
    if measure.shows(Measure::F1) {
        c.push(figure(p.f1_exact));
        c.push(figure(p.f1_overlap));
    }
    c
}

/// The header of a table of pairs (or of annotators against the rest): the
/// two leading columns, then the columns `pair_cells` and the per-category
/// kappas fill.
fn pair_header(a: &Agreement, measure: Measure, first: [&str; 2]) -> Vec<String> {
    let mut header: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    if measure.shows(Measure::Kappa) {
        header.push("Cohen kappa".to_string());
    }
    if measure.shows(Measure::F1) {
        header.push("F1 exact".to_string());
        header.push("F1 overlap".to_string());
    }
    if measure.shows(Measure::Kappa) {
        header.extend(a.categories.iter().map(|c| format!("{} kappa", c.name)));
    }
    header
}

/// One row per pair: Cohen's kappa and span F1 over all categories, and
/// kappa per category.
fn pairs(a: &Agreement, measure: Measure) -> String {
    if a.pairs.is_empty() {
        return "No pair of annotators to compare.\n".to_string();
    }
    let header = pair_header(a, measure, ["pair", "articles"]);
    let mut rows = vec![header];
    for p in &a.pairs {
        let mut row = vec![format!("{} / {}", p.a, p.b), p.articles.to_string()];
        row.extend(pair_cells(&p.overall, measure));
        if measure.shows(Measure::Kappa) {
            row.extend(p.categories.iter().map(|m| figure(m.kappa)));
        }
        rows.push(row);
    }
    render(&rows, Align::Numbers)
}

/// One row per annotator against the rest (their pairs summed), for a
/// class too large to list every pair: what `--pairs` would list instead.
fn rest(a: &Agreement, measure: Measure) -> String {
    let n = a.annotators.len();
    let mut out = format!(
        "Each annotator against the rest: their {} pairs summed (the {} pairs of {n} annotators are listed with --pairs).\n",
        n.saturating_sub(1),
        n * n.saturating_sub(1) / 2,
    );
    let header = pair_header(a, measure, ["annotator vs rest", "pairs"]);
    let mut rows = vec![header];
    for r in &a.rest {
        let mut row = vec![r.annotator.to_string(), r.pairs.to_string()];
        row.extend(pair_cells(&r.overall, measure));
        if measure.shows(Measure::Kappa) {
            row.extend(r.categories.iter().map(|m| figure(m.kappa)));
        }
        rows.push(row);
    }
    out.push_str(&render(&rows, Align::Numbers));
    out
}

fn attributes(a: &Agreement) -> String {
    let mut rows = vec![vec![
        "attribute (alpha on matched marks)".to_string(),
        "pairs".to_string(),
        "alpha".to_string(),
    ]];
    for x in &a.attributes {
        let category = a.category_name(&x.category);
        rows.push(vec![
            format!("{category}: {}", x.name),
            x.pairs.to_string(),
            figure(x.alpha),
        ]);
    }
    render(&rows, Align::Numbers)
}

fn disputes(a: &Agreement) -> String {
    let mut rows = vec![vec![
        "where they split most".to_string(),
        "category".to_string(),
        "marked by".to_string(),
        "words".to_string(),
    ]];
    for d in &a.disputes {
        let category = a.category_name(&d.category);
        rows.push(vec![
            format!("{} {}..{}", d.article, d.range.start.0, d.range.end.0),
            category.to_string(),
            format!("{} of {}", d.marked, d.of),
            format!("\u{201c}{}\u{201d}", crate::text::ellipsize(&d.quote, 60)),
        ]);
    }
    render(&rows, Align::Left)
}

/// One line per reason that a cell of the report gives.
fn legend(a: &Agreement, view: View) -> String {
    let mut seen: Vec<Undefined> = Vec::new();
    let mut note = |f: Figure| {
        if let Figure::Undefined(why) = f
            && !seen.contains(&why)
        {
            seen.push(why);
        }
    };
    let scopes: Vec<&Measures> = match view.by {
        By::Category => std::iter::once(&a.case.overall)
            .chain(&a.case.categories)
            .collect(),
        By::Article => a
            .articles
            .iter()
            .flat_map(|x| std::iter::once(&x.scope.overall).chain(&x.scope.categories))
            .collect(),
    };
    if view.measure != Measure::Kappa {
        for m in scopes {
            if view.measure.shows(Measure::Alpha) {
                note(m.alpha);
            }
            if view.measure.shows(Measure::Fleiss) {
                note(m.fleiss);
            }
            if view.measure.shows(Measure::AlphaU) {
                note(m.alpha_u);
            }
            if view.measure.shows(Measure::F1) {
                note(m.f1_exact);
                note(m.f1_overlap);
            }
        }
    }
    let pair_figures = a
        .pairs
        .iter()
        .flat_map(|p| std::iter::once(&p.overall).chain(&p.categories));
    let rest_figures = a
        .rest
        .iter()
        .filter(|_| !a.pairs_listed)
        .flat_map(|r| std::iter::once(&r.overall).chain(&r.categories));
    for m in pair_figures.chain(rest_figures) {
        if view.measure.shows(Measure::Kappa) {
            note(m.kappa);
        }
        if view.measure.shows(Measure::F1) {
            note(m.f1_exact);
            note(m.f1_overlap);
        }
    }
    if view.measure == Measure::All {
        for x in &a.attributes {
            note(x.alpha);
        }
    }
    if seen.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n");
    for why in seen {
        out.push_str(&format!("n/a ({}): {}.\n", short_reason(why), because(why)));
    }
    out
}
