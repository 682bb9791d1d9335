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
//! A collection whose article the annotator marked done carries
//! `candor:done: true`.
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
//! category is the `tagging` body that names a category of the schema, else
//! the one given (`--category`), so another tool's highlights, comments and
//! links come in too; attributes, the note, claims and actors are the bodies
//! written above; a `commenting` body, a body with no purpose or a
//! `bodyValue` from any tool is the note, and a link body is `Link: <IRI>`
//! in it. Selectors are followed through `refinedBy` ([`selected`]). What
//! cannot be read is said, annotation by annotation.

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
/// On a collection: the annotator marked the article done (handed it in).
pub const DONE_KEY: &str = "candor:done";

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
    if case.is_done(annotator, &article.meta.id) {
        out.insert(DONE_KEY.into(), Value::Bool(true));
    }
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
/// `category` is the category of annotations that name none.
pub fn read(case: &Case, path: &Path, category: Option<&CategoryId>) -> Result<Read, ReadError> {
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
        let empty_collection = (has_type(&json, "AnnotationCollection")
            || has_type(&json, "AnnotationPage"))
            && json
                .get("total")
                .and_then(Value::as_u64)
                .is_none_or(|n| n == 0);
        if annotations.is_empty() && !empty_collection {
            out.skipped.push(format!(
                "{name}: no annotations in it (an Annotation, a list of them, an AnnotationPage or an AnnotationCollection)"
            ));
        }
        let mut article = None;
        for (i, a) in annotations.into_iter().enumerate() {
            let origin = format!("{name}: annotation {}", i + 1);
            match read_annotation(case, a, &stem, &origin, category) {
                Ok(m) => {
                    article.get_or_insert_with(|| m.article.clone());
                    out.marks.push(m);
                }
                Err(why) => out.skipped.push(format!("{origin}: {why}")),
            }
        }
        if is_done(&json) {
            match article.or_else(|| {
                case.article(&ArticleId::new(&stem))
                    .map(|a| a.meta.id.clone())
            }) {
                Some(id) if !out.done.contains(&id) => out.done.push(id),
                Some(_) => {}
                None => out.skipped.push(format!(
                    "{name}: says the article is done, but names no article of the case"
                )),
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

/// Whether a collection says its annotator marked the article done.
fn is_done(v: &Value) -> bool {
    v.get(DONE_KEY).and_then(Value::as_bool) == Some(true)
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

fn read_annotation(
    case: &Case,
    a: &Value,
    stem: &str,
    origin: &str,
    given: Option<&CategoryId>,
) -> Result<Incoming, String> {
    let target = match a.get("target") {
        Some(Value::Array(t)) => t.first().ok_or("no target")?,
        Some(t) => t,
        None => return Err("no target".into()),
    };
    let source = match target {
        Value::String(iri) => iri.as_str(),
        _ => target
            .get("source")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    };
    let article = article_of(case, source, stem)
        .ok_or_else(|| format!("its target {source:?} is no article of the case"))?;
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(s)) => s.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    if selectors.is_empty() {
        return Err("its target has no selector: it is the whole article, not words in it".into());
    }
    let mut found = Selected::default();
    for s in selectors {
        found.merge(selected(s)?);
    }
    let exact = found.exact.unwrap_or_default();
    let (start, end) = match found.range {
        Some(range) => range,
        None if !exact.is_empty() => (0, exact.chars().count() as u64),
        None => {
            return Err(
                "no TextPositionSelector or TextQuoteSelector Candor can place on the text".into(),
            );
        }
    };
    let mut m = Incoming {
        article,
        start: usize::try_from(start).map_err(|_| "offset too large")?,
        end: usize::try_from(end).map_err(|_| "offset too large")?,
        quote: (!exact.is_empty()).then_some(exact),
        prefix: found.prefix,
        suffix: found.suffix,
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
    let mut tags = Vec::new();
    let mut notes: Vec<String> = a
        .get("bodyValue")
        .and_then(Value::as_str)
        .filter(|v| !v.trim().is_empty())
        .map(str::to_string)
        .into_iter()
        .collect();
    for b in bodies {
        let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or_default();
        let value = b.get("value").and_then(Value::as_str).unwrap_or_default();
        if let Some(iri) = linked(b) {
            notes.push(format!("Link: {iri}"));
        } else if let Some(attr) = b.get(ATTRIBUTE_KEY).and_then(Value::as_str) {
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
        } else if purpose == "tagging" {
            let id = CategoryId::new(value);
            if category.is_none() && case.schema().category(&id).is_some() {
                category = Some(id);
            } else if !value.is_empty() {
                tags.push(value.to_string());
            }
        } else if !value.is_empty() {
            // A comment, a reply, a description, or a body with no
            // purpose: all are words about the mark.
            notes.push(value.to_string());
        }
    }
    let category = match (category, given) {
        (Some(c), _) => c,
        (None, Some(c)) => {
            notes.extend(tags.iter().map(|t| format!("Tag: {t}")));
            c.clone()
        }
        // Another tool's tag that is no category of the schema is still
        // the mark's category, flagged by `candor check`, as before.
        (None, None) if !tags.is_empty() => CategoryId::new(tags.remove(0)),
        (None, None) => {
            return Err(
                "no tagging body names its category (a highlight or a comment: give --category to import it)"
                    .into(),
            );
        }
    };
    m.note = notes.join("\n");
    m.category = category;
    Ok(m)
}

/// What a body links to, when it is a link rather than words: an IRI
/// given as the body, or a resource (`SpecificResource`, or any body with
/// a `source` or an `id` and no `value`) that is not one of Candor's own.
fn linked(b: &Value) -> Option<&str> {
    if let Value::String(iri) = b {
        return Some(iri);
    }
    if b.get("value").is_some() {
        return None;
    }
    b.get("source")
        .and_then(Value::as_str)
        .or_else(|| b.get("id").and_then(Value::as_str))
        .filter(|iri| !iri.is_empty())
}

/// What a target's selectors say, once each `refinedBy` is followed: the
/// exact words with their context, and their offsets when known.
#[derive(Clone, Debug, Default, PartialEq)]
struct Selected {
    exact: Option<String>,
    prefix: String,
    suffix: String,
    range: Option<(u64, u64)>,
}

impl Selected {
    /// Adds what another selector of the target says, where this one says
    /// nothing (the model's list of selectors are ways to the same words).
    fn merge(&mut self, other: Selected) {
        if self.exact.is_none() {
            self.exact = other.exact;
            self.prefix = other.prefix;
            self.suffix = other.suffix;
        }
        if self.range.is_none() {
            self.range = other.range;
        }
    }
}

/// One selector, followed through its `refinedBy` (the refining selector
/// applies to what the one it refines selects): a position inside a
/// position adds up; a position inside a quote picks words of the quote,
/// whose other words become the context; a quote inside a position keeps
/// the quote. A selector Candor cannot read (a CSS, XPath or fragment
/// selector of a web page) gives nothing itself, and a position refining it
/// is not counted from the article's start, so only a quote is kept.
fn selected(s: &Value) -> Result<Selected, String> {
    let text = |k: &str| {
        s.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut own = Selected::default();
    let known = if has_type(s, "TextQuoteSelector") {
        own.exact = Some(text("exact")).filter(|e| !e.is_empty());
        own.prefix = text("prefix");
        own.suffix = text("suffix");
        true
    } else if has_type(s, "TextPositionSelector") {
        let at = |k: &str| {
            s.get(k)
                .and_then(Value::as_u64)
                .ok_or(format!("a position selector without {k}"))
        };
        let (start, end) = (at("start")?, at("end")?);
        if end < start {
            return Err(format!(
                "a position selector ending before it starts ({start}..{end})"
            ));
        }
        own.range = Some((start, end));
        true
    } else {
        false
    };
    let Some(inner) = s.get("refinedBy") else {
        return Ok(own);
    };
    let inner = match inner {
        Value::Array(list) => list.first().ok_or("an empty refinedBy")?,
        one => one,
    };
    let inner = selected(inner)?;
    if !known {
        return Ok(Selected {
            range: None,
            ..inner
        });
    }
    let mut out = own.clone();
    match (&own.exact, own.range, inner.range) {
        (_, Some((base, _)), Some((s2, e2))) => {
            out.range = Some((base + s2, base + e2));
            out.exact = inner.exact;
        }
        (Some(exact), None, Some((s2, e2))) => {
            let chars: Vec<char> = exact.chars().collect();
            let (s2, e2) = (s2 as usize, e2 as usize);
            if e2 > chars.len() || s2 >= e2 {
                return Err(format!(
                    "a position {s2}..{e2} refining a quote of {} characters",
                    chars.len()
                ));
            }
            out.exact = Some(chars[s2..e2].iter().collect());
            out.prefix = format!("{}{}", own.prefix, chars[..s2].iter().collect::<String>());
            out.suffix = format!("{}{}", chars[e2..].iter().collect::<String>(), own.suffix);
        }
        _ => {
            if inner.exact.is_some() {
                out.exact = inner.exact;
                out.prefix = inner.prefix;
                out.suffix = inner.suffix;
                // A quote inside a position: the position is only where
                // to look.
                out.range = None;
            }
        }
    }
    Ok(out)
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

    #[test]
    fn a_position_refined_by_a_position_adds_up() {
        let s = json!({
            "type": "TextPositionSelector", "start": 100, "end": 200,
            "refinedBy": { "type": "TextPositionSelector", "start": 5, "end": 9 }
        });
        assert_eq!(selected(&s).expect("read").range, Some((105, 109)));
    }

    #[test]
    fn a_position_refining_a_quote_picks_its_words_and_keeps_the_rest_as_context() {
        let s = json!({
            "type": "TextQuoteSelector", "exact": "storm the peaceful camp",
            "prefix": "Riot squads ", "suffix": " at dawn",
            "refinedBy": { "type": "TextPositionSelector", "start": 10, "end": 18 }
        });
        let got = selected(&s).expect("read");
        assert_eq!(got.exact.as_deref(), Some("peaceful"));
        assert_eq!(got.prefix, "Riot squads storm the ");
        assert_eq!(got.suffix, " camp at dawn");
        assert_eq!(got.range, None, "found by the quote");
        let past = json!({
            "type": "TextQuoteSelector", "exact": "short",
            "refinedBy": { "type": "TextPositionSelector", "start": 2, "end": 9 }
        });
        assert!(selected(&past).is_err());
    }

    #[test]
    fn a_page_selector_refined_by_a_quote_keeps_only_the_quote() {
        let s = json!({
            "type": "CssSelector", "value": "#story > p:nth-child(2)",
            "refinedBy": [{
                "type": "TextPositionSelector", "start": 3, "end": 8,
                "refinedBy": { "type": "TextQuoteSelector", "exact": "storm" }
            }]
        });
        let got = selected(&s).expect("read");
        assert_eq!(got.exact.as_deref(), Some("storm"));
        assert_eq!(
            got.range, None,
            "a position inside a paragraph is not the article's"
        );
        let bare = json!({
            "type": "XPathSelector", "value": "/p[2]",
            "refinedBy": { "type": "TextPositionSelector", "start": 3, "end": 8 }
        });
        assert_eq!(selected(&bare).expect("read"), Selected::default());
    }

    #[test]
    fn links_are_told_from_words() {
        assert_eq!(
            linked(&json!("https://example.org/a")),
            Some("https://example.org/a")
        );
        assert_eq!(
            linked(&json!({"type": "SpecificResource", "source": "https://example.org/b"})),
            Some("https://example.org/b")
        );
        assert_eq!(
            linked(&json!({"id": "https://example.org/c"})),
            Some("https://example.org/c")
        );
        assert_eq!(
            linked(&json!({"type": "TextualBody", "value": "words", "id": "urn:x"})),
            None
        );
    }
}
