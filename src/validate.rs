//! Everything `candor check` verifies once the files have been read: that
//! the schema is usable, ids are unique, every mark sits on its quoted words
//! (or is reported as an orphan),
//! uses a known category with fitting attributes, and every link points at a
//! real mark.

use std::collections::{BTreeSet, HashMap};

use crate::anchor::{self, Anchor};
use crate::case::{Case, FileKey, MANIFEST_FILE};
use crate::model::{MarkId, is_valid_id, parse_colour};
use crate::problem::Problem;

/// All problems in a loaded case, in file order.
pub fn validate(case: &Case) -> Vec<Problem> {
    let mut out = Vec::new();
    manifest(case, &mut out);
    schema(case, &mut out);
    for (annotator, annotations) in &case.annotators {
        let mut seen: HashMap<&MarkId, &str> = HashMap::with_capacity(annotations.mark_count());
        for (article, marks) in &annotations.marks {
            let key = FileKey::Marks(annotator.clone(), article.clone());
            let path = case.root.join(case.path_of(&key));
            let src = case.source_of(&key);
            let text = case.article_text(article);
            for m in marks {
                // Problems point at the mark's `id:` line; found only when needed.
                let at = || format!("id: {:?}", m.id.as_str());
                let err = |msg: String| Problem::error(&path, msg).near(src, &at());
                let warn = |msg: String| Problem::warning(&path, msg).near(src, &at());
                if let Some(other) = seen.insert(&m.id, article.as_str()) {
                    out.push(err(format!(
                        "mark {} is also used on article {other:?}; each of an annotator's marks needs its own id",
                        m.id
                    )));
                }
                // An orphan is kept, not lost: a warning, so the case still
                // checks (`--strict` makes it count).
                if let Some(text) = text
                    && let Anchor::Orphan(why) = anchor::check(text, m)
                {
                    let why = case
                        .anchoring
                        .orphan_reason(annotator, article, &m.id)
                        .map_or(why, str::to_string);
                    out.push(warn(format!(
                        "mark {} is an orphan: {why}; it stays in this file until it is attached to new words or deleted",
                        m.id
                    )));
                }
                match case.schema.category(&m.category) {
                    None => out.push(warn(format!(
                        "mark {}: category {:?} is not in the schema",
                        m.id,
                        m.category.as_str()
                    ))),
                    Some(cat) => {
                        for (attr, value) in &m.attributes {
                            match cat.attribute(attr) {
                                None => out.push(warn(format!(
                                    "mark {}: {} has no attribute {attr:?}",
                                    m.id, cat.name
                                ))),
                                Some(a) if !a.accepts(value) => out.push(warn(format!(
                                    "mark {}: {value:?} is not a value of {:?}",
                                    m.id, a.name
                                ))),
                                Some(_) => {}
                            }
                        }
                    }
                }
            }
        }
        links(case, annotator, &seen, &mut out);
    }
    out
}

fn manifest(case: &Case, out: &mut Vec<Problem>) {
    let path = case.root.join(MANIFEST_FILE);
    let src = case.source_of(&FileKey::Manifest);
    if case.manifest.articles.is_empty() {
        out.push(Problem::warning(
            &path,
            "the case has no articles yet (`candor import` adds some)",
        ));
    }
    let mut ids = BTreeSet::new();
    for a in &case.manifest.articles {
        let at = format!("id: {:?}", a.id.as_str());
        if !is_valid_id(a.id.as_str()) {
            out.push(
                Problem::error(
                    &path,
                    format!(
                        "article id {:?} must use only letters, digits, `-`, `_` and `.`",
                        a.id.as_str()
                    ),
                )
                .near(src, &at),
            );
        }
        if !ids.insert(&a.id) {
            out.push(
                Problem::error(
                    &path,
                    format!("article id {:?} is used twice", a.id.as_str()),
                )
                .near(src, &at),
            );
        }
    }
}

fn schema(case: &Case, out: &mut Vec<Problem>) {
    let path = case.root.join(&case.manifest.schema);
    let src = case.source_of(&FileKey::Schema);
    let mut ids = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for c in &case.schema.categories {
        let at = format!("id: {:?}", c.id.as_str());
        if !ids.insert(&c.id) {
            out.push(
                Problem::error(
                    &path,
                    format!("category {:?} is defined twice", c.id.as_str()),
                )
                .near(src, &at),
            );
        }
        if !keys.insert(c.key) {
            out.push(
                Problem::error(&path, format!("key {:?} is used by two categories", c.key))
                    .near(src, &at),
            );
        }
        if parse_colour(&c.colour).is_none() {
            out.push(
                Problem::warning(
                    &path,
                    format!(
                        "category {:?}: colour {:?} is not #rrggbb; grey is used",
                        c.id.as_str(),
                        c.colour
                    ),
                )
                .near(src, &at),
            );
        }
        let mut attrs = BTreeSet::new();
        for a in &c.attributes {
            if !attrs.insert(&a.id) {
                out.push(
                    Problem::error(
                        &path,
                        format!(
                            "category {:?}: attribute {:?} is defined twice",
                            c.id.as_str(),
                            a.id
                        ),
                    )
                    .near(src, &at),
                );
            }
        }
    }
}

fn links(
    case: &Case,
    annotator: &crate::model::AnnotatorId,
    marks: &HashMap<&MarkId, &str>,
    out: &mut Vec<Problem>,
) {
    let Some(annotations) = case.annotators.get(annotator) else {
        return;
    };
    let key = FileKey::Links(annotator.clone());
    let path = case.root.join(case.path_of(&key));
    let src = case.source_of(&key);
    let mut ids = BTreeSet::new();
    let groups = annotations
        .links
        .claims
        .iter()
        .map(|c| ("claim", &c.id, &c.marks))
        .chain(
            annotations
                .links
                .actors
                .iter()
                .map(|a| ("actor", &a.id, &a.marks)),
        );
    for (kind, id, members) in groups {
        let at = format!("id: {:?}", id.as_str());
        if !ids.insert(id) {
            out.push(
                Problem::error(&path, format!("{kind} id {:?} is used twice", id.as_str()))
                    .near(src, &at),
            );
        }
        for m in members {
            if !marks.contains_key(m) {
                out.push(
                    Problem::error(
                        &path,
                        format!(
                            "{kind} {}: mark {:?} does not exist in {annotator}'s marks",
                            id,
                            m.as_str()
                        ),
                    )
                    .near(src, &at),
                );
            }
        }
    }
}
