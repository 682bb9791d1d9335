//! An annotator's marks as they are, neither compared nor graded:
//! [`csv`] (one row per mark, and the counts of `candor stats`), [`table`]
//! (the counts as text) and [`html`] (the report to send or print, with
//! the texts, marks, notes, claims and actors).

pub mod csv;
pub mod html;
pub mod table;
