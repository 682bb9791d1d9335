//! The undo and redo stacks of one open case: each step is the inverse of
//! what was applied, with a label for the menu and the selection to restore.

use super::Edit;
use crate::case::Case;
use crate::model::MarkId;
use crate::problem::CaseError;

/// One step of undo or redo.
#[derive(Clone, Debug)]
struct Step {
    /// What the user did, for the menu ("Undo add mark").
    label: String,
    /// The edit that reverses the step.
    inverse: Edit,
    /// Consecutive steps with the same key (typing in one mark's note) merge
    /// into one, so undo does not go back a letter at a time.
    merge_key: Option<String>,
    /// The mark selected before the step and after it, so undo and redo also
    /// bring back what the user was looking at, as helix's history restores
    /// the selection with the text.
    selected_before: Option<MarkId>,
    selected_after: Option<MarkId>,
}

/// A step that undo or redo just replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undone {
    /// What the user had done ("mark as Loaded wording").
    pub label: String,
    /// The mark to select now: the one selected before the step (undo) or
    /// after it (redo).
    pub selected: Option<MarkId>,
}

/// The undo and redo stacks of one open case.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Goes up on every change, so views can tell that their caches are stale.
    generation: u64,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Applies an edit as one undoable step. Clears the redo stack.
    pub fn apply(&mut self, case: &mut Case, edit: Edit, label: &str) -> Result<(), CaseError> {
        self.apply_merging(case, edit, label, None)
    }

    /// Like `apply`, but merges with the previous step if it has the same
    /// `merge_key` (the previous step's inverse already restores the state
    /// before both).
    pub fn apply_merging(
        &mut self,
        case: &mut Case,
        edit: Edit,
        label: &str,
        merge_key: Option<String>,
    ) -> Result<(), CaseError> {
        let inverse = edit.apply(case)?;
        self.generation += 1;
        self.redo.clear();
        if merge_key.is_some() && self.undo.last().is_some_and(|s| s.merge_key == merge_key) {
            return Ok(());
        }
        self.undo.push(Step {
            label: label.to_string(),
            inverse,
            merge_key,
            selected_before: None,
            selected_after: None,
        });
        Ok(())
    }

    /// Records which mark was selected before and after the step just
    /// applied. A merged step keeps the selection from before its first part.
    pub fn set_selection(&mut self, before: Option<MarkId>, after: Option<MarkId>) {
        if let Some(step) = self.undo.last_mut() {
            if step.selected_after.is_none() && step.selected_before.is_none() {
                step.selected_before = before;
            }
            step.selected_after = after;
        }
    }

    /// Ends merging: the next edit with the same key starts a new step.
    pub fn seal(&mut self) {
        if let Some(s) = self.undo.last_mut() {
            s.merge_key = None;
        }
    }

    /// Undoes the last step. Returns what it was, or `None` if there was none.
    pub fn undo(&mut self, case: &mut Case) -> Result<Option<Undone>, CaseError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match step.inverse.clone().apply(case) {
            Ok(redo) => {
                self.generation += 1;
                let undone = Undone {
                    label: step.label.clone(),
                    selected: step.selected_before.clone(),
                };
                self.redo.push(Step {
                    inverse: redo,
                    merge_key: None,
                    ..step
                });
                Ok(Some(undone))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, case: &mut Case) -> Result<Option<Undone>, CaseError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match step.inverse.clone().apply(case) {
            Ok(undo) => {
                self.generation += 1;
                let redone = Undone {
                    label: step.label.clone(),
                    selected: step.selected_after.clone(),
                };
                self.undo.push(Step {
                    inverse: undo,
                    merge_key: None,
                    ..step
                });
                Ok(Some(redone))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Drops every undo and redo step, for when the case changed outside the
    /// history (an article's text was edited on disk): the steps hold
    /// positions in the old text, and replaying them could misplace marks.
    pub fn forget(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.generation += 1;
    }

    /// Marks the case as changed outside the history (taken in from disk),
    /// so views rebuild what they show.
    pub fn bump(&mut self) {
        self.generation += 1;
    }

    /// Whether any step, undone or redone, changes this file: if the file
    /// changed on disk under it, replaying the step could undo someone
    /// else's work, so the history is forgotten then.
    pub fn touches(&self, key: &crate::case::FileKey) -> bool {
        self.undo
            .iter()
            .chain(&self.redo)
            .any(|s| s.inverse.files().contains(key))
    }

    /// Changes every time the case changes through this history.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}
