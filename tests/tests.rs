//! Candor's integration tests, as one test binary.
//!
//! Each file under `tests/` used to be its own binary, and each of them
//! linked the whole library (with eframe and egui, under the default `gui`
//! feature). On two cores that link, repeated per binary, was most of the
//! wait after a one-line change. One binary links it once; the modules
//! below keep the tests apart by subject.

mod util;

mod adjudicate;
mod agree;
mod anchoring;
mod architecture;
mod case_files;
mod class;
mod cli;
mod compare;
mod docs;
mod formats;
mod grade;
mod gradebook;
#[cfg(feature = "gui")]
mod gui;
mod ids;
mod many_writers;
mod output;
mod packaging;
mod progress;
mod scale;
mod writes;
