//! The class against the key: one row per student (sortable by any
//! column; a click on a name opens that student's marks with the key
//! overlaid), then the key's marks ranked by how many students found them,
//! fewest first: what an instructor puts on the board. A click on a key
//! mark shows who found it, who half-found it and who missed it.

use std::cmp::Ordering;

use egui::{Grid, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::options::{options_ui, rules_ui};
use crate::export::grade::table::{class_header, class_row};
use crate::export::grade::words::{found_details, found_line};
use crate::grade::{ClassGrade, Grade, GradeOptions, KeyMarkTally};
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::text::ellipsize;

/// A column of the class table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    #[default]
    Student,
    /// F1 of the class's n-th category.
    Category(usize),
    F1,
    Matched,
    Boundary,
    OtherCategory,
    Missed,
    Extra,
    AttributesAgree,
    NotHandedIn,
}

/// How the class table is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassSort {
    pub column: SortColumn,
    pub descending: bool,
}

const FIXED: [SortColumn; 8] = [
    SortColumn::F1,
    SortColumn::Matched,
    SortColumn::Boundary,
    SortColumn::OtherCategory,
    SortColumn::Missed,
    SortColumn::Extra,
    SortColumn::AttributesAgree,
    SortColumn::NotHandedIn,
];

/// The column under the n-th title of `class_header`.
fn column_at(class: &ClassGrade, i: usize) -> SortColumn {
    let n = class.categories.len();
    match i {
        0 => SortColumn::Student,
        i if i <= n => SortColumn::Category(i - 1),
        i => FIXED[(i - n - 1).min(FIXED.len() - 1)],
    }
}

/// A student's figure in one column; a share that is undefined (no marks)
/// sorts below every defined one.
fn figure(class: &ClassGrade, g: &Grade, column: SortColumn) -> f64 {
    let share = |x: Option<f64>| x.unwrap_or(-1.0);
    let o = &g.overall;
    match column {
        SortColumn::Student => 0.0,
        SortColumn::Category(i) => share(
            class
                .categories
                .get(i)
                .and_then(|c| g.category(&c.category))
                .and_then(|c| c.score.f1),
        ),
        SortColumn::F1 => share(o.f1),
        SortColumn::Matched => o.matched as f64,
        SortColumn::Boundary => o.boundary as f64,
        SortColumn::OtherCategory => o.key_in_other_category as f64,
        SortColumn::Missed => o.missed as f64,
        SortColumn::Extra => o.extra as f64,
        SortColumn::AttributesAgree => share(o.attribute_agreement),
        SortColumn::NotHandedIn => g.not_handed_in().count() as f64,
    }
}

/// The students in the order `sort` asks for (by name on ties).
pub fn sorted(class: &ClassGrade, sort: ClassSort) -> Vec<&Grade> {
    let mut rows: Vec<&Grade> = class.students.iter().collect();
    rows.sort_by(|a, b| {
        let by = match sort.column {
            SortColumn::Student => a.student.cmp(&b.student),
            c => figure(class, a, c).total_cmp(&figure(class, b, c)),
        };
        let by = if sort.descending { by.reverse() } else { by };
        match by {
            Ordering::Equal => a.student.cmp(&b.student),
            other => other,
        }
    });
    rows
}

/// What the Class view changes: the grading options, the sort, and the
/// key mark whose finders are shown.
pub struct ClassState<'a> {
    pub options: &'a mut GradeOptions,
    pub sort: &'a mut ClassSort,
    pub open_tally: &'a mut Option<usize>,
}

pub fn ui(
    ui: &mut Ui,
    s: &Session,
    class: &ClassGrade,
    tallies: &[KeyMarkTally],
    state: ClassState<'_>,
) -> Vec<Action> {
    let ClassState {
        options,
        sort,
        open_tally,
    } = state;
    let mut actions = Vec::new();
    ui.heading(format!(
        "The class, against the key of {} ({} student(s))",
        class.rules.key,
        class.students.len()
    ));
    options_ui(ui, options);
    // Folded here: the class table needs the room; the rule is named by the
    // Match choice above it.
    rules_ui(ui, &class.rules, false);
    if class.students.is_empty() {
        ui.label("No students yet: every annotator of this case but the key (and gold) is one.");
        return actions;
    }
    ui.weak(
        "Click a column title to sort by it, a student to open their marks with the key outlined.",
    );
    // The table takes the height its rows need, up to what leaves the key's
    // marks a few rows of their own; a larger class scrolls inside it.
    let room = ui.available_height();
    let max_height = (room - KEY_MARKS_ROOM).max(room * 0.5);
    // egui's scroll bars float over the content: the space under the last
    // row keeps the sideways bar off it.
    let bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin;
    egui::ScrollArea::both()
        .id_salt("class table scroll")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            table_ui(ui, class, sort, &mut actions);
            ui.add_space(bar);
        });
    key_marks_ui(ui, s, class, tallies, open_tally, &mut actions);
    actions
}

/// The height the key's marks keep below the class table: their title,
/// the finders' box and a few rows.
const KEY_MARKS_ROOM: f32 = 220.0;

/// The class table, one row per student, sorted by the column chosen.
fn table_ui(ui: &mut Ui, class: &ClassGrade, sort: &mut ClassSort, actions: &mut Vec<Action>) {
    Grid::new("class table").striped(true).show(ui, |ui| {
        for (i, title) in class_header(class).into_iter().enumerate() {
            let column = column_at(class, i);
            // The arrows are in egui's monospace font only.
            let arrow = match (sort.column == column, sort.descending) {
                (false, _) => None,
                (true, false) => Some("▲"),
                (true, true) => Some("▼"),
            };
            ui.horizontal(|ui| {
                let clicked = ui
                    .button(RichText::new(&title).strong())
                    .on_hover_text(format!("Sort by {title}"))
                    .clicked();
                if let Some(arrow) = arrow {
                    ui.label(RichText::new(arrow).monospace());
                }
                if clicked {
                    *sort = ClassSort {
                        column,
                        // A figure is sorted best first the first time.
                        descending: if sort.column == column {
                            !sort.descending
                        } else {
                            column != SortColumn::Student
                        },
                    };
                }
            });
        }
        ui.end_row();
        for g in sorted(class, *sort) {
            let mut cells = class_row(class, g).into_iter();
            let name = cells.next().unwrap_or_default();
            if ui
                .link(name)
                .on_hover_text(format!("Open {}'s marks with the key outlined", g.student))
                .clicked()
            {
                actions.push(Action::ShowStudent(g.student.clone()));
            }
            for cell in cells {
                ui.label(cell);
            }
            ui.end_row();
        }
    });
}

/// What the found column says of a key mark in an article nobody handed in.
pub const NOT_HANDED_IN: &str = "not handed in";

/// The width of `text` in the body font.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.to_string(), font, egui::Color32::WHITE)
        .size()
        .x
}

/// The key's marks, fewest found first, and who found the one chosen.
fn key_marks_ui(
    ui: &mut Ui,
    s: &Session,
    class: &ClassGrade,
    tallies: &[KeyMarkTally],
    open_tally: &mut Option<usize>,
    actions: &mut Vec<Action>,
) {
    ui.add_space(10.0);
    ui.strong("The key's marks, fewest found first");
    ui.weak(
        "Found: matched under the rule above. Counted over the students who handed the article in.",
    );
    if tallies.is_empty() {
        ui.label("The key has no marks.");
    }
    // Always there, so choosing a mark does not move the list under the pointer.
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        let Some(t) = open_tally.and_then(|i| tallies.get(i)) else {
            ui.weak("Click a mark below to see who found it, who marked the right place another way, and who missed it.");
            return;
        };
        {
            ui.horizontal_wrapped(|ui| {
                ui.strong(found_line(t));
                ui.weak(s.article_short_name(&t.article));
            });
            for line in found_details(t) {
                ui.label(line);
            }
            if !t.key.note.is_empty() {
                ui.weak(format!("The key's note: {}", t.key.note));
            }
        }
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // Wide enough for the longest thing it says, at any zoom.
    let found_width = text_width(ui, NOT_HANDED_IN) + 2.0 * ui.spacing().button_padding.x + 4.0;
    TableBuilder::new(ui)
        .id_salt("key marks found")
        .striped(true)
        .column(Column::exact(found_width.max(70.0)))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::auto().at_least(100.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::exact(52.0))
        .header(row_height, |mut header| {
            for title in ["found", "the key's mark", "category", "article", ""] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, tallies.len(), |mut row| {
                let i = row.index();
                let t = &tallies[i];
                let open = *open_tally == Some(i);
                let found = match t.counted() {
                    0 => NOT_HANDED_IN.to_string(),
                    n => format!("{} of {n}", t.found.len()),
                };
                let mut clicked = false;
                row.col(|ui| {
                    clicked |= ui.selectable_label(open, found).clicked();
                });
                row.col(|ui| {
                    let quote = format!("“{}”", ellipsize(&t.key.quote, 90));
                    clicked |= ui
                        .selectable_label(open, quote)
                        .on_hover_ui(|ui| {
                            ui.label(found_line(t));
                        })
                        .clicked();
                });
                row.col(|ui| {
                    ui.label(&t.key.category.name);
                });
                row.col(|ui| {
                    ui.label(s.article_short_name(&t.article));
                });
                row.col(|ui| {
                    if ui
                        .small_button("Show")
                        .on_hover_text("Open the article at these words")
                        .clicked()
                    {
                        actions.push(Action::OpenFeedback {
                            article: t.article.clone(),
                            range: t.key.range,
                            mark: Some(t.key.mark.clone()),
                            reference: class.rules.key.clone(),
                        });
                    }
                });
                if clicked {
                    *open_tally = if open { None } else { Some(i) };
                }
            });
        });
}
