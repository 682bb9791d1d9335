//! Claims x articles: how each article carries each of one annotator's
//! claims (stated as fact, attributed, hedged, absent; the rules are in the
//! module doc of `compare`), and which rows are contested.

use serde::Serialize;

use super::{
    ATTRIBUTION, ArticleColumn, EDITORIALIZING, LOADED, MarkIndex, MarkRef, columns, header, ids,
    text_attr, unresolved_note,
};
use crate::case::Case;
use crate::model::{AnnotatorId, LinkId, Mark, MarkId};

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
    pub columns: Vec<ArticleColumn>,
    pub rows: Vec<ClaimRow>,
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
            .annotators
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttrValue, CategoryId, Timestamp};
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
