//! Work the window does off its UI thread: reading files to import (a
//! saved web page can take long to extract), making an article of the
//! clipboard's text, making and writing an export, and the grades and
//! agreement a view shows (`views::computed`, which hands back its figures
//! rather than an action). A worker thread does the reading
//! and writing and reports what it is at (`Progress`, n of N); the window
//! keeps drawing, shows that line with a Cancel, and takes the result as
//! an `Action` once the worker is done. The case itself is only ever
//! changed on the UI thread, from that result: a worker reads files and
//! writes an export's files, never the case's.
//!
//! Cancel stops the worker before its next file and drops whatever it has
//! read, so nothing half-read is added; the worker's thread, if it is in
//! the middle of one long page, ends on its own and its result is thrown
//! away. Nothing here knows egui: the app hands in how to wake the window.
//!
//! What a worker is at is the core's own `progress::Progress`, the same the
//! command line draws as a bar: its watcher here only wakes the window, and
//! the status bar reads the stage's message and counts from it each frame.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::export::files::{ExportError, ExportReport, FileFormat};
use crate::export::folder::FolderError;
use crate::import::Prepared;
use crate::model::{AnnotatorId, ArticleId};
use crate::progress::{Cancel, Progress as CoreProgress, Watch};

/// What a worker is at, read from its progress for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// What is being done now ("Reading page.html").
    pub doing: String,
    /// Files done so far, of `total`.
    pub done: usize,
    pub total: usize,
}

/// What a worker hands back when it is done, as the action that applies
/// it (errors already put in words: each is shown once, on the UI thread).
#[derive(Clone, Debug, PartialEq)]
pub enum Finished {
    /// Files read for an import, each with what reading it gave, in the
    /// order asked.
    Imported(Vec<(PathBuf, Result<Prepared, String>)>),
    /// The clipboard's text made an article (its id is chosen on the UI
    /// thread, where the case is).
    Pasted(Result<Prepared, String>),
    /// An export written, or why not.
    Exported {
        format: FileFormat,
        annotators: Vec<AnnotatorId>,
        /// The articles asked for (empty: every article).
        articles: Vec<ArticleId>,
        folder: PathBuf,
        result: Result<ExportReport, ExportFailed>,
    },
    /// A file of a class written or read (`session::class`).
    Class(super::class_done::ClassDone),
}

/// Why an export wrote nothing, or stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportFailed {
    /// The folder holds files Candor did not write: the window asks
    /// whether to replace them (`Folder::Users`).
    Refused {
        would_replace: Vec<PathBuf>,
        holds: Vec<String>,
    },
    Error(String),
}

impl From<ExportError> for ExportFailed {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Folder(FolderError::Refused {
                would_replace,
                holds,
                ..
            }) => ExportFailed::Refused {
                would_replace,
                holds,
            },
            e => ExportFailed::Error(e.to_string()),
        }
    }
}

/// Wakes the window whenever the worker's progress changes, so each step
/// is drawn at once.
struct Wake(Arc<dyn Fn() + Send + Sync>);

impl Watch for Wake {
    fn stage(&self, _message: &str, _total: u64) {
        (self.0)();
    }
    fn position(&self, _done: u64) {
        (self.0)();
    }
}

/// The worker's side: it says what it is at, and asks whether to stop.
pub struct Reporter {
    progress: Arc<CoreProgress>,
    total: usize,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Reporter {
    /// Now at `doing`, with `done` of the files finished.
    pub fn at(&self, doing: impl Into<String>, done: usize) {
        self.progress.stage(&doing.into(), self.total);
        self.progress.set(done);
    }

    /// Now at `doing`, with `done` of `total` steps finished (for work
    /// whose count is known only once it has begun).
    pub fn at_of(&self, doing: impl Into<String>, done: usize, total: usize) {
        self.progress.stage(&doing.into(), total);
        self.progress.set(done);
    }

    /// Whether the user pressed Cancel: stop before the next file.
    pub fn cancelled(&self) -> bool {
        self.progress.is_cancelled()
    }

    /// The progress itself, for core operations that take one (and stop
    /// on its Cancel).
    pub fn progress(&self) -> &CoreProgress {
        &self.progress
    }
}

/// A worker running, seen from the UI thread, that hands back a `T`
/// (what the session's own jobs hand back unless said otherwise).
pub struct Work<T = Finished> {
    /// What it does, for the status bar ("Importing 3 files").
    pub title: String,
    /// What a Cancel leaves, said after it ("nothing was added").
    pub after_cancel: &'static str,
    progress: Arc<CoreProgress>,
    cancel: Cancel,
    done: Receiver<T>,
    /// Set when the worker's thread has ended, with or without a result.
    ended: Arc<AtomicBool>,
}

impl<T: Send + 'static> Work<T> {
    /// Starts `job` on its own thread, over `total` files; `wake` asks for
    /// a frame (each step and the end are drawn at once).
    pub fn spawn(
        title: impl Into<String>,
        total: usize,
        wake: impl Fn() + Send + Sync + 'static,
        job: impl FnOnce(&Reporter) -> T + Send + 'static,
    ) -> Work<T> {
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let cancel = Cancel::new();
        let progress = Arc::new(CoreProgress::new(Wake(Arc::clone(&wake)), cancel.clone()));
        progress.stage("", total);
        let (tx, done) = mpsc::channel();
        let ended = Arc::new(AtomicBool::new(false));
        let ended_there = Arc::clone(&ended);
        let reporter = Reporter {
            progress: Arc::clone(&progress),
            total,
            wake,
        };
        std::thread::spawn(move || {
            let finished = job(&reporter);
            if !reporter.cancelled() {
                // The window may have dropped the work (Cancel, another
                // case opened): then no one is left to tell.
                let _ = tx.send(finished);
            }
            ended_there.store(true, Ordering::Release);
            (reporter.wake)();
        });
        Work {
            title: title.into(),
            after_cancel: "nothing was added",
            progress,
            cancel,
            done,
            ended,
        }
    }

    /// The result, once the worker is done. A worker that ended without
    /// one (it panicked) is reported as an error by the caller.
    pub fn poll(&self) -> Poll<T> {
        match self.done.try_recv() {
            Ok(finished) => Poll::Done(Box::new(finished)),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

impl<T> Work<T> {
    /// Set once the worker's thread has ended, for whoever must know it
    /// is gone even after the work was cancelled and dropped (a test
    /// checking that a cancelled import adds nothing, ever).
    pub fn ended(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.ended)
    }

    /// What the worker is at now.
    pub fn progress(&self) -> Progress {
        Progress {
            doing: self.progress.message(),
            done: usize::try_from(self.progress.done()).unwrap_or(usize::MAX),
            total: usize::try_from(self.progress.total()).unwrap_or(usize::MAX),
        }
    }

    /// Asks the worker to stop before its next file; what it made is
    /// thrown away.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

impl<T> Drop for Work<T> {
    /// Work dropped (the case closed) is cancelled too.
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Whether a worker is done.
#[derive(Debug)]
pub enum Poll<T = Finished> {
    Running,
    Done(Box<T>),
    /// It ended without a result (a bug in Candor); said to the user.
    Lost,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(work: &Work) -> Poll {
        loop {
            match work.poll() {
                Poll::Running => std::thread::yield_now(),
                other => return other,
            }
        }
    }

    #[test]
    fn a_worker_reports_progress_and_hands_back_its_result() {
        let work = Work::spawn(
            "Importing 2 files",
            2,
            || {},
            |r| {
                r.at("Reading a.txt", 0);
                r.at("Reading b.txt", 1);
                Finished::Imported(Vec::new())
            },
        );
        assert!(matches!(wait(&work), Poll::Done(f) if *f == Finished::Imported(Vec::new())));
        let at = work.progress();
        assert_eq!(at.doing, "Reading b.txt");
        assert_eq!((at.done, at.total), (1, 2));
    }

    #[test]
    fn a_cancelled_worker_hands_back_nothing() {
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let seen = Arc::new(AtomicBool::new(false));
        let seen_there = Arc::clone(&seen);
        let work = Work::spawn(
            "Importing",
            1,
            || {},
            move |r| {
                let _ = go_rx.recv();
                seen_there.store(r.cancelled(), Ordering::Relaxed);
                Finished::Imported(Vec::new())
            },
        );
        work.cancel();
        go_tx.send(()).expect("the worker waits");
        assert!(matches!(wait(&work), Poll::Lost), "no result after Cancel");
        assert!(seen.load(Ordering::Relaxed), "the worker saw the Cancel");
    }
}
