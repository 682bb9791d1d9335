//! Every output format Candor writes, as one layer over the plain result
//! structs the core builds (`compare`'s tables, `stats`'s counts). This is
//! where every format lives, after ripgrep's `grep-printer`, which holds its
//! printers over plain search results: the figures modules compute and
//! never format, so a new format is a new file here and never a change to
//! how a figure is found, and the window shows a cell with the same function
//! the command line prints it with.
//!
//! - [`table`]: aligned plain text, what the command line prints by default,
//!   with control characters shown escaped ([`printable`]);
//! - [`csv`]: one line per cell, for a spreadsheet, with cells that would
//!   start a formula made plain text;
//! - [`json`]: the structs exactly as serde sees them.
//!
//! - [`grade_table`], [`grade_csv`]: a class's grades (`crate::grade`), in
//!   the words of [`grade_words`], which the HTML pages ([`html`]) use too.
//! - [`agree_table`], [`agree_csv`]: agreement between annotators
//!   (`crate::agree`), with the words for undefined figures;
//!   [`adjudicate_table`]: clusters and variants (`crate::adjudicate`).
//!
//! - [`files`]: `candor export`, a case's marks written to a folder as an
//!   HTML report ([`html::report`]), one CSV row per mark ([`marks_csv`]),
//!   W3C Web Annotations ([`w3c`]) or brat standoff files ([`brat`]).

pub mod adjudicate_table;
pub mod agree_csv;
pub mod agree_table;
pub mod brat;
pub mod csv;
pub mod files;
pub mod grade_csv;
pub mod grade_table;
pub mod grade_words;
pub mod html;
pub mod marks_csv;
pub mod table;
pub mod w3c;

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use crate::compare::{Carriage, MarkRef};

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

/// How a claim cell's carriage is named, the same in every output.
pub fn carriage_name(carriage: &Carriage) -> &'static str {
    match carriage {
        Carriage::StatedAsFact => "stated as fact",
        Carriage::Attributed { .. } => "attributed",
        Carriage::Hedged => "hedged",
        Carriage::Absent => "absent",
    }
}

/// The ids of a cell's marks, `m1,m4`: how tables and CSV cite them.
fn ids(marks: &[MarkRef]) -> String {
    marks
        .iter()
        .map(|m| m.mark.as_str())
        .collect::<Vec<_>>()
        .join(",")
}
