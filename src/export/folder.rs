//! The folder a user names for an output (`candor export --out DIR`,
//! `candor grade --out DIR`, the window's Export): Candor writes there only
//! if that replaces nothing of the user's. A folder that is missing or
//! empty is free; one Candor wrote before carries a marker file
//! ([`MARKER`]) and Candor replaces its own files there; any other folder
//! is refused, naming the files that would be replaced, unless the user
//! said they may be ([`Replace::Anything`], `--force`). The check
//! ([`inspect`], [`may_write`]) is apart from the writing ([`write_all`])
//! so the window can ask before it writes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::storage;

/// The file Candor leaves in a folder it wrote an output into, to know the
/// folder as its own next time. Its presence is all that counts; the text
/// says what it is to a person who finds it. Deleting it makes Candor ask
/// again before it writes there.
pub const MARKER: &str = ".candor-export";

const MARKER_TEXT: &str = "This folder was written by Candor (candor export, candor grade --out).\n\
Candor replaces its own files here without asking. Delete this file to make it ask again.\n";

/// Files a desktop leaves in any folder it shows: a folder that holds only
/// these is empty.
const DESKTOP_FILES: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// What may be replaced in a folder that Candor did not write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Replace {
    /// Nothing: a folder with files of the user's is refused (the default).
    #[default]
    OnlyCandors,
    /// Anything the output writes over (`--force`, or the window after the
    /// user said yes).
    Anything,
}

/// What a folder holds, as far as writing an output into it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Folder {
    /// Missing, or empty but for what a desktop leaves there.
    Free,
    /// Written by Candor before (it has the [`MARKER`]).
    Candors,
    /// Holds files Candor did not write.
    Users {
        /// The files of the output that are there already, relative to
        /// the folder.
        would_replace: Vec<PathBuf>,
        /// Everything at the top of the folder, by name.
        holds: Vec<String>,
    },
}

impl Folder {
    /// Whether an output may be written into it without asking.
    pub fn may_write(&self) -> bool {
        !matches!(self, Folder::Users { .. })
    }
}

/// Why an output was not written into a folder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FolderError {
    #[error("{} is not a folder; name a folder to write into", dir.display())]
    NotAFolder { dir: PathBuf },
    #[error("cannot look into {}: {source}", dir.display())]
    Unreadable {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// The folder holds files the user put there; nothing was written.
    #[error("{}", refusal(dir, would_replace, holds))]
    Refused {
        dir: PathBuf,
        would_replace: Vec<PathBuf>,
        holds: Vec<String>,
    },
    #[error("{}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: storage::WriteError,
    },
}

/// The message of a refusal: the folder, what would be replaced (or what
/// is there), and what to do.
fn refusal(dir: &Path, would_replace: &[PathBuf], holds: &[String]) -> String {
    let dir = dir.display();
    if would_replace.is_empty() {
        format!(
            "not writing into {dir}: it holds files Candor did not write ({}; no {MARKER} there). \
Choose a new or empty folder, or let Candor write beside them (--force on the command line)",
            listed(holds)
        )
    } else {
        let names: Vec<String> = would_replace
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        format!(
            "not writing into {dir}: it holds files Candor did not write (no {MARKER} there), \
and this would replace {}. Choose a new or empty folder, or let Candor replace them \
(--force on the command line)",
            listed(&names)
        )
    }
}

/// Up to five names, then how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        let _ = write!(s, " and {} more", names.len() - SHOWN);
    }
    s
}

/// What `dir` holds, for an output of the files `names` (relative to
/// `dir`). Reads the folder and writes nothing.
pub fn inspect(dir: &Path, names: &[PathBuf]) -> Result<Folder, FolderError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !exists(dir) => {
            return Ok(Folder::Free);
        }
        Err(_) if exists(dir) && !dir.is_dir() => {
            return Err(FolderError::NotAFolder {
                dir: dir.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(FolderError::Unreadable {
                dir: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut holds = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| FolderError::Unreadable {
            dir: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !DESKTOP_FILES.contains(&name.as_str()) {
            holds.push(name);
        }
    }
    if holds.is_empty() {
        return Ok(Folder::Free);
    }
    // A link named like the marker proves nothing: only a regular file
    // that Candor could have written counts.
    let marker = fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file());
    if marker {
        return Ok(Folder::Candors);
    }
    holds.sort();
    let would_replace = names
        .iter()
        .filter(|n| exists(&dir.join(n)))
        .cloned()
        .collect();
    Ok(Folder::Users {
        would_replace,
        holds,
    })
}

/// Whether an output of the files `names` may be written into `dir` with
/// `replace`: the folder's state if so, the refusal (naming the folder and
/// the files that would be replaced) if not.
pub fn may_write(dir: &Path, names: &[PathBuf], replace: Replace) -> Result<Folder, FolderError> {
    let folder = inspect(dir, names)?;
    match folder {
        Folder::Users {
            would_replace,
            holds,
        } if replace == Replace::OnlyCandors => Err(FolderError::Refused {
            dir: dir.to_path_buf(),
            would_replace,
            holds,
        }),
        folder => Ok(folder),
    }
}

/// Writes `files` (paths relative to `dir`, each a file name or
/// `folder/name`) into `dir` once [`may_write`] allows it, each through
/// `storage::write_output`, and returns the paths written (the marker not
/// among them). A folder that was free is marked as Candor's; one of the
/// user's that was written into with [`Replace::Anything`] is not, so the
/// next output asks again.
pub fn write_all(
    dir: &Path,
    files: &[(PathBuf, &[u8])],
    replace: Replace,
) -> Result<Vec<PathBuf>, FolderError> {
    let names: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    // The folder's files pass the gate of writes together: a Ctrl-C leaves
    // all of them written, or none.
    let _writing = crate::progress::writing();
    let folder = may_write(dir, &names, replace)?;
    // The marker goes first, so a folder left half-written (a full disk)
    // is still known as Candor's when the export is run again.
    if folder == Folder::Free {
        storage::write_output(dir, MARKER, MARKER_TEXT.as_bytes()).map_err(|source| {
            FolderError::Write {
                path: dir.join(MARKER),
                source,
            }
        })?;
    }
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let (sub, name) = split(rel);
        let into = dir.join(sub);
        let path =
            storage::write_output(&into, &name, bytes).map_err(|source| FolderError::Write {
                path: dir.join(rel),
                source,
            })?;
        written.push(path);
    }
    Ok(written)
}

/// `rel` as the folder it is in (relative, maybe empty) and its file name.
fn split(rel: &Path) -> (PathBuf, String) {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sub = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    (sub, name)
}

/// Whether anything (a link too, even a dangling one) is at `path`.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn missing_and_empty_folders_are_free_and_get_the_marker() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("new");
        assert_eq!(inspect(&missing, &[]).expect("ok"), Folder::Free);
        fs::create_dir(&missing).expect("made");
        fs::write(missing.join(".DS_Store"), "").expect("written");
        assert_eq!(inspect(&missing, &[]).expect("ok"), Folder::Free);
        let written = write_all(
            &missing,
            &[(PathBuf::from("a/report.html"), b"x".as_slice())],
            Replace::OnlyCandors,
        )
        .expect("written");
        assert_eq!(written, vec![missing.join("a").join("report.html")]);
        assert!(missing.join(MARKER).is_file());
        assert_eq!(inspect(&missing, &[]).expect("ok"), Folder::Candors);
    }

    #[test]
    fn a_users_folder_is_refused_naming_what_would_be_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("report.html"), "mine").expect("written");
        fs::write(dir.path().join("notes.txt"), "mine").expect("written");
        let out = names(&["report.html", "marks.csv"]);
        let Err(e) = may_write(dir.path(), &out, Replace::OnlyCandors) else {
            panic!("a user's folder was accepted");
        };
        let message = e.to_string();
        assert!(message.contains("would replace report.html"), "{message}");
        assert!(message.contains("--force"), "{message}");
        let Err(e) = may_write(dir.path(), &names(&["x.csv"]), Replace::OnlyCandors) else {
            panic!("a user's folder was accepted");
        };
        assert!(e.to_string().contains("(notes.txt, report.html;"), "{e}");
        let forced = may_write(dir.path(), &out, Replace::Anything).expect("forced");
        assert!(!forced.may_write());
        write_all(
            dir.path(),
            &[(PathBuf::from("report.html"), b"new".as_slice())],
            Replace::Anything,
        )
        .expect("forced");
        assert!(!dir.path().join(MARKER).exists(), "still the user's folder");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_named_like_the_marker_does_not_make_a_folder_candors() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink("elsewhere", dir.path().join(MARKER)).expect("linked");
        assert!(!inspect(dir.path(), &[]).expect("ok").may_write());
    }
}
