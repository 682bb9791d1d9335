//! The student copy: what a student gets of a case. It is written fresh
//! from what the case holds (never by copying its folder), so only what is
//! named here can be in it: `case.ron` without the key and with the
//! hand-out (case id, when, a hash of each text), the schema, the article
//! texts, and an annotator's marks only when the instructor includes them
//! on purpose. The key is refused there.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{ClassError, fingerprint};
use crate::case::{Case, FileKey};
use crate::model::{
    ARTICLES_DIR, AnnotatorId, DEFAULT_KEY, FORMAT_VERSION, Handout, MANIFEST_FILE, MARKS_DIR,
    Manifest, MarkFile, Timestamp,
};
use crate::storage;

/// What to put in a student copy besides the case itself.
#[derive(Clone, Debug, Default)]
pub struct HandoutOptions {
    /// Annotators whose marks go in too, as a worked example (never the key).
    pub include: Vec<AnnotatorId>,
    /// Also write the copy as one zip file here (for an LMS upload).
    pub zip: Option<PathBuf>,
}

/// What `write_student_copy` wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoutReport {
    pub case_id: String,
    pub out: PathBuf,
    pub zip: Option<PathBuf>,
    pub articles: usize,
    pub included: Vec<AnnotatorId>,
}

impl fmt::Display for HandoutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "student copy of {} article{} written to {}",
            self.articles,
            if self.articles == 1 { "" } else { "s" },
            self.out.display()
        )?;
        if let Some(zip) = &self.zip {
            write!(f, " and {}", zip.display())?;
        }
        if !self.included.is_empty() {
            let names: Vec<&str> = self.included.iter().map(AnnotatorId::as_str).collect();
            write!(f, ", with the marks of {}", names.join(", "))?;
        }
        write!(f, " (case id {})", self.case_id)
    }
}

/// Writes the student copy of `case` into the folder `out` (new, empty, or
/// a student copy of this case made before) and, if asked, a zip of it.
/// Gives the case its id first if it has none (saving `case.ron`).
pub fn write_student_copy(
    case: &mut Case,
    out: &Path,
    opts: &HandoutOptions,
) -> Result<HandoutReport, ClassError> {
    if case.student_copy().is_some() {
        return Err(ClassError::Io {
            path: case.root().join(MANIFEST_FILE),
            message: "is a student copy already; make student copies from the instructor's case"
                .into(),
        });
    }
    let key = case.key().cloned();
    for name in &opts.include {
        if Some(name) == key.as_ref() || name.as_str() == DEFAULT_KEY {
            return Err(ClassError::KeyIncluded(name.clone()));
        }
        if case.annotations(name).is_none() {
            return Err(ClassError::UnknownAnnotator(name.clone()));
        }
    }
    refuse_inside(case.root(), out)?;
    if let Some(zip) = &opts.zip {
        refuse_inside(case.root(), zip)?;
    }
    let id = ensure_case_id(case)?;
    check_out_folder(out, &id)?;
    let files = student_files(case, &id, &opts.include)?;
    storage::create_case_dir(out).map_err(|e| ClassError::io(out, &e))?;
    // Every file but case.ron at once (each write is an fsync), then
    // case.ron: a copy cut short does not open as a whole one.
    let (manifest, rest) = files.split_last().ok_or_else(|| ClassError::Io {
        path: out.to_path_buf(),
        message: "nothing to write".into(),
    })?;
    let refs: Vec<(PathBuf, &[u8])> = rest
        .iter()
        .map(|(rel, bytes)| (rel.clone(), bytes.as_slice()))
        .collect();
    let written = storage::write_all_inside(out, &refs, &crate::progress::Progress::none());
    for ((rel, _), result) in refs.iter().zip(written) {
        result.map_err(|e| ClassError::Io {
            path: out.join(rel),
            message: e.to_string(),
        })?;
    }
    storage::write_inside(out, &manifest.0, &manifest.1).map_err(|e| ClassError::Io {
        path: out.join(&manifest.0),
        message: e.to_string(),
    })?;
    storage::create_dir_inside(out, Path::new(MARKS_DIR)).map_err(|e| ClassError::Io {
        path: out.join(MARKS_DIR),
        message: e.to_string(),
    })?;
    if let Some(zip) = &opts.zip {
        let top = out.file_name().map_or_else(
            || "student-copy".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        write_zip(zip, &top, &files)?;
    }
    Ok(HandoutReport {
        case_id: id,
        out: out.to_path_buf(),
        zip: opts.zip.clone(),
        articles: case.articles().len(),
        included: opts.include.clone(),
    })
}

/// The case's id, made and saved now if it has none.
fn ensure_case_id(case: &mut Case) -> Result<String, ClassError> {
    if let Some(id) = &case.manifest().id {
        return Ok(id.clone());
    }
    let id = crate::case::new_case_id();
    case.manifest_mut()?.id = Some(id.clone());
    case.save().map_err(ClassError::Save)?;
    Ok(id)
}

/// Refuses a place inside the case folder (the copy would become part of
/// the case, key and all, the next time it is handed out).
fn refuse_inside(root: &Path, out: &Path) -> Result<(), ClassError> {
    let real = |p: &Path| -> Option<PathBuf> {
        // The nearest folder that exists, made real, with the rest added.
        let mut rest = Vec::new();
        let mut at = p.to_path_buf();
        loop {
            if let Ok(r) = at.canonicalize() {
                return Some(rest.into_iter().rev().fold(r, |acc, n| acc.join(n)));
            }
            rest.push(at.file_name()?.to_os_string());
            at = match at.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
        }
    };
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| ClassError::io(out, &e))?
            .join(out)
    };
    match (real(root), real(&absolute)) {
        (Some(root), Some(out_real)) if out_real.starts_with(&root) => {
            Err(ClassError::InsideCase(out.to_path_buf()))
        }
        _ => Ok(()),
    }
}

/// Refuses a folder holding anything but an earlier student copy of this
/// same case (which is written over, file by file).
fn check_out_folder(out: &Path, id: &str) -> Result<(), ClassError> {
    if storage::is_empty_or_missing(out).map_err(|e| ClassError::io(out, &e))? {
        return Ok(());
    }
    let manifest = out.join(MANIFEST_FILE);
    match storage::read_ron::<Manifest>(&manifest) {
        Ok((m, _)) if m.handout.as_ref().is_some_and(|h| h.case == id) => Ok(()),
        _ => Err(ClassError::NotEmpty(out.to_path_buf())),
    }
}

/// Every file of the student copy, relative to its folder, in the order
/// written (texts first, `case.ron` last, so a copy cut short does not
/// open as a whole one).
fn student_files(
    case: &Case,
    id: &str,
    include: &[AnnotatorId],
) -> Result<Vec<(PathBuf, Vec<u8>)>, ClassError> {
    let ron = |v: Result<String, ron::Error>| {
        v.map(String::into_bytes).map_err(|e| ClassError::Io {
            path: PathBuf::from(MANIFEST_FILE),
            message: e.to_string(),
        })
    };
    let print = fingerprint(case);
    let mut files = Vec::new();
    let mut manifest = case.manifest().clone();
    manifest.key = None;
    manifest.id = None;
    manifest.format = FORMAT_VERSION;
    manifest.schema = "schema.ron".into();
    for article in &mut manifest.articles {
        article.file = format!("{ARTICLES_DIR}/{}.txt", article.id);
        if let Some(text) = case.article_text(&article.id) {
            files.push((PathBuf::from(&article.file), text.text.clone().into_bytes()));
        }
    }
    manifest.handout = Some(Handout {
        case: id.to_string(),
        made: Timestamp::now(),
        articles: print.articles,
        student: None,
        feedback: BTreeSet::new(),
    });
    files.push((
        PathBuf::from("schema.ron"),
        ron(storage::to_ron(case.schema()))?,
    ));
    for name in include {
        let Some(work) = case.annotations(name) else {
            continue;
        };
        let folder = Path::new(MARKS_DIR).join(name.as_str());
        let articles: BTreeSet<_> = work.marks.keys().chain(&work.done).collect();
        for article in articles {
            if case.article(article).is_none() {
                continue;
            }
            let file = MarkFile {
                format: FORMAT_VERSION,
                done: work.done.contains(article),
                marks: case.marks(name, article).to_vec(),
            };
            files.push((
                folder.join(format!("{article}.ron")),
                ron(storage::to_ron(&file))?,
            ));
        }
        if !work.links.is_empty() {
            files.push((
                case.path_of(&FileKey::Links(name.clone())),
                ron(storage::to_ron(&work.links))?,
            ));
        }
    }
    files.push((
        PathBuf::from(MANIFEST_FILE),
        ron(storage::to_ron(&manifest))?,
    ));
    Ok(files)
}

/// The student copy as one zip, every file under the folder `top`, so it
/// unpacks into one folder.
fn write_zip(path: &Path, top: &str, files: &[(PathBuf, Vec<u8>)]) -> Result<(), ClassError> {
    let mut entries: Vec<(String, &[u8])> = files
        .iter()
        .map(|(rel, bytes)| (format!("{top}/{}", unix(rel)), bytes.as_slice()))
        .collect();
    // An empty marks folder, for the student's marks.
    entries.push((format!("{top}/{MARKS_DIR}/"), &[]));
    let bytes = super::zip_files(&entries).map_err(|message| ClassError::Io {
        path: path.to_path_buf(),
        message,
    })?;
    super::handin::write_file(path, &bytes)
}

/// A relative path with `/` between its names, as zip entries are named.
fn unix(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_inside_the_case_is_refused_however_the_path_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("case");
        std::fs::create_dir_all(root.join("marks")).expect("mkdir");
        for inside in [
            root.join("copy"),
            root.join("marks/new/deeper"),
            dir.path().join("case/../case/copy"),
            root.clone(),
        ] {
            assert!(
                matches!(
                    refuse_inside(&root, &inside),
                    Err(ClassError::InsideCase(_))
                ),
                "{}",
                inside.display()
            );
        }
        for outside in [
            dir.path().join("copy"),
            dir.path().join("case-copy"),
            root.join("../copy"),
        ] {
            assert!(
                refuse_inside(&root, &outside).is_ok(),
                "{}",
                outside.display()
            );
        }
    }

    #[test]
    fn the_report_says_what_was_written_and_where() {
        let report = HandoutReport {
            case_id: "c1".into(),
            out: PathBuf::from("copy"),
            zip: Some(PathBuf::from("copy.zip")),
            articles: 1,
            included: vec![AnnotatorId::new("amara")],
        };
        assert_eq!(
            report.to_string(),
            "student copy of 1 article written to copy and copy.zip, with the marks of amara (case id c1)"
        );
    }
}
