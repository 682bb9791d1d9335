//! What a worker of a class's files hands back to the UI thread (a student
//! copy written, a hand-in written, hand-ins found), apart from
//! `session::class`, which starts the workers and takes this in, so that
//! the worker (`work`) and the class's session code need not name each
//! other.

use std::path::PathBuf;

use crate::class::gather::Found;
use crate::class::handout::HandoutReport;

/// What a worker of a class hands back, to be taken in on the UI thread.
#[derive(Clone, Debug)]
pub enum ClassDone {
    /// A student copy written, or why not.
    HandedOut(Result<HandoutReport, String>),
    /// A hand-in written to `path` (what it holds, in words), or why not.
    HandedIn {
        path: PathBuf,
        result: Result<String, String>,
    },
    /// Hand-in files found in the paths given: each file's name and what
    /// reading it gave, to be merged here.
    Found(Vec<Found>),
}

impl PartialEq for ClassDone {
    fn eq(&self, other: &Self) -> bool {
        let same_found =
            |a: &Found, b: &Found| a.source == b.source && a.lms == b.lms && a.result == b.result;
        match (self, other) {
            (ClassDone::HandedOut(a), ClassDone::HandedOut(b)) => a == b,
            (
                ClassDone::HandedIn { path, result },
                ClassDone::HandedIn {
                    path: p2,
                    result: r2,
                },
            ) => path == p2 && result == r2,
            (ClassDone::Found(a), ClassDone::Found(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_found(x, y))
            }
            _ => false,
        }
    }
}
