//! Comparing articles: the tables as plain data (text snapshots), `candor
//! compare` run as a user would, and find and mark-all. The panels that draw
//! them are tested in `gui::compare_panels`, on the same case fixture.

pub mod fixture;

mod cli;
mod find;
mod tables;
