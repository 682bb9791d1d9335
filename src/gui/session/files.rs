//! The open case's files, as the window handles them: articles added
//! (read off the UI thread by `jobs`) or removed, saving (now and a second after a change),
//! and files changed on disk taken in, merged or shown as conflicts. A
//! child of `session`, so it sees the session's fields.

use super::*;

impl Session {
    /// Adds an article read and shown before, makes it the current one and
    /// saves.
    pub fn add_prepared(&mut self, prepared: &import::Prepared, source: &str, now_secs: f64) {
        match import::add(&mut self.case, prepared) {
            Ok(id) => {
                self.set_article(&id);
                self.save(now_secs);
                let called = self.article_called(&id);
                self.notifications
                    .note(format!("Imported {source} as {called}"), now_secs);
            }
            Err(e) => self.report(&e, now_secs),
        }
    }

    /// Removes an article with its text and every mark on it, at once (the
    /// article dialog asked first). Undo steps on it are dropped with it.
    pub fn remove_article(&mut self, id: &ArticleId, now_secs: f64) {
        // Named before it goes: blind reading names it by its place.
        let called = self.article_called(id);
        match self.case.remove_article(id, true) {
            Ok(removed) => {
                self.history.forget();
                if self.article.as_ref() == Some(id) {
                    self.article = self.case.articles().first().map(|a| a.meta.id.clone());
                    self.selection = None;
                    self.selected_mark = None;
                }
                self.orphans_key = None;
                self.notifications.note(
                    format!(
                        "Removed {called} and {} mark(s); undo history cleared",
                        removed.mark_count()
                    ),
                    now_secs,
                );
            }
            Err(e) => self.report(&e, now_secs),
        }
    }

    /// Recomputes the orphans if marks, article or annotator changed.
    pub fn refresh_orphans(&mut self) {
        let key = (
            self.generation(),
            self.article.clone(),
            self.annotator.clone(),
        );
        if self.orphans_key.as_ref() == Some(&key) {
            return;
        }
        self.orphans = match self.article_id() {
            Some(article) => validate::orphans_of(&self.case, &self.annotator, article)
                .into_iter()
                .map(|(m, why)| (m.id.clone(), why))
                .collect(),
            None => Vec::new(),
        };
        self.orphans_key = Some(key);
    }

    /// Marks of this article that are not where their quote is, with why
    /// (as of the last `refresh_orphans`).
    pub fn orphans(&self) -> Vec<(&Mark, &str)> {
        self.orphans
            .iter()
            .filter_map(|(id, why)| {
                let m = self.marks().iter().find(|m| &m.id == id)?;
                Some((m, why.as_str()))
            })
            .collect()
    }

    pub fn undo(&mut self, now_secs: f64) {
        match self.history.undo(&mut self.case) {
            Ok(Some(step)) => {
                self.changed(now_secs);
                self.selected_mark = step.selected;
            }
            Ok(None) => {}
            Err(e) => self.report(&e, now_secs),
        }
        self.forget_vanished_selection();
    }

    pub fn redo(&mut self, now_secs: f64) {
        match self.history.redo(&mut self.case) {
            Ok(Some(step)) => {
                self.changed(now_secs);
                self.selected_mark = step.selected;
            }
            Ok(None) => {}
            Err(e) => self.report(&e, now_secs),
        }
        self.forget_vanished_selection();
    }

    fn forget_vanished_selection(&mut self) {
        if self.selected_mark.is_some() && self.selected().is_none() {
            self.selected_mark = None;
        }
    }

    /// Writes changed files now. On failure the marks stay in memory and the
    /// status bar shows the error. What had changed on disk since it was
    /// read is taken in first (see `Case::save`).
    pub fn save(&mut self, now_secs: f64) {
        match self.case.save() {
            Ok(report) => {
                self.take_in(report.absorbed, now_secs);
                self.save_status = if report.held.is_empty() {
                    SaveStatus::Saved
                } else {
                    // Held back until the user settles the conflicts.
                    SaveStatus::Unsaved {
                        since_secs: now_secs,
                    }
                };
            }
            Err(problems) => {
                let message = problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                self.save_status = SaveStatus::Failed {
                    message,
                    at_secs: now_secs,
                };
            }
        }
    }

    /// Saves if the last change is old enough (or a failed save is due for a
    /// retry). Returns seconds until the next check is needed, if any.
    pub fn autosave(&mut self, now_secs: f64) -> Option<f64> {
        let due = match &self.save_status {
            SaveStatus::Saved => return None,
            SaveStatus::Unsaved { since_secs } => since_secs + AUTOSAVE_AFTER_SECS,
            SaveStatus::Failed { at_secs, .. } => at_secs + RETRY_AFTER_SECS,
        };
        if now_secs >= due {
            self.save(now_secs);
            match &self.save_status {
                SaveStatus::Failed { .. } => Some(RETRY_AFTER_SECS),
                SaveStatus::Unsaved { .. } => Some(AUTOSAVE_AFTER_SECS),
                SaveStatus::Saved => None,
            }
        } else {
            Some(due - now_secs)
        }
    }

    /// Takes in what changed on disk since it was read, once a second: an
    /// article corrected in an editor, or marks, links, `case.ron` or the
    /// schema brought by `git pull` or written by another window. Files with
    /// nothing unsaved are read again; others are merged mark by mark with
    /// what is unsaved here, and marks changed on both sides become conflicts
    /// for the user. Returns seconds until the next look is due.
    pub fn poll_files(&mut self, now_secs: f64) -> f64 {
        let since = now_secs - self.last_file_poll_secs;
        if since < FILE_POLL_SECS {
            return FILE_POLL_SECS - since;
        }
        self.last_file_poll_secs = now_secs;
        let changes = self.case.refresh_from_disk();
        self.take_in(changes, now_secs);
        FILE_POLL_SECS
    }

    /// Tells the user what changed on disk, and drops what it made stale.
    fn take_in(&mut self, changes: DiskChanges, now_secs: f64) {
        if changes.is_empty() {
            return;
        }
        for (id, report) in &changes.texts {
            // Counted as the Orphans list counts: this annotator's marks.
            let moved = report
                .moved
                .iter()
                .filter(|m| m.annotator == self.annotator)
                .count();
            let orphans = validate::orphans_of(&self.case, &self.annotator, id).len();
            let name = self.article_ref(id);
            self.notifications.note(
                format!(
                    "{name} changed on disk: {moved} of your marks moved with their words, {orphans} orphan(s)"
                ),
                now_secs,
            );
        }
        let names = |paths: &[std::path::PathBuf]| {
            let shown: Vec<String> = paths
                .iter()
                .take(3)
                .map(|p| p.display().to_string())
                .collect();
            let more = paths.len().saturating_sub(3);
            if more > 0 {
                format!("{} and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        if !changes.reloaded.is_empty() {
            self.notifications.note(
                format!("Changed on disk, read again: {}", names(&changes.reloaded)),
                now_secs,
            );
        }
        if !changes.merged.is_empty() {
            self.notifications.note(
                format!(
                    "Changed on disk, merged mark by mark with your unsaved changes: {}",
                    names(&changes.merged)
                ),
                now_secs,
            );
        }
        for p in &changes.problems {
            self.notifications.error(
                format!("{p} (changed on disk; Candor will not write it until it reads again)"),
                now_secs,
            );
        }
        if changes.conflicts > 0 {
            self.notifications.warn(
                format!(
                    "{} change(s) made both here and on disk: choose which to keep under Conflicts; those files are not saved until you do",
                    changes.conflicts
                ),
                now_secs,
            );
        }
        // A step replayed over a file someone else changed could undo their
        // work, and steps hold positions in texts that changed.
        let stale =
            !changes.texts.is_empty() || changes.keys.iter().any(|k| self.history.touches(k));
        if stale && (self.history.can_undo() || self.history.can_redo()) {
            self.history.forget();
            self.notifications.note(
                "Undo history cleared: files it would change were changed on disk",
                now_secs,
            );
        } else {
            // Views rebuilt from the case must see the new content.
            self.history.bump();
        }
        if !changes.texts.is_empty() {
            self.texts_generation += 1;
            self.selection = None;
        }
        self.orphans_key = None;
        self.forget_vanished_selection();
        if self.case.has_unsaved_changes() && self.save_status == SaveStatus::Saved {
            self.save_status = SaveStatus::Unsaved {
                since_secs: now_secs,
            };
        }
    }

    /// Settles a conflict, keeping the version here or taking the one on disk.
    pub fn resolve_conflict(&mut self, index: usize, theirs: bool, now_secs: f64) {
        if self.case.resolve_conflict(index, theirs).is_some() {
            self.history.bump();
            self.orphans_key = None;
            self.forget_vanished_selection();
            self.changed(now_secs);
        }
    }
}
