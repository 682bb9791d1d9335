//! Turning what a person has (a `.txt` saved from a browser, a `.md` draft,
//! a saved web page, text on the clipboard) into articles of a case: id from
//! the file name, title and date from the text or the page unless given,
//! text normalised once so offsets mean the same everywhere.
//!
//! An import is two steps, so the window can show what would be added and
//! `candor import --dry-run` can print it: [`read_file`] (or
//! [`read_pasted`]) reads and extracts without touching the case, and
//! [`add`] puts the result in. [`import_file`] does both; `many` does both
//! for many files, with progress and a cancel.
//!
//! - `text`: plain text and Markdown, the head of the text read for title
//!   and date;
//! - `html`: saved web pages, the article found by Readability;
//! - `charset`: a file's bytes made text, in the charset a page declares;
//! - `word`: Word documents (`.docx`), and their comments as marks;
//! - `marks`: `candor import-marks`, another tool's marks as a new
//!   annotator, read by `crate::formats` (brat standoff files, W3C Web
//!   Annotations) and placed on the case's texts here.

mod charset;
pub mod html;
pub mod many;
pub mod marks;
mod text;
pub mod word;

use std::path::{Path, PathBuf};

use crate::case::Case;
use crate::model::{ArticleId, ArticleMeta, Genre, slugify};
use crate::problem::CaseError;
use crate::storage::{self, MAX_TEXT_BYTES};

/// Metadata given on the command line (or in the window) for imported files.
/// What is given wins over what the file or page says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOptions {
    /// Used for every file; otherwise each file's first non-empty line, or
    /// the page's headline.
    pub title: Option<String>,
    pub outlet: String,
    pub date: String,
    pub url: String,
    pub genre: Genre,
}

/// The file types `import` accepts: text, Markdown, saved web pages, Word
/// documents.
pub const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "docx"];

/// The ones read as Word documents.
const WORD_EXTENSIONS: [&str; 1] = ["docx"];

/// The ones read as web pages.
const PAGE_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// An article read and extracted, not yet added to a case.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The entry `case.ron` will get (its `file` is set when it is added).
    pub meta: ArticleMeta,
    /// The text as it will be stored.
    pub text: String,
    /// Whether the text was extracted from a web page.
    pub from_page: bool,
    /// The charset the file was read in, when there is something to say
    /// ("read as windows-1252, as the page declares"); `None` for UTF-8.
    pub charset: Option<String>,
    /// What a Word document brought besides its text (its comments), when
    /// the article is one.
    pub word: Option<word::Word>,
}

/// Reads one file and makes the article it would add, without adding it.
pub fn read_file(file: &Path, opts: &ImportOptions) -> Result<Prepared, CaseError> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ["doc", "docm", "dot", "dotm"].contains(&ext.as_str()) {
        return Err(CaseError::CannotImport {
            path: file.to_path_buf(),
            why: format!(
                "Candor reads Word documents saved as .docx, not .{ext} (an old or \
                 macro-enabled format); save it as a Word document (.docx) first"
            ),
        });
    }
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(CaseError::CannotImport {
            path: file.to_path_buf(),
            why: "Candor imports plain text (.txt), Markdown (.md), saved web pages (.html) \
                  and Word documents (.docx); save the article in one of those first"
                .into(),
        });
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if WORD_EXTENSIONS.contains(&ext.as_str()) {
        return word::from_word(file, ArticleId(slugify(&stem)), &stem, opts);
    }
    let bytes = storage::read_bytes(file, MAX_TEXT_BYTES).map_err(CaseError::Invalid)?;
    let id = ArticleId(slugify(&stem));
    if PAGE_EXTENSIONS.contains(&ext.as_str()) {
        let page = charset::decode_page(&bytes);
        let mut prepared = from_page(file, id, &page.text, opts)?;
        prepared.charset = page.describe();
        return Ok(prepared);
    }
    let (raw, charset) = match charset::decode_marked_text(&bytes) {
        Some(marked) => (marked.text.clone(), marked.describe()),
        None => (
            storage::text_from_bytes(file, bytes).map_err(CaseError::Invalid)?,
            None,
        ),
    };
    if text::looks_like_html(&raw) {
        // Marks on markup would count tags as words; better to say so now.
        return Err(CaseError::CannotImport {
            path: file.to_path_buf(),
            why: "this is a web page (HTML) saved under a text name; give it a .html name to \
                  import the article in it"
                .into(),
        });
    }
    Ok(Prepared {
        charset,
        ..from_text(id, &raw, &stem, opts)
    })
}

/// What the window's *New article from clipboard* and `candor import CASE -`
/// read: text or a web page's source, with no file name to take an id
/// from. The id comes from the title (given, or read from the text), made
/// unique in `case`; `source` names where it came from in messages.
pub fn read_pasted(
    case: &Case,
    source: &str,
    raw: &str,
    opts: &ImportOptions,
) -> Result<Prepared, CaseError> {
    let mut prepared = read_pasted_unnamed(source, raw, opts)?;
    name_pasted(case, &mut prepared);
    Ok(prepared)
}

/// [`read_pasted`] without the case: the id is a placeholder until
/// [`name_pasted`] gives it one. The window reads off its UI thread with
/// this (the case stays on the UI thread).
pub fn read_pasted_unnamed(
    source: &str,
    raw: &str,
    opts: &ImportOptions,
) -> Result<Prepared, CaseError> {
    let placeholder = ArticleId::new("pasted");
    if text::looks_like_html(raw) {
        return from_page(Path::new(source), placeholder, raw, opts);
    }
    if raw.trim().is_empty() {
        return Err(CaseError::CannotImport {
            path: PathBuf::from(source),
            why: "there is no text to import".into(),
        });
    }
    Ok(from_text(placeholder, raw, "pasted", opts))
}

/// Bytes read from standard input as text: UTF-8, or what a byte order
/// mark says, or a web page's source in the charset it declares (a page
/// piped in as it was saved). Anything else is not text Candor can read.
pub fn text_of_bytes(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(marked) = charset::decode_marked_text(&bytes) {
        return Ok(marked.text);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if text::looks_like_html(&String::from_utf8_lossy(e.as_bytes())) => {
            Ok(charset::decode_page(e.as_bytes()).text)
        }
        Err(e) => Err(format!(
            "it is not UTF-8 text (byte {} is not UTF-8); save it as UTF-8 first",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// Gives an article read by [`read_pasted_unnamed`] its id: from its
/// title, made unique in `case`.
pub fn name_pasted(case: &Case, prepared: &mut Prepared) {
    prepared.meta.id = unique_id(case, &slugify(&prepared.meta.title));
}

/// Adds what [`read_file`] or [`read_pasted`] made to the case (saved on
/// the case's next save). Returns its id.
pub fn add(case: &mut Case, prepared: &Prepared) -> Result<ArticleId, CaseError> {
    case.add_article(prepared.meta.clone(), &prepared.text)?;
    Ok(prepared.meta.id.clone())
}

/// Reads one file and adds it to the case as an article. Returns its id.
pub fn import_file(
    case: &mut Case,
    file: &Path,
    opts: &ImportOptions,
) -> Result<ArticleId, CaseError> {
    let prepared = read_file(file, opts)?;
    add(case, &prepared)
}

/// `base`, or `base-2`, `base-3`... if the case already has it.
fn unique_id(case: &Case, base: &str) -> ArticleId {
    let base: String = base.chars().take(60).collect();
    let base = base.trim_end_matches('-');
    (1..)
        .map(|n| match n {
            1 => ArticleId::new(base),
            n => ArticleId(format!("{base}-{n}")),
        })
        .find(|id| case.article(id).is_none())
        .unwrap_or_else(|| ArticleId::new(base))
}

fn from_text(id: ArticleId, raw: &str, fallback_title: &str, opts: &ImportOptions) -> Prepared {
    let (head, body) = text::read(raw);
    let title = match &opts.title {
        Some(t) => t.clone(),
        None => head.title.unwrap_or_else(|| fallback_title.to_string()),
    };
    let date = given_or(&opts.date, head.date);
    Prepared {
        meta: ArticleMeta {
            outlet: opts.outlet.clone(),
            date,
            url: opts.url.clone(),
            genre: opts.genre,
            ..ArticleMeta::new(id, title)
        },
        text: crate::text::normalize(&body),
        from_page: false,
        charset: None,
        word: None,
    }
}

fn from_page(
    path: &Path,
    id: ArticleId,
    raw: &str,
    opts: &ImportOptions,
) -> Result<Prepared, CaseError> {
    let page = html::extract(raw).map_err(|why| CaseError::CannotImport {
        path: path.to_path_buf(),
        why,
    })?;
    // The page's headline whole: a window that needs it shorter shortens
    // it on screen, never in case.ron.
    let title = match &opts.title {
        Some(t) => t.clone(),
        None if !page.title.is_empty() => page.title.clone(),
        None => text::read(&page.text)
            .0
            .title
            .unwrap_or_else(|| id.to_string()),
    };
    // Never the byline: a reporter is not a publication.
    let outlet = given_or(&opts.outlet, page.site_name);
    Ok(Prepared {
        meta: ArticleMeta {
            outlet,
            byline: page.byline.unwrap_or_default(),
            date: given_or(&opts.date, page.date),
            url: given_or(&opts.url, page.url),
            genre: opts.genre,
            ..ArticleMeta::new(id, title)
        },
        text: crate::text::normalize(&page.text),
        from_page: true,
        charset: None,
        word: None,
    })
}

fn given_or(given: &str, found: Option<String>) -> String {
    if given.is_empty() {
        found.unwrap_or_default()
    } else {
        given.to_string()
    }
}
