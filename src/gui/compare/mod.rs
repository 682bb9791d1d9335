//! Comparison views as standalone panels.
