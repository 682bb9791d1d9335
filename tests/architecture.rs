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

/// The core modules each file belongs to (`case/load.rs` is `case`) and the
/// core modules it names with `crate::`, outside comments.
fn core_imports(
    src: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut graph: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for path in core_sources(src) {
        let rel = path.strip_prefix(src).expect("under src");
        let first = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read");
        let deps = graph.entry(module.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    deps.insert(name);
                }
            }
        }
    }
    graph
}

/// The first circle of imports found among the core modules, as the path
/// that closes it (`a -> b -> a`).
fn find_circle(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The core is layers: text and the file format at the bottom, the case on
/// them, figures and edits on the case, the command line on top. A circle
/// (A uses B, B uses A, directly or through others) would make them one
/// tangle that can only be read, tested and changed as a whole.
#[test]
fn no_two_core_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = core_imports(&src);
    assert!(
        graph.contains_key("case") && graph["case"].contains("anchor"),
        "the import graph is read: {graph:?}"
    );
    if let Some(circle) = find_circle(&graph) {
        panic!("core modules import each other: {}", circle.join(" -> "));
    }
}

#[test]
fn a_circle_of_imports_is_found_through_a_third_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    for (file, body) in [
        ("lib.rs", "pub mod a; pub mod b; pub mod c;"),
        ("a.rs", "use crate::b::B;"),
        ("b/mod.rs", "use crate::c;"),
        (
            "c.rs",
            "// crate::text in a comment is not an import\nuse crate::a::A;",
        ),
    ] {
        let path = src.join(file);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(&path, body.replace("\\n", "\n")).expect("write");
    }
    let circle = find_circle(&core_imports(&src)).expect("a circle");
    assert_eq!(circle, ["a", "b", "c", "a"]);
    fs::write(src.join("c.rs"), "use crate::text;").expect("write");
    assert_eq!(find_circle(&core_imports(&src)), None);
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

/// ARCHITECTURE.md's "How the code is laid out" names every source file (by its
/// folder and its name), and every `src/...` path it names exists, so the
/// section cannot drift from the tree.
#[test]
fn the_architecture_layout_section_matches_the_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme =
        fs::read_to_string(root.join("docs/ARCHITECTURE.md")).expect("docs/ARCHITECTURE.md");
    let start = readme
        .find("## How the code is laid out")
        .expect("ARCHITECTURE.md has a layout section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let src = root.join("src");
    let mut missing = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name == "lib.rs" {
                continue;
            }
            let folder = rel
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let named = if folder.is_empty() {
                section.contains(&format!("src/{name}"))
            } else {
                let last = folder.rsplit('/').next().unwrap_or_default();
                section.contains(&format!("{last}/")) && section.contains(name)
            };
            if !named {
                missing.push(rel.display().to_string());
            }
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "not in ARCHITECTURE.md's layout section: {missing:?}"
    );
    for (at, _) in section.match_indices("`src/") {
        let path: String = section[at + 1..]
            .chars()
            .take_while(|c| *c != '`')
            .collect();
        assert!(
            root.join(&path).exists(),
            "ARCHITECTURE.md names {path}, which is gone"
        );
    }
}

/// Every text file of the repository: no merge ever leaves its conflict
/// markers behind in code or docs.
#[test]
fn no_file_holds_a_merge_conflict_marker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.to_path_buf()];
    let mut found = Vec::new();
    let mut read = 0;
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read a folder") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !matches!(name, "target" | ".git") {
                    stack.push(path);
                }
                continue;
            }
            let text_file = ["rs", "md", "ron", "toml", "txt", "sh"]
                .iter()
                .any(|ext| path.extension().is_some_and(|e| e == *ext));
            if !text_file {
                continue;
            }
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            read += 1;
            for (i, line) in text.lines().enumerate() {
                if line.starts_with("<<<<<<< ") || line.starts_with(">>>>>>> ") {
                    found.push(format!("{}:{}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(read > 50, "only {read} files read");
    assert!(found.is_empty(), "conflict markers at {found:?}");
}
