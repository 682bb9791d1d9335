//! Candor: read several news articles on one event side by side and mark,
//! span by span, how each is written.
//!
//! Every module but `gui` is the core: it never imports egui, so every
//! figure the window shows can be computed, tested and printed without one,
//! and no two core modules import each other. docs/ARCHITECTURE.md ("How the code is
//! laid out") says what each module is for.

pub mod adjudicate;
pub mod agree;
pub mod anchor;
pub mod case;
pub mod class;
pub mod cli;
pub mod compare;
pub mod edit;
pub mod export;
pub mod fill;
pub mod find;
pub mod formats;
pub mod grade;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod model;
pub mod pairing;
pub mod parallel;
pub mod problem;
pub mod progress;
pub mod roster;
pub mod stats;
pub mod storage;
pub mod suggest;
pub mod text;
pub mod validate;
