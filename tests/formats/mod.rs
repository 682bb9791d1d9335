//! Bringing real articles in and sending findings out: saved web pages and
//! standard input imported as articles (`pages`), the marks exported as an
//! HTML report, CSV, W3C Web Annotations and brat files (`export`), and
//! taken back in from W3C and brat as a new annotator with nothing lost
//! (`round_trip`), and never over a user's own files (`replacing`); an
//! export of some articles only (`some_articles`); other tools' brat
//! and W3C files as they write them (`interop`); and pages read as their
//! reader saw them: outlet, byline, captions, charsets (`faithful`).

mod export;
mod faithful;
mod interop;
pub(crate) mod pages;
mod replacing;
mod round_trip;
mod some_articles;
mod word;
