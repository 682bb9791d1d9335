//! The man pages and shell completions the package installs are made from
//! the command line's own definition (`candor::cli::Cli`), so `man candor`
//! and a Tab in the shell cannot drift from `candor --help`. They are
//! committed under `packaging/` (a package build then needs no generator);
//! this test makes them again in memory and fails when a committed one
//! differs, is missing, or is left over from a command that is gone.
//! `CANDOR_BLESS_DOCS=1 cargo test --test tests packaging::` writes them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

/// The folders this test owns, relative to the repository.
const MAN_DIR: &str = "packaging/man";
const COMPLETIONS_DIR: &str = "packaging/completions";

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
    files
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
    for dir in [MAN_DIR, COMPLETIONS_DIR] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("list a generated folder").path();
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
        for dir in [MAN_DIR, COMPLETIONS_DIR] {
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
