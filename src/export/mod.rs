//! Every output Candor writes, as one layer over the plain result structs
//! the core builds (`compare`'s tables, `stats`'s counts, `grade`'s and
//! `agree`'s figures). This is where every format lives, after ripgrep's
//! `grep-printer`, which holds its printers over plain search results: the
//! figures modules compute and never format, so a new format is a new file
//! here and never a change to how a figure is found, and the window shows a
//! cell with the same function the command line prints it with.
//!
//! One folder (or file) per subject, one file per output inside it, over
//! the writers every subject shares:
//! - [`table`]: aligned plain text, what the command line prints by default,
//!   with control characters shown escaped ([`printable`]);
//! - [`csv`]: one line per cell, for a spreadsheet, with cells that would
//!   start a formula made plain text;
//! - [`html`]: the page shell and the escaping of self-contained pages;
//! - [`json`]: the structs exactly as serde sees them.
//!
//! The subjects:
//! - [`marks`]: an annotator's marks, one CSV row each, their counts
//!   (`candor stats`) and the HTML report;
//! - [`compare`]: the claims, actors and counts tables (`crate::compare`);
//! - [`grade`]: a class's grades (`crate::grade`) as text, CSV and HTML
//!   pages, all in the words of [`grade::words`];
//! - [`agree`]: agreement between annotators (`crate::agree`), with the
//!   words for undefined figures;
//! - [`adjudicate`]: clusters and variants (`crate::adjudicate`);
//! - [`files`]: `candor export`, a case's marks written to a folder as the
//!   HTML report, CSV, or a foreign format of `crate::formats` (W3C Web
//!   Annotations, brat standoff files);
//! - [`docx`]: `candor export --format docx`, each article as a Word
//!   document with the marks as comments;
//! - [`folder`]: whether a folder the user names may be written into (it is
//!   missing, empty or Candor's), and the writing of an output there.

pub mod adjudicate;
pub mod agree;
pub mod compare;
pub mod csv;
pub mod docx;
pub mod files;
pub mod folder;
pub mod grade;
pub mod gradebook;
pub mod html;
pub mod marks;
pub mod table;

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

/// `s` as it is safe to print on a terminal: every control character (C0,
/// DEL and C1, line breaks and tabs included) written as `\u{1b}`. Text
/// from a case (a title, a claim's label, a file name) may hold escape
/// sequences that clear the screen, set the window title or fake earlier
/// output; shown escaped, they are only text. Every table, and every line
/// of findings, goes through here before it is printed.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Any result as pretty JSON with a final newline: what every
/// `--format json` prints.
pub fn json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}
