//! Finding hand-ins among what an LMS downloads: single files, folders
//! (Moodle: a folder per participant, `Ana Lopez_12345_assignsubmission_file_`)
//! and zips (Canvas: every file renamed `name_userid_submissionid_original`;
//! Moodle: its folders, zipped). Nothing is extracted: a zip's entries are
//! read into memory, each with a size limit, and an entry whose name could
//! lead anywhere else (`../`, an absolute name, a link) is refused, so a
//! zip can never write a file. A file is a hand-in by what it holds, not by
//! its name: LMSs and students rename files.
//!
//! It holds no case, so the window runs it off the frame thread.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::handin::{HandIn, looks_like};
use super::{HANDIN_EXT, MAX_CLASS_FILE_BYTES};
use crate::parallel;
use crate::progress::Progress;
use crate::storage;

/// How much of a zip Candor reads, against zip bombs and wrong files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest entry read (a hand-in is far smaller).
    pub entry_bytes: u64,
    /// Largest total of all entries of one zip, as the zip declares them.
    pub total_bytes: u64,
    /// Most entries in one zip.
    pub entries: usize,
    /// Largest ratio of an entry's size to its compressed size, over 1 MiB:
    /// RON hand-ins compress about ten to one, a bomb a thousand to one.
    pub ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            entry_bytes: MAX_CLASS_FILE_BYTES,
            total_bytes: 1 << 30,
            entries: 100_000,
            ratio: 200,
        }
    }
}

/// Where a hand-in came from in an LMS download, read from the names the
/// LMS gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lms {
    /// The LMS's id of the student (Canvas user id, Moodle participant id).
    pub user: Option<String>,
    /// Moodle's folder for the student (`Ana Lopez_12345_assignsubmission_file_`):
    /// feedback files go back in a folder of the same name.
    pub folder: Option<String>,
}

/// One file found: where (`file`, or `zip: entry`), what the LMS names say,
/// and the hand-in or why it is not one.
#[derive(Clone, Debug)]
pub struct Found {
    pub source: String,
    pub lms: Lms,
    pub result: Result<HandIn, Skip>,
}

/// Why a file found is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Not a Candor hand-in (a PDF, a note): listed and left alone.
    NotAHandIn(String),
    /// A hand-in, or a zip, that cannot be taken safely or read: refused.
    Refused(String),
}

/// Reads every hand-in in `paths` (files, folders, zips), with the default
/// limits. In the order found: by path, folders and zips in name order.
pub fn read_all(paths: &[PathBuf], progress: &Progress) -> Vec<Found> {
    read_all_with(paths, &Limits::default(), progress)
}

/// A file or zip entry read, before it is parsed.
struct Raw {
    source: String,
    lms: Lms,
    bytes: Result<Vec<u8>, Skip>,
    /// The name, for messages and what a stray file is.
    name: String,
}

/// [`read_all`] with chosen limits.
pub fn read_all_with(paths: &[PathBuf], limits: &Limits, progress: &Progress) -> Vec<Found> {
    let mut files = Vec::new();
    for path in paths {
        walk(path, &mut files);
    }
    progress.stage("reading", files.len());
    let mut raws = Vec::new();
    for file in files {
        match file {
            Ok(path) if is_zip(&path) => read_zip(&path, limits, &mut raws),
            Ok(path) => raws.push(read_file(&path)),
            Err(raw) => raws.push(raw),
        }
        progress.step();
    }
    // Parsing is most of the time on a class's zip: every core.
    let threads = if raws.len() < 16 {
        1
    } else {
        parallel::cores(8)
    };
    parallel::par_map(&raws, threads, parse)
}

/// Lists the files under `path` (itself if a file), sorted; a link is
/// never followed out of what was given.
fn walk(path: &Path, out: &mut Vec<Result<PathBuf, Raw>>) {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push(Err(refused(path, storage::io_message(&e))));
            return;
        }
    };
    if meta.file_type().is_symlink() {
        out.push(Err(refused(
            path,
            "is a symbolic link; collect the file itself".into(),
        )));
    } else if meta.is_dir() {
        match storage::list_dir(path) {
            Ok(entries) => {
                for entry in entries {
                    walk(&entry, out);
                }
            }
            Err(p) => out.push(Err(refused(path, p.message.clone()))),
        }
    } else {
        out.push(Ok(path.to_path_buf()));
    }
}

fn refused(path: &Path, why: String) -> Raw {
    Raw {
        source: path.display().to_string(),
        lms: Lms::default(),
        bytes: Err(Skip::Refused(why)),
        name: String::new(),
    }
}

fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

fn read_file(path: &Path) -> Raw {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_CLASS_FILE_BYTES => {
            if name.ends_with(HANDIN_EXT) {
                Err(Skip::Refused(format!(
                    "is {} bytes; a hand-in is at most {MAX_CLASS_FILE_BYTES}",
                    m.len()
                )))
            } else {
                Err(Skip::NotAHandIn(stray(&name)))
            }
        }
        Ok(_) => std::fs::read(path).map_err(|e| Skip::Refused(storage::io_message(&e))),
        Err(e) => Err(Skip::Refused(storage::io_message(&e))),
    };
    Raw {
        source: path.display().to_string(),
        lms: lms_of(&name, folder.as_deref()),
        bytes,
        name,
    }
}

/// Reads a zip's entries into memory, refusing the whole zip when it
/// declares more than the limits allow, and each entry that is unsafe.
fn read_zip(path: &Path, limits: &Limits, out: &mut Vec<Raw>) {
    let shown = path.display().to_string();
    let whole = |why: String| Raw {
        source: shown.clone(),
        lms: Lms::default(),
        bytes: Err(Skip::Refused(why)),
        name: String::new(),
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return out.push(whole(storage::io_message(&e))),
    };
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        Err(e) => return out.push(whole(format!("is not a zip Candor can read: {e}"))),
    };
    if zip.len() > limits.entries {
        return out.push(whole(format!(
            "has {} entries, more than the {} Candor reads: not an LMS download; nothing in it was read",
            zip.len(),
            limits.entries
        )));
    }
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            declared = declared.saturating_add(entry.size());
        }
    }
    if declared > limits.total_bytes {
        return out.push(whole(format!(
            "would unpack to {} MiB, over the {} MiB Candor reads from one zip (a zip bomb, or not an LMS download); nothing in it was read",
            declared >> 20,
            limits.total_bytes >> 20
        )));
    }
    let mut read_total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                out.push(whole(format!("entry {i} cannot be read: {e}")));
                continue;
            }
        };
        let name = entry.name().to_string();
        if entry.is_dir() {
            continue;
        }
        let source = format!("{shown}: {name}");
        let refuse = |why: String| Raw {
            source: source.clone(),
            lms: Lms::default(),
            bytes: Err(Skip::Refused(why)),
            name: name.clone(),
        };
        if let Some(why) = unsafe_name(&name) {
            out.push(refuse(format!(
                "{why}: an LMS never names a file so; not read (nothing is ever unpacked)"
            )));
            continue;
        }
        if entry.is_symlink() {
            out.push(refuse(
                "is a symbolic link: not read (nothing is ever unpacked)".into(),
            ));
            continue;
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        if size > 1 << 20 && size / packed > limits.ratio {
            out.push(refuse(format!(
                "unpacks {}x its packed size in {shown} (a zip bomb); not read",
                size / packed
            )));
            continue;
        }
        let (folder, file_name) = split_entry(&name);
        if size > limits.entry_bytes {
            out.push(Raw {
                bytes: Err(if file_name.ends_with(HANDIN_EXT) {
                    Skip::Refused(format!(
                        "is {size} bytes; a hand-in is at most {}",
                        limits.entry_bytes
                    ))
                } else {
                    Skip::NotAHandIn(stray(file_name))
                }),
                ..refuse(String::new())
            });
            continue;
        }
        let mut bytes = Vec::new();
        // The declared size can lie: never read more than the limit.
        let got = (&mut entry)
            .take(limits.entry_bytes + 1)
            .read_to_end(&mut bytes);
        read_total = read_total.saturating_add(bytes.len() as u64);
        let bytes = match got {
            Err(e) => Err(Skip::Refused(format!("cannot be read: {e}"))),
            Ok(_) if bytes.len() as u64 > limits.entry_bytes || read_total > limits.total_bytes => {
                Err(Skip::Refused(format!(
                    "unpacks to more than its zip declares ({shown} is damaged or a zip bomb); not read"
                )))
            }
            Ok(_) => Ok(bytes),
        };
        out.push(Raw {
            source,
            lms: lms_of(file_name, folder),
            bytes,
            name: file_name.to_string(),
        });
    }
}

/// Why a zip entry's name is unsafe, if it is: one that would lead out of
/// any folder it was unpacked in.
fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':') {
        return Some("has an absolute name");
    }
    if name.contains('\0') {
        return Some("has a NUL in its name");
    }
    let parts = name.split(['/', '\\']);
    for part in parts {
        if part == ".." {
            return Some("goes up a folder (`..`)");
        }
    }
    if Path::new(name)
        .components()
        .any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        return Some("has an absolute name");
    }
    None
}

/// An entry's folder (the one right above the file) and file name.
fn split_entry(name: &str) -> (Option<&str>, &str) {
    let trimmed = name.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((dirs, file)) => (Some(dirs.rsplit('/').next().unwrap_or(dirs)), file),
        None => (None, trimmed),
    }
}

fn stray(name: &str) -> String {
    match Path::new(name).extension() {
        Some(ext) => format!(
            "not a Candor hand-in (a .{} file); skipped",
            ext.to_string_lossy()
        ),
        None => "not a Candor hand-in; skipped".into(),
    }
}

fn parse(raw: &Raw) -> Found {
    let result = match &raw.bytes {
        Err(skip) => Err(skip.clone()),
        Ok(bytes) if !looks_like(bytes, "HandIn") => Err(if raw.name.ends_with(HANDIN_EXT) {
            Skip::Refused("is named as a hand-in but does not hold one".into())
        } else {
            Skip::NotAHandIn(stray(&raw.name))
        }),
        Ok(bytes) => match std::str::from_utf8(bytes) {
            Err(e) => Err(Skip::Refused(format!(
                "not valid UTF-8 (byte {})",
                e.valid_up_to()
            ))),
            Ok(text) => HandIn::parse(Path::new(&raw.source), text).map_err(|e| {
                Skip::Refused(format!("a hand-in Candor cannot read: {}", in_file(e)))
            }),
        },
    };
    Found {
        source: raw.source.clone(),
        lms: raw.lms.clone(),
        result,
    }
}

/// An error in a hand-in, without its file's name (the line names it).
fn in_file(e: super::ClassError) -> String {
    match e {
        super::ClassError::File(p) if p.line > 0 => {
            format!("line {}, column {}: {}", p.line, p.col.max(1), p.message)
        }
        super::ClassError::File(p) => p.message,
        e => e.to_string(),
    }
}

/// What the LMS's names say: Canvas renames a file
/// `name_userid_submissionid_original` (with `_LATE` after the name when
/// late); Moodle puts it in a folder `Full Name_id_assignsubmission_file_`.
pub fn lms_of(file_name: &str, folder: Option<&str>) -> Lms {
    if let Some((_, id)) = folder.and_then(moodle_folder) {
        return Lms {
            user: Some(id.to_string()),
            folder: folder.map(str::to_string),
        };
    }
    Lms {
        user: canvas_name(file_name).map(|(_, user, _)| user.to_string()),
        folder: None,
    }
}

/// Moodle's `Full Name_12345_assignsubmission_file_`: the name and the id.
pub fn moodle_folder(folder: &str) -> Option<(&str, &str)> {
    let (head, _) = folder.split_once("_assignsubmission_")?;
    let (name, id) = head.rsplit_once('_')?;
    (!name.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then_some((name, id))
}

/// Canvas's `lopezana_1234_56789_ana.candor-handin` (or
/// `lopezana_LATE_1234_56789_…`): the login-like name, the user id and the
/// original file name.
pub fn canvas_name(file_name: &str) -> Option<(&str, &str, &str)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let late: Vec<&str> = file_name.splitn(5, '_').collect();
    if let [name, "LATE", user, sub, original] = late.as_slice()
        && !name.is_empty()
        && digits(user)
        && digits(sub)
    {
        return Some((name, user, original));
    }
    let plain: Vec<&str> = file_name.splitn(4, '_').collect();
    match plain.as_slice() {
        [name, user, sub, original] if !name.is_empty() && digits(user) && digits(sub) => {
            Some((name, user, original))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvas_names_give_the_user_id_even_when_late() {
        assert_eq!(
            canvas_name("lopezana_1234_56789_ana.candor-handin"),
            Some(("lopezana", "1234", "ana.candor-handin"))
        );
        assert_eq!(
            canvas_name("lopezana_LATE_1234_56789_my_work.candor-handin"),
            Some(("lopezana", "1234", "my_work.candor-handin"))
        );
        assert_eq!(
            canvas_name("lopezana_1234_56789_my_work.candor-handin"),
            Some(("lopezana", "1234", "my_work.candor-handin"))
        );
        assert_eq!(canvas_name("ana.candor-handin"), None);
        assert_eq!(canvas_name("a_b_c_d"), None);
    }

    #[test]
    fn moodle_folders_give_the_name_and_id() {
        assert_eq!(
            moodle_folder("Ana Lopez_12345_assignsubmission_file_"),
            Some(("Ana Lopez", "12345"))
        );
        assert_eq!(
            moodle_folder("Ana_Maria Lopez_7_assignsubmission_onlinetext_"),
            Some(("Ana_Maria Lopez", "7"))
        );
        assert_eq!(moodle_folder("Ana Lopez"), None);
        assert_eq!(moodle_folder("x_y_assignsubmission_file_"), None);
    }

    #[test]
    fn names_that_lead_out_of_a_folder_are_unsafe() {
        assert!(unsafe_name("../../x").is_some());
        assert!(unsafe_name("a/../../x").is_some());
        assert!(unsafe_name("/etc/passwd").is_some());
        assert!(unsafe_name("C:\\x").is_some());
        assert!(unsafe_name("..\\x").is_some());
        assert!(unsafe_name("Ana_1_assignsubmission_file_/ana.candor-handin").is_none());
        assert!(unsafe_name("a..b.candor-handin").is_none());
    }

    #[test]
    fn an_entry_names_its_folder_and_file() {
        assert_eq!(split_entry("x.pdf"), (None, "x.pdf"));
        assert_eq!(
            split_entry("top/F_1_assignsubmission_file_/a"),
            (Some("F_1_assignsubmission_file_"), "a")
        );
    }
}
