//! Marks as CSV. Every mark as one row, for a spreadsheet or a statistics
//! package: who marked it, where (article, outlet, byline, offsets, the quote and
//! its context), what (category, one column per attribute, the note), and
//! the claims and actors it is in; and the counts of `candor stats`, one
//! line per annotator and article. Rows go through `export::csv::Sheet`,
//! so no cell runs as a formula.

use std::collections::BTreeMap;

use crate::case::Case;
use crate::export::csv::Sheet;
use crate::model::{AnnotatorId, AttrValue, CategoryId, Links, MarkId};
use crate::stats::Stats;

/// The columns before the attributes.
const HEAD: [&str; 14] = [
    "annotator",
    "article",
    "title",
    "outlet",
    "byline",
    "date",
    "mark",
    "category",
    "category_name",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
];

/// What an attribute's column is called before its id (`attr_polarity`),
/// so no attribute can take the name of another column (the default schema
/// has an attribute `quote`).
pub const ATTRIBUTE_PREFIX: &str = "attr_";

/// The columns after them.
const TAIL: [&str; 8] = [
    "note",
    "claims",
    "claim_labels",
    "actors",
    "actor_names",
    "needs_review_was",
    "created",
    "modified",
];

/// The CSV of every mark of `annotators`, in the case's order of articles and
/// each file's order of marks. An attribute column is named by the
/// attribute's id after `attr_`; a choice is written as its id, a flag as `true` or
/// `false`, and a mark without the attribute leaves the cell empty.
pub fn marks(case: &Case, annotators: &[AnnotatorId]) -> Result<String, ::csv::Error> {
    let attributes = attribute_columns(case, annotators);
    let mut w = Sheet::new();
    let header: Vec<String> = HEAD
        .iter()
        .map(|h| h.to_string())
        .chain(attributes.iter().map(|a| format!("{ATTRIBUTE_PREFIX}{a}")))
        .chain(TAIL.iter().map(|h| h.to_string()))
        .collect();
    w.row(header)?;
    for annotator in annotators {
        let Some(work) = case.annotations(annotator) else {
            continue;
        };
        let links = Memberships::of(&work.links);
        for article in case.articles() {
            let m = &article.meta;
            for mark in case.marks(annotator, &m.id) {
                let mut row: Vec<String> = vec![
                    annotator.to_string(),
                    m.id.to_string(),
                    m.title.clone(),
                    m.outlet.clone(),
                    m.byline.clone(),
                    m.date.clone(),
                    mark.id.to_string(),
                    mark.category.to_string(),
                    case.schema().category_name(&mark.category).to_string(),
                    mark.start.0.to_string(),
                    mark.end.0.to_string(),
                    mark.quote.clone(),
                    mark.prefix.clone(),
                    mark.suffix.clone(),
                ];
                row.extend(attributes.iter().map(|a| match mark.attributes.get(a) {
                    Some(AttrValue::Flag(f)) => f.to_string(),
                    Some(AttrValue::Text(t)) => t.clone(),
                    None => String::new(),
                }));
                let (claims, labels) = links.claims_of(&mark.id);
                let (actors, names) = links.actors_of(&mark.id);
                row.extend([
                    mark.note.clone(),
                    claims,
                    labels,
                    actors,
                    names,
                    mark.review_was().unwrap_or_default().to_string(),
                    mark.created.0.clone(),
                    mark.modified.0.clone(),
                ]);
                w.row(&row)?;
            }
        }
    }
    w.finish()
}

/// `candor stats` as CSV: one line per annotator and article, the counts and
/// then the rates per 1,000 words (two decimals).
pub fn stats(s: &Stats) -> Result<String, ::csv::Error> {
    let mut w = Sheet::new();
    let mut header = vec![
        "annotator".to_string(),
        "article".into(),
        "outlet".into(),
        "words".into(),
    ];
    header.extend(s.categories.iter().map(CategoryId::to_string));
    header.extend(s.categories.iter().map(|c| format!("{c}_per_1000_words")));
    w.row(&header)?;
    for a in &s.annotators {
        for r in &a.articles {
            let mut row = vec![
                a.annotator.to_string(),
                r.article.to_string(),
                r.outlet.clone(),
                r.words.to_string(),
            ];
            row.extend(r.counts.iter().map(usize::to_string));
            row.extend(r.per_1000_words.iter().map(|x| format!("{x:.2}")));
            w.row(&row)?;
        }
    }
    w.finish()
}

/// Every attribute id the schema has (in its order), then any other the
/// exported marks use (sorted), each once.
fn attribute_columns(case: &Case, annotators: &[AnnotatorId]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &case.schema().categories {
        for a in &c.attributes {
            if !out.contains(&a.id) {
                out.push(a.id.clone());
            }
        }
    }
    let mut others: Vec<String> = annotators
        .iter()
        .filter_map(|a| case.annotations(a))
        .flat_map(|a| a.marks.values().flatten())
        .flat_map(|m| m.attributes.keys())
        .filter(|k| !out.contains(k))
        .cloned()
        .collect();
    others.sort();
    others.dedup();
    out.extend(others);
    out
}

/// Which claims and actors each mark is in (ids and names, `;` between
/// several).
struct Memberships<'a> {
    claims: BTreeMap<&'a MarkId, Vec<(&'a str, &'a str)>>,
    actors: BTreeMap<&'a MarkId, Vec<(&'a str, &'a str)>>,
}

impl<'a> Memberships<'a> {
    fn of(links: &'a Links) -> Self {
        let mut claims: BTreeMap<&MarkId, Vec<(&str, &str)>> = BTreeMap::new();
        for c in &links.claims {
            for m in &c.marks {
                claims.entry(m).or_default().push((c.id.as_str(), &c.label));
            }
        }
        let mut actors: BTreeMap<&MarkId, Vec<(&str, &str)>> = BTreeMap::new();
        for a in &links.actors {
            for m in &a.marks {
                actors.entry(m).or_default().push((a.id.as_str(), &a.name));
            }
        }
        Memberships { claims, actors }
    }

    fn claims_of(&self, mark: &MarkId) -> (String, String) {
        joined(self.claims.get(mark))
    }

    fn actors_of(&self, mark: &MarkId) -> (String, String) {
        joined(self.actors.get(mark))
    }
}

fn joined(list: Option<&Vec<(&str, &str)>>) -> (String, String) {
    let list = list.map_or(&[][..], Vec::as_slice);
    (
        list.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(";"),
        list.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(";"),
    )
}
