//! Bringing real articles in and sending findings out: saved web pages and
//! standard input imported as articles (`pages`), the marks exported as an
//! HTML report, CSV, W3C Web Annotations and brat files (`export`), and
//! taken back in from W3C and brat as a new annotator with nothing lost
//! (`round_trip`), and never over a user's own files (`replacing`).

mod export;
pub(crate) mod pages;
mod replacing;
mod round_trip;
mod word;
