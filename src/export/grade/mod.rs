//! A class's grades (`crate::grade`) in every output: [`table`] for the
//! command line and the window's cells, [`csv`] for a spreadsheet, [`html`]
//! for one page per student and an index. All say rules, outcomes and
//! feedback in the words of [`words`], so no two outputs word a mistake
//! differently.

pub mod csv;
pub mod html;
pub mod table;
pub mod words;
