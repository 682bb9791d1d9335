//! Reading and writing the files of a case: atomic writes, deterministic RON,
//! and reads that turn every failure into a `Problem` with a location.
//!
//! Everything that touches the disk for case data goes through here, so the
//! rules (temp file + fsync + rename; stable formatting; size limits; paths
//! that stay inside the case) are kept in one place.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::problem::{Problem, from_ron};

/// Largest article text Candor opens (64 MiB): far beyond any news article,
/// small enough that a wrong file (a video, a disk image) is refused quickly.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;
/// Largest RON file Candor opens (256 MiB, about a million marks).
pub const MAX_RON_BYTES: u64 = 256 << 20;

/// Writes `bytes` to `path` so that a reader (or a crash) sees either the old
/// file or the new one, never a mix: temp file in the same folder, fsync,
/// rename. The folder itself is not fsynced: that would double the cost of
/// every autosave, and the worst a crash can then do is keep the previous
/// complete version of the file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".candor-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        // tempfile creates 0600; case files are meant to be shared.
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The one RON style Candor writes: four-space indent, `\n` line ends, struct
/// names, one field per line. Same value, same bytes, on every platform.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(true)
        .escape_strings(true)
}

/// `value` as Candor's RON, ending with a newline.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let s = ron::Options::default().to_string_pretty(value, pretty())?;
    let mut s = plain_apostrophes(&s);
    s.push('\n');
    Ok(s)
}

/// ron escapes `'` as `\'` inside double-quoted strings, where it needs no
/// escape. Notes are full of "it's" and "the ministry's", and a person who
/// edits a file by hand writes them plain; writing them plain too keeps a
/// save from rewriting lines nobody changed. Char literals (`key: '\''`)
/// and every other escape are left as they are.
fn plain_apostrophes(ron: &str) -> String {
    #[derive(PartialEq)]
    enum In {
        Code,
        Str,
        Char,
    }
    let mut out = String::with_capacity(ron.len());
    let mut state = In::Code;
    let mut chars = ron.chars();
    while let Some(c) = chars.next() {
        match (&state, c) {
            (In::Code, '"') => state = In::Str,
            (In::Code, '\'') => state = In::Char,
            (In::Str, '"') | (In::Char, '\'') => state = In::Code,
            (In::Str | In::Char, '\\') => {
                let next = chars.next();
                if !(state == In::Str && next == Some('\'')) {
                    out.push('\\');
                }
                if let Some(n) = next {
                    out.push(n);
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Reads a file as UTF-8 text, refusing files over `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Problem> {
    let meta = fs::metadata(path).map_err(|e| Problem::error(path, io_message(&e)))?;
    if !meta.is_file() {
        return Err(Problem::error(path, "not a regular file"));
    }
    if meta.len() > limit {
        return Err(Problem::error(
            path,
            format!(
                "file is {} bytes; Candor opens files up to {} bytes",
                meta.len(),
                limit
            ),
        ));
    }
    let bytes = fs::read(path).map_err(|e| Problem::error(path, io_message(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col_at(&e.as_bytes()[..at]);
        Problem::error(path, format!("not valid UTF-8 (byte {at})")).at(line, col)
    })
}

fn line_col_at(valid: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads and parses a RON file. Returns the source too, so later checks can
/// point at the line of a particular record.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<(T, String), Problem> {
    let source = read_text(path, MAX_RON_BYTES)?;
    let value = ron::Options::default()
        .from_str(&source)
        .map_err(|e| from_ron(path, &e))?;
    Ok((value, source))
}

/// The entries of a folder, sorted by name, so everything read from a
/// folder is read in the same order on every machine.
pub fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let entries = fs::read_dir(dir).map_err(|e| {
        Problem::error(
            dir,
            format!("could not list the folder: {}", io_message(&e)),
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Problem::error(
                dir,
                format!("could not list the folder: {}", io_message(&e)),
            )
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

/// Whether `dir` is missing or holds nothing (where a new case may go).
pub fn is_empty_or_missing(dir: &Path) -> std::io::Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

pub fn create_dir_all(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

/// A file's length and modification time, cheap to ask for to learn whether
/// it changed; `None` if it cannot be asked (gone, unreadable).
pub fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A plain message for an I/O error, without Rust's "(os error 2)" noise.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Resolves a path written in a case file (relative, `/`-separated) against
/// the case folder, refusing anything that could leave it: absolute paths,
/// `..`, and links that point outside.
pub fn resolve_inside(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let rel_path = Path::new(rel);
    if rel.is_empty() {
        return Err("empty path".to_string());
    }
    if !rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "path {rel:?} is outside the case folder (use a path relative to the case, without `..`)"
        ));
    }
    let full = root.join(rel_path);
    // A symbolic link could still lead out; compare real paths when both exist.
    if let (Ok(real_root), Ok(real)) = (root.canonicalize(), full.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(format!(
            "path {rel:?} leads outside the case folder (through a link)"
        ));
    }
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("sub/file.ron");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("write");
        assert_eq!(fs::read_to_string(&p).expect("read"), "two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn paths_outside_the_case_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(resolve_inside(dir.path(), "articles/a.txt").is_ok());
        assert!(resolve_inside(dir.path(), "../secret.txt").is_err());
        assert!(resolve_inside(dir.path(), "/etc/passwd").is_err());
        assert!(resolve_inside(dir.path(), "articles/../../x").is_err());
        assert!(resolve_inside(dir.path(), "").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_case_is_refused() {
        let outside = tempfile::tempdir().expect("tempdir");
        let case = tempfile::tempdir().expect("tempdir");
        fs::write(outside.path().join("x.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(outside.path().join("x.txt"), case.path().join("x.txt"))
            .expect("link");
        assert!(resolve_inside(case.path(), "x.txt").is_err());
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("bad.txt");
        fs::write(&p, b"ok\nab\xffc").expect("write");
        let e = read_text(&p, MAX_TEXT_BYTES).expect_err("invalid");
        assert_eq!((e.line, e.col), (2, 3));
        assert!(e.message.contains("UTF-8"), "{}", e.message);
    }

    #[test]
    fn oversized_files_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("big.txt");
        fs::write(&p, "x".repeat(100)).expect("write");
        let e = read_text(&p, 10).expect_err("too big");
        assert!(e.message.contains("100 bytes"), "{}", e.message);
    }

    #[test]
    fn apostrophes_are_written_plain_and_read_back_the_same() {
        let values = [
            "it's the ministry's phrase",
            r"a backslash then an apostrophe: \'",
            r#"quotes " and ' and \\ and a tab	"#,
            "'",
        ];
        for v in values {
            let s = to_ron(&v).expect("ser");
            let back: String = ron::from_str(&s).expect("parses");
            assert_eq!(back, v, "{s}");
        }
        assert_eq!(to_ron(&"it's").expect("ser"), "\"it's\"\n");
        // A char literal keeps its escape: `'''` would not parse.
        let key = to_ron(&'\'').expect("ser");
        assert_eq!(ron::from_str::<char>(&key).expect("parses"), '\'');
    }

    #[test]
    fn ron_keeps_non_ascii_readable() {
        let s = to_ron(&"“ruling class” — né 🎉").expect("ser");
        assert_eq!(s, "\"“ruling class” — né 🎉\"\n");
    }

    #[test]
    fn a_mark_needing_review_is_written_so_and_a_file_without_review_reads_as_before() {
        use crate::model::{MarkFile, Review};
        // A marks file as Candor wrote it before marks could need review.
        let old = "Marks(\n    format: 1,\n    marks: [\n        Mark(\n            id: \"m1\",\n            category: \"loaded\",\n            start: 30,\n            end: 52,\n            quote: \"so-called protest camp\",\n            prefix: \"Riot police swept through the \",\n            suffix: \" at Northgate Dam before dawn on\",\n            created: \"2026-03-10T09:00:00Z\",\n            modified: \"2026-03-10T09:00:00Z\",\n        ),\n    ],\n)\n";
        let mut file: MarkFile = ron::from_str(old).expect("an old file reads");
        assert_eq!(file.marks[0].review, None);
        assert_eq!(to_ron(&file).expect("ser"), old, "and is written the same");
        file.marks[0].review = Some(Review {
            was: "so-called peace camp".into(),
        });
        let new = to_ron(&file).expect("ser");
        let expected = old.replace(
            "            created:",
            "            review: Some(Review(\n                was: \"so-called peace camp\",\n            )),\n            created:",
        );
        assert_eq!(new, expected);
        let back: MarkFile = ron::from_str(&new).expect("parses");
        assert_eq!(back, file);
    }
}
