//! The window under files that fight back: a lock file that is a named
//! pipe, an import that takes long, an export into a folder of the user's
//! own. The window keeps drawing, says what happened, and loses nothing.

use std::path::Path;

use egui::Key;
use egui_kittest::kittest::Queryable;

use super::util::{app_on, harness, make_case, mark_phrase};

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
    let quotes: Vec<String> = super::util::marks_of(h.state(), "ledger")
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

/// A file as the window system hands it over when dropped.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn articles_in(h: &egui_kittest::Harness<'_, candor::gui::CandorApp>) -> usize {
    h.state()
        .session
        .as_ref()
        .map_or(0, |s| s.case.articles().len())
}

/// Pasting a deeply nested page froze the window for half a minute. Now
/// the reading is done off the UI thread: frames keep coming while it
/// runs, the status bar says which file of how many, and Cancel stops it
/// with nothing added.
#[test]
fn a_long_import_runs_while_the_window_draws_and_cancel_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let files = dir.path().join("drop");
    std::fs::create_dir(&files).expect("folder");
    let body = "Officials said the clearance was lawful. ".repeat(700);
    let mut h = harness(app_on(&root));
    for i in 0..400 {
        let p = files.join(format!("report-{i:03}.txt"));
        std::fs::write(&p, format!("Report {i}\n\n{body}")).expect("file");
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(p)));
    }
    h.step();
    // The result of a worker is taken in at the end of a frame, after that
    // frame's clicks: what a frame shows running is still running when
    // the next frame's Cancel is carried out.
    let before = h.ctx.cumulative_pass_nr();
    let mut seen = false;
    for _ in 0..3 {
        h.step();
        let running = h.state().session.as_ref().is_some_and(|s| s.work.is_some());
        assert!(running, "400 files are not read in a frame");
        seen = h.query_by_label_contains("of 400)").is_some();
        if seen {
            break;
        }
    }
    assert!(seen, "the status bar shows which file of how many");
    assert!(
        h.ctx.cumulative_pass_nr() > before,
        "frames are drawn meanwhile"
    );
    h.get_by_label_contains("Importing 400 files");
    assert_eq!(articles_in(&h), 2, "nothing is added while it runs");
    let ended = h
        .state()
        .session
        .as_ref()
        .and_then(|s| s.work.as_ref())
        .expect("running")
        .ended();
    h.get_by_label("Cancel").click();
    h.step();
    assert!(h.state().session.as_ref().is_some_and(|s| s.work.is_none()));
    h.step();
    h.get_by_label_contains("Importing 400 files cancelled; nothing was added");
    // Whatever the worker still finishes is thrown away.
    while !ended.load(std::sync::atomic::Ordering::Acquire) {
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(articles_in(&h), 2, "no article added after Cancel");
    assert_eq!(
        candor::case::Case::open(&root)
            .expect("reopen")
            .articles()
            .len(),
        2,
        "nor saved"
    );
}

/// File > Export into a folder where the user keeps a `report.html` of
/// their own: the window asks before replacing it. Choose another folder
/// leaves it; Replace writes the export over it.
#[test]
fn an_export_into_a_folder_of_the_users_asks_before_replacing_their_file() {
    use egui::Modifiers;

    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let out = dir.path().join("reports");
    std::fs::create_dir(&out).expect("folder");
    let mine = "<p>my own notes</p>";
    std::fs::write(out.join("report.html"), mine).expect("the user's file");
    std::fs::write(out.join("notes.txt"), "keep").expect("the user's file");
    let mut h = harness(app_on(&root));
    mark_phrase(&mut h, "so-called", Key::Num1);
    let export = |h: &mut egui_kittest::Harness<'_, candor::gui::CandorApp>| {
        let field = "Into the folder (made if missing):";
        h.get_by_label(field).focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label(field)
            .type_text(out.to_str().expect("UTF-8"));
        h.run();
        h.get_by_label("Export").click();
        h.step();
        super::util::finish_work(h);
    };
    super::util::press_ctrl(&mut h, Key::E);
    export(&mut h);
    h.get_by_label("Replace report.html?");
    assert_eq!(
        std::fs::read_to_string(out.join("report.html")).expect("there"),
        mine,
        "nothing is written before the user says"
    );
    h.get_by_label("Choose another folder").click();
    h.run();
    assert!(h.query_by_label("Replace report.html?").is_none());
    assert_eq!(
        std::fs::read_to_string(out.join("report.html")).expect("there"),
        mine,
        "choosing another folder leaves the file"
    );
    // Back at the choices, the same folder again, and this time Replace.
    export(&mut h);
    h.get_by_label("Replace").click();
    h.step();
    super::util::finish_work(&mut h);
    let html = std::fs::read_to_string(out.join("report.html")).expect("written");
    assert!(html.contains("Northgate Dam"), "the export: {html}");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).expect("kept"),
        "keep",
        "what the export does not write is left alone"
    );
    assert!(
        !out.join(candor::export::folder::MARKER).exists(),
        "the folder is still the user's: the next export asks again"
    );
    h.get_by_label_contains("Exported 1 mark(s) as html");
}

/// Without Cancel, the same import adds every file, saved once.
#[test]
fn dropped_files_are_all_imported_once_the_worker_is_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let mut h = harness(app_on(&root));
    for name in ["first", "second", "third"] {
        let p = dir.path().join(format!("{name}.txt"));
        std::fs::write(&p, format!("The {name} report\n\nOfficials said so.")).expect("file");
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(p)));
    }
    h.step();
    super::util::finish_work(&mut h);
    assert_eq!(articles_in(&h), 5);
    h.get_by_label_contains("Imported 3 files as articles, the last third");
    let on_disk = candor::case::Case::open(&root).expect("reopen");
    assert_eq!(on_disk.articles().len(), 5, "and saved");
}
