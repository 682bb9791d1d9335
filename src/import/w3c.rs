//! W3C Web Annotations read as marks: a `.json` or `.jsonld` file (or a
//! folder of them) holding an `AnnotationCollection`, an `AnnotationPage`,
//! one `Annotation` or a list of annotations.
//!
//! An annotation's article is the one its target's `source` names (Candor's
//! `urn:candor:article:<id>`, or the article's URL), else the article the
//! file is named after. Its span is the `TextPositionSelector` checked
//! against the `TextQuoteSelector`: offsets that do not fit the quote in
//! code points are tried as UTF-16 units (what browser tools in JavaScript
//! count), then the quote is looked for with its prefix and suffix. Its
//! category is the `tagging` body; attributes, the note, claims and actors
//! are the bodies Candor's export writes (`crate::export::w3c`); a
//! `commenting` body from any tool is the note.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::marks::{Incoming, MarksError, Read};
use crate::case::Case;
use crate::export::w3c::{
    ACTOR_KEY, ARTICLE_IRI, ATTRIBUTE_KEY, CLAIM_KEY, LINK_NOTE_KEY, MARK_IRI, POSITION_KEY,
    VALUE_KEY, decode,
};
use crate::model::{ArticleId, AttrValue, CategoryId, MarkId};
use crate::storage::{self, MAX_TEXT_BYTES};

/// Reads a file, or every `.json`/`.jsonld` file of a folder (in the
/// case's order of articles for files named after one, then by name).
pub fn read(case: &Case, path: &Path) -> Result<Read, MarksError> {
    let files = files(case, path)?;
    let mut out = Read::default();
    for file in files {
        let source = storage::read_text(&file, MAX_TEXT_BYTES).map_err(|p| MarksError::Read {
            path: file.clone(),
            why: p.message,
        })?;
        let json: Value = serde_json::from_str(&source).map_err(|e| MarksError::Read {
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
            match annotation(case, a, &stem, &origin) {
                Ok(m) => out.marks.push(m),
                Err(why) => out.skipped.push(format!("{origin}: {why}")),
            }
        }
    }
    Ok(out)
}

fn files(case: &Case, path: &Path) -> Result<Vec<PathBuf>, MarksError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let listed = storage::list_dir(path).map_err(|p| MarksError::Read {
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
        return Err(MarksError::Read {
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

fn annotation(case: &Case, a: &Value, stem: &str, origin: &str) -> Result<Incoming, String> {
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

fn link(body: &Value, id: &str, label: &str) -> super::marks::LinkIn {
    super::marks::LinkIn {
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
