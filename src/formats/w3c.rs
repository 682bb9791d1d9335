//! Marks as W3C Web Annotations (JSON-LD, the Web Annotation Data Model):
//! one `AnnotationCollection` per annotator and article, its one page
//! holding every mark as an `Annotation`.
//!
//! Each annotation's target is the article (its URL when it has a web one,
//! else `urn:candor:article:<id>`) with two selectors: a
//! `TextQuoteSelector` (the quote with up to 32 characters of prefix and
//! suffix) and a `TextPositionSelector` counted in code points, as the model
//! requires (browser tools that count UTF-16 units get them wrong after an
//! emoji; `import-marks` detects and converts those). The bodies:
//! - the category: a `TextualBody` with purpose `tagging`, value its id;
//! - each attribute: purpose `classifying`, value as a person reads it, and
//!   the machine-readable pair in `candor:attribute` / `candor:value`;
//! - the note: purpose `commenting`;
//! - each claim the mark is in: purpose `linking`, value the claim's label,
//!   `candor:claim` its id; each actor: purpose `identifying`, `candor:actor`;
//!   both with `candor:position`, the place in the annotator's list, and on
//!   the first mark of each, `candor:note`, its own note.
//!
//! `candor:` terms are declared in the `@context` after the model's own
//! context (`urn:candor:vocab#`), so the documents stay valid JSON-LD.

use serde_json::{Map, Value, json};

use crate::case::{Article, Case};
use crate::model::{AnnotatorId, AttrValue, Links, Mark};

/// The model's context: every document must name it.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Where Candor's own terms live.
pub const VOCAB: &str = "urn:candor:vocab#";
pub const MARK_IRI: &str = "urn:candor:mark:";
pub const ARTICLE_IRI: &str = "urn:candor:article:";
pub const ATTRIBUTE_KEY: &str = "candor:attribute";
pub const VALUE_KEY: &str = "candor:value";
pub const CLAIM_KEY: &str = "candor:claim";
pub const ACTOR_KEY: &str = "candor:actor";
/// A claim's or actor's place (1 is first) in the annotator's list, so the
/// list comes back in its order.
pub const POSITION_KEY: &str = "candor:position";
/// A claim's or actor's own note, on the body of its first mark.
pub const LINK_NOTE_KEY: &str = "candor:note";

/// The context every Candor document carries.
pub fn context() -> Value {
    json!([CONTEXT, { "candor": VOCAB }])
}

/// The IRI the annotations of an article point at: its URL when that is a
/// web address, else a name made from its id.
pub fn target_source(article: &Article) -> String {
    let url = article.meta.url.trim();
    if url.starts_with("https://") || url.starts_with("http://") {
        url.to_string()
    } else {
        format!("{ARTICLE_IRI}{}", article.meta.id)
    }
}

/// An annotation's IRI: `urn:candor:mark:<annotator>:<mark id>`, each part
/// percent-encoded where it is not a plain id character.
pub fn mark_iri(annotator: &AnnotatorId, mark: &Mark) -> String {
    format!(
        "{MARK_IRI}{}:{}",
        encode(annotator.as_str()),
        encode(mark.id.as_str())
    )
}

/// One annotator's marks on one article as an `AnnotationCollection`.
pub fn collection(case: &Case, annotator: &AnnotatorId, article: &Article) -> Value {
    let links = case.links(annotator);
    let marks = case.marks(annotator, &article.meta.id);
    let id = format!(
        "urn:candor:collection:{}:{}",
        encode(annotator.as_str()),
        encode(article.meta.id.as_str())
    );
    let mut out = Map::new();
    out.insert("@context".into(), context());
    out.insert("id".into(), Value::String(id.clone()));
    out.insert("type".into(), json!("AnnotationCollection"));
    out.insert(
        "label".into(),
        Value::String(format!("{}: marks of {annotator}", article.meta.title)),
    );
    out.insert("total".into(), json!(marks.len()));
    if !marks.is_empty() {
        let items: Vec<Value> = marks
            .iter()
            .map(|m| annotation(case, annotator, article, m, links))
            .collect();
        out.insert(
            "first".into(),
            json!({
                "id": format!("{id}:page1"),
                "type": "AnnotationPage",
                "partOf": id,
                "startIndex": 0,
                "items": items,
            }),
        );
    }
    Value::Object(out)
}

/// One mark as an `Annotation` (inside a page, so without its own context).
pub fn annotation(
    case: &Case,
    annotator: &AnnotatorId,
    article: &Article,
    mark: &Mark,
    links: Option<&Links>,
) -> Value {
    let schema = case.schema();
    let mut bodies = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": mark.category.as_str(),
    })];
    let lines = schema.describe(mark);
    for line in &lines {
        let Some(value) = mark.attributes.get(&line.id) else {
            continue;
        };
        let raw = match value {
            AttrValue::Flag(f) => Value::Bool(*f),
            AttrValue::Text(t) => Value::String(t.clone()),
        };
        bodies.push(json!({
            "type": "TextualBody",
            "purpose": "classifying",
            "value": format!("{}: {}", line.name, line.value),
            ATTRIBUTE_KEY: line.id,
            VALUE_KEY: raw,
        }));
    }
    if !mark.note.is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "format": "text/plain",
            "value": mark.note,
        }));
    }
    if let Some(links) = links {
        let groups = links
            .claims
            .iter()
            .map(|c| ("linking", CLAIM_KEY, &c.id, &c.label, &c.marks, &c.note))
            .enumerate()
            .chain(links.actors.iter().enumerate().map(|(n, a)| {
                (
                    n,
                    ("identifying", ACTOR_KEY, &a.id, &a.name, &a.marks, &a.note),
                )
            }));
        for (n, (purpose, key, id, label, marks, note)) in groups {
            if !marks.contains(&mark.id) {
                continue;
            }
            let mut body = json!({
                "type": "TextualBody",
                "purpose": purpose,
                "value": label,
                key: id.as_str(),
                POSITION_KEY: n + 1,
            });
            if !note.is_empty() && marks.first() == Some(&mark.id) {
                body[LINK_NOTE_KEY] = Value::String(note.clone());
            }
            bodies.push(body);
        }
    }
    json!({
        "id": mark_iri(annotator, mark),
        "type": "Annotation",
        "motivation": "classifying",
        "creator": { "type": "Person", "nickname": annotator.as_str() },
        "created": mark.created.0,
        "modified": mark.modified.0,
        "body": bodies,
        "target": {
            "source": target_source(article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": mark.quote,
                    "prefix": mark.prefix,
                    "suffix": mark.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": mark.start.0,
                    "end": mark.end.0,
                },
            ],
        },
    })
}

/// Percent-encodes what is not an ASCII letter, digit, `-`, `_` or `.`, so
/// any id makes a valid IRI; `decode` reverses it.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text `encode` wrote; `None` if it is not such a text.
pub fn decode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_id_round_trips_through_an_iri() {
        for id in ["m4k7q2x9d1z", "m 1/é", "a:b%c"] {
            let e = encode(id);
            assert!(
                e.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.%".contains(c)),
                "{e}"
            );
            assert_eq!(decode(&e).as_deref(), Some(id));
        }
        assert_eq!(decode("%G1"), None);
    }
}
