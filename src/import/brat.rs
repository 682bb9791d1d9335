//! brat standoff files read as marks: a folder with one `X.ann` per
//! article (`X` is the article's id), in the case's order of articles.
//!
//! Text-bound annotations (`T`) are the marks (a span in pieces, `0 5;6 10`,
//! becomes one span from the first start to the last end); attributes (`A`,
//! `M`) are attribute values (`yes`/`no` of a yes/no attribute become a
//! flag; an attribute with no value is `yes`); notes (`#`) are the mark's
//! note, or, when tagged as Candor's export writes them (`[id] m12`,
//! `[target] ...`, `[claim c1] ...`, `[actor a1] ...`), its id, a free-text
//! attribute, a claim or an actor. Relations, events and equivalences have
//! nothing to become in Candor and are counted as skipped.

use std::collections::BTreeMap;
use std::path::Path;

use super::marks::{Incoming, MarksError, Read};
use crate::case::Case;
use crate::export::brat::{
    ACTOR_TAG, CLAIM_TAG, CREATED_TAG, ID_TAG, LINK_NOTE_TAG, MODIFIED_TAG, unescape,
};
use crate::model::{AttrValue, AttributeKind, CategoryId, MarkId};
use crate::storage::{self, MAX_TEXT_BYTES};

/// Reads every `<article>.ann` under `dir` whose article is in the case.
pub fn read(case: &Case, dir: &Path) -> Result<Read, MarksError> {
    if !dir.is_dir() {
        return Err(MarksError::Read {
            path: dir.to_path_buf(),
            why: "a brat import reads a folder of .ann files (one per article, named by its id)"
                .into(),
        });
    }
    let mut out = Read::default();
    let mut found = 0;
    for article in case.articles() {
        let path = dir.join(format!("{}.ann", article.meta.id));
        if !path.is_file() {
            continue;
        }
        found += 1;
        let source = storage::read_text(&path, MAX_TEXT_BYTES).map_err(|p| MarksError::Read {
            path: path.clone(),
            why: p.message,
        })?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        read_ann(case, &article.meta.id, &name, &source, &mut out);
    }
    if found == 0 {
        return Err(MarksError::Read {
            path: dir.to_path_buf(),
            why: "no .ann file here is named after an article of the case".into(),
        });
    }
    Ok(out)
}

/// One `.ann` file's marks, added to `out` in the file's order.
fn read_ann(
    case: &Case,
    article: &crate::model::ArticleId,
    name: &str,
    source: &str,
    out: &mut Read,
) {
    let schema = case.schema();
    let mut marks: Vec<Incoming> = Vec::new();
    let mut by_t: BTreeMap<&str, usize> = BTreeMap::new();
    let mut later: Vec<(usize, &str)> = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        match line.chars().next() {
            Some('T') => match text_bound(line) {
                Some((tid, category, start, end, text)) => {
                    by_t.insert(tid, marks.len());
                    marks.push(Incoming {
                        article: article.clone(),
                        category: CategoryId::new(category),
                        start,
                        end,
                        quote: Some(text.to_string()),
                        origin: format!("{name}:{line_no} ({tid})"),
                        ..Incoming::default()
                    });
                }
                None => out.skipped.push(format!(
                    "{name}:{line_no}: not a text-bound annotation brat writes"
                )),
            },
            Some('A' | 'M' | '#') => later.push((line_no, line)),
            _ => out.skipped.push(format!(
                "{name}:{line_no}: {} (relations, events and equivalences have no place in Candor)",
                line.split('\t').next().unwrap_or_default()
            )),
        }
    }
    for (line_no, line) in later {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let what: Vec<&str> = fields.get(1).map_or(Vec::new(), |f| f.split(' ').collect());
        let target = what.get(1).and_then(|t| by_t.get(t)).copied();
        let Some(i) = target else {
            out.skipped.push(format!(
                "{name}:{line_no}: refers to no text-bound annotation"
            ));
            continue;
        };
        let m = &mut marks[i];
        if line.starts_with('#') {
            let note = unescape(fields.get(2).copied().unwrap_or_default());
            take_note(schema, m, note);
        } else {
            // `A1<TAB>polarity T1 negative`; a binary attribute has no value.
            let id = what[0].to_string();
            let value = what.get(2).copied();
            let kind = schema
                .category(&m.category)
                .and_then(|c| c.attribute(&id))
                .map(|a| &a.kind);
            let value = match (kind, value) {
                (Some(AttributeKind::Flag), Some("no")) => AttrValue::Flag(false),
                (Some(AttributeKind::Flag), _) | (_, None) => AttrValue::Flag(true),
                (_, Some(v)) => AttrValue::Text(v.to_string()),
            };
            m.attributes.insert(id, value);
        }
    }
    out.marks.extend(marks);
}

/// `T1<TAB>loaded 131 143<TAB>eco-radicals` (or `0 5;6 10` in pieces):
/// id, type, first start, last end, text.
fn text_bound(line: &str) -> Option<(&str, &str, usize, usize, &str)> {
    let mut fields = line.splitn(3, '\t');
    let tid = fields.next()?;
    let span = fields.next()?;
    let text = fields.next().unwrap_or_default();
    let (category, offsets) = span.split_once(' ')?;
    let mut start = usize::MAX;
    let mut end = 0;
    for piece in offsets.split(';') {
        let (s, e) = piece.trim().split_once(' ')?;
        start = start.min(s.parse().ok()?);
        end = end.max(e.parse().ok()?);
    }
    (start < end).then_some((tid, category, start, end, text))
}

/// A note: a tagged one sets what its tag names, any other is (part of)
/// the mark's note.
fn take_note(schema: &crate::model::Schema, m: &mut Incoming, note: String) {
    if let Some(rest) = note.strip_prefix('[')
        && let Some((tag, value)) = rest.split_once("] ")
    {
        match tag {
            ID_TAG => m.id = Some(MarkId::new(value)),
            CREATED_TAG => m.created = Some(value.to_string()),
            MODIFIED_TAG => m.modified = Some(value.to_string()),
            _ => {}
        }
        if [ID_TAG, CREATED_TAG, MODIFIED_TAG].contains(&tag) {
            return;
        }
        if let Some(id) = tag.strip_prefix(&format!("{LINK_NOTE_TAG} ")) {
            m.link_notes.push((id.to_string(), value.to_string()));
            return;
        }
        if let Some(rest) = tag.strip_prefix(&format!("{CLAIM_TAG} ")) {
            m.claims.push(link(rest, value));
            return;
        }
        if let Some(rest) = tag.strip_prefix(&format!("{ACTOR_TAG} ")) {
            m.actors.push(link(rest, value));
            return;
        }
        let kind = schema
            .category(&m.category)
            .and_then(|c| c.attribute(tag))
            .map(|a| &a.kind);
        match kind {
            Some(AttributeKind::Flag) => {
                m.attributes
                    .insert(tag.to_string(), AttrValue::Flag(value == "yes"));
                return;
            }
            Some(_) => {
                m.attributes
                    .insert(tag.to_string(), AttrValue::Text(value.to_string()));
                return;
            }
            None => {}
        }
    }
    if m.note.is_empty() {
        m.note = note;
    } else {
        m.note = format!("{}\n{note}", m.note);
    }
}

/// `c1 3` (an id and a place in the list) or `c1`, and the label.
fn link(tag: &str, label: &str) -> super::marks::LinkIn {
    let (id, position) = match tag.split_once(' ') {
        Some((id, n)) => (id, n.trim().parse().ok()),
        None => (tag, None),
    };
    super::marks::LinkIn {
        id: id.to_string(),
        label: label.to_string(),
        position,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_in_pieces_becomes_one_span() {
        assert_eq!(
            text_bound("T3\tloaded 0 5;6 10\tthe ruling"),
            Some(("T3", "loaded", 0, 10, "the ruling"))
        );
        assert_eq!(text_bound("T3\tloaded x 5\tthe"), None);
    }
}
