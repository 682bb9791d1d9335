//! Turning files a person has (a `.txt` saved from a browser, a `.md` draft)
//! into articles of a case: id from the file name, title from the first line
//! unless given, text normalised once so offsets mean the same everywhere.

use std::path::Path;

use crate::case::Case;
use crate::model::{ArticleId, ArticleMeta, Genre, slugify};
use crate::problem::CaseError;
use crate::storage::{self, MAX_TEXT_BYTES};

/// Metadata given on the command line (or in the window) for imported files.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Used for every file; otherwise each file's first non-empty line.
    pub title: Option<String>,
    pub outlet: String,
    pub date: String,
    pub url: String,
    pub genre: Genre,
}

/// The file types `import` accepts.
pub const EXTENSIONS: [&str; 3] = ["txt", "md", "markdown"];

/// Reads one file and adds it to the case as an article. Returns its id.
pub fn import_file(
    case: &mut Case,
    file: &Path,
    opts: &ImportOptions,
) -> Result<ArticleId, CaseError> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(CaseError::Usage(format!(
            "{}: Candor imports plain text (.txt) and Markdown (.md) files; save the article as text first",
            file.display()
        )));
    }
    let raw = storage::read_text(file, MAX_TEXT_BYTES).map_err(CaseError::Invalid)?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = ArticleId(slugify(&stem));
    let title = match &opts.title {
        Some(t) => t.clone(),
        None => first_line_title(&raw).unwrap_or_else(|| stem.clone()),
    };
    let meta = ArticleMeta {
        id: id.clone(),
        title,
        outlet: opts.outlet.clone(),
        date: opts.date.clone(),
        url: opts.url.clone(),
        genre: opts.genre,
        file: String::new(),
    };
    case.add_article(meta, &raw)?;
    Ok(id)
}

/// The first non-empty line, without Markdown heading marks, cut to 200 chars.
fn first_line_title(text: &str) -> Option<String> {
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    let line = line.trim_start_matches('#').trim();
    (!line.is_empty()).then(|| line.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_first_line_without_heading_marks() {
        assert_eq!(
            first_line_title("\n\n# Strikes hit depot\nbody"),
            Some("Strikes hit depot".into())
        );
        assert_eq!(first_line_title("   \n"), None);
    }
}
