//! Actors x articles: the words each article uses for each of one
//! annotator's actors, with the polarity the annotator gave them.

use serde::Serialize;

use super::{ArticleColumn, LOADED, MarkIndex, columns, header, text_attr, unresolved_note};
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
            .annotators
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
