//! brat standoff files, written and read: Candor's marks go out as brat
//! files, and brat's files (Candor's own or another tool's) come back as
//! marks. The tags of the notes below are defined once here, so the writer
//! and the reader cannot drift apart.
//!
//! Written: per article the text (`X.txt`, exactly the article's text)
//! and its annotations (`X.ann`), and beside them `annotation.conf` (the
//! schema's categories as entity types, its choice and yes/no attributes
//! as attributes, overlapping spans allowed) and `visual.conf` (names and
//! colours).
//!
//! In `X.ann`, each mark is a `T` line (`T1<TAB>loaded 131 143<TAB>eco-radicals`:
//! brat counts characters, as Candor does; a mark across a line break or a
//! tab is written in fragments around it, `T1<TAB>loaded 0 5;6 10<TAB>Riot squads`,
//! as brat itself writes a discontinuous span, since brat refuses a `T` line
//! whose text is not the text at its offsets), each choice or yes/no attribute
//! an `A` line (`A1<TAB>polarity T1 negative`, a yes/no as `yes`/`no`, so a
//! recorded "no" is not lost), and everything brat has no line for is an
//! `AnnotatorNotes` line (`#1<TAB>AnnotatorNotes T1<TAB>...`), tagged so it
//! can be read back:
//! - `[id] m12`: the mark's Candor id;
//! - `[target] the protesters`: a free-text attribute, by its id;
//! - `[created] ...`, `[modified] ...`: its times;
//! - `[span] 29 39`: the mark's start and end, when it begins or ends with
//!   a line break or tab, which its fragments leave out;
//! - `[done]`, on the article's first mark: the annotator marked the
//!   article done (brat's notes belong to an annotation, so an article
//!   marked done with no marks cannot say it);
//! - `[claim c1 1] ...label`, `[actor a1 2] ...name`: the claims and actors
//!   the mark is in, with their place in the annotator's list, and on the
//!   first mark of each, `[link-note c1] ...` its own note;
//! - the note itself, untagged.
//!
//! A note line holds one line: line breaks are written `\n`, tabs `\t` and
//! backslashes `\\` (and read back the same way). In the `T` line's text
//! the fragments are joined by a space, as brat joins them.
//!
//! Read (`candor import-marks --from brat`): a folder with one `X.ann` per
//! article, in the case's order of articles. `X` is the article's id, or
//! the name of the file the article was imported from (`PMID-10429004.ann`
//! for the article `pmid-10429004`, imported from `PMID-10429004.txt`:
//! [`article_named`]); `.ann` in any case. Text-bound annotations (`T`)
//! are the marks (a span in fragments, `0 5;6 10`, becomes one span from
//! the first start to the last end when only white space lies between
//! them; one that leaves words out is skipped, as a Candor mark is one
//! span); attributes (`A`,
//! `M`) are attribute values (`yes`/`no` of a yes/no attribute become a
//! flag; an attribute with no value is `yes`); notes (`#`) are the mark's
//! note, or, when tagged as above, its id, times, a free-text attribute, a
//! claim or an actor. Relations, events and equivalences have nothing to
//! become in Candor and are counted as skipped.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Incoming, LinkIn, Read, ReadError};
use crate::case::{Article, Case};
use crate::model::{
    AnnotatorId, ArticleId, AttrValue, AttributeKind, CategoryId, MarkId, Schema, slugify,
};
use crate::storage::{self, MAX_TEXT_BYTES};
use crate::text::CharRange;

/// The tag of a note that holds the mark's id.
pub const ID_TAG: &str = "id";
pub const CLAIM_TAG: &str = "claim";
pub const ACTOR_TAG: &str = "actor";
/// A claim's or actor's own note, on its first mark.
pub const LINK_NOTE_TAG: &str = "link-note";
pub const CREATED_TAG: &str = "created";
pub const MODIFIED_TAG: &str = "modified";
/// The note, on an article's first mark, that the annotator marked the
/// article done.
pub const DONE_TAG: &str = "done";
/// The mark's own start and end, when its fragments leave out a line break
/// or tab at either end of it.
pub const SPAN_TAG: &str = "span";

/// `annotation.conf` for a schema.
pub fn annotation_conf(schema: &Schema) -> String {
    let mut out = String::from("# Written by Candor from the case's schema.\n[entities]\n");
    for c in &schema.categories {
        out.push_str(&format!("{}\n", c.id));
    }
    out.push_str(
        "\n[relations]\n# Marks may overlap and nest.\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
    );
    // One line per attribute id, over every category that has it.
    let mut attrs: BTreeMap<&str, (Vec<&str>, Vec<String>)> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for c in &schema.categories {
        for a in &c.attributes {
            let values: Vec<String> = match &a.kind {
                AttributeKind::Choice(choices) => choices
                    .iter()
                    .map(|ch| ch.id.clone())
                    .filter(|v| is_token(v))
                    .collect(),
                AttributeKind::Flag => vec!["yes".into(), "no".into()],
                AttributeKind::Text => continue,
            };
            if !is_token(&a.id) {
                continue;
            }
            let entry = attrs.entry(a.id.as_str()).or_insert_with(|| {
                order.push(a.id.as_str());
                (Vec::new(), Vec::new())
            });
            entry.0.push(c.id.as_str());
            for v in values {
                if !entry.1.contains(&v) {
                    entry.1.push(v);
                }
            }
        }
    }
    for id in order {
        let (cats, values) = &attrs[id];
        out.push_str(&format!(
            "{id}\tArg:{}, Value:{}\n",
            cats.join("|"),
            values.join("|")
        ));
    }
    out
}

/// `visual.conf`: each category's name and colour.
pub fn visual_conf(schema: &Schema) -> String {
    let mut out = String::from("# Written by Candor from the case's schema.\n[labels]\n");
    for c in &schema.categories {
        let name: String = c
            .name
            .chars()
            .map(|ch| {
                if ch == '|' || ch.is_control() {
                    ' '
                } else {
                    ch
                }
            })
            .collect();
        out.push_str(&format!("{} | {}\n", c.id, name.trim()));
    }
    out.push_str("\n[drawing]\n");
    for c in &schema.categories {
        let [r, g, b] = c.rgb();
        out.push_str(&format!("{}\tbgColor:#{r:02x}{g:02x}{b:02x}\n", c.id));
    }
    out
}

/// One annotator's marks on one article as an `.ann` file.
pub fn ann(case: &Case, annotator: &AnnotatorId, article: &Article) -> String {
    let schema = case.schema();
    let links = case.links(annotator);
    let mut out = String::new();
    let (mut a_n, mut note_n) = (0, 0);
    let mut note = |out: &mut String, t: usize, text: &str| {
        note_n += 1;
        out.push_str(&format!(
            "#{note_n}\tAnnotatorNotes T{t}\t{}\n",
            escape(text)
        ));
    };
    let done = case.is_done(annotator, &article.meta.id);
    for (i, mark) in case.marks(annotator, &article.meta.id).iter().enumerate() {
        let t = i + 1;
        // The words at the offsets, which brat checks the line against.
        let words = article
            .text
            .as_ref()
            .and_then(|t| t.slice(CharRange::new(mark.start.0, mark.end.0)))
            .unwrap_or(&mark.quote);
        let pieces = fragments(words, mark.start.0);
        let offsets: Vec<String> = pieces.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let shown: Vec<&str> = pieces.iter().map(|(_, _, text)| *text).collect();
        out.push_str(&format!(
            "T{t}\t{} {}\t{}\n",
            mark.category,
            offsets.join(";"),
            shown.join(" ")
        ));
        if done && i == 0 {
            note(&mut out, t, &format!("[{DONE_TAG}]"));
        }
        let outer = (pieces.first().map(|p| p.0), pieces.last().map(|p| p.1));
        if outer != (Some(mark.start.0), Some(mark.end.0)) {
            note(
                &mut out,
                t,
                &format!("[{SPAN_TAG}] {} {}", mark.start.0, mark.end.0),
            );
        }
        note(&mut out, t, &format!("[{ID_TAG}] {}", mark.id));
        note(&mut out, t, &format!("[{CREATED_TAG}] {}", mark.created.0));
        note(
            &mut out,
            t,
            &format!("[{MODIFIED_TAG}] {}", mark.modified.0),
        );
        let category = schema.category(&mark.category);
        for (id, value) in &mark.attributes {
            let kind = category.and_then(|c| c.attribute(id)).map(|a| &a.kind);
            let token = match (kind, value) {
                (Some(AttributeKind::Flag), AttrValue::Flag(f)) => {
                    Some(if *f { "yes" } else { "no" }.to_string())
                }
                (Some(AttributeKind::Choice(_)), AttrValue::Text(v)) if is_token(v) => {
                    Some(v.clone())
                }
                _ => None,
            };
            match token {
                Some(v) if is_token(id) => {
                    a_n += 1;
                    out.push_str(&format!("A{a_n}\t{id} T{t} {v}\n"));
                }
                _ => note(&mut out, t, &format!("[{id}] {value}")),
            }
        }
        if let Some(links) = links {
            let groups = links
                .claims
                .iter()
                .map(|c| (CLAIM_TAG, &c.id, &c.label, &c.marks, &c.note))
                .chain(
                    links
                        .actors
                        .iter()
                        .map(|a| (ACTOR_TAG, &a.id, &a.name, &a.marks, &a.note)),
                );
            let mut place = BTreeMap::new();
            for (tag, id, label, marks, own_note) in groups {
                let n = place.entry(tag).or_insert(0);
                *n += 1;
                if !marks.contains(&mark.id) {
                    continue;
                }
                note(&mut out, t, &format!("[{tag} {id} {n}] {label}"));
                if !own_note.is_empty() && marks.first() == Some(&mark.id) {
                    note(&mut out, t, &format!("[{LINK_NOTE_TAG} {id}] {own_note}"));
                }
            }
        }
        if !mark.note.is_empty() {
            note(&mut out, t, &mark.note);
        }
    }
    out
}

/// A mark's words as brat's fragments: `(start, end, text)` of each run
/// between line breaks and tabs (which brat cannot show in a `T` line),
/// counted in characters from `start`, the mark's start. A mark of nothing
/// but such characters stays one fragment (brat will say it does not fit).
fn fragments(quote: &str, start: usize) -> Vec<(usize, usize, &str)> {
    let breaks = |c: char| matches!(c, '\n' | '\r' | '\t');
    let mut out = Vec::new();
    let mut at = start;
    let mut rest = quote;
    while !rest.is_empty() {
        let gap = rest.len() - rest.trim_start_matches(breaks).len();
        at += rest[..gap].chars().count();
        rest = &rest[gap..];
        let len = rest.find(breaks).unwrap_or(rest.len());
        if len > 0 {
            let n = rest[..len].chars().count();
            out.push((at, at + n, &rest[..len]));
            at += n;
        }
        rest = &rest[len..];
    }
    if out.is_empty() {
        out.push((start, start + quote.chars().count(), quote));
    }
    out
}

/// Whether brat takes `s` as one word of an `A` line or a type name.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A note's text on one line: `\` `\n` `\t` written as `\\`, `\n`, `\t`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// What `escape` wrote, read back.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The `.ann` files directly in `dir` (`.ann` in any case), by name.
pub fn ann_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, ReadError> {
    let listed = storage::list_dir(dir).map_err(|p| ReadError {
        path: dir.to_path_buf(),
        why: p.message,
    })?;
    let mut files: Vec<_> = listed
        .into_iter()
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("ann"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The article of the case a brat file is about, from its name without
/// `.ann`: the article with that id, else the one with that id in any
/// case, else the one `candor import` names from that file name (`slugify`:
/// `PMID-10429004.1` is `pmid-10429004-1`).
pub fn article_named<'a>(case: &'a Case, stem: &str) -> Option<&'a Article> {
    let articles = case.articles();
    articles
        .iter()
        .find(|a| a.meta.id.as_str() == stem)
        .or_else(|| {
            articles
                .iter()
                .find(|a| a.meta.id.as_str().eq_ignore_ascii_case(stem))
        })
        .or_else(|| {
            let slug = slugify(stem);
            articles.iter().find(|a| a.meta.id.as_str() == slug)
        })
}

/// Reads every `.ann` file in `dir` whose article is in the case, in the
/// case's order of articles; a file that names no article, or a second
/// file for an article, is said in [`Read::skipped`].
pub fn read(case: &Case, dir: &Path) -> Result<Read, ReadError> {
    if !dir.is_dir() {
        return Err(ReadError {
            path: dir.to_path_buf(),
            why: "a brat import reads a folder of .ann files (one per article, named by its id \
                  or by the file it was imported from)"
                .into(),
        });
    }
    let mut out = Read::default();
    let mut by_article: BTreeMap<usize, std::path::PathBuf> = BTreeMap::new();
    for path in ann_files(dir)? {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let stem = path
            .file_stem()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let Some(article) = article_named(case, &stem) else {
            out.skipped
                .push(format!("{name}: no article of the case is named {stem:?}"));
            continue;
        };
        let place = case
            .articles()
            .iter()
            .position(|a| a.meta.id == article.meta.id)
            .unwrap_or(usize::MAX);
        // The file named exactly after the article wins over one that
        // only matches it in another case or spelling.
        match by_article.get(&place) {
            Some(seen)
                if seen
                    .file_stem()
                    .is_some_and(|s| s == article.meta.id.as_str()) =>
            {
                out.skipped.push(format!(
                    "{name}: {} is read for the article {} already",
                    seen.display(),
                    article.meta.id
                ));
            }
            Some(seen) => {
                out.skipped.push(format!(
                    "{}: {name} is read for the article {} instead",
                    seen.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    article.meta.id
                ));
                by_article.insert(place, path.clone());
            }
            None => {
                by_article.insert(place, path.clone());
            }
        }
    }
    let found = by_article.len();
    for (place, path) in by_article {
        let article = &case.articles()[place];
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let source = match storage::read_text(&path, MAX_TEXT_BYTES) {
            Ok(source) => source,
            Err(p) => {
                out.skipped.push(format!("{name}: {}", p.message));
                continue;
            }
        };
        read_ann(case, &article.meta.id, &name, &source, &mut out);
    }
    if found == 0 {
        return Err(ReadError {
            path: dir.to_path_buf(),
            why: "no .ann file here is named after an article of the case".into(),
        });
    }
    Ok(out)
}

/// One `.ann` file's marks, added to `out` in the file's order.
fn read_ann(case: &Case, article: &ArticleId, name: &str, source: &str, out: &mut Read) {
    let schema = case.schema();
    let words = case.article_text(article);
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
                Some((tid, _, pieces, _)) if !gaps_are_blank(words, &pieces) => {
                    out.skipped.push(format!(
                        "{name}:{line_no} ({tid}): its fragments leave words out, and a Candor mark is one span"
                    ));
                }
                Some((tid, category, pieces, text)) => {
                    let start = pieces.iter().map(|p| p.0).min().unwrap_or_default();
                    let end = pieces.iter().map(|p| p.1).max().unwrap_or_default();
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
            if note.trim() == format!("[{DONE_TAG}]") {
                if !out.done.contains(article) {
                    out.done.push(article.clone());
                }
                continue;
            }
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

/// A `T` line's fragments, `(start, end)` each.
type Fragments = Vec<(usize, usize)>;

/// `T1<TAB>loaded 131 143<TAB>eco-radicals` (or `0 5;6 10` in fragments):
/// id, type, the fragments in order, text.
fn text_bound(line: &str) -> Option<(&str, &str, Fragments, &str)> {
    let mut fields = line.splitn(3, '\t');
    let tid = fields.next()?;
    let span = fields.next()?;
    let text = fields.next().unwrap_or_default();
    let (category, offsets) = span.split_once(' ')?;
    let mut pieces = Vec::new();
    for piece in offsets.split(';') {
        let (s, e) = piece.trim().split_once(' ')?;
        let (s, e): (usize, usize) = (s.trim().parse().ok()?, e.trim().parse().ok()?);
        if s > e {
            return None;
        }
        pieces.push((s, e));
    }
    pieces.sort_unstable();
    let start = pieces.first()?.0;
    let end = pieces.iter().map(|p| p.1).max()?;
    (start < end).then_some((tid, category, pieces, text))
}

/// Whether only white space lies between the fragments in the text (what
/// Candor writes around a line break); unknown text counts as blank, and
/// the quote is checked when the mark is placed.
fn gaps_are_blank(text: Option<&crate::text::ArticleText>, pieces: &[(usize, usize)]) -> bool {
    let Some(text) = text else { return true };
    pieces.windows(2).all(|w| {
        w[1].0 <= w[0].1
            || text
                .slice(CharRange::new(w[0].1, w[1].0))
                .is_none_or(|gap| gap.chars().all(char::is_whitespace))
    })
}

/// A note: a tagged one sets what its tag names, any other is (part of)
/// the mark's note.
fn take_note(schema: &Schema, m: &mut Incoming, note: String) {
    if let Some(rest) = note.strip_prefix('[')
        && let Some((tag, value)) = rest.split_once("] ")
    {
        if tag == SPAN_TAG
            && let Some((s, e)) = value.split_once(' ')
            && let (Ok(s), Ok(e)) = (s.trim().parse(), e.trim().parse())
        {
            (m.start, m.end) = (s, e);
            return;
        }
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
fn link(tag: &str, label: &str) -> LinkIn {
    let (id, position) = match tag.split_once(' ') {
        Some((id, n)) => (id, n.trim().parse().ok()),
        None => (tag, None),
    };
    LinkIn {
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
    fn notes_keep_line_breaks_tabs_and_backslashes() {
        for s in ["plain", "two\nlines", "a\ttab", "back\\slash\\n", "end\\"] {
            let e = escape(s);
            assert!(!e.contains('\n') && !e.contains('\t'), "{e:?}");
            assert_eq!(unescape(&e), s);
        }
    }

    #[test]
    fn the_default_schema_makes_a_config_brat_reads() {
        let conf = annotation_conf(&Schema::default_schema());
        assert!(conf.contains("[entities]\nloaded\n"), "{conf}");
        assert!(conf.contains("<OVERLAP>"), "{conf}");
        assert!(
            conf.contains("in_quote\tArg:loaded, Value:yes|no\n"),
            "{conf}"
        );
        // `kind` is an attribute of two categories: one line for both.
        assert_eq!(conf.matches("\nkind\t").count(), 1, "{conf}");
        assert!(
            !conf.contains("\ntarget\t"),
            "free text is not a brat attribute"
        );
    }

    #[test]
    fn a_span_in_fragments_is_read_with_each_fragment() {
        assert_eq!(
            text_bound("T3\tloaded 0 5;6 10\tthe ruling"),
            Some(("T3", "loaded", vec![(0, 5), (6, 10)], "the ruling"))
        );
        assert_eq!(text_bound("T3\tloaded x 5\tthe"), None);
        assert_eq!(text_bound("T3\tloaded 5 2\tthe"), None);
    }

    #[test]
    fn a_mark_across_line_breaks_and_tabs_is_written_in_fragments() {
        assert_eq!(
            fragments("Riot\nsquads", 10),
            [(10, 14, "Riot"), (15, 21, "squads")]
        );
        assert_eq!(
            fragments("a\r\n\nb\tc", 0),
            [(0, 1, "a"), (4, 5, "b"), (6, 7, "c")]
        );
        assert_eq!(
            fragments("é\nü", 3),
            [(3, 4, "é"), (5, 6, "ü")],
            "characters, not bytes"
        );
        assert_eq!(fragments("one span", 7), [(7, 15, "one span")]);
        assert_eq!(fragments("\n", 2), [(2, 3, "\n")]);
    }

    #[test]
    fn fragments_around_words_are_not_one_span() {
        let text = crate::text::ArticleText::new("Riot squads\nstormed the camp".to_string());
        assert!(gaps_are_blank(Some(&text), &[(0, 11), (12, 19)]));
        assert!(!gaps_are_blank(Some(&text), &[(0, 4), (12, 19)]));
    }

    proptest::proptest! {
        /// Whatever the words, the fragments are the text at their offsets,
        /// hold no line break or tab, are apart and in order, and leave out
        /// nothing but line breaks and tabs: what brat's loader checks.
        #[test]
        fn fragments_are_the_words_at_their_offsets(
            quote in "[aé \n\t\r]{1,24}",
            start in 0..50usize,
        ) {
            let chars: Vec<char> = quote.chars().collect();
            let pieces = fragments(&quote, start);
            let only_breaks = chars.iter().all(|c| matches!(c, '\n' | '\t' | '\r'));
            if only_breaks {
                proptest::prop_assert_eq!(pieces, vec![(start, start + chars.len(), quote.as_str())]);
                return Ok(());
            }
            let mut kept = String::new();
            for (i, (s, e, text)) in pieces.iter().enumerate() {
                let at: String = chars[s - start..e - start].iter().collect();
                proptest::prop_assert_eq!(&at, text);
                proptest::prop_assert!(!text.is_empty() && !text.contains(['\n', '\t', '\r']));
                if i > 0 {
                    proptest::prop_assert!(pieces[i - 1].1 < *s, "apart: {:?}", pieces);
                }
                kept.push_str(text);
            }
            let words: String = quote.chars().filter(|c| !matches!(c, '\n' | '\t' | '\r')).collect();
            proptest::prop_assert_eq!(kept, words);
        }
    }
}
