//! Comparing articles: the tables as plain data (text snapshots), `candor
//! compare` run as a user would, find and mark-all, and the panels that draw
//! them. One test binary, so the case fixture and the link step are shared.

#[path = "compare/fixture.rs"]
mod fixture;

#[path = "compare/cli.rs"]
mod cli;
#[path = "compare/find.rs"]
mod find;
#[path = "compare/gui.rs"]
#[cfg(feature = "gui")]
mod gui;
#[path = "compare/tables.rs"]
mod tables;
