//! `candor export` and the window's File > Export: a case's marks written
//! to a folder in the formats people send and other tools read. Each format
//! has its own file (`marks::html`, `marks::csv`, and `crate::formats`'s
//! `w3c` and `brat`); this one chooses the annotators, names the files and
//! writes them through `export::folder`, which refuses a folder holding the
//! user's own files (unless told they may be replaced) and writes each file
//! through `storage::write_output`, so nothing lands outside the folder the
//! user chose. An export of some articles is made from a case that holds
//! only them (`Snapshot::keeping`), so every format covers just those.
//!
//! Layout of the folder:
//! - html: `report.html`, every annotator asked for in one page;
//! - csv: `marks.csv`, one row per mark of every annotator asked for;
//! - w3c: `<annotator>/<article>.jsonld`, one AnnotationCollection each;
//! - brat: `<annotator>/<article>.txt` and `.ann`, with `annotation.conf`
//!   and `visual.conf` beside them;
//! - docx: `<article>.docx`, every annotator asked for as comments
//!   (`export::docx`, which also chooses articles and highlighting);
//! - and `.candor-export` (`folder::MARKER`), which marks the folder as
//!   Candor's, so the next export replaces these files without asking.

use std::path::{Path, PathBuf};

use super::docx::{self, DocxError};
use super::folder::{self, FolderError, Replace};
use crate::case::Case;
use crate::formats::{brat, w3c};
use crate::model::{AnnotatorId, is_valid_id};
use crate::progress::{Cancelled, Progress};

/// The formats `candor export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileFormat {
    Html,
    Csv,
    W3c,
    Brat,
    Docx,
}

impl FileFormat {
    pub const ALL: [FileFormat; 5] = [
        FileFormat::Html,
        FileFormat::Csv,
        FileFormat::W3c,
        FileFormat::Brat,
        FileFormat::Docx,
    ];

    /// The name on the command line (`--format w3c`).
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Html => "html",
            FileFormat::Csv => "csv",
            FileFormat::W3c => "w3c",
            FileFormat::Brat => "brat",
            FileFormat::Docx => "docx",
        }
    }

    /// What it is, for the window's choice and `--help`.
    pub fn describe(self) -> &'static str {
        match self {
            FileFormat::Html => {
                "an HTML report to send or print: the texts with their marks, notes as footnotes, counts, claims and actors"
            }
            FileFormat::Csv => "a spreadsheet: one row per mark with every field",
            FileFormat::W3c => {
                "W3C Web Annotation JSON-LD, one collection per article (for annotation tools and scripts)"
            }
            FileFormat::Brat => {
                "brat standoff files (.txt + .ann per article, with annotation.conf and visual.conf)"
            }
            FileFormat::Docx => {
                "Word documents, one per article, each mark a comment on its words (to send the writer)"
            }
        }
    }
}

impl std::str::FromStr for FileFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FileFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown format {s:?} (expected html, csv, w3c, brat or docx)"))
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportReport {
    /// Every file written, in the order written.
    pub files: Vec<PathBuf>,
    /// The marks exported.
    pub marks: usize,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The folder holds the user's files, or a file could not be written.
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("{0:?} cannot name a file or folder of the export")]
    BadName(String),
    #[error("the case has no annotator {0:?}")]
    NoAnnotator(String),
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Docx(#[from] DocxError),
    /// Stopped before anything was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled(#[from] Cancelled),
}

/// The annotators an export covers: those asked for, in the case's order,
/// or every annotator when none is asked for.
pub fn annotators(case: &Case, asked: &[AnnotatorId]) -> Result<Vec<AnnotatorId>, ExportError> {
    if let Some(a) = asked.iter().find(|a| !case.annotators().contains_key(*a)) {
        return Err(ExportError::NoAnnotator(a.to_string()));
    }
    Ok(case
        .annotators()
        .keys()
        .filter(|a| asked.is_empty() || asked.contains(a))
        .cloned()
        .collect())
}

/// One file of an export, made but not yet written.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The sub-folder it goes in (an annotator's, for w3c and brat).
    pub folder: Option<String>,
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Output {
    /// Where it goes, relative to the export's folder.
    pub fn path(&self) -> PathBuf {
        match &self.folder {
            Some(sub) => Path::new(sub).join(&self.name),
            None => PathBuf::from(&self.name),
        }
    }
}

/// Makes every file of an export of `asked`'s marks (every annotator if
/// empty) in `format`, in memory.
pub fn render(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
) -> Result<Vec<Output>, ExportError> {
    render_with_progress(case, format, asked, &Progress::none())
}

/// [`render`], as the stage "making the files" of `progress`: one step
/// per annotator for the HTML report, one for the CSV, one per annotator
/// and article for w3c and brat, checked for a cancel before each.
pub fn render_with_progress(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
    progress: &Progress,
) -> Result<Vec<Output>, ExportError> {
    let who = annotators(case, asked)?;
    progress.stage(
        "making the files",
        match format {
            FileFormat::Html => who.len(),
            FileFormat::Csv => 1,
            FileFormat::W3c | FileFormat::Brat => who.len() * case.articles().len(),
            FileFormat::Docx => case.articles().len(),
        },
    );
    progress.check()?;
    let mut out = Vec::new();
    let mut put = |folder: Option<&str>, name: String, bytes: Vec<u8>| {
        out.push(Output {
            folder: folder.map(str::to_string),
            name,
            bytes,
        });
    };
    match format {
        FileFormat::Docx => {
            for (id, bytes) in docx::render(case, &who, &docx::Choice::default(), progress)? {
                put(None, format!("{}.docx", named(id.as_str())?), bytes);
            }
        }
        FileFormat::Html => put(
            None,
            "report.html".into(),
            super::marks::html::page_with_progress(case, &who, progress)?.into_bytes(),
        ),
        FileFormat::Csv => put(
            None,
            "marks.csv".into(),
            super::marks::csv::marks(case, &who)?.into_bytes(),
        ),
        FileFormat::W3c | FileFormat::Brat => {
            for a in &who {
                let sub = Some(named(a.as_str())?);
                if format == FileFormat::Brat {
                    put(
                        sub,
                        "annotation.conf".into(),
                        brat::annotation_conf(case.schema()).into_bytes(),
                    );
                    put(
                        sub,
                        "visual.conf".into(),
                        brat::visual_conf(case.schema()).into_bytes(),
                    );
                }
                for article in case.articles() {
                    progress.check()?;
                    let stem = named(article.meta.id.as_str())?;
                    if format == FileFormat::W3c {
                        let json = w3c::collection(case, a, article);
                        put(
                            sub,
                            format!("{stem}.jsonld"),
                            super::json(&json)?.into_bytes(),
                        );
                    } else if let Some(text) = &article.text {
                        put(sub, format!("{stem}.txt"), text.text.clone().into_bytes());
                        put(
                            sub,
                            format!("{stem}.ann"),
                            brat::ann(case, a, article).into_bytes(),
                        );
                    }
                    progress.step();
                }
            }
        }
    }
    if format == FileFormat::Csv {
        progress.step();
    }
    Ok(out)
}

/// Writes the marks of `asked` (every annotator if empty) in `format` into
/// `dir`, made if missing; refused if `dir` holds files Candor did not
/// write (`folder::may_write`). What the window's Export calls.
pub fn write(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
    dir: &Path,
) -> Result<ExportReport, ExportError> {
    write_replacing(case, format, asked, dir, Replace::OnlyCandors)
}

/// [`write`], with what may be replaced in a folder Candor did not write
/// (`--force` is [`Replace::Anything`]).
pub fn write_replacing(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
    dir: &Path,
    replace: Replace,
) -> Result<ExportReport, ExportError> {
    write_with_progress(case, format, asked, dir, replace, &Progress::none())
}

/// [`write_replacing`], each file made one step of the stage "exporting"
/// of `progress`, then the files written as the stage "writing". A cancel
/// is honoured only while the files are made, in memory, so a cancelled
/// export writes nothing; once writing begins it writes every file.
pub fn write_with_progress(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
    dir: &Path,
    replace: Replace,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    let who = annotators(case, asked)?;
    let marks = who
        .iter()
        .filter_map(|a| case.annotations(a))
        .map(|a| a.mark_count())
        .sum();
    let outputs = render_with_progress(case, format, &who, progress)?;
    write_outputs(&outputs, marks, dir, replace, progress)
}

/// The Word documents of `choice`'s articles (every article if it names
/// none) with the marks of `asked` (every annotator if empty) as comments,
/// written into `dir` as [`write_with_progress`] writes.
pub fn write_docx(
    case: &Case,
    asked: &[AnnotatorId],
    choice: &docx::Choice,
    dir: &Path,
    replace: Replace,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    let who = annotators(case, asked)?;
    let articles = docx::chosen(case, choice)?;
    let marks = who
        .iter()
        .flat_map(|a| articles.iter().map(move |art| (a, art)))
        .map(|(a, art)| case.marks(a, &art.meta.id).len())
        .sum();
    progress.stage("making the files", articles.len());
    let mut outputs = Vec::new();
    for (id, bytes) in docx::render(case, &who, choice, progress)? {
        outputs.push(Output {
            folder: None,
            name: format!("{}.docx", named(id.as_str())?),
            bytes,
        });
    }
    write_outputs(&outputs, marks, dir, replace, progress)
}

fn write_outputs(
    outputs: &[Output],
    marks: usize,
    dir: &Path,
    replace: Replace,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    progress.check()?;
    progress.stage("writing", 1);
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .map(|o| (o.path(), o.bytes.as_slice()))
        .collect();
    let files = folder::write_all(dir, &files, replace)?;
    progress.step();
    Ok(ExportReport { files, marks })
}

/// The files an export of `asked` in `format` would write, relative to its
/// folder: what `folder::may_write` is asked about before writing (the
/// window asks the user with them).
pub fn names(
    case: &Case,
    format: FileFormat,
    asked: &[AnnotatorId],
) -> Result<Vec<PathBuf>, ExportError> {
    Ok(render(case, format, asked)?
        .iter()
        .map(Output::path)
        .collect())
}

/// An id as a file or folder name, refused if it could not be one safely.
fn named(id: &str) -> Result<&str, ExportError> {
    if is_valid_id(id) {
        Ok(id)
    } else {
        Err(ExportError::BadName(id.to_string()))
    }
}
