//! Where the files Candor ships with are on this machine, however it was
//! installed: the Debian package puts them under `/usr/share` beside
//! `/usr/bin/candor`, an AppImage or a zip beside the binary, and a build
//! from source (or `cargo install`) leaves them in the source folder it was
//! built from. And the first run's copy of the example case: the installed
//! one is read-only, so a user who opens Candor from the desktop menu marks
//! a copy in their own data folder.

use std::path::{Path, PathBuf};

use crate::model::MANIFEST_FILE;
use crate::storage;

/// The example case, relative to the repository (and to the working
/// directory of `cargo run`).
pub const EXAMPLE_CASE: &str = "annotations/northgate-dam";
/// Its folder's name wherever it is installed.
const EXAMPLE_NAME: &str = "northgate-dam";

/// Where a file shipped with Candor may be, most specific first: under
/// the prefix above the binary's folder (`/usr` of `/usr/bin/candor`):
/// `share/` for the Debian package, `lib/candor/` for cargo-packager's
/// AppImage, `Resources/` in a macOS bundle's `Contents/`; beside the
/// binary (the Windows installers); and the source folder Candor was built
/// from (`cargo run`, `cargo install`).
fn shipped(under_prefix: &[String], beside_bin: &str, in_source: &str) -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        if let Some(prefix) = bin.parent() {
            places.extend(under_prefix.iter().map(|rel| prefix.join(rel)));
        }
        places.push(bin.join(beside_bin));
    }
    places.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(in_source));
    places
}

/// The example case as shipped (read-only when installed).
pub fn shipped_example() -> Option<PathBuf> {
    let rel = format!("examples/{EXAMPLE_NAME}");
    let under_prefix = [
        format!("share/candor/{rel}"),
        format!("lib/candor/{rel}"),
        format!("Resources/{rel}"),
    ];
    shipped(&under_prefix, &rel, EXAMPLE_CASE)
        .into_iter()
        .find(|p| p.join(MANIFEST_FILE).is_file())
}

/// The user guide's index as shipped: its HTML pages where a package put
/// them (made from `docs/` into `packaging/guide/`, with the screenshots
/// beside them), else the Markdown in `docs/` of the source folder.
pub fn guide() -> Option<PathBuf> {
    let under_prefix = [
        "share/doc/candor/guide/README.html".to_string(),
        "lib/candor/guide/README.html".to_string(),
        "Resources/guide/README.html".to_string(),
    ];
    shipped(&under_prefix, "guide/README.html", "docs/README.md")
        .into_iter()
        .find(|p| p.is_file())
}

/// A `file://` address for `path` made absolute, with the characters an
/// address cannot hold as they are (spaces, `#`, `?`, `%`…) escaped.
pub fn file_url(path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/'); // C:/... on Windows
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// The user's data folder for Candor: `$XDG_DATA_HOME/candor` (by default
/// `~/.local/share/candor`) on Linux, `~/Library/Application Support/Candor`
/// on macOS, `%APPDATA%\Candor` on Windows.
pub fn data_dir() -> Option<PathBuf> {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        return from("APPDATA").map(|d| d.join("Candor"));
    }
    let home = from("HOME");
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library/Application Support/Candor"));
    }
    from("XDG_DATA_HOME")
        .or_else(|| home.map(|h| h.join(".local/share")))
        .map(|d| d.join("candor"))
}

/// The example case to open when nothing else is: the repository's own in
/// a source checkout's working directory (`cargo run`), else the user's
/// copy of the shipped one, made on first use.
pub fn example_case() -> Option<PathBuf> {
    let here = PathBuf::from(EXAMPLE_CASE);
    if here.join(MANIFEST_FILE).is_file() {
        return Some(here);
    }
    let source = shipped_example()?;
    let data = data_dir()?;
    match user_example(&source, &data) {
        Ok(copy) => Some(copy),
        // A data folder that cannot be written: the shipped case can still
        // be read, and saving it will say why it cannot be saved.
        Err(_) => Some(source),
    }
}

/// The user's copy of the example `source` under `data/example/`, copied
/// there if it is not there yet; an existing copy is never overwritten
/// (it holds the user's marks). The copy is made beside and renamed into
/// place, so an interrupted copy is never taken for the example.
pub fn user_example(source: &Path, data: &Path) -> std::io::Result<PathBuf> {
    let parent = data.join("example");
    let name = source.file_name().unwrap_or(EXAMPLE_NAME.as_ref());
    let copy = parent.join(name);
    if copy.join(MANIFEST_FILE).is_file() {
        return Ok(copy);
    }
    storage::create_case_dir(&parent)?;
    let partial = tempfile::Builder::new()
        .prefix(".copying-")
        .tempdir_in(&parent)?;
    copy_files(source, partial.path(), Path::new(""))?;
    if copy.exists() {
        // Left from a copy without case.ron: not the user's work.
        std::fs::remove_dir_all(&copy)?;
    }
    std::fs::rename(partial.keep(), &copy)?;
    Ok(copy)
}

/// Copies the regular files and folders under `from/rel` into `to/rel`
/// (links are not followed: the shipped case has none).
fn copy_files(from: &Path, to: &Path, rel: &Path) -> std::io::Result<()> {
    let io = |e: storage::WriteError| std::io::Error::other(e.to_string());
    for entry in std::fs::read_dir(from.join(rel))? {
        let entry = entry?;
        let inner = rel.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            storage::create_dir_inside(to, &inner).map_err(io)?;
            copy_files(from, to, &inner)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path())?;
            storage::write_inside(to, &inner, &bytes).map_err(io)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_case(dir: &Path) -> PathBuf {
        let source = dir.join("share/candor/examples/northgate-dam");
        std::fs::create_dir_all(source.join("marks/amara")).expect("mkdir");
        std::fs::write(source.join(MANIFEST_FILE), "Case(format: 1)").expect("write");
        std::fs::write(source.join("marks/amara/wire.ron"), "[]").expect("write");
        source
    }

    #[test]
    fn the_first_run_copies_the_example_and_later_runs_keep_the_users_copy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = shipped_case(dir.path());
        let data = dir.path().join("data/candor");
        let copy = user_example(&source, &data).expect("copy");
        assert_eq!(copy, data.join("example/northgate-dam"));
        assert_eq!(
            std::fs::read_to_string(copy.join("marks/amara/wire.ron")).expect("read"),
            "[]"
        );
        std::fs::write(copy.join("marks/amara/wire.ron"), "[mine]").expect("write");
        let again = user_example(&source, &data).expect("again");
        assert_eq!(again, copy);
        assert_eq!(
            std::fs::read_to_string(copy.join("marks/amara/wire.ron")).expect("read"),
            "[mine]",
            "the user's marks are never overwritten"
        );
        let left: Vec<_> = std::fs::read_dir(data.join("example"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            left,
            vec![std::ffi::OsString::from("northgate-dam")],
            "no partial copy left"
        );
    }

    #[test]
    fn a_copy_without_its_manifest_is_made_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = shipped_case(dir.path());
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("example/northgate-dam/marks")).expect("mkdir");
        let copy = user_example(&source, &data).expect("copy");
        assert!(copy.join(MANIFEST_FILE).is_file());
    }

    #[test]
    fn a_file_address_escapes_what_an_address_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/usr/share/doc/candor/guide/README.md")),
            "file:///usr/share/doc/candor/guide/README.md"
        );
        assert_eq!(
            file_url(Path::new("/home/ana/My docs/#1 é.md")),
            "file:///home/ana/My%20docs/%231%20%C3%A9.md"
        );
    }

    #[test]
    fn the_guide_and_example_are_found_in_the_source_tree() {
        let guide = guide().expect("docs/README.md of this checkout");
        assert!(guide.ends_with("README.md"));
        assert!(shipped_example().is_some_and(|p| p.join(MANIFEST_FILE).is_file()));
    }
}
