//! Reading and writing the files of a case: atomic writes, deterministic RON,
//! and reads that turn every failure into a `Problem` with a location.
//!
//! Everything that touches the disk for case data goes through here, so the
//! rules (temp file + fsync + rename; stable formatting; size limits; paths
//! that stay inside the case, proved by `prove_inside` right before every
//! write) are kept in one place.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::parallel;
use crate::problem::{CaseError, Problem, from_ron};
use crate::progress::Progress;

/// Largest article text Candor opens (64 MiB): far beyond any news article,
/// small enough that a wrong file (a video, a disk image) is refused quickly.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;
/// Largest RON file Candor opens (256 MiB, about a million marks).
pub const MAX_RON_BYTES: u64 = 256 << 20;

/// How the temp file of an atomic write is named (`.candor-XXXXXX.tmp`, in
/// the folder of the file it will replace).
pub const TEMP_PREFIX: &str = ".candor-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Why Candor refused to write a file, or what failed when it tried.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path is not provably inside the case folder: it is absolute, has
    /// `..`, goes through a symbolic link, or its real path is elsewhere.
    #[error("{} {why}; Candor writes only inside the case folder", rel.display())]
    Outside { rel: PathBuf, why: &'static str },
    /// The file would be larger than Candor reads back (`read_limit`), so
    /// writing it would leave a case that no longer opens.
    #[error(
        "{} would be {} MiB, over the {} MiB Candor reads back, so it was not written",
        rel.display(),
        bytes.div_ceil(1 << 20),
        limit >> 20
    )]
    TooLarge {
        rel: PathBuf,
        bytes: u64,
        limit: u64,
    },
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
}

/// The size over which Candor refuses to read a file of a case, by its kind:
/// the same limit every writer checks before writing, so nothing is written
/// that cannot be read back. `None` for files Candor never reads as case
/// data (reports, exports).
pub fn read_limit(rel: &Path) -> Option<u64> {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("ron") => Some(MAX_RON_BYTES),
        Some("txt") => Some(MAX_TEXT_BYTES),
        _ => None,
    }
}

impl WriteError {
    /// The error as an operation's error, for the file at `path`.
    pub fn into_case_error(self, path: impl Into<PathBuf>) -> CaseError {
        match self {
            WriteError::Io(source) => CaseError::io(path, source),
            outside @ WriteError::Outside { .. } => CaseError::OutsideCase(outside.to_string()),
            large @ WriteError::TooLarge { .. } => CaseError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::FileTooLarge, large.to_string()),
            ),
        }
    }
}

/// Proves that `rel` (a path relative to the case folder `root`) names a
/// place inside the case, and returns the full path to write. This is the
/// one check every writer passes through (`write_inside`,
/// `create_dir_inside`), made right before the write: `rel` must be
/// relative and without `..`; no folder on the way and not the file itself
/// may be a symbolic link (a link is never written through, even one that
/// points inside); and the real path of the folder that will hold the file
/// must be inside the real path of `root`. Missing folders on the way are
/// created, one at a time, each checked once it exists.
pub fn prove_inside(root: &Path, rel: &Path) -> Result<PathBuf, WriteError> {
    let outside = |why| WriteError::Outside {
        rel: rel.to_path_buf(),
        why,
    };
    let parts = relative_parts(rel).map_err(outside)?;
    let Some((file, folders)) = parts.split_last() else {
        return Err(outside("is empty"));
    };
    let real_root = root.canonicalize()?;
    let mut dir = root.to_path_buf();
    for folder in folders {
        dir.push(folder);
        match fs::symlink_metadata(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e.into()),
            },
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        // Checked after creating too: a link made meanwhile is still refused.
        if fs::symlink_metadata(&dir)?.file_type().is_symlink() {
            return Err(outside("goes through a symbolic link"));
        }
    }
    if !dir.canonicalize()?.starts_with(&real_root) {
        return Err(outside("leads out of the case folder"));
    }
    let path = dir.join(file);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(outside("is a symbolic link")),
        Ok(_) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path),
        Err(e) => Err(e.into()),
    }
}

/// The names in a path relative to the case folder, or why it is not one
/// (absolute, or going up with `..`): the one rule for reads and writes.
fn relative_parts(rel: &Path) -> Result<Vec<&std::ffi::OsStr>, &'static str> {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(p) => parts.push(p),
            Component::CurDir => {}
            Component::ParentDir => return Err("goes up a folder (`..`)"),
            Component::RootDir | Component::Prefix(_) => return Err("is absolute"),
        }
    }
    Ok(parts)
}

/// Writes `bytes` to `rel` inside the case folder `root`, once
/// `prove_inside` has shown that it is inside, atomically (`write_atomic`).
/// Every file Candor writes in a case is written here. Returns the full path.
/// It passes `progress::writing`'s gate, so a Ctrl-C waits for it to end.
pub fn write_inside(root: &Path, rel: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let _writing = crate::progress::writing();
    write_inside_now(root, rel, bytes)
}

/// [`write_inside`] under the gate its caller passed (the threads of
/// `write_all_inside`, which must not wait at a gate closed meanwhile).
fn write_inside_now(root: &Path, rel: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let size = bytes.len() as u64;
    if let Some(limit) = read_limit(rel).filter(|limit| size > *limit) {
        return Err(WriteError::TooLarge {
            rel: rel.to_path_buf(),
            bytes: size,
            limit,
        });
    }
    let path = prove_inside(root, rel)?;
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// Creates the folder `rel` inside the case folder `root` (and the folders
/// above it), refusing what `prove_inside` refuses.
pub fn create_dir_inside(root: &Path, rel: &Path) -> Result<PathBuf, WriteError> {
    let path = prove_inside(root, rel)?;
    match fs::create_dir(&path) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(path),
        Err(e) => Err(e.into()),
    }
}

/// Writes an output (a report page, an export) named `name` into the folder
/// `dir` that the user chose, making the folder if it is missing, atomically.
/// `name` must be a plain file name: `prove_inside` refuses folders, `..` and
/// links, so an output never lands outside `dir`.
pub fn write_output(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    fs::create_dir_all(dir)?;
    write_inside(dir, Path::new(name), bytes)
}

/// Creates a new case folder itself (the one place Candor writes that is
/// not inside a case: the case is being made).
pub fn create_case_dir(root: &Path) -> std::io::Result<()> {
    fs::create_dir_all(root)
}

/// Writes `bytes` to `path` so that a reader (or a crash) sees either the old
/// file or the new one, never a mix: temp file in the same folder, fsync,
/// rename. The folder itself is not fsynced: that would double the cost of
/// every autosave, and the worst a crash can then do is keep the previous
/// complete version of the file. Private: writers go through `write_inside`.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
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

/// Writes several files of the case, each as `write_inside` does (proved
/// inside, then atomically), in parallel: the cost of a save is nearly all
/// fsync, and a disk serves several at once far faster than one after
/// another (1,000 changed files from `candor suggest`, or a class's files
/// after a pull). `files` are paths relative to `root`; results are in the
/// order given. Each file written is one step of `progress` (the caller
/// names the stage); it is not cancelled, so a save never stops half way.
pub fn write_all_inside(
    root: &Path,
    files: &[(PathBuf, &[u8])],
    progress: &Progress,
) -> Vec<Result<PathBuf, WriteError>> {
    // Waiting on the disk, not the CPU: up to one thread a file.
    const MAX_THREADS: usize = 64;
    let threads = if files.len() < 4 {
        1
    } else {
        files.len().min(MAX_THREADS)
    };
    // The whole batch passes the gate once: an interrupted save writes all
    // of its files or none.
    let _writing = crate::progress::writing();
    parallel::par_map(files, threads, |(p, b)| {
        let written = write_inside_now(root, p, b);
        progress.step();
        written
    })
}

/// The file every writer of a case locks while it saves (FORMAT.md).
pub const LOCK_FILE: &str = ".candor.lock";

/// How long a save waits for another program that is saving the same case.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The case's write lock, held while one program reads what is on disk,
/// merges and writes, so two writers (two windows, a window and `candor
/// suggest`) take turns instead of racing. Advisory: only Candor honours
/// it. Released when dropped.
#[derive(Debug)]
pub struct CaseLock {
    file: fs::File,
}

impl CaseLock {
    /// Takes the lock, waiting up to ten seconds for another holder.
    ///
    /// The lock file is only ever a regular file inside the case: it is
    /// opened without following a symbolic link (a link would make every
    /// save create or lock a file wherever it points) and without blocking
    /// (opening a named pipe for writing waits for a reader forever, which
    /// would freeze the window's autosave). Anything else found under its
    /// name is refused with what it is and what to do; the save fails and
    /// the work stays in memory.
    pub fn acquire(root: &Path) -> std::io::Result<CaseLock> {
        let path = root.join(LOCK_FILE);
        if let Ok(meta) = fs::symlink_metadata(&path) {
            lock_file_kind(&path, &meta.file_type())?;
        }
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let file = options.open(&path).map_err(|e| {
            // Something took the name between the look and the open.
            match fs::symlink_metadata(&path) {
                Ok(meta) => lock_file_kind(&path, &meta.file_type()).err().unwrap_or(e),
                Err(_) => e,
            }
        })?;
        lock_file_kind(&path, &file.metadata()?.file_type())?;
        let deadline = std::time::Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(CaseLock { file }),
                Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::WouldBlock,
                        format!(
                            "another program has been saving this case for {} seconds ({} is locked); try again",
                            LOCK_WAIT.as_secs(),
                            path.display()
                        ),
                    ));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
}

/// `Ok` for a regular file; otherwise the error that says what is at the
/// lock file's place and what to do about it.
fn lock_file_kind(path: &Path, kind: &fs::FileType) -> std::io::Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if is_fifo(kind) {
        "a named pipe (FIFO)"
    } else {
        "not a regular file"
    };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "the lock file {} is {what}, not a regular file, so nothing was saved: remove it (Candor makes a new one) and try again",
            path.display()
        ),
    ))
}

#[cfg(unix)]
fn is_fifo(kind: &fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_kind: &fs::FileType) -> bool {
    false
}

impl Drop for CaseLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first says so.
        let _ = self.file.unlock();
    }
}

/// How old a temp file of `write_atomic` must be to count as left over by
/// a save that was killed: a save holds its temp files for milliseconds.
const STALE_TEMP_SECS: u64 = 60;

/// Removes temp files that a killed save left in `dir` (`.candor-*.tmp`,
/// older than a minute). Returns how many went.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".candor-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age.as_secs() >= STALE_TEMP_SECS);
        if old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
    text_from_bytes(path, read_bytes(path, limit)?)
}

/// Reads a file's bytes, refusing files over `limit` bytes (a saved page,
/// decoded in the charset it declares by the importer).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, Problem> {
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
    fs::read(path).map_err(|e| Problem::error(path, io_message(&e)))
}

/// `bytes`, read from `path`, as UTF-8 text, or where they stop being it.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
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
    let value = parse_ron(path, &source)?;
    Ok((value, source))
}

/// Parses RON already read from `path` (which names it in problems).
pub fn parse_ron<T: DeserializeOwned>(path: &Path, source: &str) -> Result<T, Problem> {
    ron::Options::default()
        .from_str(source)
        .map_err(|e| from_ron(path, &e))
}

/// A file's text, or `None` if there is no such file (deleted, or not yet
/// made): what is on disk now, for comparing with what was read before.
pub fn read_if_present(path: &Path) -> Result<Option<String>, Problem> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        _ => read_text(path, MAX_RON_BYTES).map(Some),
    }
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

/// Deletes a file of the case, proved inside it first; one that is already
/// gone is no error.
pub fn remove_inside(root: &Path, rel: &Path) -> Result<(), WriteError> {
    let path = prove_inside(root, rel)?;
    match fs::remove_file(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => Ok(other?),
    }
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

/// Where a symbolic link leads, as `link_at` tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTo {
    /// To a place inside the case folder.
    Inside,
    /// Out of the case folder, or nowhere (a broken link).
    Outside,
}

/// `None` when `path` is not a symbolic link; otherwise where it leads,
/// compared by real paths with the case folder `root`.
pub fn link_at(root: &Path, path: &Path) -> Option<LinkTo> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let inside = matches!(
        (root.canonicalize(), path.canonicalize()),
        (Ok(root), Ok(real)) if real.starts_with(&root)
    );
    Some(if inside {
        LinkTo::Inside
    } else {
        LinkTo::Outside
    })
}

/// Resolves a path written in a case file (relative, `/`-separated) against
/// the case folder, refusing anything that could leave it: absolute paths,
/// `..`, and links that point outside.
pub fn resolve_inside(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let rel_path = Path::new(rel);
    if rel.is_empty() {
        return Err("empty path".to_string());
    }
    if relative_parts(rel_path).is_err() {
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
        let rel = Path::new("sub/file.ron");
        write_inside(dir.path(), rel, b"one").expect("write");
        let p = write_inside(dir.path(), rel, b"two").expect("write");
        assert_eq!(p, dir.path().join(rel));
        assert_eq!(fs::read_to_string(&p).expect("read"), "two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn many_files_are_written_at_once_each_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files: Vec<(PathBuf, Vec<u8>)> = (0..40)
            .map(|i| {
                (
                    PathBuf::from(format!("m/{i}.ron")),
                    format!("file {i}").into_bytes(),
                )
            })
            .collect();
        let refs: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.clone(), b.as_slice()))
            .collect();
        let results = write_all_inside(dir.path(), &refs, &Progress::none());
        assert_eq!(results.len(), 40);
        assert!(results.iter().all(Result::is_ok));
        for (p, b) in &files {
            assert_eq!(&fs::read(dir.path().join(p)).expect("read"), b);
        }
        let names = fs::read_dir(dir.path().join("m")).expect("dir").count();
        assert_eq!(names, 40, "no temp file is left");
    }

    #[test]
    fn a_second_writer_waits_for_the_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let held = CaseLock::acquire(dir.path()).expect("lock");
        let root = dir.path().to_path_buf();
        let started = std::time::Instant::now();
        let waiter = std::thread::spawn(move || {
            let _second = CaseLock::acquire(&root).expect("lock after the first");
            started.elapsed()
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
        let waited = waiter.join().expect("thread");
        assert!(
            waited >= std::time::Duration::from_millis(250),
            "{waited:?}"
        );
    }

    /// A dangling link as the lock file made every save create a file
    /// wherever it pointed.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_refused_and_nothing_is_made_where_it_points() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        let target = outside.path().join("made-by-a-save");
        std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).expect("link");
        let err = CaseLock::acquire(dir.path()).expect_err("a link is no lock file");
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert!(err.to_string().contains("remove it"), "{err}");
        assert!(!target.exists(), "a file was made outside the case");
    }

    /// A named pipe as the lock file made every save wait forever for a
    /// reader; now it is refused at once.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_named_pipe_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join(LOCK_FILE);
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a node.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0, "mkfifo");
        let (tx, rx) = std::sync::mpsc::channel();
        let root = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(
                CaseLock::acquire(&root)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            );
        });
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the lock never blocks on a named pipe");
        let err = result.expect_err("a pipe is no lock file");
        assert!(err.contains("named pipe"), "{err}");
    }

    #[test]
    fn a_lock_file_that_is_a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join(LOCK_FILE)).expect("mkdir");
        let err = CaseLock::acquire(dir.path()).expect_err("a folder is no lock file");
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    /// `import-marks` of a million-line brat file wrote a 367 MB marks
    /// file that Candor then refused to read.
    #[test]
    fn a_file_over_what_candor_reads_back_is_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let too_big = vec![b' '; (MAX_RON_BYTES + 1) as usize];
        let rel = Path::new("marks/a/wire.ron");
        let err = write_inside(dir.path(), rel, &too_big).expect_err("refused");
        assert!(matches!(err, WriteError::TooLarge { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("over the 256 MiB Candor reads back"),
            "{err}"
        );
        assert!(!dir.path().join(rel).exists());
        assert!(
            !dir.path().join("marks").exists(),
            "refused before any folder is made"
        );
        let article = vec![b'a'; (MAX_TEXT_BYTES + 1) as usize];
        assert!(write_inside(dir.path(), Path::new("articles/x.txt"), &article).is_err());
        // Exports are not read back as case data: no limit.
        assert_eq!(read_limit(Path::new("marks.csv")), None);
        write_inside(dir.path(), Path::new("articles/x.txt"), b"fits").expect("fits");
    }

    #[test]
    fn only_old_temp_files_of_candor_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join(".candor-abc.tmp");
        let fresh = dir.path().join(".candor-def.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &fresh, &other] {
            fs::write(p, "x").expect("write");
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&old)
            .expect("open")
            .set_modified(long_ago)
            .expect("set time");
        fs::File::options()
            .write(true)
            .open(&other)
            .expect("open")
            .set_modified(long_ago)
            .expect("set time");
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!old.exists());
        assert!(fresh.exists(), "a save may be writing it now");
        assert!(other.exists(), "not Candor's");
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
    fn writes_that_would_leave_the_case_are_refused_before_anything_is_written() {
        let outer = tempfile::tempdir().expect("tempdir");
        let case = outer.path().join("case");
        fs::create_dir(&case).expect("case folder");
        let abs = outer.path().join("abs.ron");
        for rel in [
            Path::new("../x.ron"),
            Path::new("marks/../../x.ron"),
            abs.as_path(),
            Path::new(""),
        ] {
            let e = write_inside(&case, rel, b"x").expect_err("refused");
            assert!(matches!(e, WriteError::Outside { .. }), "{rel:?}: {e}");
        }
        assert!(!outer.path().join("x.ron").exists());
        assert!(!abs.exists());
        assert_eq!(fs::read_dir(&case).expect("list").count(), 0);
        create_dir_inside(&case, Path::new("marks/key")).expect("a folder inside");
        assert!(case.join("marks/key").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_on_the_way_or_at_the_end_is_never_written_through() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("tempdir");
        let case = tempfile::tempdir().expect("tempdir");
        let root = case.path();
        fs::create_dir_all(root.join("marks/inner")).expect("folders");
        symlink(outside.path(), root.join("marks/out")).expect("link out");
        // A link that stays inside is refused too: a write never follows one.
        symlink(root.join("marks/inner"), root.join("marks/alias")).expect("link in");
        fs::write(outside.path().join("x.ron"), "theirs").expect("write");
        symlink(outside.path().join("x.ron"), root.join("marks/inner/x.ron")).expect("file link");
        for rel in [
            "marks/out/x.ron",
            "marks/out/new/x.ron",
            "marks/alias/y.ron",
            "marks/inner/x.ron",
        ] {
            let e = write_inside(root, Path::new(rel), b"ours").expect_err(rel);
            assert!(matches!(e, WriteError::Outside { .. }), "{rel}: {e}");
        }
        assert_eq!(
            fs::read_to_string(outside.path().join("x.ron")).expect("read"),
            "theirs"
        );
        assert!(!outside.path().join("new").exists());
        assert!(!root.join("marks/inner/y.ron").exists());
        write_inside(root, Path::new("marks/inner/z.ron"), b"ours").expect("a plain path");
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
