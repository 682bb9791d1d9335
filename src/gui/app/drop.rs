//! What files dropped on the window are for. Today they can be articles
//! to import (.txt, .md, .html, .docx…), students' hand-ins to collect (a
//! `.candor-handin`, a zip or a folder of them as an LMS downloads them,
//! whatever the LMS renamed them to), a hand-back for a student copy, or
//! a case folder to open.
//! The ending decides where it is known; otherwise the file's first bytes
//! do (a zip's signature, a hand-in's `HandIn(`), so a Canvas download
//! renamed `ana_123_456_ana.candor-handin` or stripped of its ending is
//! still collected.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::commands::Action;
use crate::import;

/// How much of a file is read to tell what it is.
const SNIFF_BYTES: u64 = 4096;

/// What one dropped path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dropped {
    Article,
    HandIns,
    HandBack,
    /// A case folder (it holds `case.ron`): opened, not searched for
    /// hand-ins.
    Case,
    /// Nothing Candor takes; left alone.
    Other,
}

/// The actions for the paths dropped this frame: the articles imported
/// together, the hand-ins collected together, each hand-back applied.
pub fn actions_for(paths: Vec<PathBuf>) -> Vec<Action> {
    let (mut articles, mut handins, mut actions) = (Vec::new(), Vec::new(), Vec::new());
    for p in paths {
        match what_is(&p) {
            Dropped::Article => articles.push(p),
            Dropped::HandIns => handins.push(p),
            Dropped::HandBack => actions.push(Action::ApplyHandBack(p)),
            Dropped::Case => actions.push(Action::OpenPath(p)),
            Dropped::Other => {}
        }
    }
    if !handins.is_empty() {
        actions.insert(0, Action::Collect(handins));
    }
    if !articles.is_empty() {
        actions.insert(0, Action::ImportPaths(articles));
    }
    actions
}

/// What a dropped path is: by its ending, else by its first bytes.
pub fn what_is(path: &Path) -> Dropped {
    if path.is_dir() {
        if path.join(crate::model::MANIFEST_FILE).is_file() {
            return Dropped::Case;
        }
        return Dropped::HandIns;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "candor-handin" | "zip" => return Dropped::HandIns,
        "candor-handback" => return Dropped::HandBack,
        e if import::EXTENSIONS.contains(&e) => return Dropped::Article,
        _ => {}
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head));
    if read.is_err() {
        return Dropped::Other;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Dropped::HandIns;
    }
    let text = String::from_utf8_lossy(&head);
    if text.contains("HandIn(") {
        Dropped::HandIns
    } else if text.contains("HandBack(") {
        Dropped::HandBack
    } else {
        Dropped::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_its_ending_or_else_its_first_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let at = |name: &str, body: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, body).expect("write");
            p
        };
        assert_eq!(what_is(&at("a.txt", b"Some text")), Dropped::Article);
        assert_eq!(
            what_is(&at("draft.docx", b"PK\x03\x04rest")),
            Dropped::Article,
            "a Word document is a zip, and an article by its ending"
        );
        assert_eq!(what_is(&at("ana.candor-handin", b"")), Dropped::HandIns);
        assert_eq!(what_is(&at("ana.candor-handback", b"")), Dropped::HandBack);
        assert_eq!(
            what_is(&at("submissions", b"PK\x03\x04rest")),
            Dropped::HandIns
        );
        assert_eq!(
            what_is(&at("ana_123_456_handin", b"// Candor\nHandIn(format: 1)")),
            Dropped::HandIns
        );
        assert_eq!(what_is(&at("notes.pdf", b"%PDF-1.7")), Dropped::Other);
        assert_eq!(what_is(dir.path()), Dropped::HandIns);
        at("case.ron", b"Case(format: 1)");
        assert_eq!(
            what_is(dir.path()),
            Dropped::Case,
            "a case folder is opened"
        );
    }

    #[test]
    fn articles_and_hand_ins_dropped_together_go_their_own_ways() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.md");
        let h = dir.path().join("ben.candor-handin");
        std::fs::write(&a, "# A").expect("write");
        std::fs::write(&h, "HandIn()").expect("write");
        assert_eq!(
            actions_for(vec![h.clone(), a.clone()]),
            vec![Action::ImportPaths(vec![a]), Action::Collect(vec![h])]
        );
    }
}
