//! File > Collect hand-ins…: the files, folders or zips to collect, as
//! the course's download gave them (one path a line, or Browse); and,
//! once collected, what happened to each file, one line each, refused
//! ones first in the error colour. Dropping the files on the window skips
//! the first part.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Footer, footer_ui, modal_ui};
use crate::class::collect::{CollectReport, Status};
use crate::gui::app::commands::{Action, Command, View};

/// Where to collect from, typed or browsed.
#[derive(Default)]
pub struct CollectDialog {
    /// One path a line.
    pub paths: String,
}

impl CollectDialog {
    fn chosen(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    fn add(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for p in paths {
            if !self.paths.is_empty() && !self.paths.ends_with('\n') {
                self.paths.push('\n');
            }
            self.paths.push_str(&p.display().to_string());
        }
    }

    /// Draws the dialog. Returns the action chosen and whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "collect dialog", |ui| {
            ui.set_width(560.0);
            ui.heading("Collect hand-ins");
            ui.label(
                "The students' .candor-handin files as your course downloads them: the files, \
a folder of them (Moodle: a folder per student), or the zip (Canvas: the submissions zip). \
Each is checked against this case and merged into marks/<student>/.",
            );
            let l = ui.label("Files, folders or zips (one a line):");
            ui.add(
                egui::TextEdit::multiline(&mut self.paths)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            let ready = !self.chosen().is_empty();
            let footer = footer_ui(ui, "Collect", ready, |ui| {
                if ui.button("Add files…").clicked()
                    && let Some(files) = rfd::FileDialog::new()
                        .add_filter("Hand-ins and zips", &["candor-handin", "zip"])
                        .pick_files()
                {
                    self.add(files);
                }
                if ui.button("Add folder…").clicked()
                    && let Some(folder) = rfd::FileDialog::new().pick_folder()
                {
                    self.add([folder]);
                }
            });
            match footer {
                Footer::Ok => {
                    actions.push(Action::Collect(self.chosen()));
                    open = false;
                }
                Footer::Cancel => open = false,
                Footer::Nothing => {}
            }
        });
        if close {
            open = false;
        }
        (actions, open)
    }
}

/// What a collect did, file by file.
pub struct CollectReportDialog {
    pub report: CollectReport,
}

impl CollectReportDialog {
    /// Draws the dialog. Returns whether it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> (Vec<Action>, bool) {
        let mut actions = Vec::new();
        let mut open = true;
        let close = modal_ui(ui, "collect report", |ui| {
            ui.set_width(640.0);
            ui.heading("Hand-ins collected");
            ui.label(counts_line(&self.report));
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let (bad, good): (Vec<_>, Vec<_>) = self
                        .report
                        .entries
                        .iter()
                        .partition(|e| e.status.is_refused());
                    for e in bad {
                        ui.label(RichText::new(e.to_string()).color(ui.visuals().error_fg_color));
                    }
                    for e in good {
                        ui.label(e.to_string());
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let class = Command::ShowView(View::Class);
                if !self.report.students().is_empty()
                    && ui
                        .button("See the class")
                        .on_hover_text(class.tooltip_with_shortcut(ui.ctx()))
                        .clicked()
                {
                    actions.push(Action::Command(class));
                    open = false;
                }
                if ui.button("Close").clicked() {
                    open = false;
                }
            });
        });
        if close {
            open = false;
        }
        (actions, open)
    }
}

/// "4 file(s): 2 taken in, 1 refused, 1 skipped".
pub fn counts_line(report: &CollectReport) -> String {
    let taken = report
        .entries
        .iter()
        .filter(|e| matches!(e.status, Status::Accepted { .. }))
        .count();
    let refused = report
        .entries
        .iter()
        .filter(|e| e.status.is_refused())
        .count();
    let skipped = report.entries.len() - taken - refused;
    format!(
        "{} file(s): {taken} taken in, {refused} refused, {skipped} skipped.",
        report.entries.len()
    )
}
