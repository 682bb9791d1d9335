//! Agreement between annotators: the measures on small cases worked by hand
//! (`measures`), their properties over random markings (`properties`), and
//! `candor agree` run as a research team would (`cli`) and on a class of
//! hundreds (`class`).

pub mod class;
mod cli;
mod measures;
mod properties;
