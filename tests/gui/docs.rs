//! The guide's tables of commands and views are made from the command list
//! itself (as helix makes its book's command tables from its code), so the
//! guide, the menus and the keys cannot disagree. A table out of step fails
//! here; `CANDOR_BLESS_DOCS=1 cargo test gui::docs` writes it anew.

use std::fs;
use std::path::Path;

use candor::gui::app::commands::{Command, View};

/// A table cell: the `|` that would end it early is escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Every command of the menus, with its shortcuts (Ctrl; the guide says Cmd
/// on macOS) and its tooltip.
fn commands_table() -> String {
    let mut table = String::from("| Shortcut | Command | What it does |\n| --- | --- | --- |\n");
    for cmd in Command::ALL {
        let keys = cmd.shortcuts_text(false);
        let keys = if keys.is_empty() {
            "(menu only)".to_string()
        } else {
            keys
        };
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&keys),
            cell(cmd.label()),
            cell(cmd.tooltip())
        ));
    }
    table
}

/// The views of the tab strip, in its order.
fn views_table() -> String {
    let mut table = String::from("| View | Shortcut | What it shows |\n| --- | --- | --- |\n");
    for view in View::ALL {
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(view.label()),
            cell(&Command::ShowView(view).shortcuts_text(false)),
            cell(view.tooltip())
        ));
    }
    table
}

/// Checks (or, with `CANDOR_BLESS_DOCS=1`, writes) the block between
/// `<!-- generated: NAME -->` and `<!-- end generated -->` in `file`.
fn check_generated(file: &str, name: &str, table: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = fs::read_to_string(&path).expect("read the guide");
    let open = format!("<!-- generated: {name} -->\n");
    let close = "<!-- end generated -->";
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("{file} has no {open:?} marker"))
        + open.len();
    let end = start
        + text[start..]
            .find(close)
            .unwrap_or_else(|| panic!("{file}: {name} has no end marker"));
    if text[start..end] == *table {
        return;
    }
    if std::env::var_os("CANDOR_BLESS_DOCS").is_some() {
        let updated = format!("{}{table}{}", &text[..start], &text[end..]);
        fs::write(&path, updated).expect("write the guide");
        return;
    }
    panic!(
        "{file}'s {name} table is out of step with the command list; run \
         CANDOR_BLESS_DOCS=1 cargo test gui::docs to write it. It should read:\n{table}"
    );
}

#[test]
fn the_guide_lists_every_command_with_its_keys_and_tooltip() {
    let table = commands_table();
    assert_eq!(table.lines().count(), Command::ALL.len() + 2);
    assert!(table.contains("| Ctrl+Shift+Z, Ctrl+Y | Redo |"), "{table}");
    check_generated("docs/window.md", "commands", &table);
}

#[test]
fn the_guide_lists_every_view_with_its_key() {
    let table = views_table();
    assert!(table.contains("| Adjudicate | Ctrl+J |"), "{table}");
    check_generated("docs/comparing.md", "views", &table);
}
