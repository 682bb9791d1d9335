//! The window under files that fight back: a lock file that is a named
//! pipe, an import that takes long, an export into a folder of the user's
//! own. The window keeps drawing, says what happened, and loses nothing.

use std::path::Path;

use egui::Key;
use egui_kittest::kittest::Queryable;

use super::util::{app_on, harness, make_case, mark_phrase, marks_of};

/// A named pipe at `path`, made by the system's `mkfifo`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A named pipe as `.candor.lock` made every save wait forever: the first
/// autosave froze the window for good and the mark was lost. Now the save
/// fails at once with the lock's path, the mark stays in memory, and the
/// save after the pipe is gone writes it.
#[cfg(unix)]
#[test]
fn a_named_pipe_as_the_lock_file_fails_the_autosave_and_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let lock = root.join(candor::storage::LOCK_FILE);
    let _ = std::fs::remove_file(&lock);
    mkfifo(&lock);
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    let before = h.ctx.cumulative_pass_nr();
    // The clock moves with each frame: well past the autosave's second.
    for _ in 0..12 {
        h.step();
    }
    assert!(
        h.ctx.cumulative_pass_nr() >= before + 12,
        "every frame is drawn"
    );
    let status = h.get_by_label_contains("Not saved:");
    let said = format!("{status:?}");
    assert!(
        said.contains(".candor.lock") && said.contains("not a regular file"),
        "the status bar names the lock file and what is wrong: {said}"
    );
    let quotes: Vec<String> = marks_of(h.state(), "ledger")
        .into_iter()
        .map(|m| m.quote)
        .collect();
    assert_eq!(quotes, ["so-called"], "the mark is kept in memory");
    let s = h.state().session.as_ref().expect("open");
    assert!(s.case.has_unsaved_changes(), "and known to be unsaved");
    assert!(
        !root.join("marks/amara/ledger.ron").exists(),
        "nothing was written"
    );

    // The user removes the pipe; the next retry saves.
    std::fs::remove_file(&lock).expect("remove the pipe");
    for _ in 0..24 {
        h.step();
    }
    h.get_by_label("Saved");
    let ron = std::fs::read_to_string(root.join("marks/amara/ledger.ron")).expect("saved");
    assert!(ron.contains("so-called"), "{ron}");
}
