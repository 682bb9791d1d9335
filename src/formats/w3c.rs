//! W3C Web Annotations (JSON-LD, the Web Annotation Data Model), written
//! and read: the keys and IRIs below are defined once here, so the writer
//! and the reader cannot drift apart.
//!
//! Written: one `AnnotationCollection` per annotator and article, its one
//! page holding every mark as an `Annotation`.
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
//!
//! Read (`candor import-marks --from w3c`): a `.json` or `.jsonld` file (or
//! a folder of them) holding an `AnnotationCollection`, an
//! `AnnotationPage`, one `Annotation` or a list of annotations. An
//! annotation's article is the one its target's `source` names (Candor's
//! `urn:candor:article:<id>`, or the article's URL), else the article the
//! file is named after. Its span is the `TextPositionSelector` checked
//! against the `TextQuoteSelector`: offsets that do not fit the quote in
//! code points are tried as UTF-16 units (what browser tools in JavaScript
//! count), then the quote is looked for with its prefix and suffix. Its
//! category is the `tagging` body; attributes, the note, claims and actors
//! are the bodies written above; a `commenting` body from any tool is the
//! note.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{Incoming, LinkIn, Read, ReadError};
use crate::case::{Article, Case};
use crate::model::{AnnotatorId, ArticleId, AttrValue, CategoryId, Links, Mark, MarkId};
use crate::storage::{self, MAX_TEXT_BYTES};

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

/// Reads a file, or every `.json`/`.jsonld` file of a folder (in the
/// case's order of articles for files named after one, then by name).
pub fn read(case: &Case, path: &Path) -> Result<Read, ReadError> {
    let files = files(case, path)?;
    let mut out = Read::default();
    for file in files {
        let source = storage::read_text(&file, MAX_TEXT_BYTES).map_err(|p| ReadError {
            path: file.clone(),
            why: p.message,
        })?;
        let json: Value = serde_json::from_str(&source).map_err(|e| ReadError {
            path: file.clone(),
            why: format!("not JSON: {e}"),
        })?;
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let stem = file
            .file_stem()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut annotations = Vec::new();
        collect(&json, &mut annotations);
        if annotations.is_empty() {
            out.skipped.push(format!("{name}: no annotations in it"));
        }
        for (i, a) in annotations.into_iter().enumerate() {
            let origin = format!("{name}: annotation {}", i + 1);
            match read_annotation(case, a, &stem, &origin) {
                Ok(m) => out.marks.push(m),
                Err(why) => out.skipped.push(format!("{origin}: {why}")),
            }
        }
    }
    Ok(out)
}

fn files(case: &Case, path: &Path) -> Result<Vec<PathBuf>, ReadError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let listed = storage::list_dir(path).map_err(|p| ReadError {
        path: path.to_path_buf(),
        why: p.message,
    })?;
    let mut files: Vec<PathBuf> = listed
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json" || e == "jsonld"))
        .collect();
    // Files named after articles first, in the case's order, so claims and
    // actors come back in the order their marks are read in the case.
    let place = |p: &PathBuf| {
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
        case.articles()
            .iter()
            .position(|a| Some(a.meta.id.as_str()) == stem.as_deref())
            .unwrap_or(usize::MAX)
    };
    files.sort_by(|a, b| place(a).cmp(&place(b)).then(a.cmp(b)));
    if files.is_empty() {
        return Err(ReadError {
            path: path.to_path_buf(),
            why: "no .json or .jsonld file here".into(),
        });
    }
    Ok(files)
}

fn has_type(v: &Value, t: &str) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}

/// Every annotation in a document, in order: a collection's pages (the
/// embedded `first` and any embedded `next`), a page's items, a list.
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(list) => list.iter().for_each(|x| collect(x, out)),
        Value::Object(_) if has_type(v, "Annotation") => out.push(v),
        Value::Object(_) if has_type(v, "AnnotationCollection") => {
            if let Some(first) = v.get("first") {
                collect(first, out);
            }
        }
        Value::Object(_) if has_type(v, "AnnotationPage") => {
            if let Some(items) = v.get("items") {
                collect(items, out);
            }
            if let Some(next) = v.get("next").filter(|n| n.is_object()) {
                collect(next, out);
            }
        }
        _ => {}
    }
}

fn read_annotation(case: &Case, a: &Value, stem: &str, origin: &str) -> Result<Incoming, String> {
    let target = match a.get("target") {
        Some(Value::Array(t)) => t.first().ok_or("no target")?,
        Some(t) => t,
        None => return Err("no target".into()),
    };
    let source = target
        .get("source")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let article = article_of(case, source, stem)
        .ok_or_else(|| format!("its target {source:?} is no article of the case"))?;
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(s)) => s.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let quote = selectors.iter().find(|s| has_type(s, "TextQuoteSelector"));
    let position = selectors
        .iter()
        .find(|s| has_type(s, "TextPositionSelector"));
    let text_of = |s: Option<&&Value>, k: &str| {
        s.and_then(|s| s.get(k))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let exact = text_of(quote, "exact");
    let (start, end) = match position {
        Some(p) => (
            p.get("start")
                .and_then(Value::as_u64)
                .ok_or("a position selector without start")?,
            p.get("end")
                .and_then(Value::as_u64)
                .ok_or("a position selector without end")?,
        ),
        None if !exact.is_empty() => (0, exact.chars().count() as u64),
        None => return Err("no TextPositionSelector and no TextQuoteSelector".into()),
    };
    let mut m = Incoming {
        article,
        start: usize::try_from(start).map_err(|_| "offset too large")?,
        end: usize::try_from(end).map_err(|_| "offset too large")?,
        quote: (!exact.is_empty()).then_some(exact),
        prefix: text_of(quote, "prefix"),
        suffix: text_of(quote, "suffix"),
        maybe_utf16: true,
        created: a.get("created").and_then(Value::as_str).map(str::to_string),
        modified: a
            .get("modified")
            .and_then(Value::as_str)
            .map(str::to_string),
        origin: origin.to_string(),
        ..Incoming::default()
    };
    if let Some(id) = a.get("id").and_then(Value::as_str)
        && let Some(rest) = id.strip_prefix(MARK_IRI)
        && let Some((_, mark)) = rest.rsplit_once(':')
        && let Some(mark) = decode(mark)
    {
        m.id = Some(MarkId::new(mark));
    }
    let bodies: Vec<&Value> = match a.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    let mut category = None;
    for b in bodies {
        let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or_default();
        let value = b.get("value").and_then(Value::as_str).unwrap_or_default();
        if let Some(attr) = b.get(ATTRIBUTE_KEY).and_then(Value::as_str) {
            let v = match b.get(VALUE_KEY) {
                Some(Value::Bool(f)) => AttrValue::Flag(*f),
                Some(Value::String(s)) => AttrValue::Text(s.clone()),
                _ => continue,
            };
            m.attributes.insert(attr.to_string(), v);
        } else if let Some(id) = b.get(CLAIM_KEY).and_then(Value::as_str) {
            m.claims.push(link(b, id, value));
        } else if let Some(id) = b.get(ACTOR_KEY).and_then(Value::as_str) {
            m.actors.push(link(b, id, value));
        } else if purpose == "tagging" && category.is_none() {
            category = Some(value.to_string());
        } else if purpose == "commenting" || (purpose.is_empty() && !value.is_empty()) {
            if !m.note.is_empty() {
                m.note.push('\n');
            }
            m.note.push_str(value);
        }
    }
    let category = category.ok_or("no tagging body names its category")?;
    m.category = CategoryId::new(category);
    Ok(m)
}

fn link(body: &Value, id: &str, label: &str) -> LinkIn {
    LinkIn {
        id: id.to_string(),
        label: label.to_string(),
        position: body
            .get(POSITION_KEY)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok()),
        note: body
            .get(LINK_NOTE_KEY)
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The article a target names: Candor's IRI for it, its URL, or the one the
/// file is named after.
fn article_of(case: &Case, source: &str, stem: &str) -> Option<ArticleId> {
    if let Some(id) = source.strip_prefix(ARTICLE_IRI) {
        return case.article(&ArticleId::new(id)).map(|a| a.meta.id.clone());
    }
    let by_url = (!source.is_empty())
        .then(|| {
            case.articles()
                .iter()
                .find(|a| !a.meta.url.is_empty() && a.meta.url.trim() == source)
        })
        .flatten();
    by_url
        .or_else(|| case.article(&ArticleId::new(stem)))
        .map(|a| a.meta.id.clone())
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
