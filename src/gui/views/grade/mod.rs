//! The Feedback and Class views: the grade of the annotator marking against
//! the answer key, and the whole class against it, as `candor grade`
//! computes them (`crate::grade`) and words them (`crate::export`). The
//! grades are built only when the case, the annotator, the key or the
//! matching rule changed, never per frame; drawing a view is reading
//! the structs.
//!
//! - `feedback`: one student's scores and every feedback item, each a
//!   link to its place in the text;
//! - `class`: the class table (sortable), and the key's marks ranked by
//!   how many students found them;
//! - `options`: the matching rule to choose and the rules in words, which
//!   both show.

pub mod class;
mod feedback;
mod options;

use egui::Ui;

use crate::grade::{self, ClassGrade, Grade, GradeOptions, KeyMarkTally};
use crate::gui::app::commands::{Action, View};
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::model::AnnotatorId;

use class::ClassSort;

/// What a grade was built for.
#[derive(Clone, Debug, PartialEq)]
struct BuiltFor {
    generation: u64,
    texts: u64,
    articles: usize,
    key: AnnotatorId,
    annotator: AnnotatorId,
    options: GradeOptions,
}

#[derive(Default)]
pub struct GradePage {
    /// The matching rule and partial credit, as `--match` and
    /// `--partial-credit` set them.
    pub options: GradeOptions,
    pub sort: ClassSort,
    /// The key mark whose finders are shown (an index into `tallies`).
    pub open_tally: Option<usize>,
    feedback: Option<(BuiltFor, Grade)>,
    class: Option<(BuiltFor, ClassGrade, Vec<KeyMarkTally>)>,
    /// How many grades were built (tests check the cache with it).
    builds: u64,
}

impl GradePage {
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// The grade the Feedback view shows, as of the last frame drawn.
    pub fn feedback(&self) -> Option<&Grade> {
        self.feedback.as_ref().map(|(_, g)| g)
    }

    /// The class the Class view shows, as of the last frame drawn.
    pub fn class(&self) -> Option<&ClassGrade> {
        self.class.as_ref().map(|(_, c, _)| c)
    }

    /// The key's marks as the class found them, fewest found first.
    pub fn tallies(&self) -> &[KeyMarkTally] {
        self.class.as_ref().map_or(&[], |(_, _, t)| t.as_slice())
    }

    fn built_for(&self, s: &Session, key: &AnnotatorId) -> BuiltFor {
        BuiltFor {
            generation: s.generation(),
            texts: s.texts_generation(),
            articles: s.case.articles().len(),
            key: key.clone(),
            annotator: s.annotator.clone(),
            options: self.options,
        }
    }

    fn refresh_feedback(&mut self, s: &Session, key: &AnnotatorId) {
        let built = self.built_for(s, key);
        if self.feedback.as_ref().is_some_and(|(b, _)| b == &built) {
            return;
        }
        let g = Grade::build(&s.case, key, &s.annotator, &self.options);
        self.feedback = Some((built, g));
        self.builds += 1;
    }

    fn refresh_class(&mut self, s: &Session, key: &AnnotatorId) {
        let mut built = self.built_for(s, key);
        // The class does not depend on who is marking.
        built.annotator = key.clone();
        if self.class.as_ref().is_some_and(|(b, _, _)| b == &built) {
            return;
        }
        let students = grade::students(&s.case, key);
        let class = ClassGrade::build(&s.case, key, &students, &self.options);
        let tallies = class.key_marks_found(&s.case);
        self.open_tally = None;
        self.class = Some((built, class, tallies));
        self.builds += 1;
    }
}

impl Pane for GradePage {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let (s, view) = (scene.session, scene.view);
        let Some(key) = s.case.key().cloned() else {
            ui.heading(view.label());
            ui.label(
                "This case has no answer key. Name the annotator whose marks are the key in case.ron \
(key: \"their-name\"), or call them key.",
            );
            return Vec::new();
        };
        if s.case.annotations(&key).is_none() {
            ui.heading(view.label());
            ui.label(format!(
                "case.ron names {key} as the answer key, but {key} has no marks in this case yet."
            ));
            return Vec::new();
        }
        match view {
            View::Feedback => {
                self.refresh_feedback(s, &key);
                let Some((_, g)) = &self.feedback else {
                    return Vec::new();
                };
                egui::ScrollArea::vertical()
                    .id_salt("feedback view")
                    .auto_shrink([false, false])
                    .show(ui, |ui| feedback::ui(ui, s, g, &mut self.options))
                    .inner
            }
            View::Class => {
                self.refresh_class(s, &key);
                let Some((_, class, tallies)) = &self.class else {
                    return Vec::new();
                };
                let state = class::ClassState {
                    options: &mut self.options,
                    sort: &mut self.sort,
                    open_tally: &mut self.open_tally,
                };
                class::ui(ui, s, class, tallies, state)
            }
            _ => Vec::new(),
        }
    }
}
