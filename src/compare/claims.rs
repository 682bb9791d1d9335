//! Claims x articles: how each article carries each of one annotator's
//! claims (stated as fact, attributed, hedged, absent; the rules are in the
//! module doc of `compare`), and which rows are contested.

use serde::Serialize;

use super::{
    ATTRIBUTION, ArticleColumn, EDITORIALIZING, LOADED, MarkIndex, MarkRef, columns, text_attr,
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
            review: None,
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
            classify(&[&m]),
            Carriage::Attributed {
                source_kind: "unspecified".into(),
                source: "residents".into(),
                cue: "told".into(),
                stance: String::new(),
            }
        );
        let empty = mark("m2", ATTRIBUTION, &[]);
        assert_eq!(classify(&[&empty]), Carriage::StatedAsFact);
    }
}
