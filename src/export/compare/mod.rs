//! The comparison of articles (`crate::compare`) as every output shows it:
//! [`table`] for the command line (claims and actors as blocks wrapped to
//! the terminal, the counts table) and [`csv`] in long format. The words
//! both use for a claim's carriage and a cell's marks are here, and the
//! window and the HTML report borrow them.

pub mod csv;
pub mod table;

use crate::compare::{Carriage, MarkRef};

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
