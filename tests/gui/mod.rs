//! The window, driven headless with egui_kittest. Only built with the `gui`
//! feature, so everything that needs egui lives under this one module.

mod compare;
mod compare_panels;
mod marking;
mod review;
