//! The man pages and shell completions the package installs are made from
//! the command line's own definition (`candor::cli::Cli`), so `man candor`
//! and a Tab in the shell cannot drift from `candor --help`; the guide's
//! HTML pages (what Help > Guide opens in a browser) are made from
//! `docs/*.md`. They are committed under `packaging/` (a package build then
//! needs no generator); this test makes them again in memory and fails when
//! a committed one differs, is missing, or is left over from a command or
//! page that is gone.
//! `CANDOR_BLESS_DOCS=1 cargo test --test tests packaging::` writes them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

/// The folders this test owns, relative to the repository.
const MAN_DIR: &str = "packaging/man";
const COMPLETIONS_DIR: &str = "packaging/completions";
const GUIDE_DIR: &str = "packaging/guide";
/// Where a link out of the guide (to the example case, the README) points
/// in the installed pages, which have no repository beside them.
const REPOSITORY_FILES: &str = "https://github.com/candor-app/candor/blob/main/";

/// Every generated file, by its path relative to the repository.
fn generated() -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut cmd = candor::cli::Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, &mut files);
    for (shell, name) in [
        (Shell::Bash, "candor.bash"),
        (Shell::Zsh, "_candor"),
        (Shell::Fish, "candor.fish"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "candor", &mut out);
        files.insert(Path::new(COMPLETIONS_DIR).join(name), out);
    }
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for entry in fs::read_dir(&docs).expect("list docs/") {
        let path = entry.expect("docs entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let markdown = fs::read_to_string(&path).expect("read a guide page");
            let name = path.with_extension("html");
            let name = name.file_name().expect("a name");
            files.insert(
                Path::new(GUIDE_DIR).join(name),
                guide_page(&markdown).into_bytes(),
            );
        }
    }
    files
}

/// The anchor GitHub gives a heading (what tests/docs.rs checks links
/// against), so `page.md#anchor` links land in the HTML too.
fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A link of the guide as the installed pages need it: another page's
/// `.md` becomes its `.html`; a file outside the guide (`../...`) is
/// addressed in the repository.
fn page_link(dest: &str) -> String {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return dest.to_string();
    }
    if let Some(outside) = dest.strip_prefix("../") {
        return format!("{REPOSITORY_FILES}{outside}");
    }
    let (file, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(f, a)| (f, Some(a)));
    let file = match file.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html"),
        None => file.to_string(),
    };
    match anchor {
        Some(a) => format!("{file}#{a}"),
        None => file,
    }
}

/// One guide page as HTML: headings with their anchors, links between
/// pages kept working, a plain style that reads well in any browser.
fn guide_page(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut out = Vec::with_capacity(events.len());
    let mut seen = std::collections::BTreeSet::new();
    let mut title = String::from("Candor");
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if *level == pulldown_cmark::HeadingLevel::H1 && title == "Candor" {
                    title = format!("{text} — Candor");
                }
                let base = slug(&text);
                let mut id = base.clone();
                let mut n = 1;
                while !seen.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(page_link(dest_url)),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            other => out.push(other.clone()),
        }
    }
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, out.into_iter());
    let title = title.replace('&', "&amp;").replace('<', "&lt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
<style>body{{max-width:50em;margin:2em auto;padding:0 1em;font:16px/1.5 sans-serif;color:#222}}\
img{{max-width:100%}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}\
code{{background:#f4f4f4;padding:0 .2em}}pre{{background:#f4f4f4;padding:.5em;overflow:auto}}</style>\n\
</head>\n<body>\n<p><a href=\"README.html\">Candor's user guide</a></p>\n{body}</body>\n</html>\n"
    )
}

/// `candor.1`, and `candor-NAME.1` for each command (clap names a built
/// subcommand `candor-NAME`, which is also the page's title).
fn man_pages(cmd: &clap::Command, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, files);
    }
    let man = clap_mangen::Man::new(cmd.clone()).manual("Candor Manual");
    let mut out = Vec::new();
    man.render(&mut out).expect("render a man page");
    files.insert(Path::new(MAN_DIR).join(man.get_filename()), out);
}

/// The files now under the generated folders.
fn committed(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in [MAN_DIR, COMPLETIONS_DIR, GUIDE_DIR] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("list a generated folder").path();
            if dir == GUIDE_DIR && path.extension().is_none_or(|e| e != "html") {
                continue; // the link to the screenshots
            }
            let rel = path.strip_prefix(root).expect("inside").to_path_buf();
            files.insert(rel, fs::read(&path).expect("read a generated file"));
        }
    }
    files
}

#[test]
fn man_pages_and_completions_match_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let want = generated();
    let have = committed(root);
    let stale: std::collections::BTreeSet<&PathBuf> = want
        .keys()
        .chain(have.keys())
        .filter(|p| want.get(*p) != have.get(*p))
        .collect();
    if stale.is_empty() {
        return;
    }
    if std::env::var_os("CANDOR_BLESS_DOCS").is_some() {
        for dir in [MAN_DIR, COMPLETIONS_DIR, GUIDE_DIR] {
            fs::create_dir_all(root.join(dir)).expect("make a generated folder");
        }
        for path in have.keys().filter(|p| !want.contains_key(*p)) {
            fs::remove_file(root.join(path)).expect("remove a page of a command that is gone");
        }
        for (path, bytes) in &want {
            fs::write(root.join(path), bytes).expect("write a generated file");
        }
        return;
    }
    panic!(
        "out of step with the command line (missing, changed or left over): {stale:?}; \
         run CANDOR_BLESS_DOCS=1 cargo test --test tests packaging:: to write them"
    );
}

#[test]
fn every_command_has_a_man_page_and_a_completion() {
    let files = generated();
    let names: Vec<String> = candor::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    assert!(names.len() > 10, "the commands were found: {names:?}");
    for name in &names {
        let page = Path::new(MAN_DIR).join(format!("candor-{name}.1"));
        assert!(files.contains_key(&page), "no man page for {name}");
        let fish = String::from_utf8_lossy(
            &files[Path::new(COMPLETIONS_DIR).join("candor.fish").as_path()],
        )
        .into_owned();
        assert!(
            fish.contains(&format!("-a \"{name}\"")),
            "fish completes no {name}"
        );
    }
    let top =
        String::from_utf8_lossy(&files[Path::new(MAN_DIR).join("candor.1").as_path()]).into_owned();
    assert!(
        top.contains(".TH candor 1"),
        "the main page is section 1: {top}"
    );
    assert!(
        top.contains("candor\\-check(1)"),
        "it lists the commands' pages"
    );
}

#[test]
fn the_guide_pages_link_to_each_other_and_keep_their_anchors() {
    let files = generated();
    let page = |name: &str| {
        String::from_utf8_lossy(&files[Path::new(GUIDE_DIR).join(name).as_path()]).into_owned()
    };
    let index = page("README.html");
    assert!(
        index.contains("href=\"window.html\""),
        "pages link as .html"
    );
    for href in index.split("href=\"").skip(1) {
        let href = &href[..href.find('"').expect("a closed href")];
        assert!(
            href.contains("://") || !href.split('#').next().unwrap_or(href).ends_with(".md"),
            "a link to a .md page is left: {href}"
        );
    }
    assert!(
        index.contains(&format!(
            "href=\"{REPOSITORY_FILES}annotations/northgate-dam/README.md\""
        )),
        "a file outside the guide is addressed in the repository"
    );
    let install = page("install.md".replace(".md", ".html").as_str());
    assert!(
        install.contains("<h3 id=\"double-click\">"),
        "headings keep GitHub's anchors"
    );
    assert_eq!(
        page_link("install.md#double-click"),
        "install.html#double-click"
    );
    assert_eq!(page_link("screenshots/read.png"), "screenshots/read.png");
}
