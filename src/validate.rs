//! Everything `candor check` verifies once the files have been read: that
//! the schema is usable, ids are unique, every mark sits on its quoted words
//! (or is reported as an orphan), uses a known category with fitting
//! attributes, and every link points at a real mark; which marks need review
//! because re-anchoring put them on changed words; and, as notes, the marks
//! re-anchoring moved. This is also where the one rule for "is this mark an
//! orphan, and why" lives, which the window uses too.

use std::collections::{BTreeSet, HashMap};

use crate::anchor::{self, Anchor};
use crate::case::{Case, FileKey, OrphanMark};
use crate::model::{
    AnnotatorId, ArticleId, MANIFEST_FILE, Mark, MarkId, is_valid_id, parse_colour,
};
use crate::problem::{Problem, SourceIndex};

/// Every finding about a case: the problems found when it was opened, a full
/// validation now, and a note for each mark re-anchoring moved.
pub fn check(case: &Case) -> Vec<Problem> {
    let mut all = case.load_problems().to_vec();
    all.extend(validate(case));
    all.extend(moved_notes(case));
    all
}

/// Why a mark is an orphan, or `None` when it sits on its quoted words (or
/// its article has no text to judge it by: that is reported on its own).
/// Re-anchoring's reason is preferred: "two places match equally well" says
/// more than "the text at 10..20 is ...".
pub fn orphan_reason(
    case: &Case,
    annotator: &AnnotatorId,
    article: &ArticleId,
    mark: &Mark,
) -> Option<String> {
    let text = case.article_text(article)?;
    match anchor::check(text, mark) {
        Anchor::Intact => None,
        Anchor::Orphan(why) => Some(
            case.anchoring()
                .orphan_reason(annotator, article, &mark.id)
                .map_or(why, str::to_string),
        ),
    }
}

/// The marks of one annotator on one article that are orphans, with why.
pub fn orphans_of<'c>(
    case: &'c Case,
    annotator: &AnnotatorId,
    article: &ArticleId,
) -> Vec<(&'c Mark, String)> {
    case.marks(annotator, article)
        .iter()
        .filter_map(|m| orphan_reason(case, annotator, article, m).map(|why| (m, why)))
        .collect()
}

/// Every orphaned mark of the case. They stay in their files untouched until
/// the user attaches them to new words or deletes them.
pub fn orphans(case: &Case) -> Vec<OrphanMark> {
    let mut out = Vec::new();
    for (annotator, annotations) in case.annotators() {
        for article in annotations.marks.keys() {
            for (m, reason) in orphans_of(case, annotator, article) {
                out.push(OrphanMark {
                    annotator: annotator.clone(),
                    article: article.clone(),
                    mark: m.id.clone(),
                    reason,
                });
            }
        }
    }
    out
}

/// All problems in a loaded case, in file order.
pub fn validate(case: &Case) -> Vec<Problem> {
    let mut out = Vec::new();
    manifest(case, &mut out);
    schema(case, &mut out);
    for (annotator, annotations) in case.annotators() {
        let mut seen: HashMap<&MarkId, &str> = HashMap::with_capacity(annotations.mark_count());
        for (article, marks) in &annotations.marks {
            let key = FileKey::Marks(annotator.clone(), article.clone());
            let path = case.root().join(case.path_of(&key));
            // Problems point at the mark's `id:` line, looked up in an
            // index of the file built once, on the first problem.
            let index = SourceIndex::new(case.source_of(&key));
            for m in marks {
                let at = || format!("id: {:?}", m.id.as_str());
                let err = |msg: String| Problem::error(&path, msg).near_in(&index, &at());
                let warn = |msg: String| Problem::warning(&path, msg).near_in(&index, &at());
                if let Some(other) = seen.insert(&m.id, article.as_str()) {
                    out.push(err(format!(
                        "mark {} is also used on article {other:?}; each of an annotator's marks needs its own id",
                        m.id
                    )));
                }
                // An orphan is kept, not lost: a warning, so the case still
                // checks (`--strict` makes it count).
                if let Some(why) = orphan_reason(case, annotator, article, m) {
                    out.push(warn(format!(
                        "mark {} is an orphan: {why}; it stays in this file until it is attached to new words or deleted",
                        m.id
                    )));
                }
                // Placed, but on words that differ from the ones judged: a
                // warning too, until the annotator accepts or re-marks it.
                if let Some(was) = m.review_was() {
                    out.push(warn(format!(
                        "mark {} needs review: the text changed under it, and it now quotes {:?} where it was made on {:?}; accept the new words or mark the right ones in the window (or delete its `review` line)",
                        m.id,
                        anchor::shorten(&m.quote),
                        anchor::shorten(was)
                    )));
                }
                match case.schema().category(&m.category) {
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
    let path = case.root().join(MANIFEST_FILE);
    let src = SourceIndex::new(case.source_of(&FileKey::Manifest));
    if case.manifest().articles.is_empty() {
        out.push(Problem::warning(
            &path,
            "the case has no articles yet (`candor import` adds some)",
        ));
    }
    if let Some(key) = &case.manifest().key
        && case.annotations(key).is_none()
    {
        out.push(
            Problem::warning(
                &path,
                format!(
                    "the answer key is {:?}, who has no marks yet (no folder marks/{key}/)",
                    key.as_str()
                ),
            )
            .near_in(&src, "key:"),
        );
    }
    let mut ids = BTreeSet::new();
    for a in &case.manifest().articles {
        let at = format!("id: {:?}", a.id.as_str());
        if !is_valid_id(a.id.as_str()) {
            out.push(
                Problem::error(
                    &path,
                    format!(
                        "article id {:?} cannot be a file name: use only letters, digits, `-`, `_` and `.` (at most 64, not starting with `.`); until it is fixed, the article's marks are read-only",
                        a.id.as_str()
                    ),
                )
                .near_in(&src, &at),
            );
        }
        if !ids.insert(&a.id) {
            out.push(
                Problem::error(
                    &path,
                    format!("article id {:?} is used twice", a.id.as_str()),
                )
                .near_in(&src, &at),
            );
        }
    }
}

fn schema(case: &Case, out: &mut Vec<Problem>) {
    let path = case.root().join(&case.manifest().schema);
    let src = SourceIndex::new(case.source_of(&FileKey::Schema));
    let mut ids = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for c in &case.schema().categories {
        let at = format!("id: {:?}", c.id.as_str());
        if !ids.insert(&c.id) {
            out.push(
                Problem::error(
                    &path,
                    format!("category {:?} is defined twice", c.id.as_str()),
                )
                .near_in(&src, &at),
            );
        }
        if !keys.insert(c.key) {
            out.push(
                Problem::error(&path, format!("key {:?} is used by two categories", c.key))
                    .near_in(&src, &at),
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
                .near_in(&src, &at),
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
                    .near_in(&src, &at),
                );
            }
        }
    }
}

fn links(
    case: &Case,
    annotator: &AnnotatorId,
    marks: &HashMap<&MarkId, &str>,
    out: &mut Vec<Problem>,
) {
    let Some(annotations) = case.annotations(annotator) else {
        return;
    };
    let key = FileKey::Links(annotator.clone());
    let path = case.root().join(case.path_of(&key));
    let src = SourceIndex::new(case.source_of(&key));
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
                    .near_in(&src, &at),
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
                    .near_in(&src, &at),
                );
            }
        }
    }
}

/// A note for each re-anchored mark, pointing at the mark's `id:` line: not
/// a problem (the mark is on its words), but what will change in its file
/// when saved.
pub fn moved_notes(case: &Case) -> Vec<Problem> {
    let mut indexes: HashMap<FileKey, SourceIndex> = HashMap::new();
    case.anchoring()
        .moved
        .iter()
        .map(|m| {
            let key = FileKey::Marks(m.annotator.clone(), m.article.clone());
            let path = case.root().join(case.path_of(&key));
            let index = indexes
                .entry(key.clone())
                .or_insert_with(|| SourceIndex::new(case.source_of(&key)));
            let what = if m.from == m.to {
                "is on its words; its context changed and is refreshed".to_string()
            } else {
                format!(
                    "moved from {}..{} to {}..{}",
                    m.from.start.0, m.from.end.0, m.to.start.0, m.to.end.0
                )
            };
            let quote = match case.article_text(&m.article).and_then(|t| t.slice(m.to)) {
                Some(now) if !m.exact => format!(
                    " (approximate: the quote was {:?}, is now {:?})",
                    anchor::shorten(&m.old_quote),
                    anchor::shorten(now)
                ),
                _ => String::new(),
            };
            Problem::note(path, format!("mark {} {what}{quote}", m.mark))
                .near_in(index, &format!("id: {:?}", m.mark.as_str()))
        })
        .collect()
}
