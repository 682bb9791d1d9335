//! A case in memory: its manifest, schema, article texts and every
//! annotator's marks and links, plus what is needed to save it safely.
//!
//! Opening never fails because one file is bad: each problem is recorded with
//! its location, the file is *locked* (never written, so a hand-made typo can
//! never cost a mark), and the rest of the case opens. Saving writes only files
//! whose content changed, atomically.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::anchor::{self, AnchorReport, OrphanMark};
use crate::model::{
    AnnotatorId, ArticleId, ArticleMeta, CategoryId, FORMAT_VERSION, Links, Manifest, Mark,
    MarkFile, MarkId, Schema, Timestamp, is_valid_id,
};
use crate::problem::{CaseError, Problem};
use crate::storage::{self, MAX_TEXT_BYTES};
use crate::text::{self, CharRange, TextIndex};
use crate::validate;

pub const MANIFEST_FILE: &str = "case.ron";
pub const ARTICLES_DIR: &str = "articles";
pub const MARKS_DIR: &str = "marks";
pub const LINKS_FILE: &str = "links.ron";

/// An article's text, with what is needed to slice it by char offsets.
#[derive(Clone, Debug)]
pub struct ArticleText {
    pub text: String,
    pub index: TextIndex,
    /// Counted on first use: word segmentation of a large case is a
    /// noticeable part of opening it, and only statistics need it.
    words: std::sync::OnceLock<usize>,
}

impl ArticleText {
    pub fn new(text: String) -> Self {
        ArticleText {
            index: TextIndex::new(&text),
            words: std::sync::OnceLock::new(),
            text,
        }
    }

    /// Words in the text (Unicode word segmentation, UAX #29).
    pub fn words(&self) -> usize {
        *self.words.get_or_init(|| text::word_count(&self.text))
    }

    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// A new mark of `category` on `range`, quoting the text there with its
    /// context, made now. `None` if the range is empty or does not fit.
    pub fn new_mark(&self, id: MarkId, category: CategoryId, range: CharRange) -> Option<Mark> {
        let now = Timestamp::now();
        let blank = Mark {
            id,
            category,
            start: range.start,
            end: range.end,
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            attributes: BTreeMap::new(),
            note: String::new(),
            created: now.clone(),
            modified: now,
        };
        anchor::attach(self, &blank, range)
    }

    /// The text of a range, or `None` if the range does not fit this text.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        self.index.slice(&self.text, range)
    }
}

/// One article: its manifest entry and, if it could be read, its text.
#[derive(Clone, Debug)]
pub struct Article {
    pub meta: ArticleMeta,
    pub text: Option<ArticleText>,
}

/// One annotator's work: marks per article, and links.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    pub marks: BTreeMap<ArticleId, Vec<Mark>>,
    pub links: Links,
}

impl Annotations {
    pub fn mark_count(&self) -> usize {
        self.marks.values().map(Vec::len).sum()
    }

    /// Finds a mark by id, with the article it is on.
    pub fn find_mark(&self, id: &MarkId) -> Option<(&ArticleId, &Mark)> {
        self.marks
            .iter()
            .find_map(|(a, ms)| ms.iter().find(|m| &m.id == id).map(|m| (a, m)))
    }
}

/// A file of the case, as the save logic tracks it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    Manifest,
    Schema,
    Marks(AnnotatorId, ArticleId),
    Links(AnnotatorId),
}

/// What a save did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written, relative to the case folder.
    pub written: Vec<PathBuf>,
}

#[derive(Debug, Default)]
struct DiskState {
    /// The content each file had when last read or written by us.
    on_disk: HashMap<PathBuf, String>,
    /// Files that failed to load: never written, so their content survives.
    locked: BTreeSet<PathBuf>,
    /// Files whose in-memory content may differ from disk.
    dirty: BTreeSet<FileKey>,
    /// Size and modification time of each article's text when last read.
    article_stamps: HashMap<ArticleId, FileStamp>,
}

/// What is cheap to ask of a file to know whether it changed: its length and
/// modification time. `None` when the file could not be asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp(Option<(u64, std::time::SystemTime)>);

impl FileStamp {
    fn of(path: &Path) -> FileStamp {
        FileStamp(
            fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.len(), m.modified().ok()?))),
        )
    }
}

#[derive(Debug)]
pub struct Case {
    pub root: PathBuf,
    pub manifest: Manifest,
    pub schema: Schema,
    pub articles: Vec<Article>,
    pub annotators: BTreeMap<AnnotatorId, Annotations>,
    /// Problems found when the case was opened (see also `validate::check`).
    pub load_problems: Vec<Problem>,
    /// What re-anchoring did when the case was opened or an article reloaded:
    /// marks moved to follow edited text, and orphans left where they were.
    pub anchoring: AnchorReport,
    disk: DiskState,
}

impl Case {
    /// Creates a new case folder with the default schema and no articles.
    /// Refuses a folder that already has files in it.
    pub fn create(root: &Path, title: &str) -> Result<Case, CaseError> {
        if root.exists() {
            let mut entries = fs::read_dir(root).map_err(|e| CaseError::io(root, e))?;
            if entries.next().is_some() {
                return Err(CaseError::Usage(format!(
                    "{}: folder is not empty; choose a new folder for the case",
                    root.display()
                )));
            }
        }
        for dir in [
            root.to_path_buf(),
            root.join(ARTICLES_DIR),
            root.join(MARKS_DIR),
        ] {
            fs::create_dir_all(&dir).map_err(|e| CaseError::io(&dir, e))?;
        }
        let mut case = Case {
            root: root.to_path_buf(),
            manifest: Manifest::new(title),
            schema: Schema::default_schema(),
            articles: Vec::new(),
            annotators: BTreeMap::new(),
            load_problems: Vec::new(),
            anchoring: AnchorReport::default(),
            disk: DiskState::default(),
        };
        case.disk.dirty.insert(FileKey::Manifest);
        case.disk.dirty.insert(FileKey::Schema);
        case.save()
            .map_err(|mut errs| CaseError::Invalid(errs.remove(0)))?;
        Ok(case)
    }

    /// Opens the case in `root`. Fails only if `case.ron` itself cannot be read;
    /// every other problem is in `load_problems` and the rest of the case opens.
    pub fn open(root: &Path) -> Result<Case, CaseError> {
        let manifest_path = root.join(MANIFEST_FILE);
        if !manifest_path.exists() {
            return Err(CaseError::Usage(format!(
                "{}: no case here (a case folder has a {MANIFEST_FILE}; `candor new` makes one)",
                root.display()
            )));
        }
        let (manifest, manifest_src): (Manifest, String) =
            storage::read_ron(&manifest_path).map_err(CaseError::Invalid)?;
        let mut case = Case {
            root: root.to_path_buf(),
            manifest,
            schema: Schema::default_schema(),
            articles: Vec::new(),
            annotators: BTreeMap::new(),
            load_problems: Vec::new(),
            anchoring: AnchorReport::default(),
            disk: DiskState::default(),
        };
        case.disk
            .on_disk
            .insert(PathBuf::from(MANIFEST_FILE), manifest_src.clone());
        if let Some(p) = format_problem(&manifest_path, case.manifest.format, &manifest_src) {
            case.disk.locked.insert(PathBuf::from(MANIFEST_FILE));
            case.load_problems.push(p);
        }
        case.load_schema();
        case.load_articles(&manifest_src);
        case.load_annotators();
        // Texts may have been corrected since the marks were made.
        case.anchoring = anchor::reanchor_case(&mut case);
        Ok(case)
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
    }

    fn load_annotators(&mut self) {
        let marks_dir = self.root.join(MARKS_DIR);
        let Ok(entries) = fs::read_dir(&marks_dir) else {
            return; // No marks yet.
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        let mut files = Vec::new();
        for dir in dirs {
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
            self.annotators.insert(
                annotator.clone(),
                Annotations {
                    links: Links::new(),
                    ..Annotations::default()
                },
            );
            let mut in_dir: Vec<PathBuf> = fs::read_dir(&dir)
                .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            in_dir.sort();
            for path in in_dir {
                let Some(file_name) = path.file_name().map(|n| n.to_string_lossy().into_owned())
                else {
                    continue;
                };
                // Other files (a README, an editor's backup) are not ours.
                if file_name.ends_with(".ron") {
                    files.push((annotator.clone(), path, file_name));
                }
            }
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

    /// A path relative to the case folder.
    pub fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    /// Where a file of the case lives, relative to the case folder.
    pub fn path_of(&self, key: &FileKey) -> PathBuf {
        match key {
            FileKey::Manifest => PathBuf::from(MANIFEST_FILE),
            FileKey::Schema => PathBuf::from(&self.manifest.schema),
            FileKey::Marks(ann, art) => Path::new(MARKS_DIR)
                .join(ann.as_str())
                .join(format!("{art}.ron")),
            FileKey::Links(ann) => Path::new(MARKS_DIR).join(ann.as_str()).join(LINKS_FILE),
        }
    }

    /// The text a file had when last read or written, for pointing problems
    /// at a line.
    pub(crate) fn source_of(&self, key: &FileKey) -> Option<&str> {
        self.disk
            .on_disk
            .get(&self.path_of(key))
            .map(String::as_str)
    }

    /// Whether a file failed to load and so must not be written.
    pub fn is_locked(&self, key: &FileKey) -> bool {
        self.disk.locked.contains(&self.path_of(key))
    }

    /// Whether there are changes not yet saved.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.disk.dirty.is_empty()
    }

    pub fn article(&self, id: &ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| &a.meta.id == id)
    }

    pub fn article_text(&self, id: &ArticleId) -> Option<&ArticleText> {
        self.article(id).and_then(|a| a.text.as_ref())
    }

    /// One annotator's marks on one article (empty if none).
    pub fn marks(&self, annotator: &AnnotatorId, article: &ArticleId) -> &[Mark] {
        self.annotators
            .get(annotator)
            .and_then(|a| a.marks.get(article))
            .map_or(&[], Vec::as_slice)
    }

    /// Adds an annotator with no marks (their folder appears on first save).
    pub fn add_annotator(&mut self, id: &AnnotatorId) -> Result<(), CaseError> {
        if !is_valid_id(id.as_str()) {
            return Err(CaseError::Usage(format!(
                "{:?} cannot be an annotator name: use letters, digits, `-`, `_` or `.` (at most 64)",
                id.as_str()
            )));
        }
        self.annotators
            .entry(id.clone())
            .or_insert_with(|| Annotations {
                links: Links::new(),
                ..Annotations::default()
            });
        Ok(())
    }

    /// Mutable access to one annotator's marks on one article; the file is
    /// then saved on the next `save`. Refused if that file failed to load.
    pub fn marks_mut(
        &mut self,
        annotator: &AnnotatorId,
        article: &ArticleId,
    ) -> Result<&mut Vec<Mark>, CaseError> {
        let key = FileKey::Marks(annotator.clone(), article.clone());
        self.check_writable(&key)?;
        self.add_annotator(annotator)?;
        self.disk.dirty.insert(key);
        let ann = self
            .annotators
            .get_mut(annotator)
            .ok_or_else(|| CaseError::Usage("annotator vanished".into()))?;
        Ok(ann.marks.entry(article.clone()).or_default())
    }

    /// Mutable access to one annotator's links; see `marks_mut`.
    pub fn links_mut(&mut self, annotator: &AnnotatorId) -> Result<&mut Links, CaseError> {
        let key = FileKey::Links(annotator.clone());
        self.check_writable(&key)?;
        self.add_annotator(annotator)?;
        self.disk.dirty.insert(key);
        let ann = self
            .annotators
            .get_mut(annotator)
            .ok_or_else(|| CaseError::Usage("annotator vanished".into()))?;
        Ok(&mut ann.links)
    }

    /// Mutable access to the manifest; it is saved on the next `save`.
    pub fn manifest_mut(&mut self) -> Result<&mut Manifest, CaseError> {
        self.check_writable(&FileKey::Manifest)?;
        self.disk.dirty.insert(FileKey::Manifest);
        Ok(&mut self.manifest)
    }

    /// Mutable access to the schema; it is saved on the next `save`.
    pub fn schema_mut(&mut self) -> Result<&mut Schema, CaseError> {
        self.check_writable(&FileKey::Schema)?;
        self.disk.dirty.insert(FileKey::Schema);
        Ok(&mut self.schema)
    }

    fn check_writable(&self, key: &FileKey) -> Result<(), CaseError> {
        if self.is_locked(key) {
            let path = self.root.join(self.path_of(key));
            return Err(CaseError::Usage(format!(
                "{}: this file could not be read when the case was opened, so Candor will not change it; fix it by hand and reopen the case",
                path.display()
            )));
        }
        Ok(())
    }

    /// Marks a file as changed, for code that changed it through `&mut` fields.
    pub fn touch(&mut self, key: FileKey) {
        self.disk.dirty.insert(key);
    }

    /// A fresh mark id for an annotator: `m` and one more than the largest in use.
    pub fn next_mark_id(&self, annotator: &AnnotatorId) -> MarkId {
        MarkIds::after(self, annotator).next_id()
    }

    /// A new mark of `category` over `range` of an article, with its quote and
    /// context taken from the text. The range is checked against the text first.
    pub fn new_mark(
        &self,
        annotator: &AnnotatorId,
        article: &ArticleId,
        range: CharRange,
        category: &CategoryId,
    ) -> Result<Mark, CaseError> {
        self.mark_with_id(self.next_mark_id(annotator), article, range, category)
    }

    /// Like `new_mark`, with the id chosen by the caller (who is making many).
    pub fn mark_with_id(
        &self,
        id: MarkId,
        article: &ArticleId,
        range: CharRange,
        category: &CategoryId,
    ) -> Result<Mark, CaseError> {
        let text = self
            .article_text(article)
            .ok_or_else(|| CaseError::Usage(format!("article {article:?} has no text loaded")))?;
        if range.is_empty() {
            return Err(CaseError::Usage(
                "a mark needs at least one character".into(),
            ));
        }
        text.new_mark(id, category.clone(), range).ok_or_else(|| {
            CaseError::Usage(format!(
                "range {}..{} is outside article {article:?} ({} chars)",
                range.start.0,
                range.end.0,
                text.char_len()
            ))
        })
    }

    /// Adds an article from text already read: writes `articles/<id>.txt`
    /// and adds it to the manifest (saved on the next `save`).
    pub fn add_article(&mut self, mut meta: ArticleMeta, raw_text: &str) -> Result<(), CaseError> {
        if !is_valid_id(meta.id.as_str()) {
            return Err(CaseError::Usage(format!(
                "{:?} cannot be an article id",
                meta.id.as_str()
            )));
        }
        if self.article(&meta.id).is_some() {
            return Err(CaseError::Usage(format!(
                "the case already has an article {:?}; rename the file or remove the article first",
                meta.id.as_str()
            )));
        }
        self.check_writable(&FileKey::Manifest)?;
        let text = text::normalize(raw_text);
        meta.file = format!("{ARTICLES_DIR}/{}.txt", meta.id);
        let path = self.root.join(&meta.file);
        if path.exists() {
            return Err(CaseError::Usage(format!(
                "{}: already exists but is not in {MANIFEST_FILE}; move it away first",
                path.display()
            )));
        }
        storage::write_atomic(&path, text.as_bytes()).map_err(|e| CaseError::io(&path, e))?;
        self.disk
            .article_stamps
            .insert(meta.id.clone(), FileStamp::of(&path));
        self.disk
            .on_disk
            .insert(PathBuf::from(&meta.file), text.clone());
        self.manifest.articles.push(meta.clone());
        self.articles.push(Article {
            meta,
            text: Some(ArticleText::new(text)),
        });
        self.disk.dirty.insert(FileKey::Manifest);
        Ok(())
    }

    /// Writes every changed file. A file that fails is reported and the others
    /// are still written; what failed stays marked as changed for the next try.
    pub fn save(&mut self) -> Result<SaveReport, Vec<Problem>> {
        let mut report = SaveReport::default();
        let mut problems = Vec::new();
        let dirty = std::mem::take(&mut self.disk.dirty);
        for key in dirty {
            let rel = self.path_of(&key);
            if self.disk.locked.contains(&rel) {
                continue;
            }
            let content = match self.serialize(&key) {
                Ok(Some(c)) => c,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(Problem::error(
                        self.root.join(&rel),
                        format!("could not write: {e}"),
                    ));
                    self.disk.dirty.insert(key);
                    continue;
                }
            };
            if self.disk.on_disk.get(&rel) == Some(&content) {
                continue;
            }
            let path = self.root.join(&rel);
            match storage::write_atomic(&path, content.as_bytes()) {
                Ok(()) => {
                    self.disk.on_disk.insert(rel.clone(), content);
                    report.written.push(rel);
                }
                Err(e) => {
                    problems.push(Problem::error(
                        path,
                        format!("could not save: {}", storage::io_message(&e)),
                    ));
                    self.disk.dirty.insert(key);
                }
            }
        }
        if problems.is_empty() {
            Ok(report)
        } else {
            Err(problems)
        }
    }

    /// Saves every file of the case that differs from disk, not only those
    /// changed through the accessors.
    pub fn save_all(&mut self) -> Result<SaveReport, Vec<Problem>> {
        self.disk.dirty.insert(FileKey::Manifest);
        self.disk.dirty.insert(FileKey::Schema);
        for (ann, annotations) in &self.annotators {
            for art in annotations.marks.keys() {
                self.disk
                    .dirty
                    .insert(FileKey::Marks(ann.clone(), art.clone()));
            }
            self.disk.dirty.insert(FileKey::Links(ann.clone()));
        }
        self.save()
    }

    /// The file's content as Candor writes it, or `None` when there is nothing
    /// to write (an annotator with no links and no links file yet).
    fn serialize(&self, key: &FileKey) -> Result<Option<String>, ron::Error> {
        match key {
            FileKey::Manifest => storage::to_ron(&self.manifest).map(Some),
            FileKey::Schema => storage::to_ron(&self.schema).map(Some),
            FileKey::Marks(ann, art) => {
                let marks = self.marks(ann, art);
                let exists = self.disk.on_disk.contains_key(&self.path_of(key));
                if marks.is_empty() && !exists {
                    return Ok(None);
                }
                let mut sorted: Vec<&Mark> = marks.iter().collect();
                sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                storage::to_ron(&MarkFileOut {
                    format: FORMAT_VERSION,
                    marks: sorted,
                })
                .map(Some)
            }
            FileKey::Links(ann) => {
                let exists = self.disk.on_disk.contains_key(&self.path_of(key));
                match self.annotators.get(ann) {
                    Some(a) if exists || !a.links.is_empty() => storage::to_ron(&a.links).map(Some),
                    _ => Ok(None),
                }
            }
        }
    }

    /// Reads an article's text, remembering its stamp for `changed_articles`.
    fn read_article(&mut self, id: &ArticleId, path: &Path) -> Result<String, Problem> {
        // Stamp first: an edit landing between stamp and read is seen next poll.
        self.disk
            .article_stamps
            .insert(id.clone(), FileStamp::of(path));
        storage::read_text(path, MAX_TEXT_BYTES)
    }

    /// Articles whose text file changed on disk (length or modification time)
    /// since it was last read: cheap enough to ask about once a second.
    pub fn changed_articles(&self) -> Vec<ArticleId> {
        self.articles
            .iter()
            .filter(|a| {
                let Ok(path) = storage::resolve_inside(&self.root, &a.meta.file) else {
                    return false;
                };
                self.disk.article_stamps.get(&a.meta.id) != Some(&FileStamp::of(&path))
            })
            .map(|a| a.meta.id.clone())
            .collect()
    }

    /// Reads an article's text again from disk and re-anchors every
    /// annotator's marks on it. Returns what re-anchoring did to that article
    /// (also kept in `anchoring`). On error the old text stays.
    pub fn reload_article(&mut self, id: &ArticleId) -> Result<AnchorReport, CaseError> {
        let file = self
            .article(id)
            .map(|a| a.meta.file.clone())
            .ok_or_else(|| CaseError::Usage(format!("the case has no article {id:?}")))?;
        let path = storage::resolve_inside(&self.root, &file).map_err(CaseError::Usage)?;
        let raw = self.read_article(id, &path).map_err(CaseError::Invalid)?;
        let clean = text::normalize(&raw);
        if let Some(article) = self.articles.iter_mut().find(|a| &a.meta.id == id) {
            article.text = Some(ArticleText::new(clean));
        }
        let report = anchor::reanchor_article(self, id);
        self.anchoring.replace_article(id, report.clone());
        Ok(report)
    }

    /// Every mark that is not on its quoted words now, with the reason
    /// re-anchoring gave (or what is at its offsets). These stay in their
    /// files untouched until the user attaches them to new words or deletes them.
    pub fn orphans(&self) -> Vec<OrphanMark> {
        let mut out = Vec::new();
        for (annotator, annotations) in &self.annotators {
            for (article, marks) in &annotations.marks {
                let Some(text) = self.article_text(article) else {
                    continue;
                };
                for m in marks {
                    if let anchor::Anchor::Orphan(why) = anchor::check(text, m) {
                        let reason = self
                            .anchoring
                            .orphan_reason(annotator, article, &m.id)
                            .map_or(why, str::to_string);
                        out.push(OrphanMark {
                            annotator: annotator.clone(),
                            article: article.clone(),
                            mark: m.id.clone(),
                            reason,
                        });
                    }
                }
            }
        }
        out
    }

    /// Every problem: those found on opening and a full validation now.
    pub fn check(&self) -> Vec<Problem> {
        let mut all = self.load_problems.clone();
        all.extend(validate::validate(self));
        all
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
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || files.len() < 16 {
        return files.iter().map(|(_, p, n)| parse_one(p, n)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(_, p, n)| parse_one(p, n))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic while parsing is a bug in ron or serde: pass it on
            // rather than lose track of which result belongs to which file.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Fresh mark ids for one annotator, for code that makes several marks
/// before storing any (they must not all get the same "next" id).
#[derive(Clone, Copy, Debug)]
pub struct MarkIds {
    next: u64,
}

impl MarkIds {
    /// Ids after the largest `m<number>` the annotator uses.
    pub fn after(case: &Case, annotator: &AnnotatorId) -> Self {
        let max = case
            .annotators
            .get(annotator)
            .into_iter()
            .flat_map(|a| a.marks.values().flatten())
            .filter_map(|m| m.id.as_str().strip_prefix('m')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        MarkIds { next: max + 1 }
    }

    /// The next id; each call gives a new one.
    pub fn next_id(&mut self) -> MarkId {
        let id = MarkId(format!("m{}", self.next));
        self.next += 1;
        id
    }
}

/// The on-disk shape of a marks file, written from borrowed, sorted marks.
#[derive(Serialize)]
#[serde(rename = "Marks")]
struct MarkFileOut<'a> {
    format: u32,
    marks: Vec<&'a Mark>,
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
