//! The Feedback and Class views: the grade of the annotator marking against
//! the answer key, and the whole class against it, as `candor grade`
//! computes them (`crate::grade`) and words them (`crate::export`). The
//! grades are computed only when the case, the annotator, the key or the
//! matching rule changed, never per frame, and on a worker from a snapshot
//! of the case (`views::computed`): a large class does not freeze the
//! window, which shows how far the grading is, with a Cancel, over the
//! previous grades greyed. Drawing a view is reading the structs.
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
use crate::gui::views::computed::{self, Computed, Wake, Words};
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

/// The class graded, and its key's marks as the class found them.
type Class = (ClassGrade, Vec<KeyMarkTally>);

#[derive(Default)]
pub struct GradePage {
    /// The matching rule and partial credit, as `--match` and
    /// `--partial-credit` set them.
    pub options: GradeOptions,
    pub sort: ClassSort,
    /// The key mark whose finders are shown (an index into `tallies`).
    pub open_tally: Option<usize>,
    feedback: Computed<BuiltFor, Grade>,
    class: Computed<BuiltFor, Class>,
}

const GRADING: Words = Words {
    computing: "Computing the grade",
    steps: "",
    doing: "Grading",
};

const CLASS: Words = Words {
    computing: "Computing grades",
    steps: "students",
    doing: "Grading the class",
};

impl GradePage {
    /// How many grades were computed and taken in (tests check the cache
    /// with it).
    pub fn builds(&self) -> u64 {
        self.feedback.builds() + self.class.builds()
    }

    /// Whether a grade is being computed off the UI thread.
    pub fn computing(&self) -> bool {
        self.feedback.is_running() || self.class.is_running()
    }

    /// The last grade the Feedback view computed (greyed while a newer one
    /// is computed).
    pub fn feedback(&self) -> Option<&Grade> {
        self.feedback.shown()
    }

    /// The last class the Class view computed.
    pub fn class(&self) -> Option<&ClassGrade> {
        self.class.shown().map(|(c, _)| c)
    }

    /// Whether the class shown is for the case as it is now.
    pub fn class_is_current(&self) -> bool {
        self.class.is_current()
    }

    /// The key's marks as the class found them, fewest found first.
    pub fn tallies(&self) -> &[KeyMarkTally] {
        self.class.shown().map_or(&[], |(_, t)| t.as_slice())
    }

    /// Drops the grades (and stops computing them): another case opened.
    pub fn forget_grades(&mut self) {
        self.feedback = Computed::default();
        self.class = Computed::default();
        self.open_tally = None;
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

    fn refresh_feedback(&mut self, s: &Session, key: &AnnotatorId, wake: Wake) {
        let built = self.built_for(s, key);
        let options = self.options;
        self.feedback.refresh(&built, || {
            let (case, key, student) = (s.case.snapshot(), key.clone(), s.annotator.clone());
            computed::spawn("Grading", wake, move |progress| {
                progress.stage("grading", 1);
                let g = Grade::build(&case, &key, &student, &options);
                progress.check()?;
                progress.step();
                Ok(g)
            })
        });
    }

    fn refresh_class(&mut self, s: &Session, key: &AnnotatorId, wake: Wake) {
        let mut built = self.built_for(s, key);
        // The class does not depend on who is marking.
        built.annotator = key.clone();
        let options = self.options;
        let taken = self.class.refresh(&built, || {
            let students = grade::students(&s.case, key);
            let (case, key) = (s.case.snapshot(), key.clone());
            computed::spawn("Grading the class", wake, move |progress| {
                let class =
                    ClassGrade::build_with_progress(&case, &key, &students, &options, progress)?;
                let tallies = class.key_marks_found(&case);
                Ok((class, tallies))
            })
        });
        if taken {
            self.open_tally = None;
        }
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
                self.refresh_feedback(s, &key, computed::wake(ui));
                self.feedback.status_ui(ui, &GRADING);
                let current = self.feedback.is_current();
                let Some(g) = self.feedback.shown() else {
                    return Vec::new();
                };
                let options = &mut self.options;
                // A grade from before the last change is shown greyed and
                // cannot be clicked: its items may point at words gone.
                ui.add_enabled_ui(current, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("feedback view")
                        .auto_shrink([false, false])
                        .show(ui, |ui| feedback::ui(ui, s, g, options))
                        .inner
                })
                .inner
            }
            View::Class => {
                self.refresh_class(s, &key, computed::wake(ui));
                self.class.status_ui(ui, &CLASS);
                let current = self.class.is_current();
                let Some((class, tallies)) = self.class.shown() else {
                    return Vec::new();
                };
                let state = class::ClassState {
                    options: &mut self.options,
                    sort: &mut self.sort,
                    open_tally: &mut self.open_tally,
                };
                ui.add_enabled_ui(current, |ui| class::ui(ui, s, class, tallies, state))
                    .inner
            }
            _ => Vec::new(),
        }
    }
}
