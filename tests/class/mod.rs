//! A class without git: the student copy holds no key (`handout`), the
//! hand-ins of a simulated class of 30 collected from a Canvas and a Moodle
//! download with every kind of trouble an LMS download brings (`collect`),
//! and feedback handed back on handed-in articles only (`feedback`).

mod collect;
mod feedback;
mod handout;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::class::handin::HandIn;
use candor::class::handout::{HandoutOptions, write_student_copy};
use candor::model::{AnnotatorId, ArticleId, Timestamp};

/// Every file under `root` with its bytes, by path relative to `root`.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("list a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("read a file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The example case, copied into `dir`, with a student copy made of it
/// (which gives the case its id). Returns the case and the copy's folder.
pub fn handed_out(dir: &Path) -> (PathBuf, PathBuf) {
    let root = crate::util::example_copy(dir);
    let mut case = Case::open(&root).expect("the example opens");
    let copy = dir.join("student-copy");
    write_student_copy(&mut case, &copy, &HandoutOptions::default()).expect("handed out");
    (root, copy)
}

/// The article ids of the example case, in name order.
pub const ARTICLES: [&str; 5] = ["digest", "ledger", "tribune", "voice", "wire"];

/// A hand-in for `student`, made of the example's `from` annotator's work
/// on the first `articles` articles (in name order), at minute `minute`.
pub fn hand_in(case: &Case, from: &str, student: &str, articles: usize, minute: u32) -> HandIn {
    let mut h = HandIn::from_case(case, &AnnotatorId::new(from)).expect("a hand-in");
    h.student = AnnotatorId::new(student);
    h.made = Timestamp(format!("2026-03-05T10:{minute:02}:00Z"));
    let keep: Vec<ArticleId> = ARTICLES[..articles]
        .iter()
        .map(|a| ArticleId::new(*a))
        .collect();
    h.articles.retain(|a, _| keep.contains(a));
    let ids: Vec<_> = h
        .articles
        .values()
        .flat_map(|a| a.marks.iter().map(|m| m.id.clone()))
        .collect();
    h.links.claims.retain_mut(|c| {
        c.marks.retain(|m| ids.contains(m));
        !c.marks.is_empty()
    });
    h.links.actors.retain_mut(|c| {
        c.marks.retain(|m| ids.contains(m));
        !c.marks.is_empty()
    });
    h
}

/// The bytes of a hand-in file.
pub fn bytes(h: &HandIn) -> Vec<u8> {
    h.to_ron().expect("serialises").into_bytes()
}

/// Writes a zip of `entries` (name, bytes) to `path`.
pub fn write_zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let file = std::fs::File::create(path).expect("create the zip");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).expect("an entry");
        zip.write_all(bytes).expect("its bytes");
    }
    zip.finish().expect("the zip is written");
}
