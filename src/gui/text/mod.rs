//! The article text on screen: the widget that draws it and takes marks,
//! and what it stands on.
//!
//! - `marks`: what to draw on a text (highlights in lanes, orphans with
//!   their reasons, the *Compare with* items), a plain value with no egui.
//! - `view/`: the text widget, split by job as egui splits `TextEdit`:
//!   `mod.rs` (its inputs, state and accessors), `layout.rs` (the
//!   paragraph layout cache), `paint.rs`, `input.rs` (pointer, keys, caret).
//! - `para_layout`: one paragraph laid out, right-to-left runs in visual order.
//! - `overlay`: how *Compare with* is drawn (outlines, badges), its picker
//!   and its legend.
//! - `fonts`: a font for every script of the case, and the reading font.
//! - `zoom`: the zoom factor, Presentation, and when the side panels give way.

pub mod fonts;
pub mod marks;
pub mod overlay;
pub mod para_layout;
pub mod view;
pub mod zoom;
