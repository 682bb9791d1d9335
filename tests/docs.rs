//! The documents link to each other, to screenshots and to files of the
//! repository; a moved file or a renamed heading must not leave a reader at
//! a dead link. Every relative link in every Markdown file is followed here:
//! the file must exist, and a `#fragment` must name one of its headings (as
//! GitHub makes anchors of them).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every Markdown file of the repository, outside `target/` and `.git/`.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read a folder") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !matches!(name, "target" | ".git" | "corpus" | "artifacts") {
                    stack.push(path);
                }
            } else if name.ends_with(".md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The link targets of a Markdown text, `[text](target)` and `![alt](target)`,
/// outside fenced code blocks and inline code.
fn link_targets(markdown: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut fenced = false;
    for (i, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code may hold `](` that is no link.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(n, _)| n % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].trim();
            // `[a](b "title")`
            let target = target.split_whitespace().next().unwrap_or_default();
            found.push((i + 1, target.to_string()));
            rest = &after[end..];
        }
    }
    found
}

/// The anchors GitHub gives a file's headings: lower case, punctuation other
/// than `-` and `_` dropped, spaces made `-`, and `-1`, `-2` after repeats.
fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim();
        let base: String = title
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut anchor = base.clone();
        let mut n = 1;
        while seen.contains(&anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        seen.insert(anchor);
    }
    seen
}

#[test]
fn every_link_between_the_documents_works() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = markdown_files(root);
    assert!(
        files.len() > 10,
        "only {} Markdown files found",
        files.len()
    );
    let mut dead = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = fs::read_to_string(file).expect("read a Markdown file");
        let shown = file
            .strip_prefix(root)
            .expect("in the repository")
            .display();
        for (line, target) in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") || target.is_empty() {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target.as_str(), None),
            };
            let linked = if path.is_empty() {
                file.clone()
            } else {
                file.parent().expect("a folder").join(path)
            };
            if !linked.exists() {
                dead.push(format!("{shown}:{line}: {target} (no such file)"));
                continue;
            }
            if let Some(fragment) = fragment {
                let Ok(linked_text) = fs::read_to_string(&linked) else {
                    dead.push(format!("{shown}:{line}: {target} (not a text file)"));
                    continue;
                };
                if !anchors(&linked_text).contains(fragment) {
                    dead.push(format!("{shown}:{line}: {target} (no such heading)"));
                }
            }
        }
    }
    assert!(checked > 30, "only {checked} links checked");
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    let made = anchors(
        "# Candor\n## Articles from the web, findings out\n## Candor\n```\n# not a heading\n```\n### `candor grade`: the rules\n",
    );
    let expected: BTreeSet<String> = [
        "candor",
        "articles-from-the-web-findings-out",
        "candor-1",
        "candor-grade-the-rules",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(made, expected);
}

#[test]
fn links_in_code_are_not_links() {
    let found = link_targets(
        "see [the guide](docs/README.md) and `a](b)`\n```\n[x](y)\n```\n![pic](shot.png \"a title\")",
    );
    assert_eq!(
        found,
        vec![
            (1, "docs/README.md".to_string()),
            (5, "shot.png".to_string())
        ]
    );
}
