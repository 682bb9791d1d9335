//! The Claims, Actors, Counts and Find views in the window: the comparison
//! tables of `claims`, `actors`, `counts` and `find`, fed with tables built by the core and rebuilt
//! only when the case changed (its history's generation), the annotator
//! changed, or articles were added. Building every table takes a few
//! milliseconds, so a view is current after each edit without costing a
//! frame.

use egui::Ui;

use super::actors::ActorsView;
use super::claims::ClaimsView;
use super::counts::{CountsData, CountsView};
use super::find::FindView;
use crate::compare::{CompareViews, CountsTable};
use crate::gui::app::commands::CompareAction;
use crate::gui::app::commands::{Action, View};
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::model::AnnotatorId;

/// What the tables were built for.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    generation: u64,
    annotator: AnnotatorId,
    articles: usize,
    all_annotators: bool,
    blind: bool,
}

#[derive(Default)]
pub struct ComparePage {
    pub claims: ClaimsView,
    pub actors: ActorsView,
    pub counts: CountsView,
    pub find: FindView,
    /// Counts of every annotator side by side, instead of the current one's.
    pub all_annotators: bool,
    key: Option<Key>,
    views: Option<CompareViews>,
    /// How many times the tables were built (tests check the cache with it).
    builds: u64,
}

impl ComparePage {
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// The counts shown, as of the last frame drawn.
    pub fn counts_table(&self) -> Option<&CountsTable> {
        self.views.as_ref().map(|v| &v.counts)
    }

    fn refresh(&mut self, s: &Session) {
        let key = Key {
            generation: s.generation(),
            annotator: s.annotator.clone(),
            articles: s.case.articles().len(),
            all_annotators: self.all_annotators,
            blind: s.case.manifest().blind,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let annotator = std::slice::from_ref(&s.annotator);
        let counts_for: &[AnnotatorId] = if self.all_annotators { &[] } else { annotator };
        let mut views = CompareViews::build(&s.case, annotator, counts_for);
        if s.case.manifest().blind {
            views.blind(&s.case);
        }
        self.views = Some(views);
        self.key = Some(key);
        self.builds += 1;
    }

    fn page_ui(&mut self, ui: &mut Ui, s: &Session, view: View) -> Option<CompareAction> {
        if view == View::Find {
            // Find searches texts, which edits do not change: no tables needed.
            return self.find.ui(ui, &s.case);
        }
        self.refresh(s);
        let views = self.views.as_ref()?;
        // Built for one annotator, so there is exactly one comparison.
        let comparison = views.comparisons.first()?;
        let counts = &views.counts;
        egui::ScrollArea::both()
            .id_salt(("compare view", view.label()))
            .auto_shrink([false, false])
            .show(ui, |ui| match view {
                View::Claims => {
                    ui.weak(format!(
                        "{}'s claims. Click a claim to follow it side by side; click a cell to open the article at the mark.",
                        s.annotator
                    ));
                    self.claims.ui(ui, &comparison.claims, s.case.schema(), s.blind())
                }
                View::Actors => {
                    ui.weak(format!(
                        "{}'s actors. Click an actor to follow it side by side; click a word to open the article at the mark.",
                        s.annotator
                    ));
                    self.actors.ui(ui, &comparison.actors, s.case.schema())
                }
                View::Counts => {
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut self.all_annotators,
                            false,
                            format!("{} only", s.annotator),
                        );
                        ui.radio_value(&mut self.all_annotators, true, "every annotator")
                            .on_hover_text("One column per category and annotator");
                    });
                    let data = CountsData {
                        table: counts,
                        schema: s.case.schema(),
                    };
                    self.counts.ui(ui, &data)
                }
                View::Read
                | View::SideBySide
                | View::Find
                | View::Feedback
                | View::Class
                | View::Agreement
                | View::Adjudicate => None,
            })
            .inner
    }
}

impl Pane for ComparePage {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        self.page_ui(ui, scene.session, scene.view)
            .map(Action::Compare)
            .into_iter()
            .collect()
    }
}
