//! Bytes as one file of a case (case.ron, the schema, a marks file or a links
//! file), opened through `Case::open`, checked and saved: whatever a person
//! or a broken editor leaves in a file, Candor reports it and never panics.
//! The first byte picks the file; the rest is its content.

#![no_main]

use libfuzzer_sys::fuzz_target;

const CASE: &str = r#"Case(
    format: 1,
    title: "Fuzz",
    schema: "schema.ron",
    articles: [(id: "a", title: "A", file: "articles/a.txt")],
)
"#;

const MARKS: &str = r#"Marks(
    format: 1,
    marks: [(
        id: "m1",
        category: "loaded",
        start: 4,
        end: 10,
        quote: "élites",
        prefix: "Les ",
        suffix: " 🎉 ont",
        created: "2026-01-01T00:00:00Z",
        modified: "2026-01-01T00:00:00Z",
    )],
)
"#;

const SCHEMA: &str = include_str!("../../annotations/default-schema.ron");

const TEXT: &str = "Les élites 🎉 ont menti, said Zoë.\n";

fuzz_target!(|data: &[u8]| {
    let Some((&which, content)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("temp folder is writable");
        }
        std::fs::write(path, bytes).expect("temp folder is writable");
    };
    write("case.ron", CASE.as_bytes());
    write("schema.ron", SCHEMA.as_bytes());
    write("articles/a.txt", TEXT.as_bytes());
    write("marks/key/a.ron", MARKS.as_bytes());
    match which % 5 {
        0 => write("case.ron", content),
        1 => write("schema.ron", content),
        2 => write("marks/key/a.ron", content),
        3 => write("marks/key/links.ron", content),
        _ => write("articles/a.txt", content),
    }
    if let Ok(mut case) = candor::case::Case::open(root) {
        let _ = candor::validate::check(&case);
        let _ = candor::validate::orphans(&case);
        let _ = candor::anchor::moved_notes(&case);
        let _ = case.save_all();
    }
});
