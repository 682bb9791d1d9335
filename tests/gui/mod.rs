//! The window, driven headless with egui_kittest. Only built with the `gui`
//! feature, so everything that needs egui lives under this one module.

mod agreement;
mod articles;
mod attribution;
mod blind;
mod class;
mod compare;
mod compare_panels;
mod docs;
mod faster_marking;
mod formats;
mod grading;
mod hostile;
mod installed;
mod keeps_place;
mod large_class;
mod layout;
mod many_writers;
mod mark_extent;
mod marking;
mod marks_on_text;
mod read_only;
mod review;
mod scripts;
mod util;
mod zoom;
