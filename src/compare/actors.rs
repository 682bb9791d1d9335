//! Actors x articles: the words each article uses for each of one
//! annotator's actors, with the polarity the annotator gave them.

use serde::Serialize;

use super::{ArticleColumn, LOADED, MarkIndex, columns, text_attr};
use crate::case::Case;
use crate::model::{AnnotatorId, LinkId, Mark, MarkId};

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
    pub columns: Vec<ArticleColumn>,
    pub rows: Vec<ActorRow>,
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
