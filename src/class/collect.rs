//! Taking gathered hand-ins into the instructor's case: each into
//! `marks/<student>/`, merged mark by mark with what is there (a mark of
//! the same id is the hand-in's version, a mark only the case has stays),
//! so nothing is lost and collecting the same files again changes nothing.
//!
//! What was collected for a student is recorded beside their marks, in
//! `marks/<student>/collected.candor-record` (docs/FORMAT.md): the name in
//! the hand-in, the LMS's id and folder for them, the latest hand-in's time
//! and the articles handed in. It is what tells "the same student again"
//! from "another student with the same name", and where feedback goes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::gather::{Found, Lms, Skip};
use super::handin::HandIn;
use super::{ClassError, text_hash};
use crate::case::{Case, reanchor_marks};
use crate::model::{AnnotatorId, ArticleId, DEFAULT_KEY, MARKS_DIR, Mark, Timestamp, is_valid_id};
use crate::storage;

/// The file beside a student's marks that records their hand-ins.
pub const RECORD_FILE: &str = "collected.candor-record";

/// How to collect.
#[derive(Clone, Debug, Default)]
pub struct CollectOptions {
    /// The name to file the (one) hand-in under, instead of its own.
    pub as_name: Option<AnnotatorId>,
    /// Say what would happen; change nothing.
    pub dry_run: bool,
}

/// What happened to each file found, in the order found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CollectReport {
    pub entries: Vec<Entry>,
    /// Files written, relative to the case folder.
    pub written: Vec<PathBuf>,
}

impl CollectReport {
    /// Whether any file was refused (the command then exits 1).
    pub fn refused(&self) -> bool {
        self.entries.iter().any(|e| e.status.is_refused())
    }

    /// The students whose hand-in was taken.
    pub fn students(&self) -> BTreeSet<&AnnotatorId> {
        self.entries
            .iter()
            .filter_map(|e| match &e.status {
                Status::Accepted { student, .. } => Some(student),
                _ => None,
            })
            .collect()
    }
}

/// One file and what happened to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub source: String,
    pub status: Status,
}

/// What happened to one file.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Taken into `marks/<student>/`. When the text changed since the
    /// hand-out, `moved` marks were re-anchored and `orphans` (article,
    /// quote, why) could not be placed; they are kept where they were.
    Accepted {
        student: AnnotatorId,
        articles: usize,
        marks: usize,
        moved: usize,
        orphans: Vec<String>,
        /// Articles of the hand-in that the case does not have (not taken).
        unknown: Vec<ArticleId>,
    },
    /// Made on another case: refused.
    OtherCase { found: String, expected: String },
    /// A later hand-in of the same student was kept instead.
    SameStudentTwice { student: AnnotatorId, kept: String },
    /// The name belongs to someone else in the case: refused unless
    /// collected `--as` another name.
    NameTaken { student: AnnotatorId, why: String },
    /// Not a hand-in: skipped.
    NotAHandIn { why: String },
    /// A hand-in or zip that cannot be taken (unreadable, unsafe): refused.
    Refused { why: String },
}

impl Status {
    pub fn is_refused(&self) -> bool {
        matches!(
            self,
            Status::OtherCase { .. } | Status::NameTaken { .. } | Status::Refused { .. }
        )
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.source)?;
        match &self.status {
            Status::Accepted {
                student,
                articles,
                marks,
                moved,
                orphans,
                unknown,
            } => {
                write!(
                    f,
                    "accepted: {student}, {}, {}",
                    plural(*articles, "article"),
                    plural(*marks, "mark")
                )?;
                if *moved > 0 || !orphans.is_empty() {
                    write!(
                        f,
                        "; text changed since the hand-out: {} re-anchored",
                        plural(*moved, "mark")
                    )?;
                    if !orphans.is_empty() {
                        write!(
                            f,
                            ", {} kept where they were: {}",
                            plural(orphans.len(), "orphan"),
                            orphans.join("; ")
                        )?;
                    }
                }
                if !unknown.is_empty() {
                    let ids: Vec<&str> = unknown.iter().map(ArticleId::as_str).collect();
                    write!(f, "; not in this case, not taken: {}", ids.join(", "))?;
                }
                Ok(())
            }
            Status::OtherCase { found, expected } => write!(
                f,
                "refused: made on another case (case {found}; this case is {expected})"
            ),
            Status::SameStudentTwice { student, kept } => write!(
                f,
                "the same student twice: {student}; the later hand-in was kept ({kept}), this one left out"
            ),
            Status::NameTaken { student, why } => write!(
                f,
                "refused: the name {student} is taken: {why} (collect this file alone with --as NAME)"
            ),
            Status::NotAHandIn { why } => write!(f, "skipped: {why}"),
            Status::Refused { why } => write!(f, "refused: {why}"),
        }
    }
}

/// `marks/<student>/collected.candor-record`: what collect took for a student.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Collected", deny_unknown_fields)]
pub struct Collected {
    pub format: u32,
    /// The name the student gave in their hand-in.
    pub student: AnnotatorId,
    /// The latest hand-in taken.
    pub made: Timestamp,
    /// The LMS's id of the student, when its download said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Moodle's folder for the student, where feedback goes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// Every article handed in, over all hand-ins taken.
    #[serde(default)]
    pub articles: BTreeSet<ArticleId>,
}

/// Where a student's record lives, relative to the case folder.
pub fn record_path(student: &AnnotatorId) -> PathBuf {
    Path::new(MARKS_DIR)
        .join(student.as_str())
        .join(RECORD_FILE)
}

/// A student's record, if collect wrote one and it reads.
pub fn read_record(case: &Case, student: &AnnotatorId) -> Option<Collected> {
    let path = case.root().join(record_path(student));
    if !path.is_file() {
        return None;
    }
    storage::read_text(&path, super::MAX_CLASS_FILE_BYTES)
        .ok()
        .and_then(|s| storage::parse_ron(&path, &s).ok())
}

/// A hand-in that passed the checks, waiting to be taken or passed over.
struct Candidate {
    at: usize,
    target: AnnotatorId,
    hand_in: HandIn,
    lms: Lms,
}

/// Takes the hand-ins `found` into `case`, says what happened to each, and
/// saves (unless `dry_run`).
pub fn apply(
    case: &mut Case,
    found: Vec<Found>,
    opts: &CollectOptions,
) -> Result<CollectReport, ClassError> {
    let expected = case.manifest().id.clone().ok_or(ClassError::NoCaseId)?;
    if let Some(name) = &opts.as_name {
        if !is_valid_id(name.as_str()) {
            return Err(ClassError::InvalidName(name.to_string()));
        }
        let n = found.iter().filter(|f| f.result.is_ok()).count();
        if n != 1 {
            return Err(ClassError::AsNeedsOne(n));
        }
    }
    let mut statuses: Vec<Option<Status>> = vec![None; found.len()];
    let mut sources = Vec::with_capacity(found.len());
    let mut groups: BTreeMap<AnnotatorId, Vec<Candidate>> = BTreeMap::new();
    for (at, f) in found.into_iter().enumerate() {
        sources.push(f.source);
        let status = match f.result {
            Err(Skip::NotAHandIn(why)) => Status::NotAHandIn { why },
            Err(Skip::Refused(why)) => Status::Refused { why },
            Ok(h) if h.case != expected => Status::OtherCase {
                found: h.case,
                expected: expected.clone(),
            },
            Ok(h) => {
                let target = opts.as_name.clone().unwrap_or_else(|| h.student.clone());
                if !is_valid_id(target.as_str()) {
                    Status::Refused {
                        why: format!(
                            "the student name {:?} cannot be a folder name; collect it with --as NAME",
                            target.as_str()
                        ),
                    }
                } else {
                    groups.entry(target.clone()).or_default().push(Candidate {
                        at,
                        target,
                        hand_in: h,
                        lms: f.lms,
                    });
                    continue;
                }
            }
        };
        statuses[at] = Some(status);
    }
    let mut records = Vec::new();
    for (target, candidates) in groups {
        let record = read_record(case, &target);
        let Some((kept, record)) =
            choose(case, &target, record, candidates, &mut statuses, &sources)
        else {
            continue;
        };
        let status = take(case, &kept.target, &kept.hand_in)?;
        statuses[kept.at] = Some(status);
        records.push((target, record));
    }
    let mut report = CollectReport::default();
    if !opts.dry_run {
        let saved = case.save().map_err(ClassError::Save)?;
        report.written = saved.written;
        report.written.extend(save_records(case.root(), &records)?);
    }
    report.entries = sources
        .into_iter()
        .zip(statuses)
        .map(|(source, status)| Entry {
            source,
            status: status.unwrap_or(Status::Refused {
                why: "not looked at".into(),
            }),
        })
        .collect();
    Ok(report)
}

/// Writes the records that differ from what is on disk, all at once (each
/// write is an fsync; a class's records are hundreds). Returns those written.
fn save_records(
    root: &Path,
    records: &[(AnnotatorId, Collected)],
) -> Result<Vec<PathBuf>, ClassError> {
    let mut files = Vec::new();
    for (target, record) in records {
        let rel = record_path(target);
        let text = storage::to_ron(record).map_err(|e| ClassError::Io {
            path: root.join(&rel),
            message: e.to_string(),
        })?;
        let now = storage::read_if_present(&root.join(&rel)).ok().flatten();
        if now.as_deref() != Some(text.as_str()) {
            files.push((rel, text));
        }
    }
    let refs: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(rel, text)| (rel.clone(), text.as_bytes()))
        .collect();
    let results = storage::write_all_inside(root, &refs, &crate::progress::Progress::none());
    let mut written = Vec::new();
    for ((rel, _), result) in files.into_iter().zip(results) {
        result.map_err(|e| ClassError::Io {
            path: root.join(&rel),
            message: e.to_string(),
        })?;
        written.push(rel);
    }
    Ok(written)
}

/// Of the hand-ins for one name, the one to take and the record it makes;
/// every other gets its status here: another student's (the name is
/// taken), or the same student's earlier one.
fn choose(
    case: &Case,
    target: &AnnotatorId,
    record: Option<Collected>,
    candidates: Vec<Candidate>,
    statuses: &mut [Option<Status>],
    sources: &[String],
) -> Option<(Candidate, Collected)> {
    let is_key = case.key() == Some(target) || target.as_str() == DEFAULT_KEY;
    let has_work = case.annotations(target).is_some_and(|a| !a.is_empty());
    // Who the name belongs to: the record's student, else the first hand-in's.
    let owner = record
        .as_ref()
        .map(|r| (r.student.clone(), r.user.clone()))
        .or_else(|| {
            candidates
                .first()
                .map(|c| (c.hand_in.student.clone(), c.lms.user.clone()))
        });
    let mut mine = Vec::new();
    for c in candidates {
        let why = if is_key {
            Some("it is the answer key's".to_string())
        } else if has_work && record.is_none() {
            Some(format!(
                "marks/{target}/ holds marks that were not collected from a hand-in"
            ))
        } else if let Some((student, user)) = &owner
            && (student != &c.hand_in.student
                || matches!((user, &c.lms.user), (Some(a), Some(b)) if a != b))
        {
            Some(match (user, &c.lms.user) {
                (Some(a), Some(b)) if a != b => {
                    format!(
                        "{target} is already the LMS's student {a}; this hand-in is student {b}'s"
                    )
                }
                _ => format!("{target} is already {student}'s"),
            })
        } else {
            None
        };
        match why {
            Some(why) => {
                statuses[c.at] = Some(Status::NameTaken {
                    student: target.clone(),
                    why,
                })
            }
            None => mine.push(c),
        }
    }
    // The latest hand-in wins; of two made the same second, the later found.
    let latest = mine
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| (&a.hand_in.made, i).cmp(&(&b.hand_in.made, j)))
        .map(|(i, _)| i)?;
    let kept = mine.swap_remove(latest);
    if let Some(r) = &record
        && r.made > kept.hand_in.made
    {
        let was = format!("the one collected before, made {}", r.made.0);
        statuses[kept.at] = Some(Status::SameStudentTwice {
            student: target.clone(),
            kept: was.clone(),
        });
        for c in mine {
            statuses[c.at] = Some(Status::SameStudentTwice {
                student: target.clone(),
                kept: was.clone(),
            });
        }
        return None;
    }
    for c in mine {
        statuses[c.at] = Some(Status::SameStudentTwice {
            student: target.clone(),
            kept: format!("{}, made {}", sources[kept.at], kept.hand_in.made.0),
        });
    }
    let mut articles = record
        .as_ref()
        .map(|r| r.articles.clone())
        .unwrap_or_default();
    articles.extend(
        kept.hand_in
            .articles
            .keys()
            .filter(|a| case.article(a).is_some())
            .cloned(),
    );
    let next = Collected {
        format: super::CLASS_FORMAT,
        student: kept.hand_in.student.clone(),
        made: kept.hand_in.made.clone(),
        user: kept
            .lms
            .user
            .clone()
            .or_else(|| record.as_ref().and_then(|r| r.user.clone())),
        folder: kept
            .lms
            .folder
            .clone()
            .or_else(|| record.as_ref().and_then(|r| r.folder.clone())),
        articles,
    };
    Some((kept, next))
}

/// Merges one hand-in into `marks/<target>/`, re-anchoring marks made on a
/// text that has changed since.
fn take(case: &mut Case, target: &AnnotatorId, h: &HandIn) -> Result<Status, ClassError> {
    let mut moved = 0;
    let mut orphans = Vec::new();
    let mut unknown = Vec::new();
    let mut articles = 0;
    let mut marks_taken = 0;
    for (article, a) in &h.articles {
        let Some(text) = case.article_text(article) else {
            unknown.push(article.clone());
            continue;
        };
        articles += 1;
        marks_taken += a.marks.len();
        let mut marks = a.marks.clone();
        if a.text != text_hash(&text.text) {
            let (m, lost) = reanchor_marks(text, &mut marks);
            moved += m;
            for (id, why) in lost {
                let quote = marks
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| crate::text::ellipsize(&x.quote, 40))
                    .unwrap_or_default();
                orphans.push(format!("{article} {quote:?} ({why})"));
            }
        }
        merge_marks(case, target, article, marks)?;
        if a.done && !case.is_done(target, article) {
            case.set_done(target, article, true)?;
        }
    }
    merge_links(case, target, h)?;
    Ok(Status::Accepted {
        student: target.clone(),
        articles,
        marks: marks_taken,
        moved,
        orphans,
        unknown,
    })
}

/// The hand-in's marks over the case's, by id; marks only the case has stay.
fn merge_marks(
    case: &mut Case,
    target: &AnnotatorId,
    article: &ArticleId,
    incoming: Vec<Mark>,
) -> Result<(), ClassError> {
    let existing = case.marks(target, article);
    let mut merged = existing.to_vec();
    for m in incoming {
        match merged.iter_mut().find(|e| e.id == m.id) {
            Some(e) => *e = m,
            None => merged.push(m),
        }
    }
    merged.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    if merged.as_slice() != case.marks(target, article) || case.annotations(target).is_none() {
        *case.marks_mut(target, article)? = merged;
    }
    Ok(())
}

/// The hand-in's claims and actors over the case's, by id.
fn merge_links(case: &mut Case, target: &AnnotatorId, h: &HandIn) -> Result<(), ClassError> {
    let mut links = case
        .links(target)
        .cloned()
        .unwrap_or_else(crate::model::Links::new);
    let before = links.clone();
    for claim in &h.links.claims {
        match links.claims.iter_mut().find(|c| c.id == claim.id) {
            Some(c) => *c = claim.clone(),
            None => links.claims.push(claim.clone()),
        }
    }
    for actor in &h.links.actors {
        match links.actors.iter_mut().find(|a| a.id == actor.id) {
            Some(a) => *a = actor.clone(),
            None => links.actors.push(actor.clone()),
        }
    }
    if links != before {
        *case.links_mut(target)? = links;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_statuses_are_other_case_name_taken_and_refused() {
        let s = |status| Entry {
            source: "x".into(),
            status,
        };
        assert!(
            s(Status::OtherCase {
                found: "c1".into(),
                expected: "c2".into()
            })
            .status
            .is_refused()
        );
        assert!(
            !s(Status::NotAHandIn { why: "pdf".into() })
                .status
                .is_refused()
        );
        let twice = s(Status::SameStudentTwice {
            student: AnnotatorId::new("ana"),
            kept: "b".into(),
        });
        assert!(!twice.status.is_refused());
        assert!(twice.to_string().contains("the same student twice: ana"));
    }
}
