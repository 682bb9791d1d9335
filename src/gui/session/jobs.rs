//! The session's work off the UI thread (`work`): an import of files, the
//! clipboard made an article, an export, started here and taken in here
//! once done. One at a time: while one runs, another is refused with a
//! note. Reading and writing happen on the worker; adding articles,
//! choosing ids and telling the user happen on the UI thread. A child of
//! `session`, so it sees the session's fields.

use std::path::PathBuf;

use super::work::{ExportFailed, Finished, Poll, Work};
use super::*;
use crate::export::files::{self, ExportReport, FileFormat};
use crate::export::folder::{self, Replace};

/// A file's name for the progress line and messages.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// How to wake the window from a worker (each step is drawn at once).
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

impl Session {
    /// Whether work is running; if so the user is told to wait for it.
    pub(super) fn busy(&mut self, now_secs: f64) -> bool {
        let Some(w) = &self.work else { return false };
        let message = format!(
            "{} is still running: wait for it or cancel it first",
            w.title
        );
        self.notifications.warn(message, now_secs);
        true
    }

    /// Reads `paths` on a worker, to be taken in by [`Session::finish_import`].
    pub fn start_import(
        &mut self,
        paths: Vec<PathBuf>,
        options: ImportOptions,
        wake: Wake,
        now_secs: f64,
    ) {
        if paths.is_empty() || self.busy(now_secs) {
            return;
        }
        let title = match paths.as_slice() {
            [one] => format!("Importing {}", file_name(one)),
            many => format!("Importing {} files", many.len()),
        };
        let total = paths.len();
        self.work = Some(Work::spawn(
            title,
            total,
            move || wake(),
            move |r| {
                let mut read = Vec::new();
                for (i, path) in paths.iter().enumerate() {
                    if r.cancelled() {
                        break;
                    }
                    r.at(format!("Reading {}", file_name(path)), i);
                    let got = import::read_file(path, &options).map_err(|e| e.to_string());
                    read.push((path.clone(), got));
                }
                r.at("Done", read.len());
                Finished::Imported(read)
            },
        ));
    }

    /// Takes in the files an import read: web pages, Word documents, and a
    /// text file imported alone, are returned with their names, to be shown
    /// before they are added; the text files of an import of several are
    /// added at once (and saved). Each file that could not be read is said.
    pub fn finish_import(
        &mut self,
        read: Vec<(PathBuf, Result<import::Prepared, String>)>,
        now_secs: f64,
    ) -> Vec<(import::Prepared, String)> {
        let mut pages = Vec::new();
        let mut added = Vec::new();
        let alone = read.len() == 1;
        for (path, got) in read {
            match got {
                Ok(prepared) if prepared.from_page || prepared.word.is_some() || alone => {
                    pages.push((prepared, file_name(&path)));
                }
                Ok(prepared) => match import::add(&mut self.case, &prepared) {
                    Ok(id) => added.push((id, path)),
                    Err(e) => self.report(&e, now_secs),
                },
                Err(e) => self.notifications.error(e, now_secs),
            }
        }
        // One save and one message for the lot: a save per file would
        // write case.ron once per file, on the UI thread.
        if let Some((id, path)) = added.last() {
            let said = match added.len() {
                1 => format!("Imported {} as {}", path.display(), self.article_called(id)),
                n => format!(
                    "Imported {n} files as articles, the last {}",
                    self.article_ref(id)
                ),
            };
            let id = id.clone();
            self.set_article(&id);
            self.save(now_secs);
            self.notifications.note(said, now_secs);
        }
        pages
    }

    /// Makes an article of the clipboard's text on a worker (a pasted web
    /// page's source can take long to extract).
    pub fn start_paste(&mut self, text: String, wake: Wake, now_secs: f64) {
        if self.busy(now_secs) {
            return;
        }
        self.work = Some(Work::spawn(
            "Reading the clipboard",
            1,
            move || wake(),
            move |r| {
                r.at("Finding the article in the clipboard's text", 0);
                let got =
                    import::read_pasted_unnamed("the clipboard", &text, &ImportOptions::default())
                        .map_err(|e| e.to_string());
                Finished::Pasted(got)
            },
        ));
    }

    /// The clipboard's article, named in this case, to be shown before it
    /// is added; or the reason there is none, said.
    pub fn finish_paste(
        &mut self,
        got: Result<import::Prepared, String>,
        now_secs: f64,
    ) -> Option<import::Prepared> {
        match got {
            Ok(mut prepared) => {
                import::name_pasted(&self.case, &mut prepared);
                Some(prepared)
            }
            Err(e) => {
                self.notifications.error(e, now_secs);
                None
            }
        }
    }

    /// Writes the marks of `annotators` on `articles` (every article if
    /// empty) into `folder` on a worker (File > Export). The worker makes the files from a snapshot of the case
    /// (a report of a large class takes long), checks the folder
    /// (`folder::may_write`: a folder of the user's is refused unless
    /// `replace` says otherwise) and writes them one by one. Cancelled
    /// while making the files, it writes nothing; while writing, it stops
    /// before the next file.
    #[allow(clippy::too_many_arguments)] // the choices of the export dialog, each its own
    pub fn start_export(
        &mut self,
        format: FileFormat,
        annotators: Vec<AnnotatorId>,
        articles: Vec<ArticleId>,
        dir: PathBuf,
        replace: Replace,
        wake: Wake,
        now_secs: f64,
    ) {
        if self.busy(now_secs) {
            return;
        }
        let who = match files::annotators(&self.case, &annotators) {
            Ok(who) => who,
            Err(e) => {
                let message = format!("Export failed: {e}");
                return self.notifications.error(message, now_secs);
            }
        };
        // Under blind reading the files name no outlet either; the
        // articles kept are found by their place, before they are renamed.
        let places: Vec<usize> = self
            .case
            .articles()
            .iter()
            .enumerate()
            .filter(|(_, a)| articles.contains(&a.meta.id))
            .map(|(i, _)| i)
            .collect();
        let mut case = if self.blind() {
            self.case.blinded()
        } else {
            self.case.snapshot()
        };
        if !articles.is_empty() {
            let kept: Vec<ArticleId> = places
                .iter()
                .map(|&i| case.articles()[i].meta.id.clone())
                .collect();
            case = case.keeping(&kept);
        }
        let marks: usize = who
            .iter()
            .filter_map(|a| case.annotations(a))
            .map(|a| a.mark_count())
            .sum();
        let title = format!("Exporting {} into {}", format.name(), dir.display());
        let mut work = Work::spawn(
            title,
            0,
            move || wake(),
            move |r| {
                let write = || -> Result<ExportReport, ExportFailed> {
                    let outputs = files::render_with_progress(&case, format, &who, r.progress())?;
                    drop(case);
                    let names: Vec<PathBuf> = outputs.iter().map(files::Output::path).collect();
                    folder::may_write(&dir, &names, replace).map_err(files::ExportError::from)?;
                    let mut report = ExportReport {
                        files: Vec::new(),
                        marks,
                    };
                    let total = outputs.len();
                    for (i, (output, name)) in outputs.iter().zip(&names).enumerate() {
                        if r.cancelled() {
                            break;
                        }
                        r.at_of(format!("Writing {}", name.display()), i, total);
                        // The first file marks a free folder as Candor's; after
                        // it the folder is Candor's, or the user said yes.
                        let now = if i == 0 { replace } else { Replace::Anything };
                        let one = [(name.clone(), output.bytes.as_slice())];
                        let written =
                            folder::write_all(&dir, &one, now).map_err(files::ExportError::from)?;
                        report.files.extend(written);
                    }
                    Ok(report)
                };
                let result = write();
                Finished::Exported {
                    format,
                    annotators,
                    articles,
                    folder: dir.clone(),
                    result,
                }
            },
        );
        work.after_cancel = "no file was written after it";
        self.work = Some(work);
    }

    /// Says what an export wrote, or why not. A folder of the user's is
    /// returned (what would be replaced, what it holds), for the window to
    /// ask about.
    pub fn finish_export(
        &mut self,
        format: FileFormat,
        dir: &Path,
        result: Result<ExportReport, ExportFailed>,
        now_secs: f64,
    ) -> Option<(Vec<PathBuf>, Vec<String>)> {
        match result {
            Ok(report) => self.notifications.note(
                format!(
                    "Exported {} mark(s) as {} into {} ({} file(s))",
                    report.marks,
                    format.name(),
                    dir.display(),
                    report.files.len()
                ),
                now_secs,
            ),
            Err(ExportFailed::Refused {
                would_replace,
                holds,
            }) => return Some((would_replace, holds)),
            Err(ExportFailed::Error(e)) => self
                .notifications
                .error(format!("Export failed: {e}"), now_secs),
        }
        None
    }

    /// Stops the work running, keeping nothing it made.
    pub fn cancel_work(&mut self, now_secs: f64) {
        if let Some(w) = self.work.take() {
            w.cancel();
            self.notifications.note(
                format!("{} cancelled; {}", w.title, w.after_cancel),
                now_secs,
            );
        }
    }

    /// The work's result once it is done, as the action that applies it.
    pub fn poll_work(&mut self, now_secs: f64) -> Option<Finished> {
        let polled = self.work.as_ref()?.poll();
        match polled {
            Poll::Running => None,
            Poll::Done(finished) => {
                self.work = None;
                Some(*finished)
            }
            Poll::Lost => {
                let w = self.work.take()?;
                self.notifications.error(
                    format!(
                        "{} stopped without finishing (a bug in Candor; please report it)",
                        w.title
                    ),
                    now_secs,
                );
                None
            }
        }
    }
}
