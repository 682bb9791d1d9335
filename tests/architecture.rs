//! The layout tells the architecture: the core never imports the GUI, so
//! every figure the window shows can be computed and tested without it.

use std::collections::{BTreeMap, BTreeSet};
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

/// Inside one module the same holds between its files, in every folder of
/// the core and of the window (`gui/` and all its sub-folders): two files
/// that import each other, directly or through others, can only be read
/// and changed together, and the module's parts blur into one. A shared
/// type or rule goes in a file both use, or one floor down.
#[test]
fn no_two_files_of_a_module_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = file_imports(&src);
    assert!(
        graph
            .get("export/compare/table.rs")
            .is_some_and(|deps| deps.contains("export/table.rs")),
        "the import graph of files is read: {graph:?}"
    );
    let circles: Vec<String> = file_circles(&graph)
        .into_iter()
        .map(|(circle, knot)| {
            format!(
                "{} (files in this knot: {})",
                circle.join(" -> "),
                knot.join(", ")
            )
        })
        .collect();
    assert!(
        circles.is_empty(),
        "files of one module import each other:\n{}",
        circles.join("\n")
    );
}

#[test]
fn a_circle_between_files_is_found_through_use_lines_and_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    for (file, body) in [
        ("lib.rs", "pub mod m; pub mod n; pub mod g;"),
        ("m/mod.rs", "mod a; mod b; mod c;"),
        ("m/a.rs", "use super::{b::{self, B}, x};"),
        (
            "m/b.rs",
            "fn f() {\n    super::c::run();\n}\n#[cfg(test)]\nmod tests {\n    use super::super::a;\n}",
        ),
        (
            "m/c.rs",
            "// super::b in a comment\nuse crate::m::{a::A, d};",
        ),
        ("n.rs", "use crate::m::a;"),
        ("g/mod.rs", "pub mod p; mod r;"),
        ("g/p/mod.rs", "pub mod q;"),
        ("g/p/q.rs", "pub fn q() -> crate::g::r::R { todo!() }"),
        ("g/r.rs", "use self::super::p::q::{q as make};"),
    ] {
        let path = src.join(file);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(&path, body).expect("write");
    }
    let found = |src: &Path| -> Vec<Vec<String>> {
        file_circles(&file_imports(src))
            .into_iter()
            .map(|(circle, _)| circle)
            .collect()
    };
    assert_eq!(
        found(&src),
        [
            vec!["g/p/q.rs", "g/r.rs", "g/p/q.rs"],
            vec!["m/a.rs", "m/b.rs", "m/c.rs", "m/a.rs"],
        ]
    );
    fs::write(src.join("m/c.rs"), "use crate::n;").expect("write");
    fs::write(src.join("g/r.rs"), "pub struct R;").expect("write");
    assert_eq!(found(&src), Vec::<Vec<String>>::new());
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

/// The module a source file is (`import/marks.rs` is `import::marks`,
/// `import/mod.rs` is `import`, `lib.rs` the crate), as its names.
fn module_of(rel: &Path) -> Vec<String> {
    let mut names: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let root = names.len() == 1 && matches!(names[0].as_str(), "lib" | "main");
    if root || names.last().is_some_and(|n| n == "mod") {
        names.pop();
    }
    names
}

/// The file that holds the module `names` (`a/b.rs` or `a/b/mod.rs`).
fn file_of(src: &Path, names: &[String]) -> Option<String> {
    if names.is_empty() {
        return Some("lib.rs".to_string());
    }
    let joined = names.join("/");
    [format!("{joined}.rs"), format!("{joined}/mod.rs")]
        .into_iter()
        .find(|f| src.join(f).is_file())
}

/// A file's code without comments and without its unit tests (everything
/// from `#[cfg(test)]` before a `mod`), which see the file from inside.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        code.push_str(line.split("//").next().unwrap_or_default());
        code.push('\n');
    }
    code
}

/// Every path a piece of code names from `crate::`, `super::` or `self::`,
/// as its segments: each path of a `use` tree (`use super::{a, b::c}` is
/// `super::a` and `super::b::c`) and each path written in code
/// (`super::brat::read(..)`).
fn paths_in(code: &str) -> Vec<Vec<String>> {
    fn ident_end(s: &str) -> usize {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    }
    /// The paths of one `use` tree, each after `prefix`.
    fn tree(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let s = s.trim();
        if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        tree(&inner[start..i], prefix, out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            tree(&inner[start..], prefix, out);
            return;
        }
        let s = s.split(" as ").next().unwrap_or_default().trim();
        if s.is_empty() {
            return;
        }
        match s.split_once("::") {
            Some((head, rest)) => {
                let mut p = prefix.to_vec();
                p.push(head.trim().to_string());
                tree(rest, &p, out);
            }
            None => {
                let mut p = prefix.to_vec();
                if s != "self" && s != "*" {
                    p.push(s.to_string());
                }
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for (at, _) in code.match_indices("use ") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(end) = code[at..].find(';') {
            tree(&code[at + 4..at + end], &[], &mut out);
        }
    }
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let mut path = Vec::new();
            let mut rest = &code[at..];
            loop {
                let end = ident_end(rest);
                if end == 0 {
                    break;
                }
                path.push(rest[..end].to_string());
                match rest[end..].strip_prefix("::") {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            out.push(path);
        }
    }
    out.retain(|p| {
        matches!(
            p.first().map(String::as_str),
            Some("crate" | "super" | "self")
        )
    });
    out
}

/// The file a path from the file of module `from` lands in: the deepest
/// module it names (`super::table::View` from `export::agree::csv` is
/// `export/agree/table.rs`).
fn target_of(src: &Path, from: &[String], path: &[String]) -> Option<String> {
    let mut at: Vec<String> = Vec::new();
    for (i, seg) in path.iter().enumerate() {
        match seg.as_str() {
            "crate" if i == 0 => at.clear(),
            "self" if i == 0 => at = from.to_vec(),
            "super" => {
                if i == 0 {
                    at = from.to_vec();
                }
                at.pop()?;
            }
            name => {
                let mut next = at.clone();
                next.push(name.to_string());
                if file_of(src, &next).is_none() {
                    break;
                }
                at = next;
            }
        }
    }
    file_of(src, &at)
}

/// Which files each file under `src` imports from the same top-level
/// module (`export/agree/csv.rs` -> `export/agree/table.rs`), following `crate::`,
/// `super::` and `self::` paths in `use` lines and in code.
fn file_imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("read a folder of src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let top = |file: &str| file.split('/').next().unwrap_or_default().to_string();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(src).expect("under src");
        let name = rel.to_string_lossy().replace('\\', "/");
        let from = module_of(rel);
        let code = code_of(&fs::read_to_string(&path).expect("read"));
        let deps = graph.entry(name.clone()).or_default();
        for p in paths_in(&code) {
            if let Some(to) = target_of(src, &from, &p)
                && to != name
                && top(&to) == top(&name)
                && name.contains('/')
                && !is_below(&from, &module_of(Path::new(&to)))
            {
                deps.insert(to);
            }
        }
    }
    graph
}

/// Whether module `inner` lies inside module `outer` (`a::b::c` inside
/// `a::b`). A module naming its own sub-modules (`use self::layout::Para`
/// in `view/mod.rs`, as `layout::Para` would) is the module tree, which
/// `mod layout;` already declares, not an import between rooms; the circles
/// this check looks for run between files side by side, or from a child
/// back up through its parent to a sibling.
fn is_below(outer: &[String], inner: &[String]) -> bool {
    inner.len() > outer.len() && inner.starts_with(outer)
}

/// Every knot of files that import each other (a strongly connected group
/// of two or more), each as one circle through it (`a -> b -> a`) and the
/// files it holds.
fn file_circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(Vec<String>, Vec<String>)> {
    // Tarjan's strongly connected components.
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        knots: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, node: &'g str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut knot = Vec::new();
                while let Some(top) = self.stack.pop() {
                    knot.push(top.to_string());
                    if top == node {
                        break;
                    }
                }
                if knot.len() > 1 {
                    knot.sort();
                    self.knots.push(knot);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        knots: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    let mut out = Vec::new();
    for knot in walk.knots {
        // The shortest way back to the knot's first file, breadth first.
        let first = &knot[0];
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([first.as_str()]);
        let mut circle = vec![first.clone()];
        'search: while let Some(node) = queue.pop_front() {
            for next in graph.get(node).into_iter().flatten() {
                if !knot.contains(next) {
                    continue;
                }
                if next == first {
                    let mut back = vec![node];
                    while let Some(prev) = came_from.get(back[back.len() - 1]) {
                        back.push(prev);
                    }
                    circle = back.iter().rev().map(|s| s.to_string()).collect();
                    circle.push(first.clone());
                    break 'search;
                }
                if next != first && !came_from.contains_key(next.as_str()) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        out.push((circle, knot));
    }
    out.sort();
    out
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

/// Every CSV Candor writes goes through `export::csv::Sheet`, which makes a
/// cell that starts like a formula plain text: a writer of its own
/// elsewhere could forget to (as `grade --format csv` once did).
#[test]
fn every_csv_is_written_through_the_one_csv_writer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let writer = src.join("export").join("csv.rs");
    let mut offenders = Vec::new();
    for path in core_sources(&src).into_iter().filter(|p| *p != writer) {
        let text = fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if [
                "csv::Writer",
                "WriterBuilder",
                "write_record",
                "write_field",
            ]
            .iter()
            .any(|w| code.contains(w))
            {
                let name = path.strip_prefix(&src).expect("under src").display();
                offenders.push(format!("src/{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "write CSV with export::csv::Sheet:\n{}",
        offenders.join("\n")
    );
}
