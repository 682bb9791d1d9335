//! Agreement between annotators (`crate::agree`) as [`table`] (text for the
//! command line, with the words for each figure and for why one is
//! undefined, which the window borrows) and [`csv`] (long format, one line
//! per figure).

pub mod csv;
pub mod table;
