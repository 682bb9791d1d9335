//! Every output format Candor writes, as one layer over the plain result
//! structs the core builds (`compare`'s tables, `stats`'s counts). This is
//! where every format lives, after ripgrep's `grep-printer`, which holds its
//! printers over plain search results: the figures modules compute and
//! never format, so a new format is a new file here and never a change to
//! how a figure is found, and the window shows a cell with the same function
//! the command line prints it with.
//!
//! - [`table`]: aligned plain text, what the command line prints by default;
//! - [`csv`]: one line per cell, for a spreadsheet;
//! - [`json`]: the structs exactly as serde sees them.
//!
//! - [`grade_table`], [`grade_csv`]: a class's grades (`crate::grade`), in
//!   the words of [`grade_words`], which the HTML pages ([`html`]) use too.
//!
//! HTML reports, W3C Web Annotations and brat standoff files will join here.

pub mod csv;
pub mod grade_csv;
pub mod grade_table;
pub mod grade_words;
pub mod html;
pub mod table;

use serde::Serialize;

use crate::compare::{Carriage, MarkRef};

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
