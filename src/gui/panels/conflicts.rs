//! Changes made both here and on disk to the same mark, link or case entry
//! (a `git pull` or another window changed what you changed too). Until
//! the user picks a side, the window keeps theirs on disk and yours in
//! memory, and that file is not saved; nothing is lost whichever they pick.

use egui::{RichText, Ui};

use crate::case::{ConflictItem, LinkBody};
use crate::gui::app::commands::Action;
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::model::{Mark, Schema};
use crate::text::ellipsize;

#[derive(Default)]
pub struct ConflictsPanel;

impl Pane for ConflictsPanel {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let session = scene.session;
        let mut actions = Vec::new();
        let conflicts = session.case.conflicts();
        if conflicts.is_empty() {
            return actions;
        }
        let title = format!(
            "Conflicts ({}): changed here and on disk — choose which to keep",
            conflicts.len()
        );
        egui::CollapsingHeader::new(RichText::new(title).color(ui.visuals().warn_fg_color))
            .id_salt("conflicts")
            .default_open(true)
            .show(ui, |ui| {
                ui.weak("Until you choose, the file keeps the version on disk and Candor does not write it. Choosing cannot be undone.");
                for (i, c) in conflicts.iter().enumerate() {
                    let (what, ours, theirs) = describe(session, &c.item);
                    ui.push_id(("conflict", i), |ui| {
                        ui.separator();
                        if session.blind() {
                            // A marks file is named after its article's id.
                            ui.strong(what);
                        } else {
                            ui.strong(format!("{what} ({})", session.case.path_of(&c.key).display()));
                        }
                        egui::Grid::new("sides").num_columns(2).show(ui, |ui| {
                            ui.label("Here:");
                            ui.label(ours);
                            ui.end_row();
                            ui.label("On disk:");
                            ui.label(theirs);
                            ui.end_row();
                        });
                        ui.horizontal(|ui| {
                            if ui
                                .button("Keep mine")
                                .on_hover_text("Keep the version here; it is saved over the one on disk")
                                .clicked()
                            {
                                actions.push(Action::ResolveConflict { index: i, theirs: false });
                            }
                            if ui
                                .button("Take theirs")
                                .on_hover_text("Take the version on disk; yours is dropped")
                                .clicked()
                            {
                                actions.push(Action::ResolveConflict { index: i, theirs: true });
                            }
                        });
                    });
                }
            });
        ui.separator();
        actions
    }
}

/// What the conflict is about, and the two sides, as a person reads them.
/// Under blind reading articles are "Article n" and their details are
/// not spelled out.
fn describe(session: &Session, item: &ConflictItem) -> (String, String, String) {
    let schema = session.case.schema();
    match item {
        ConflictItem::Mark {
            article,
            id,
            ours,
            theirs,
        } => {
            let quote = ours
                .as_ref()
                .or(theirs.as_ref())
                .map_or(String::new(), |m| format!(" “{}”", ellipsize(&m.quote, 40)));
            (
                format!("Mark {id}{quote} on {}", session.article_ref(article)),
                mark_side(schema, ours.as_ref()),
                mark_side(schema, theirs.as_ref()),
            )
        }
        ConflictItem::Link { link, ours, theirs } => (
            format!("{} {}", link.kind().label(), link.id()),
            link_side(ours.as_ref()),
            link_side(theirs.as_ref()),
        ),
        ConflictItem::Article { id, ours, theirs } => {
            let side = |m: &Option<crate::model::ArticleMeta>, blind: &str| {
                m.as_ref().map_or("removed".to_string(), |m| {
                    if session.blind() {
                        blind.to_string()
                    } else {
                        format!("“{}”, {}, {}", m.title, m.outlet, m.date)
                    }
                })
            };
            (
                format!("{} in the case", capitalised(&session.article_called(id))),
                side(ours, "its details as changed here"),
                side(theirs, "its details as changed on disk"),
            )
        }
        ConflictItem::Field { name, ours, theirs } => {
            (format!("The case's {name}"), ours.clone(), theirs.clone())
        }
        ConflictItem::Schema => (
            "The schema".to_string(),
            "the categories as changed here".to_string(),
            "the categories as changed on disk".to_string(),
        ),
    }
}

fn mark_side(schema: &Schema, mark: Option<&Mark>) -> String {
    let Some(m) = mark else {
        return "deleted".to_string();
    };
    let mut parts = vec![
        schema.category_name(&m.category).to_string(),
        format!("chars {}–{}", m.start.0, m.end.0),
    ];
    parts.extend(
        schema
            .describe(m)
            .into_iter()
            .map(|l| format!("{}: {}", l.name, l.value)),
    );
    if !m.note.is_empty() {
        parts.push(format!("note: {}", ellipsize(&m.note, 80)));
    }
    parts.join(" · ")
}

fn link_side(body: Option<&LinkBody>) -> String {
    body.map_or("deleted".to_string(), |b| {
        let mut s = format!("“{}”, {} mark(s)", ellipsize(&b.name, 60), b.marks.len());
        if !b.note.is_empty() {
            s.push_str(&format!(" · note: {}", ellipsize(&b.note, 60)));
        }
        s
    })
}

/// "article wire" as a sentence starts it.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
