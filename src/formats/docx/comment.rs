//! A mark in the words of a Word comment, and back: what the writer of a
//! draft reads beside their words, and what an import of that draft takes
//! from it again. One layout, both directions:
//!
//! ```text
//! Loaded wording            the category's name (bold)
//! Polarity: Negative        each attribute set, in the schema's order
//! Claim: The dam is unsafe  each claim and actor the mark is in
//! Actor: The ministry
//! Note: first line…         the note, its further lines as paragraphs
//! ```
//!
//! Read back, a comment whose first line names a category (by name or id)
//! becomes a mark of that category with its attributes and note; claim and
//! actor lines are not made into links again (the writer may have edited
//! them) and any other line is kept in the note. A comment in other words
//! (a person's own) is all note.

use std::collections::BTreeMap;

use crate::model::{AttrValue, AttributeKind, CategoryId, Mark, Schema};

const NOTE: &str = "Note: ";
const CLAIM: &str = "Claim: ";
const ACTOR: &str = "Actor: ";

/// The comment's paragraphs for `mark`, in the claims `claims` and the
/// actors `actors` (their labels and names).
pub fn paragraphs(schema: &Schema, mark: &Mark, claims: &[&str], actors: &[&str]) -> Vec<String> {
    let mut out = vec![schema.category_name(&mark.category).to_string()];
    let category = schema.category(&mark.category);
    // In the schema's order; attributes it no longer has, after, by id.
    let mut ids: Vec<&str> = category
        .map(|c| c.attributes.iter().map(|a| a.id.as_str()).collect())
        .unwrap_or_default();
    ids.retain(|id| mark.attributes.contains_key(*id));
    for id in mark.attributes.keys() {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    for id in ids {
        let Some(value) = mark.attributes.get(id) else {
            continue;
        };
        let name = category
            .and_then(|c| c.attribute(id))
            .map_or(id, |a| a.name.as_str());
        let value = schema.value_label(&mark.category, id, value);
        out.push(format!("{name}: {value}"));
    }
    out.extend(claims.iter().map(|c| format!("{CLAIM}{c}")));
    out.extend(actors.iter().map(|a| format!("{ACTOR}{a}")));
    if !mark.note.is_empty() {
        let mut lines = mark.note.split('\n');
        let first = lines.next().unwrap_or_default();
        out.push(format!("{NOTE}{first}"));
        out.extend(lines.map(str::to_string));
    }
    out
}

/// What a comment says, read as a mark.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Said {
    /// The category its first line names, if it names one.
    pub category: Option<CategoryId>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub note: String,
}

/// Reads a comment's paragraphs as [`paragraphs`] writes them; a comment
/// that names no category on its first line is all note.
pub fn read(schema: &Schema, paras: &[String]) -> Said {
    let whole = || Said {
        note: paras.join("\n"),
        ..Said::default()
    };
    let Some(first) = paras.first().map(|p| p.trim()) else {
        return Said::default();
    };
    let Some(category) = schema
        .categories
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(first) || c.id.as_str().eq_ignore_ascii_case(first))
    else {
        return whole();
    };
    let mut said = Said {
        category: Some(category.id.clone()),
        ..Said::default()
    };
    let mut note: Vec<&str> = Vec::new();
    let mut rest = paras[1..].iter();
    for p in rest.by_ref() {
        if let Some(first_line) = p.strip_prefix(NOTE) {
            note.push(first_line);
            break;
        }
        if p.starts_with(CLAIM) || p.starts_with(ACTOR) {
            continue;
        }
        match attribute(category, p) {
            Some((id, value)) => {
                said.attributes.insert(id, value);
            }
            None => note.push(p),
        }
    }
    note.extend(rest.map(String::as_str));
    said.note = note.join("\n");
    said
}

/// `Name: value` as one of the category's attributes, if it is one.
fn attribute(category: &crate::model::Category, line: &str) -> Option<(String, AttrValue)> {
    let (name, value) = line.split_once(": ")?;
    let attr = category
        .attributes
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name.trim()) || a.id == name.trim())?;
    let value = match &attr.kind {
        AttributeKind::Choice(choices) => AttrValue::Text(
            choices
                .iter()
                .find(|c| c.label.eq_ignore_ascii_case(value) || c.id == value)?
                .id
                .clone(),
        ),
        AttributeKind::Flag => match value.to_ascii_lowercase().as_str() {
            "yes" => AttrValue::Flag(true),
            "no" => AttrValue::Flag(false),
            _ => return None,
        },
        AttributeKind::Text => AttrValue::Text(value.to_string()),
    };
    Some((attr.id.clone(), value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkId, Timestamp};

    fn mark() -> Mark {
        let mut attributes = BTreeMap::new();
        attributes.insert("polarity".to_string(), AttrValue::Text("negative".into()));
        attributes.insert("in_quote".to_string(), AttrValue::Flag(true));
        attributes.insert("target".to_string(), AttrValue::Text("the council".into()));
        Mark {
            id: MarkId::new("m1"),
            category: CategoryId::new("loaded"),
            start: crate::text::CharPos(0),
            end: crate::text::CharPos(4),
            quote: "thug".into(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            attributes,
            note: "Says who?\nSecond line: with a colon".into(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    #[test]
    fn a_mark_written_as_a_comment_reads_back_as_the_same_judgement() {
        let schema = Schema::default_schema();
        let m = mark();
        let paras = paragraphs(&schema, &m, &["The dam is unsafe"], &["The council"]);
        assert_eq!(paras[0], "Loaded wording");
        assert!(paras.contains(&"Polarity: Negative".to_string()));
        assert!(paras.contains(&"Inside a quotation: yes".to_string()));
        assert!(paras.contains(&"Claim: The dam is unsafe".to_string()));
        let said = read(&schema, &paras);
        assert_eq!(said.category, Some(CategoryId::new("loaded")));
        assert_eq!(said.attributes, m.attributes);
        assert_eq!(said.note, m.note);
    }

    #[test]
    fn a_comment_in_a_persons_own_words_is_all_note() {
        let schema = Schema::default_schema();
        let paras = vec!["Too strong?".to_string(), "Check the source.".to_string()];
        let said = read(&schema, &paras);
        assert_eq!(said.category, None);
        assert_eq!(said.note, "Too strong?\nCheck the source.");
    }
}
