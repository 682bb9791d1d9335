//! The layout tells the architecture: the core never imports the GUI, so
//! every figure the window shows can be computed and tested without it.

use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn the_core_never_imports_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for path in core_sources(&src) {
        let name = path.strip_prefix(&src).expect("under src").display();
        let text = fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if ["egui", "eframe", "rfd::"].iter().any(|w| code.contains(w))
                && !code.contains("#[cfg(feature = \"gui\")]")
                && !code.trim_start().starts_with("pub mod gui")
            {
                offenders.push(format!("src/{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core must not use the GUI:\n{}",
        offenders.join("\n")
    );
}

/// Every `.rs` file under `src/`, in sub-folders too, except the window's
/// (`src/gui/`) and `src/main.rs`, which only hands over to it. Walking the
/// whole tree means a core module that becomes a folder stays checked.
fn core_sources(src: &Path) -> Vec<PathBuf> {
    let skip = [src.join("gui"), src.join("main.rs")];
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("read a folder of src") {
            let path = entry.expect("entry").path();
            if skip.contains(&path) {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_core_check_reads_sub_folders_and_skips_only_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    for file in [
        "lib.rs",
        "main.rs",
        "case/mod.rs",
        "case/reanchor/moved.rs",
        "gui/app.rs",
        "gui/compare/mod.rs",
        "notes.txt",
    ] {
        let path = src.join(file);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(&path, "").expect("write");
    }
    let found: Vec<String> = core_sources(&src)
        .iter()
        .map(|p| {
            p.strip_prefix(&src)
                .expect("under src")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(found, ["case/mod.rs", "case/reanchor/moved.rs", "lib.rs"]);
}

#[test]
fn the_example_case_uses_the_default_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    let case = candor::case::Case::open(&root).expect("the example case opens");
    assert_eq!(
        *case.schema(),
        candor::model::Schema::default_schema(),
        "the example case's schema.ron should hold annotations/default-schema.ron"
    );
}

#[test]
fn the_example_case_checks_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    let case = candor::case::Case::open(&root).expect("the example case opens");
    let problems = candor::validate::check(&case);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(case.articles().len(), 5);
    let names: Vec<&str> = case.annotators().keys().map(|a| a.as_str()).collect();
    assert_eq!(names, ["amara", "ben", "key"]);
    let key = &case.annotators()[&candor::model::AnnotatorId::new("key")];
    assert!(key.links.claims.len() >= 4 && key.links.actors.len() >= 3);
}

#[test]
fn saving_the_example_case_unchanged_rewrites_nothing() {
    // The example case is written the way Candor writes files, so a user's
    // first save changes only what they changed.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut stack = vec![(src.clone(), dir.path().to_path_buf())];
    while let Some((from, to)) = stack.pop() {
        fs::create_dir_all(&to).expect("dir");
        for e in fs::read_dir(&from).expect("read dir") {
            let p = e.expect("entry").path();
            let target = to.join(p.file_name().expect("name"));
            if p.is_dir() {
                stack.push((p, target));
            } else {
                fs::copy(&p, &target).expect("copy");
            }
        }
    }
    let mut case = candor::case::Case::open(dir.path()).expect("open");
    let report = case.save_all().expect("save");
    assert!(report.written.is_empty(), "rewrote {:?}", report.written);
}
