//! The Adjudicate view: the clusters of one article (`crate::adjudicate`),
//! one at a time, with each variant's count, proposers and notes; accept a
//! variant into the gold annotator, open the accepted mark to edit it, or
//! reject the cluster; the right arrow key goes to the next cluster, the
//! left one back. A
//! bulk button accepts every open cluster where K annotators agree. Every
//! change is an `Action::Edit`, undone with Ctrl+Z. The clusters are built
//! by the core and kept until the case or the article changes.

use std::collections::BTreeSet;

use egui::{Key, RichText, Ui};

use crate::adjudicate::{self, ArticleClusters, ClusterState, DEFAULT_GOLD};
use crate::agree;
use crate::export::adjudicate::{state_word, variant_line};
use crate::gui::app::commands::Action;
use crate::gui::app::commands::CompareAction;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::model::{AnnotatorId, ArticleId};
use crate::text::CharRange;

pub struct AdjudicateView {
    pub gold: AnnotatorId,
    /// K of the bulk step.
    pub min_agree: usize,
    /// The cluster shown, by its place in the article.
    pub current: usize,
    key: Option<(u64, ArticleId)>,
    data: Option<ArticleClusters>,
    builds: u64,
    /// Why the last accept could not be made.
    error: Option<String>,
    /// Open clusters rejected in this window (the files have no place to
    /// record it): shown as rejected, and skipped by the bulk button.
    rejected: BTreeSet<(ArticleId, CharRange)>,
}

impl Default for AdjudicateView {
    fn default() -> Self {
        AdjudicateView {
            gold: AnnotatorId::new(DEFAULT_GOLD),
            min_agree: 2,
            current: 0,
            key: None,
            data: None,
            builds: 0,
            error: None,
            rejected: BTreeSet::new(),
        }
    }
}

impl AdjudicateView {
    /// How many times the clusters were built (tests check the cache).
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// The clusters shown, as of the last frame drawn.
    pub fn clusters(&self) -> Option<&ArticleClusters> {
        self.data.as_ref()
    }

    fn sources(&self, s: &Session) -> Vec<AnnotatorId> {
        agree::default_annotators(&s.case)
            .into_iter()
            .filter(|a| a != &self.gold)
            .collect()
    }

    fn refresh(&mut self, s: &Session) {
        let Some(article) = s.article_id().cloned() else {
            self.data = None;
            return;
        };
        let key = (s.generation(), article.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.key.as_ref().map(|k| &k.1) != Some(&article) {
            self.current = 0;
        }
        let sources = self.sources(s);
        self.data = Some(adjudicate::clusters(
            &s.case, &sources, &self.gold, &article,
        ));
        self.key = Some(key);
        self.builds += 1;
    }
}

impl Pane for AdjudicateView {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let s = scene.session;
        self.refresh(s);
        // Taken out while drawing, so the view's own fields stay editable.
        let data = self.data.take();
        let actions = match &data {
            Some(of) => self.clusters_ui(ui, s, of),
            None => {
                ui.label("Pick an article on the left to adjudicate its marks.");
                Vec::new()
            }
        };
        self.data = data;
        actions
    }
}

impl AdjudicateView {
    fn clusters_ui(&mut self, ui: &mut Ui, s: &Session, of: &ArticleClusters) -> Vec<Action> {
        let mut actions = Vec::new();
        let n = of.clusters.len();
        let typing = ui.ctx().text_edit_focused();
        if !typing && n > 0 {
            if ui.input(|i| i.key_pressed(Key::ArrowRight) && i.modifiers.is_none()) {
                self.current = (self.current + 1).min(n - 1);
            }
            if ui.input(|i| i.key_pressed(Key::ArrowLeft) && i.modifiers.is_none()) {
                self.current = self.current.saturating_sub(1);
            }
        }
        self.current = self.current.min(n.saturating_sub(1));
        let sources: Vec<&str> = of.sources.iter().map(|a| a.as_str()).collect();
        ui.weak(format!(
            "{n} cluster(s) of overlapping marks of {} ({} annotator(s)), adjudicated into {}. Right arrow: the next cluster; left arrow: the one before.",
            sources.join(", "),
            sources.len(),
            of.gold
        ));
        self.bulk_ui(ui, s, sources.len(), &mut actions);
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.separator();
        if n == 0 {
            ui.label("No marks to adjudicate in this article.");
            return actions;
        }
        let c = &of.clusters[self.current];
        let place = (of.article.clone(), c.range);
        let state = if c.state == ClusterState::Open && self.rejected.contains(&place) {
            "rejected"
        } else {
            state_word(c.state)
        };
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.current > 0, egui::Button::new("Previous"))
                .clicked()
            {
                self.current -= 1;
            }
            ui.label(
                RichText::new(format!(
                    "Cluster {} of {n}, chars {}..{}: {}; {} agree on extent and category",
                    self.current + 1,
                    c.range.start.0,
                    c.range.end.0,
                    state,
                    c.agree
                ))
                .strong(),
            );
            if ui
                .add_enabled(self.current + 1 < n, egui::Button::new("Next"))
                .clicked()
            {
                self.current += 1;
            }
        });
        let next = self.variants_ui(ui, s, of, c, &place, &mut actions);
        if next {
            self.current = (self.current + 1).min(n - 1);
        }
        actions
    }

    /// The bulk step: accept every open cluster where at least K of the
    /// `sources` annotators agree, in every article, as one edit.
    fn bulk_ui(&mut self, ui: &mut Ui, s: &Session, sources: usize, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("Accept every open cluster where at least");
            ui.add(egui::DragValue::new(&mut self.min_agree).range(1..=sources.max(1)))
                .labelled_by(label.id);
            ui.label("agree on extent and category");
            if ui
                .button("Accept them (every article)")
                .on_hover_text(
                    "One undoable step; clusters the gold set already decided are left as they are",
                )
                .clicked()
            {
                let sources = self.sources(s);
                let rejected = &self.rejected;
                let skip = |a: &ArticleId, c: &adjudicate::Cluster| {
                    rejected.contains(&(a.clone(), c.range))
                };
                match adjudicate::bulk_accept_except(
                    &s.case,
                    &sources,
                    &self.gold,
                    self.min_agree,
                    skip,
                ) {
                    Ok((edit, report)) => {
                        self.error = None;
                        actions.push(Action::Edit {
                            edit: Box::new(edit),
                            label: format!(
                                "Accept {} cluster(s) into {}",
                                report.accepted, self.gold
                            ),
                            merge_key: None,
                        });
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
        });
    }

    /// The variants of cluster `c`, each to accept, and the cluster to
    /// reject or, once decided, its gold mark to edit. True when the
    /// cluster was decided here, so the next one is shown.
    fn variants_ui(
        &mut self,
        ui: &mut Ui,
        s: &Session,
        of: &ArticleClusters,
        c: &adjudicate::Cluster,
        place: &(ArticleId, CharRange),
        actions: &mut Vec<Action>,
    ) -> bool {
        let schema = s.case.schema();
        egui::ScrollArea::vertical()
            .id_salt("adjudicate variants")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut next = false;
                for (i, v) in c.variants.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button(format!("Accept variant {}", i + 1))
                            .on_hover_text(format!("Copy it into {} with a note of who proposed it", of.gold))
                            .clicked()
                        {
                            match adjudicate::accept(&s.case, of, c, v) {
                                Ok(edit) => {
                                    self.error = None;
                                    self.rejected.remove(place);
                                    actions.push(Action::Edit {
                                        edit: Box::new(edit),
                                        label: format!("Accept into {}", of.gold),
                                        merge_key: None,
                                    });
                                    next = true;
                                }
                                Err(e) => self.error = Some(e.to_string()),
                            }
                        }
                        ui.label(variant_line(v, schema));
                    });
                    for (who, note) in &v.notes {
                        ui.weak(format!("    {who}: {note}"));
                    }
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Reject cluster")
                        .on_hover_text(format!("{} gets no mark here", of.gold))
                        .clicked()
                    {
                        self.rejected.insert(place.clone());
                        let edit = adjudicate::reject(of, c);
                        if !edit.is_empty() {
                            actions.push(Action::Edit {
                                edit: Box::new(edit),
                                label: format!("Reject a cluster for {}", of.gold),
                                merge_key: None,
                            });
                        }
                        next = true;
                    }
                    if c.state != ClusterState::Open
                        && let Some(mark) = c.gold.first()
                        && ui
                            .button(format!("Edit {}'s mark", of.gold))
                            .on_hover_text(format!(
                                "Open it in Read, marking as {}, to change its extent, attributes or note",
                                of.gold
                            ))
                            .clicked()
                    {
                        actions.push(Action::SwitchAnnotator(of.gold.clone()));
                        actions.push(Action::Compare(CompareAction::OpenMark {
                            article: of.article.clone(),
                            mark: mark.clone(),
                        }));
                    }
                });
                next
            })
            .inner
    }
}
