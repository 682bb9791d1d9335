//! Making and opening a case. Opening reads every file it can and records a
//! `Problem` for every one it cannot, locking that file so it is never
//! overwritten; only a missing or unreadable `case.ron` stops it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::watch::FileStamp;
use super::{AnchorReport, Annotations, Article, Case, DiskState, FileKey};
use crate::model::{
    ARTICLES_DIR, AnnotatorId, ArticleId, FORMAT_VERSION, GITIGNORE_FILE, LINKS_FILE, Links,
    MANIFEST_FILE, MARKS_DIR, Manifest, MarkFile, Schema, is_valid_id,
};
use crate::parallel;
use crate::problem::{CaseError, Problem};
use crate::storage;
use crate::text::{self, ArticleText};

/// The `.gitignore` a new case starts with: a case is usually a git
/// repository, and these files belong to one machine at one moment (the
/// temp files a save leaves only if it is cut short, and the lock a
/// running Candor holds).
fn gitignore() -> String {
    format!(
        "# Written by Candor: temp files of a save that was cut short, and the\n\
         # lock a running Candor holds. Neither belongs in the case.\n\
         {}*{}\n\
         .candor.lock\n",
        storage::TEMP_PREFIX,
        storage::TEMP_SUFFIX
    )
}

impl Case {
    /// Creates a new case folder with the default schema, no articles, and
    /// a `.gitignore` for Candor's temp and lock files. Refuses a folder
    /// that already has files in it.
    pub fn create(root: &Path, title: &str) -> Result<Case, CaseError> {
        if !storage::is_empty_or_missing(root).map_err(|e| CaseError::io(root, e))? {
            return Err(CaseError::NotEmpty {
                path: root.to_path_buf(),
            });
        }
        storage::create_case_dir(root).map_err(|e| CaseError::io(root, e))?;
        for dir in [ARTICLES_DIR, MARKS_DIR] {
            storage::create_dir_inside(root, Path::new(dir))
                .map_err(|e| e.into_case_error(root.join(dir)))?;
        }
        storage::write_inside(root, Path::new(GITIGNORE_FILE), gitignore().as_bytes())
            .map_err(|e| e.into_case_error(root.join(GITIGNORE_FILE)))?;
        let mut case = Case::empty(root, Manifest::new(title));
        case.disk.dirty.insert(FileKey::Manifest);
        case.disk.dirty.insert(FileKey::Schema);
        if let Err(mut problems) = case.save() {
            return Err(CaseError::Invalid(problems.remove(0)));
        }
        Ok(case)
    }

    /// Opens the case in `root`. Fails only if `case.ron` itself cannot be read;
    /// every other problem is in `load_problems` and the rest of the case opens.
    pub fn open(root: &Path) -> Result<Case, CaseError> {
        let manifest_path = root.join(MANIFEST_FILE);
        if !manifest_path.exists() {
            return Err(CaseError::NoCase {
                path: root.to_path_buf(),
            });
        }
        // Stamp before reading: a change landing in between is seen later.
        let manifest_stamp = FileStamp::of(&manifest_path);
        let (manifest, manifest_src): (Manifest, String) =
            storage::read_ron(&manifest_path).map_err(CaseError::Invalid)?;
        let mut case = Case::empty(root, manifest);
        case.disk
            .file_stamps
            .insert(PathBuf::from(MANIFEST_FILE), manifest_stamp);
        case.disk
            .on_disk
            .insert(PathBuf::from(MANIFEST_FILE), manifest_src.clone());
        if let Some(p) = format_problem(&manifest_path, case.manifest.format, &manifest_src) {
            case.disk.locked.insert(PathBuf::from(MANIFEST_FILE));
            case.load_problems.push(p);
        }
        case.remove_stale_temps();
        case.load_schema();
        case.load_articles(&manifest_src);
        case.load_annotators();
        // Texts may have been corrected since the marks were made.
        case.anchoring = case.reanchor_all();
        Ok(case)
    }

    fn empty(root: &Path, manifest: Manifest) -> Case {
        Case {
            root: root.to_path_buf(),
            manifest,
            schema: Schema::default_schema(),
            articles: Vec::new(),
            article_at: Default::default(),
            annotators: BTreeMap::new(),
            load_problems: Vec::new(),
            anchoring: AnchorReport::default(),
            disk: DiskState::default(),
        }
    }

    /// Temp files a killed save left behind (they are never read as case
    /// files, but they would clutter the folder and a class's commits).
    /// Only real folders of the case are cleaned: a `marks/`, `articles/`
    /// or annotator folder that is a symbolic link may lead out of the
    /// case, and opening a case (even `candor check`) deletes nothing
    /// outside it.
    fn remove_stale_temps(&self) {
        let real_dir = |p: &std::path::Path| {
            std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_dir())
        };
        let marks = self.root.join(MARKS_DIR);
        let mut dirs = vec![self.root.clone(), self.root.join(ARTICLES_DIR)];
        if real_dir(&marks) {
            dirs.extend(storage::list_dir(&marks).unwrap_or_default());
            dirs.push(marks);
        }
        for dir in dirs.into_iter().filter(|d| real_dir(d)) {
            storage::remove_stale_temps(&dir);
        }
    }

    fn load_schema(&mut self) {
        let rel = self.manifest.schema.clone();
        let path = match storage::resolve_inside(&self.root, &rel) {
            Ok(p) => p,
            Err(msg) => {
                self.load_problems.push(
                    Problem::error(self.root.join(MANIFEST_FILE), msg).near(
                        self.disk
                            .on_disk
                            .get(Path::new(MANIFEST_FILE))
                            .map(String::as_str),
                        "schema:",
                    ),
                );
                self.disk.locked.insert(PathBuf::from(&rel));
                return;
            }
        };
        self.disk
            .file_stamps
            .insert(PathBuf::from(&rel), FileStamp::of(&path));
        match storage::read_ron::<Schema>(&path) {
            Ok((schema, src)) => {
                if let Some(p) = format_problem(&path, schema.format, &src) {
                    self.load_problems.push(p);
                    self.disk.locked.insert(PathBuf::from(&rel));
                }
                self.schema = schema;
                self.disk.on_disk.insert(PathBuf::from(&rel), src);
            }
            Err(p) => {
                // Keep working with the default schema so marks still show,
                // but never overwrite the broken file with it.
                self.load_problems.push(p);
                self.disk.locked.insert(PathBuf::from(&rel));
            }
        }
    }

    fn load_articles(&mut self, manifest_src: &str) {
        for meta in self.manifest.articles.clone() {
            let text = match storage::resolve_inside(&self.root, &meta.file) {
                Err(msg) => {
                    self.load_problems.push(
                        Problem::error(
                            self.root.join(MANIFEST_FILE),
                            format!("article {:?}: {msg}", meta.id.as_str()),
                        )
                        .near(Some(manifest_src), &format!("file: {:?}", meta.file)),
                    );
                    None
                }
                Ok(path) => match self.read_article(&meta.id, &path) {
                    Ok(raw) => {
                        let clean = text::normalize(&raw);
                        if clean != raw {
                            self.load_problems.push(Problem::warning(
                                &path,
                                "has a byte-order mark or \\r line endings; Candor reads it as if they were removed (re-import to fix the file)",
                            ));
                        }
                        Some(ArticleText::new(clean))
                    }
                    Err(p) => {
                        self.load_problems.push(p);
                        None
                    }
                },
            };
            self.articles.push(Article { meta, text });
        }
        self.reindex_articles();
    }

    /// Whether to read `path` (under `marks/`), which may be a symbolic
    /// link. A link is a finding and locks everything under it (a write
    /// never goes through a link); it is read only if it leads to a place
    /// inside the case.
    fn follow(&mut self, path: &Path) -> bool {
        let Some(to) = storage::link_at(&self.root, path) else {
            return true;
        };
        self.disk.linked.insert(self.rel(path));
        let inside = to == storage::LinkTo::Inside;
        self.load_problems.push(if inside {
            Problem::warning(
                path,
                "is a symbolic link: Candor reads it, since it leads to a place inside the case, but never writes through a link, so these marks cannot be changed (replace the link with the folder or file itself)",
            )
        } else {
            Problem::error(
                path,
                "is a symbolic link that leads outside the case folder (or nowhere): Candor does not read it and writes nothing there",
            )
        });
        inside
    }

    fn load_annotators(&mut self) {
        let marks_dir = self.root.join(MARKS_DIR);
        if !self.follow(&marks_dir) {
            return;
        }
        let dirs = match storage::list_dir(&marks_dir) {
            Ok(entries) => entries,
            Err(p) => {
                // No `marks/` folder yet is an empty case, not a problem; one
                // that cannot be listed must not look like "no marks".
                if marks_dir.exists() {
                    self.load_problems.push(p);
                }
                return;
            }
        };
        let mut files = Vec::new();
        for dir in dirs {
            if !self.follow(&dir) || !dir.is_dir() {
                continue;
            }
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !is_valid_id(&name) {
                self.load_problems.push(Problem::warning(
                    &dir,
                    "not an annotator folder (names use letters, digits, `-`, `_`, `.`); ignored",
                ));
                continue;
            }
            let annotator = AnnotatorId(name);
            self.annotators
                .insert(annotator.clone(), Annotations::default());
            let in_dir = match storage::list_dir(&dir) {
                Ok(entries) => entries,
                Err(p) => {
                    self.load_problems.push(p);
                    continue;
                }
            };
            for path in in_dir {
                let Some(file_name) = path.file_name().map(|n| n.to_string_lossy().into_owned())
                else {
                    continue;
                };
                // Other files (a README, an editor's backup) are not ours.
                if file_name.ends_with(".ron") && self.follow(&path) {
                    files.push((annotator.clone(), path, file_name));
                }
            }
        }
        for (_, path, _) in &files {
            let rel = self.rel(path);
            self.disk.file_stamps.insert(rel, FileStamp::of(path));
        }
        // Parsing is most of the time spent opening a large case; spread it
        // over the cores, then merge in file order so results are the same.
        let parsed = parse_in_parallel(&files);
        for ((annotator, path, file_name), result) in files.iter().zip(parsed) {
            let rel = self.rel(path);
            let Some(out) = self.annotators.get_mut(annotator) else {
                continue;
            };
            match result {
                Parsed::Links(Ok((links, src))) => {
                    if let Some(p) = format_problem(path, links.format, &src) {
                        self.load_problems.push(p);
                        self.disk.locked.insert(rel.clone());
                    }
                    out.links = links;
                    self.disk.on_disk.insert(rel, src);
                }
                Parsed::Marks(Ok((file, src))) => {
                    let stem = file_name.trim_end_matches(".ron");
                    let article = ArticleId::new(stem);
                    if self.manifest.article(&article).is_none() {
                        self.load_problems.push(Problem::error(
                            path,
                            format!("marks for article {stem:?}, which is not in {MANIFEST_FILE}"),
                        ));
                    }
                    if let Some(p) = format_problem(path, file.format, &src) {
                        self.load_problems.push(p);
                        self.disk.locked.insert(rel.clone());
                    }
                    let mut marks = file.marks;
                    marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    if file.done {
                        out.done.insert(article.clone());
                    }
                    out.marks.insert(article, marks);
                    self.disk.on_disk.insert(rel, src);
                }
                Parsed::Links(Err(p)) | Parsed::Marks(Err(p)) => {
                    self.load_problems.push(p);
                    self.disk.locked.insert(rel);
                }
            }
        }
    }
}

enum Parsed {
    Marks(Result<(MarkFile, String), Problem>),
    Links(Result<(Links, String), Problem>),
}

fn parse_one(path: &Path, file_name: &str) -> Parsed {
    if file_name == LINKS_FILE {
        Parsed::Links(storage::read_ron(path))
    } else {
        Parsed::Marks(storage::read_ron(path))
    }
}

/// Parses annotator files on every core; results in the order of `files`.
fn parse_in_parallel(files: &[(AnnotatorId, PathBuf, String)]) -> Vec<Parsed> {
    let threads = if files.len() < 16 {
        1
    } else {
        parallel::cores(8)
    };
    parallel::par_map(files, threads, |(_, p, n)| parse_one(p, n))
}

/// A problem if a file's format version is one this Candor cannot handle.
fn format_problem(path: &Path, format: u32, src: &str) -> Option<Problem> {
    if format == 0 || format > FORMAT_VERSION {
        Some(
            Problem::error(
                path,
                format!(
                    "format {format} is not one this Candor reads (it reads format {FORMAT_VERSION}); the file is left untouched"
                ),
            )
            .near(Some(src), "format:"),
        )
    } else {
        None
    }
}
