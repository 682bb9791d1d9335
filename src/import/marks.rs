//! `candor import-marks`: marks made in another tool (brat, a W3C Web
//! Annotation client) taken in as a new annotator's, through one edit.
//!
//! Each format's reader (`formats::brat`, `formats::w3c`) turns its files
//! into [`Incoming`] marks: an article, offsets, the quote the tool saw, a
//! category, attributes, a note, the claims and actors. Here each is placed
//! on the case's text: the offsets are taken when the text there is the
//! quote; otherwise (a UTF-16 count, a text that differs a little) the
//! quote is looked for the way re-anchoring looks for a moved mark, and
//! taken only where it is exactly the quote. What cannot be placed is
//! reported, never put on other words. Candor's own ids come back when the
//! files carry them (an export of Candor's), else fresh ones are made, and
//! so do the articles the annotator marked done.
//!
//! The marks become the annotator named, or, from a folder `candor export`
//! wrote (one sub-folder per annotator, no marks of its own), each
//! sub-folder becomes the annotator it is named after ([`sources`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::anchor::{self, Located};
use crate::case::{Case, MarkIds};
use crate::edit::Edit;
use crate::formats::{self, Incoming, LinkIn, Read, ReadError};
use crate::model::{
    Actor, AnnotatorId, ArticleId, CategoryId, Claim, LinkId, Links, Mark, MarkId, Timestamp,
    is_valid_id,
};
use crate::problem::CaseError;
use crate::text::{CharPos, CharRange, Utf16Pos};

/// The formats `import-marks` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarksFormat {
    Brat,
    W3c,
}

impl std::str::FromStr for MarksFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "brat" => Ok(MarksFormat::Brat),
            "w3c" => Ok(MarksFormat::W3c),
            _ => Err(format!("unknown format {s:?} (expected brat or w3c)")),
        }
    }
}

/// What an import is asked to do besides reading the files.
#[derive(Clone, Debug, Default)]
pub struct MarksOptions {
    /// The category of an annotation that names none (a W3C highlight,
    /// comment or link from another tool: `--category`).
    pub category: Option<CategoryId>,
}

/// What an import will do: the edit, and what it found on the way.
#[derive(Clone, Debug)]
pub struct MarksImport {
    /// Adds the annotators, every mark, their claims and actors, and the
    /// articles they marked done.
    pub edit: Edit,
    /// The new annotators, in the order added.
    pub annotators: Vec<AnnotatorId>,
    pub marks: usize,
    /// Articles marked done, over all the annotators.
    pub done: usize,
    pub claims: usize,
    pub actors: usize,
    /// Marks whose offsets were UTF-16 units, converted.
    pub converted_utf16: usize,
    /// Marks whose offsets did not fit the text, found by their quote.
    pub found_by_quote: usize,
    /// What was left out, and why.
    pub skipped: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MarksError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("the case already has an annotator {0:?}; marks are imported as a new annotator")]
    AnnotatorExists(String),
    #[error("{}: no marks found to import{}", .path.display(), reasons(.why))]
    Nothing { path: PathBuf, why: Vec<String> },
    #[error(
        "{}: this folder holds one sub-folder per annotator ({}), each imported as the annotator it is named after; leave out --annotator, or give the one sub-folder",
        .path.display(),
        .names.join(", ")
    )]
    AnnotatorFolders { path: PathBuf, names: Vec<String> },
    #[error("name the new annotator the marks become with --annotator")]
    NoAnnotator,
    #[error(transparent)]
    Case(#[from] CaseError),
}

/// Each reason on a line of its own, after the message.
fn reasons(why: &[String]) -> String {
    why.iter().map(|w| format!("\n  {w}")).collect()
}

/// Whether `dir` itself holds files of `format` (`.ann`; `.json`,
/// `.jsonld`), in any case of the extension.
fn holds_marks(format: MarksFormat, dir: &Path) -> bool {
    let exts: &[&str] = match format {
        MarksFormat::Brat => &["ann"],
        MarksFormat::W3c => &["json", "jsonld"],
    };
    crate::storage::list_dir(dir).is_ok_and(|listed| {
        listed.iter().any(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    exts.iter()
                        .any(|x| e.to_string_lossy().eq_ignore_ascii_case(x))
                })
        })
    })
}

/// Who the marks at `path` become, and where each one's files are: the
/// annotator named, for a file or a folder of files; or, for a folder with
/// no files of its own but sub-folders that have them (what `candor
/// export` writes), each such sub-folder as the annotator of its name.
pub fn sources(
    format: MarksFormat,
    path: &Path,
    annotator: Option<&AnnotatorId>,
) -> Result<Vec<(AnnotatorId, PathBuf)>, MarksError> {
    let per_annotator: Vec<PathBuf> = if path.is_dir() && !holds_marks(format, path) {
        crate::storage::list_dir(path)
            .map(|listed| {
                let mut subs: Vec<PathBuf> = listed
                    .into_iter()
                    .filter(|p| p.is_dir() && holds_marks(format, p))
                    .collect();
                subs.sort();
                subs
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let name = |p: &PathBuf| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    match annotator {
        Some(_) if !per_annotator.is_empty() => Err(MarksError::AnnotatorFolders {
            path: path.to_path_buf(),
            names: per_annotator.iter().map(name).collect(),
        }),
        Some(a) => Ok(vec![(a.clone(), path.to_path_buf())]),
        None if per_annotator.is_empty() => Err(MarksError::NoAnnotator),
        None => Ok(per_annotator
            .iter()
            .map(|p| (AnnotatorId::new(name(p)), p.clone()))
            .collect()),
    }
}

/// Reads `path` in `format` and builds the edit that adds its marks to
/// `case` as the new annotator `annotator`, or, with none named, as the
/// annotators of an export's sub-folders ([`sources`]). Nothing is changed
/// yet.
pub fn prepare(
    case: &Case,
    format: MarksFormat,
    path: &Path,
    annotator: Option<&AnnotatorId>,
    opts: &MarksOptions,
) -> Result<MarksImport, MarksError> {
    let mut all = MarksImport {
        edit: Edit::Group(Vec::new()),
        annotators: Vec::new(),
        marks: 0,
        done: 0,
        claims: 0,
        actors: 0,
        converted_utf16: 0,
        found_by_quote: 0,
        skipped: Vec::new(),
    };
    let mut edits = Vec::new();
    for (who, from) in sources(format, path, annotator)? {
        if !is_valid_id(who.as_str()) {
            return Err(CaseError::InvalidId {
                kind: crate::problem::IdKind::Annotator,
                id: who.to_string(),
            }
            .into());
        }
        if case.annotators().contains_key(&who) {
            return Err(MarksError::AnnotatorExists(who.to_string()));
        }
        let read = match format {
            MarksFormat::Brat => formats::brat::read(case, &from)?,
            MarksFormat::W3c => formats::w3c::read(case, &from, opts.category.as_ref())?,
        };
        if read.marks.is_empty() && read.done.is_empty() {
            return Err(MarksError::Nothing {
                path: from,
                why: read.skipped,
            });
        }
        let one = build(case, &who, read);
        edits.push(one.edit);
        all.annotators.push(who);
        all.marks += one.marks;
        all.done += one.done;
        all.claims += one.claims;
        all.actors += one.actors;
        all.converted_utf16 += one.converted_utf16;
        all.found_by_quote += one.found_by_quote;
        all.skipped.extend(one.skipped);
    }
    all.edit = Edit::Group(edits);
    Ok(all)
}

fn build(case: &Case, annotator: &AnnotatorId, read: Read) -> MarksImport {
    let mut skipped = read.skipped;
    let (mut converted_utf16, mut found_by_quote) = (0, 0);
    let mut taken: BTreeSet<MarkId> = BTreeSet::new();
    let mut fresh = MarkIds::for_annotator(case, annotator);
    let mut per_article: BTreeMap<ArticleId, Vec<Mark>> = BTreeMap::new();
    let mut claims: Vec<(Option<usize>, Claim)> = Vec::new();
    let mut actors: Vec<(Option<usize>, Actor)> = Vec::new();
    for inc in read.marks {
        let Some(text) = case.article_text(&inc.article) else {
            skipped.push(format!(
                "{}: the case has no readable article {:?}",
                inc.origin,
                inc.article.as_str()
            ));
            continue;
        };
        let range = match place(text, &inc) {
            Ok((range, how)) => {
                match how {
                    Placed::Utf16 => converted_utf16 += 1,
                    Placed::ByQuote => found_by_quote += 1,
                    Placed::AsGiven => {}
                }
                range
            }
            Err(why) => {
                skipped.push(format!("{}: {why}", inc.origin));
                continue;
            }
        };
        let id = match &inc.id {
            Some(id) if !taken.contains(id) => id.clone(),
            _ => loop {
                let id = fresh.next_id();
                if !taken.contains(&id) {
                    break id;
                }
            },
        };
        let Some(mut mark) = anchor::new_mark(text, id.clone(), range, inc.category.clone()) else {
            skipped.push(format!("{}: the span does not fit the text", inc.origin));
            continue;
        };
        taken.insert(id.clone());
        mark.attributes = inc.attributes;
        mark.note = inc.note;
        if let Some(c) = inc.created {
            mark.created = Timestamp(c);
        }
        mark.modified = inc.modified.map_or_else(|| mark.created.clone(), Timestamp);
        let with_notes = |links: &[LinkIn]| -> Vec<LinkIn> {
            links
                .iter()
                .map(|l| {
                    let mut l = l.clone();
                    if let Some((_, n)) = inc.link_notes.iter().find(|(id, _)| *id == l.id) {
                        l.note = Some(n.clone());
                    }
                    l
                })
                .collect()
        };
        for link in &with_notes(&inc.claims) {
            member(&mut claims, link, &id, |id, label| Claim {
                id,
                label,
                marks: Vec::new(),
                note: String::new(),
            });
        }
        for link in &with_notes(&inc.actors) {
            member(&mut actors, link, &id, |id, name| Actor {
                id,
                name,
                marks: Vec::new(),
                note: String::new(),
            });
        }
        per_article.entry(inc.article).or_default().push(mark);
    }
    let marks = per_article.values().map(Vec::len).sum();
    let mut edits = vec![Edit::AddAnnotator(annotator.clone())];
    // In the case's order of articles, each file's marks sorted as saved.
    for article in case.articles() {
        if let Some(mut marks) = per_article.remove(&article.meta.id) {
            marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            edits.push(Edit::AddMarks {
                annotator: annotator.clone(),
                article: article.meta.id.clone(),
                marks,
            });
        }
    }
    // In the order of the places the files give; the rest after them, in
    // the order their first mark was read.
    claims.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
    actors.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
    let mut done = 0;
    for article in case.articles() {
        if read.done.contains(&article.meta.id) {
            done += 1;
            edits.push(Edit::SetDone {
                annotator: annotator.clone(),
                article: article.meta.id.clone(),
                done: true,
            });
        }
    }
    let claims: Vec<Claim> = claims.into_iter().map(|(_, c)| c).collect();
    let actors: Vec<Actor> = actors.into_iter().map(|(_, a)| a).collect();
    let (n_claims, n_actors) = (claims.len(), actors.len());
    if n_claims + n_actors > 0 {
        edits.push(Edit::SetLinks {
            annotator: annotator.clone(),
            links: Links {
                claims,
                actors,
                ..Links::new()
            },
        });
    }
    MarksImport {
        edit: Edit::Group(edits),
        annotators: vec![annotator.clone()],
        marks,
        done,
        claims: n_claims,
        actors: n_actors,
        converted_utf16,
        found_by_quote,
        skipped,
    }
}

/// Something a mark can be linked into: a claim or an actor.
trait Group {
    fn id(&self) -> &LinkId;
    fn marks_mut(&mut self) -> &mut Vec<MarkId>;
    fn note_mut(&mut self) -> &mut String;
}

impl Group for Claim {
    fn id(&self) -> &LinkId {
        &self.id
    }
    fn marks_mut(&mut self) -> &mut Vec<MarkId> {
        &mut self.marks
    }
    fn note_mut(&mut self) -> &mut String {
        &mut self.note
    }
}

impl Group for Actor {
    fn id(&self) -> &LinkId {
        &self.id
    }
    fn marks_mut(&mut self) -> &mut Vec<MarkId> {
        &mut self.marks
    }
    fn note_mut(&mut self) -> &mut String {
        &mut self.note
    }
}

/// Puts `mark` into the group `link` names (made, with its label, the first
/// time it is seen), remembering the group's place if a file gives one.
fn member<G: Group>(
    groups: &mut Vec<(Option<usize>, G)>,
    link: &LinkIn,
    mark: &MarkId,
    make: impl FnOnce(LinkId, String) -> G,
) {
    let id = LinkId::new(link.id.as_str());
    let at = match groups.iter().position(|(_, g)| g.id() == &id) {
        Some(at) => at,
        None => {
            groups.push((link.position, make(id, link.label.clone())));
            groups.len() - 1
        }
    };
    let (place, group) = &mut groups[at];
    if place.is_none() {
        *place = link.position;
    }
    if let Some(note) = &link.note
        && group.note_mut().is_empty()
    {
        *group.note_mut() = note.clone();
    }
    let marks = group.marks_mut();
    if !marks.contains(mark) {
        marks.push(mark.clone());
    }
}

/// How a mark's span was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    AsGiven,
    Utf16,
    ByQuote,
}

/// The span of `inc` in the case's text, or why there is none.
fn place(text: &crate::text::ArticleText, inc: &Incoming) -> Result<(CharRange, Placed), String> {
    let given = CharRange::new(inc.start, inc.end);
    if given.is_empty() {
        return Err("the span is empty".into());
    }
    let Some(quote) = inc.quote.as_deref().filter(|q| !q.is_empty()) else {
        // Nothing to check against: the offsets must fit.
        return match text.slice(given) {
            Some(_) => Ok((given, Placed::AsGiven)),
            None => Err(format!(
                "{}..{} is past the end of the text ({} characters)",
                inc.start,
                inc.end,
                text.char_len()
            )),
        };
    };
    let same = |r: CharRange| text.slice(r).is_some_and(|s| same_words(s, quote));
    if same(given) {
        return Ok((given, Placed::AsGiven));
    }
    if inc.maybe_utf16 {
        let full = &text.text;
        let start = crate::text::char_of_utf16(full, Utf16Pos(inc.start));
        let end = crate::text::char_of_utf16(full, Utf16Pos(inc.end));
        if let (Some(CharPos(s)), Some(CharPos(e))) = (start, end) {
            let r = CharRange::new(s, e);
            if same(r) {
                return Ok((r, Placed::Utf16));
            }
        }
    }
    let probe = Mark {
        id: MarkId::new("probe"),
        category: inc.category.clone(),
        start: given.start,
        end: given.end,
        quote: quote.to_string(),
        prefix: inc.prefix.clone(),
        suffix: inc.suffix.clone(),
        review: None,
        attributes: BTreeMap::new(),
        note: String::new(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    };
    match anchor::locate(text, &probe) {
        Located::Intact => Ok((given, Placed::AsGiven)),
        Located::Moved { range, exact: true } => Ok((range, Placed::ByQuote)),
        Located::Moved { .. } => Err(format!(
            "the text at {}..{} is not {quote:?}, and only words like it were found",
            inc.start, inc.end
        )),
        Located::Orphan(why) => Err(format!(
            "the text at {}..{} is not {quote:?}, and it was not found elsewhere with confidence ({why})",
            inc.start, inc.end
        )),
    }
}

/// Whether the text and a tool's quote are the same words, white space
/// aside: brat joins the fragments of a span across a line break with one
/// space.
fn same_words(text: &str, quote: &str) -> bool {
    text == quote || text.split_whitespace().eq(quote.split_whitespace())
}
