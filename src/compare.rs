//! How different articles carry the same claims and name the same parties:
//! the claims x articles and actors x articles tables, built as plain data
//! from one annotator's links and marks so that the window, `candor compare`
//! and the tests all read the same figures, and every figure names the mark
//! ids it comes from.
//!
//! # How a claims cell is classified
//!
//! A cell is one claim in one article. It looks at the marks of that claim
//! (the ids listed in the claim) that lie in that article, and reads the
//! attributes of the default schema's categories:
//!
//! 1. **Attributed** if any of them is an `attribution` mark whose
//!    `source_kind` is set and is not `none`; or whose `source_kind` is unset
//!    but whose `source` text is filled in (the annotator named a source and
//!    forgot the kind, shown as kind `unspecified`). The cell carries that
//!    mark's `source_kind`, `source`, `cue` and `stance`; with several such
//!    marks, the first in reading order speaks for the cell and all are listed.
//! 2. Otherwise **hedged** if any of them is a `loaded` mark of kind `doubt`
//!    ("alleged", "so-called", scare quotes) or an `editorializing` mark of
//!    kind `speculation` ("may well have"): the writer carries the claim but
//!    signals doubt about it in their own voice.
//! 3. Otherwise **stated as fact**: the article carries the claim with no
//!    source and no hedge. An `attribution` mark with `source_kind: none` is
//!    the explicit way to say so; any other mark of the claim counts the same.
//! 4. **Absent** when the claim has no mark in that article.
//!
//! A row is *contested* when one article attributes the claim and another
//! states it as fact: the comparison a reader most needs to see.
//!
//! Claim and actor mark ids that match no mark of the annotator (a deleted
//! mark; `candor check` reports these) are listed per row as `unresolved`
//! rather than dropped silently.

use std::collections::HashMap;

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, AttrValue, CategoryId, LinkId, Mark, MarkId};
use crate::stats::{self, Stats};
use crate::text::CharRange;

/// Category and attribute ids of the default schema that the classification reads.
pub const LOADED: &str = "loaded";
pub const ATTRIBUTION: &str = "attribution";
pub const EDITORIALIZING: &str = "editorializing";

/// An article as a column of the tables.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub article: ArticleId,
    pub title: String,
    pub outlet: String,
}

impl Column {
    /// What a column header says: the outlet, or the start of the title for
    /// an article imported without one.
    pub fn label(&self) -> String {
        if !self.outlet.is_empty() {
            self.outlet.clone()
        } else if !self.title.is_empty() {
            crate::text::ellipsize(&self.title, 32)
        } else {
            self.article.to_string()
        }
    }
}

/// One mark behind a cell: enough to show its words and open it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkRef {
    pub mark: MarkId,
    pub category: CategoryId,
    pub range: CharRange,
    pub quote: String,
}

impl MarkRef {
    fn of(mark: &Mark) -> Self {
        MarkRef {
            mark: mark.id.clone(),
            category: mark.category.clone(),
            range: mark.range(),
            quote: mark.quote.clone(),
        }
    }
}

/// How one article carries one claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Carriage {
    StatedAsFact,
    Attributed {
        /// The schema's choice id (`named_person`, `vague`...), or `unspecified`.
        source_kind: String,
        /// The source as the article names them; may be empty.
        source: String,
        /// The cue verb or phrase; may be empty.
        cue: String,
        /// `neutral`, `credence`, `doubt`, `guilt`, or empty if not recorded.
        stance: String,
    },
    Hedged,
    Absent,
}

impl Carriage {
    /// A short name, the same in every output.
    pub fn name(&self) -> &'static str {
        match self {
            Carriage::StatedAsFact => "stated as fact",
            Carriage::Attributed { .. } => "attributed",
            Carriage::Hedged => "hedged",
            Carriage::Absent => "absent",
        }
    }

    /// One line for a table cell: `attributed: named_person "Dana Royce" said (neutral)`.
    pub fn summary(&self) -> String {
        match self {
            Carriage::Attributed {
                source_kind,
                source,
                cue,
                stance,
            } => {
                let mut s = format!("attributed: {source_kind}");
                if !source.is_empty() {
                    s.push_str(&format!(" {source:?}"));
                }
                if !cue.is_empty() {
                    s.push_str(&format!(" {cue}"));
                }
                if !stance.is_empty() {
                    s.push_str(&format!(" ({stance})"));
                }
                s
            }
            other => other.name().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimCell {
    pub carriage: Carriage,
    /// The claim's marks in this article, in reading order.
    pub marks: Vec<MarkRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRow {
    pub claim: LinkId,
    pub label: String,
    /// One per column.
    pub cells: Vec<ClaimCell>,
    /// One article attributes the claim and another states it as fact.
    pub contested: bool,
    /// Mark ids of the claim that match no mark of this annotator.
    pub unresolved: Vec<MarkId>,
}

/// Claims x articles for one annotator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimsTable {
    pub annotator: AnnotatorId,
    pub columns: Vec<Column>,
    pub rows: Vec<ClaimRow>,
}

/// Words one article uses for one party, with the marks that carry them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorWords {
    pub words: String,
    /// The `polarity` of the mark when it is loaded wording and has one.
    pub polarity: Option<String>,
    pub marks: Vec<MarkId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    pub actor: LinkId,
    pub name: String,
    /// One per column: distinct wordings in order of first use.
    pub cells: Vec<Vec<ActorWords>>,
    pub unresolved: Vec<MarkId>,
}

/// Actors x articles for one annotator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorsTable {
    pub annotator: AnnotatorId,
    pub columns: Vec<Column>,
    pub rows: Vec<ActorRow>,
}

/// Every comparison view of one annotator, as `candor compare --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub claims: ClaimsTable,
    pub actors: ActorsTable,
}

/// Where each of an annotator's marks is, by id: built once per table so a
/// row costs a lookup per mark id, not a scan of the case.
struct MarkIndex<'c> {
    by_id: HashMap<&'c MarkId, (usize, &'c Mark)>,
}

impl<'c> MarkIndex<'c> {
    fn new(case: &'c Case, annotator: &AnnotatorId) -> Self {
        let mut by_id = HashMap::new();
        for (col, art) in case.articles().iter().enumerate() {
            for m in case.marks(annotator, &art.meta.id) {
                by_id.entry(&m.id).or_insert((col, m));
            }
        }
        MarkIndex { by_id }
    }

    /// The marks of `ids` per column, in reading order, and the ids not found.
    fn split(&self, ids: &[MarkId], columns: usize) -> (Vec<Vec<&'c Mark>>, Vec<MarkId>) {
        let mut per_col: Vec<Vec<&Mark>> = vec![Vec::new(); columns];
        let mut unresolved = Vec::new();
        for id in ids {
            match self.by_id.get(id) {
                Some(&(col, m)) => {
                    if !per_col[col].iter().any(|x| x.id == m.id) {
                        per_col[col].push(m);
                    }
                }
                None => unresolved.push(id.clone()),
            }
        }
        for marks in &mut per_col {
            marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        (per_col, unresolved)
    }
}

fn columns(case: &Case) -> Vec<Column> {
    case.articles()
        .iter()
        .map(|a| Column {
            article: a.meta.id.clone(),
            title: a.meta.title.clone(),
            outlet: a.meta.outlet.clone(),
        })
        .collect()
}

fn text_attr<'m>(mark: &'m Mark, id: &str) -> Option<&'m str> {
    match mark.attributes.get(id) {
        Some(AttrValue::Text(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// The attribution a mark records, if it records one (rule 1 of the module doc).
fn attribution_of(mark: &Mark) -> Option<Carriage> {
    if mark.category.as_str() != ATTRIBUTION {
        return None;
    }
    let source = text_attr(mark, "source").unwrap_or("").trim();
    let source_kind = match text_attr(mark, "source_kind") {
        Some("none") => return None,
        Some(kind) => kind,
        None if !source.is_empty() => "unspecified",
        None => return None,
    };
    Some(Carriage::Attributed {
        source_kind: source_kind.to_string(),
        source: source.to_string(),
        cue: text_attr(mark, "cue").unwrap_or("").trim().to_string(),
        stance: text_attr(mark, "stance").unwrap_or("").to_string(),
    })
}

/// Whether a mark is the writer hedging (rule 2 of the module doc).
fn is_hedge(mark: &Mark) -> bool {
    let kind = text_attr(mark, "kind");
    match mark.category.as_str() {
        LOADED => kind == Some("doubt"),
        EDITORIALIZING => kind == Some("speculation"),
        _ => false,
    }
}

/// How an article carries a claim, from the claim's marks in it.
pub fn classify(marks: &[&Mark]) -> Carriage {
    if marks.is_empty() {
        return Carriage::Absent;
    }
    if let Some(attributed) = marks.iter().find_map(|m| attribution_of(m)) {
        return attributed;
    }
    if marks.iter().any(|m| is_hedge(m)) {
        return Carriage::Hedged;
    }
    Carriage::StatedAsFact
}

impl ClaimsTable {
    pub fn build(case: &Case, annotator: &AnnotatorId) -> ClaimsTable {
        let columns = columns(case);
        let index = MarkIndex::new(case, annotator);
        let claims = case
            .annotators()
            .get(annotator)
            .map_or(&[][..], |a| a.links.claims.as_slice());
        let rows = claims
            .iter()
            .map(|claim| {
                let (per_col, unresolved) = index.split(&claim.marks, columns.len());
                let cells: Vec<ClaimCell> = per_col
                    .iter()
                    .map(|marks| ClaimCell {
                        carriage: classify(marks),
                        marks: marks.iter().map(|m| MarkRef::of(m)).collect(),
                    })
                    .collect();
                let has = |f: fn(&Carriage) -> bool| cells.iter().any(|c| f(&c.carriage));
                let contested = has(|c| matches!(c, Carriage::Attributed { .. }))
                    && has(|c| matches!(c, Carriage::StatedAsFact));
                ClaimRow {
                    claim: claim.id.clone(),
                    label: claim.label.clone(),
                    cells,
                    contested,
                    unresolved,
                }
            })
            .collect();
        ClaimsTable {
            annotator: annotator.clone(),
            columns,
            rows,
        }
    }

    /// The table as aligned text: one row per claim, `!` before a contested one.
    pub fn to_text(&self) -> String {
        if self.rows.is_empty() {
            return format!("no claims for {}\n", self.annotator);
        }
        let mut rows = vec![header(&self.columns, "claim")];
        for r in &self.rows {
            let flag = if r.contested { "! " } else { "  " };
            let mut row = vec![format!("{flag}{} {}", r.claim, r.label)];
            row.extend(r.cells.iter().map(|c| {
                if c.marks.is_empty() {
                    "-".to_string()
                } else {
                    format!("{} [{}]", c.carriage.summary(), ids(&c.marks))
                }
            }));
            rows.push(row);
        }
        let mut out = crate::table::render(&rows, crate::table::Align::Left);
        out.push_str(&unresolved_note(
            self.rows.iter().map(|r| (&r.claim, &r.unresolved)),
        ));
        if self.rows.iter().any(|r| r.contested) {
            out.push_str("! = attributed in one article, stated as fact in another\n");
        }
        out
    }
}

impl ActorsTable {
    pub fn build(case: &Case, annotator: &AnnotatorId) -> ActorsTable {
        let columns = columns(case);
        let index = MarkIndex::new(case, annotator);
        let actors = case
            .annotators()
            .get(annotator)
            .map_or(&[][..], |a| a.links.actors.as_slice());
        let rows = actors
            .iter()
            .map(|actor| {
                let (per_col, unresolved) = index.split(&actor.marks, columns.len());
                let cells = per_col.iter().map(|marks| words_of(marks)).collect();
                ActorRow {
                    actor: actor.id.clone(),
                    name: actor.name.clone(),
                    cells,
                    unresolved,
                }
            })
            .collect();
        ActorsTable {
            annotator: annotator.clone(),
            columns,
            rows,
        }
    }

    /// The table as aligned text: each cell the words used, with polarity.
    pub fn to_text(&self) -> String {
        if self.rows.is_empty() {
            return format!("no actors for {}\n", self.annotator);
        }
        let mut rows = vec![header(&self.columns, "actor")];
        for r in &self.rows {
            let mut row = vec![format!("{} {}", r.actor, r.name)];
            row.extend(r.cells.iter().map(|words| {
                if words.is_empty() {
                    return "-".to_string();
                }
                words
                    .iter()
                    .map(ActorWords::summary)
                    .collect::<Vec<_>>()
                    .join("; ")
            }));
            rows.push(row);
        }
        let mut out = crate::table::render(&rows, crate::table::Align::Left);
        out.push_str(&unresolved_note(
            self.rows.iter().map(|r| (&r.actor, &r.unresolved)),
        ));
        out
    }
}

/// How many chars of an actor's words the text table shows.
pub const SUMMARY_CHARS: usize = 40;

impl ActorWords {
    /// `"thugs" (negative) [m4]`. Words longer than `SUMMARY_CHARS` are cut
    /// with `…`: annotators sometimes link a whole sentence to an actor, and
    /// one such cell would make the text table unreadable. CSV and JSON keep
    /// the full words.
    pub fn summary(&self) -> String {
        let words = if self.words.chars().count() > SUMMARY_CHARS {
            let cut: String = self.words.chars().take(SUMMARY_CHARS - 1).collect();
            let next = self.words.chars().nth(SUMMARY_CHARS - 1);
            // Cut at the last space rather than inside a word.
            let cut = match cut.rfind(' ') {
                Some(b) if next.is_some_and(|c| !c.is_whitespace()) => &cut[..b],
                _ => cut.as_str(),
            };
            format!("{}…", cut.trim_end().trim_end_matches(','))
        } else {
            self.words.clone()
        };
        let mut s = format!("{words:?}");
        if let Some(p) = &self.polarity {
            s.push_str(&format!(" ({p})"));
        }
        let ids: Vec<&str> = self.marks.iter().map(MarkId::as_str).collect();
        s.push_str(&format!(" [{}]", ids.join(",")));
        s
    }
}

/// Distinct wordings in order of first use; the same words with the same
/// polarity are one entry listing every mark.
fn words_of(marks: &[&Mark]) -> Vec<ActorWords> {
    let mut out: Vec<ActorWords> = Vec::new();
    for m in marks {
        let polarity = if m.category.as_str() == LOADED {
            text_attr(m, "polarity").map(str::to_string)
        } else {
            None
        };
        match out
            .iter_mut()
            .find(|w| w.words == m.quote && w.polarity == polarity)
        {
            Some(w) => w.marks.push(m.id.clone()),
            None => out.push(ActorWords {
                words: m.quote.clone(),
                polarity,
                marks: vec![m.id.clone()],
            }),
        }
    }
    out
}

impl Comparison {
    pub fn build(case: &Case, annotator: &AnnotatorId) -> Comparison {
        Comparison {
            claims: ClaimsTable::build(case, annotator),
            actors: ActorsTable::build(case, annotator),
        }
    }
}

/// Every view of the compare window for the given annotators (all when
/// `only` is empty): claims and actors per annotator, and the counts of
/// `candor stats`, side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareViews {
    pub comparisons: Vec<Comparison>,
    pub counts: CountsTable,
}

/// Which annotator and category a counts column is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsColumn {
    pub category: CategoryId,
    pub annotator: AnnotatorId,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsRow {
    pub article: ArticleId,
    pub title: String,
    pub words: usize,
    /// One per column.
    pub counts: Vec<usize>,
    /// One per column, rounded to two decimals as `candor stats` does.
    pub per_1000_words: Vec<f64>,
}

/// Marks per category per article, several annotators side by side: one
/// column per category and annotator (annotators next to each other under
/// each category, since that is the comparison a class makes). The figures
/// are `candor stats`'s, rearranged, never recomputed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountsTable {
    pub columns: Vec<CountsColumn>,
    pub rows: Vec<CountsRow>,
}

impl CountsTable {
    pub fn from_stats(stats: &Stats) -> CountsTable {
        let mut columns = Vec::new();
        for c in &stats.categories {
            for a in &stats.annotators {
                columns.push(CountsColumn {
                    category: CategoryId::new(c.as_str()),
                    annotator: AnnotatorId::new(a.annotator.as_str()),
                });
            }
        }
        // Every annotator's stats list the case's articles in the same order.
        let rows = stats
            .annotators
            .first()
            .map(|first| {
                first
                    .articles
                    .iter()
                    .enumerate()
                    .map(|(i, art)| {
                        let mut counts = Vec::with_capacity(columns.len());
                        let mut rates = Vec::with_capacity(columns.len());
                        for k in 0..stats.categories.len() {
                            for a in &stats.annotators {
                                let row = a.articles.get(i);
                                counts
                                    .push(row.and_then(|r| r.counts.get(k)).copied().unwrap_or(0));
                                rates.push(
                                    row.and_then(|r| r.per_1000_words.get(k))
                                        .copied()
                                        .unwrap_or(0.0),
                                );
                            }
                        }
                        CountsRow {
                            article: ArticleId::new(art.article.as_str()),
                            title: art.title.clone(),
                            words: art.words,
                            counts,
                            per_1000_words: rates,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        CountsTable { columns, rows }
    }

    /// Whether more than one annotator is shown (column titles then name them).
    pub fn several_annotators(&self) -> bool {
        self.columns
            .iter()
            .any(|c| Some(&c.annotator) != self.columns.first().map(|f| &f.annotator))
    }

    /// A cell as the window and the text table show it.
    pub fn figure(&self, row: &CountsRow, col: usize, per_1000_words: bool) -> String {
        if per_1000_words {
            row.per_1000_words
                .get(col)
                .map_or(String::new(), |x| format!("{x:.1}"))
        } else {
            row.counts.get(col).map_or(String::new(), usize::to_string)
        }
    }

    /// Column title from category ids; the window uses the schema's names.
    pub fn column_title(&self, col: &CountsColumn, category_name: &str) -> String {
        if self.several_annotators() {
            format!("{category_name} {}", col.annotator)
        } else {
            category_name.to_string()
        }
    }

    pub fn to_text(&self, per_1000_words: bool) -> String {
        if self.rows.is_empty() {
            return "no marks yet\n".to_string();
        }
        let mut header = vec!["article".to_string(), "words".to_string()];
        header.extend(
            self.columns
                .iter()
                .map(|c| self.column_title(c, c.category.as_str())),
        );
        let mut rows = vec![header];
        for r in &self.rows {
            let mut row = vec![r.article.0.clone(), r.words.to_string()];
            row.extend((0..self.columns.len()).map(|i| self.figure(r, i, per_1000_words)));
            rows.push(row);
        }
        let mut out = crate::table::render(&rows, crate::table::Align::Numbers);
        if per_1000_words {
            out.push_str("(marks per 1,000 words)\n");
        }
        out
    }
}

impl CompareViews {
    pub fn build(case: &Case, only: &[AnnotatorId]) -> CompareViews {
        let comparisons = case
            .annotators()
            .keys()
            .filter(|a| only.is_empty() || only.contains(a))
            .map(|a| Comparison::build(case, a))
            .collect();
        CompareViews {
            comparisons,
            counts: CountsTable::from_stats(&stats::stats(case, only)),
        }
    }
}

fn header(columns: &[Column], first: &str) -> Vec<String> {
    let mut h = vec![first.to_string()];
    h.extend(columns.iter().map(|c| c.article.0.clone()));
    h
}

fn ids(marks: &[MarkRef]) -> String {
    marks
        .iter()
        .map(|m| m.mark.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn unresolved_note<'a>(rows: impl Iterator<Item = (&'a LinkId, &'a Vec<MarkId>)>) -> String {
    let mut out = String::new();
    for (id, missing) in rows {
        if !missing.is_empty() {
            let ids: Vec<&str> = missing.iter().map(MarkId::as_str).collect();
            out.push_str(&format!(
                "{id}: no such mark(s): {} (see `candor check`)\n",
                ids.join(", ")
            ));
        }
    }
    out
}

/// The claims table as CSV, one line per claim and article (long format, so
/// a spreadsheet can filter by any column).
pub fn claims_csv(tables: &[&ClaimsTable]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "annotator",
        "claim",
        "label",
        "article",
        "carriage",
        "source_kind",
        "source",
        "cue",
        "stance",
        "contested",
        "marks",
        "quotes",
    ])?;
    for t in tables {
        for r in &t.rows {
            for (col, cell) in t.columns.iter().zip(&r.cells) {
                let (kind, source, cue, stance) = match &cell.carriage {
                    Carriage::Attributed {
                        source_kind,
                        source,
                        cue,
                        stance,
                    } => (
                        source_kind.as_str(),
                        source.as_str(),
                        cue.as_str(),
                        stance.as_str(),
                    ),
                    _ => ("", "", "", ""),
                };
                let quotes: Vec<&str> = cell.marks.iter().map(|m| m.quote.as_str()).collect();
                w.write_record([
                    t.annotator.as_str(),
                    r.claim.as_str(),
                    &r.label,
                    col.article.as_str(),
                    cell.carriage.name(),
                    kind,
                    source,
                    cue,
                    stance,
                    if r.contested { "yes" } else { "no" },
                    &ids(&cell.marks),
                    &quotes.join(" | "),
                ])?;
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The actors table as CSV, one line per actor, article and wording.
pub fn actors_csv(tables: &[&ActorsTable]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "annotator",
        "actor",
        "name",
        "article",
        "words",
        "polarity",
        "marks",
    ])?;
    for t in tables {
        for r in &t.rows {
            for (col, words) in t.columns.iter().zip(&r.cells) {
                for word in words {
                    let ids: Vec<&str> = word.marks.iter().map(MarkId::as_str).collect();
                    w.write_record([
                        t.annotator.as_str(),
                        r.actor.as_str(),
                        &r.name,
                        col.article.as_str(),
                        &word.words,
                        word.polarity.as_deref().unwrap_or(""),
                        &ids.join(","),
                    ])?;
                }
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use crate::text::CharPos;

    fn mark(id: &str, category: &str, attrs: &[(&str, &str)]) -> Mark {
        Mark {
            id: MarkId::new(id),
            category: CategoryId::new(category),
            start: CharPos(0),
            end: CharPos(4),
            quote: "text".into(),
            prefix: String::new(),
            suffix: String::new(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), AttrValue::Text(v.to_string())))
                .collect(),
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    #[test]
    fn an_attribution_with_a_source_wins_over_a_hedge_in_the_same_article() {
        let said = mark(
            "m1",
            ATTRIBUTION,
            &[
                ("source_kind", "named_organisation"),
                ("source", "Northgate police"),
                ("cue", "said"),
                ("stance", "neutral"),
            ],
        );
        let alleged = mark("m2", LOADED, &[("kind", "doubt")]);
        assert_eq!(
            classify(&[&alleged, &said]),
            Carriage::Attributed {
                source_kind: "named_organisation".into(),
                source: "Northgate police".into(),
                cue: "said".into(),
                stance: "neutral".into(),
            }
        );
        assert_eq!(classify(&[&alleged]), Carriage::Hedged);
    }

    #[test]
    fn source_kind_none_or_a_plain_mark_is_stated_as_fact() {
        let none = mark("m1", ATTRIBUTION, &[("source_kind", "none")]);
        let plain = mark("m2", LOADED, &[("kind", "label")]);
        assert_eq!(classify(&[&none]), Carriage::StatedAsFact);
        assert_eq!(classify(&[&plain]), Carriage::StatedAsFact);
        assert_eq!(classify(&[]), Carriage::Absent);
    }

    #[test]
    fn speculation_hedges_but_an_evaluation_does_not() {
        let may = mark("m1", EDITORIALIZING, &[("kind", "speculation")]);
        let reckless = mark("m2", EDITORIALIZING, &[("kind", "evaluative")]);
        assert_eq!(classify(&[&may, &reckless]), Carriage::Hedged);
        assert_eq!(classify(&[&reckless]), Carriage::StatedAsFact);
    }

    #[test]
    fn long_actor_words_are_cut_in_the_text_table_only() {
        let w = ActorWords {
            words: "Officers moved in before dawn, armed with a court order, and were met".into(),
            polarity: None,
            marks: vec![MarkId::new("m19")],
        };
        assert_eq!(
            w.summary(),
            "\"Officers moved in before dawn, armed…\" [m19]"
        );
    }

    #[test]
    fn a_named_source_without_a_kind_is_attributed_as_unspecified() {
        let m = mark(
            "m1",
            ATTRIBUTION,
            &[("source", "residents"), ("cue", "told")],
        );
        assert_eq!(
            classify(&[&m]).summary(),
            "attributed: unspecified \"residents\" told"
        );
        let empty = mark("m2", ATTRIBUTION, &[]);
        assert_eq!(classify(&[&empty]), Carriage::StatedAsFact);
    }
}
