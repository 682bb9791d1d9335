//! Adjudicating several annotators into a gold one: clusters and their
//! variants, accepting, rejecting and undoing (`core`), and `candor
//! adjudicate` on the example case, which writes only the gold annotator's
//! files and leaves a case `candor check --strict` accepts (`cli`).

mod cli;
mod core;
