//! Word drafts (`.docx`) as articles, and their comments as an annotator's
//! marks (`candor import --comments-as NAME`), so a review begun in Word
//! goes on in Candor. The document is read by `formats::docx`; here it
//! becomes a [`Prepared`] article, and each comment a mark on exactly the
//! words it was anchored on, in the imported text.
//!
//! A comment that names a category on its first line (as Candor's own
//! export writes them) gets that category and its attributes; any other
//! gets the category asked for (`--category`), else the schema's first
//! category that is not a mention, and its whole text as the note.

use std::io::Read;
use std::path::Path;

use super::{ImportOptions, Prepared};
use crate::anchor;
use crate::case::{Case, MarkIds};
use crate::edit::Edit;
use crate::formats::docx::{self, Comment, comment};
use crate::model::{AnnotatorId, ArticleId, ArticleMeta, CategoryId, Timestamp, is_valid_id};
use crate::problem::{CaseError, IdKind};
use crate::text::CharRange;

/// What a Word document brought besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    /// Its comments, placed on the article's text.
    pub comments: Vec<Comment>,
    /// Comments that could not be placed, and why.
    pub skipped: Vec<String>,
}

pub(super) fn from_word(
    file: &Path,
    id: ArticleId,
    stem: &str,
    opts: &ImportOptions,
) -> Result<Prepared, CaseError> {
    let refuse = |why: String| CaseError::CannotImport {
        path: file.to_path_buf(),
        why,
    };
    let bytes = read_limited(file).map_err(refuse)?;
    let doc = docx::read(&bytes).map_err(|why| refuse(format!("this file {why}")))?;
    if doc.text.trim().is_empty() {
        return Err(refuse("the Word document has no text in its body".into()));
    }
    let title = match &opts.title {
        Some(t) => t.clone(),
        None => doc
            .title
            .clone()
            .or_else(|| super::text::read(&doc.text).0.title)
            .unwrap_or_else(|| stem.to_string()),
    };
    Ok(Prepared {
        meta: ArticleMeta {
            outlet: opts.outlet.clone(),
            date: opts.date.clone(),
            url: opts.url.clone(),
            genre: opts.genre,
            ..ArticleMeta::new(id, title)
        },
        // Not normalised: the comments' offsets count this very text, and
        // XML has already made every line break a `\n`.
        text: doc.text,
        from_page: false,
        charset: None,
        word: Some(Word {
            comments: doc.comments,
            skipped: doc.skipped,
        }),
    })
}

fn read_limited(file: &Path) -> Result<Vec<u8>, String> {
    let limit = docx::limits::FILE_BYTES;
    let f = std::fs::File::open(file).map_err(|e| crate::storage::io_message(&e))?;
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::storage::io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "the file is larger than a document Candor reads ({} MiB)",
            limit >> 20
        ));
    }
    Ok(bytes)
}

/// The category comments that name none are given: `asked`, which must be
/// in the schema, else the schema's first category that is not a mention.
/// Checked before anything is imported.
pub fn comment_category(case: &Case, asked: Option<&str>) -> Result<CategoryId, String> {
    let schema = case.schema();
    match asked {
        Some(id) => schema
            .categories
            .iter()
            .find(|c| c.id.as_str() == id)
            .map(|c| c.id.clone())
            .ok_or_else(|| {
                format!(
                    "the schema has no category {id:?} (it has: {})",
                    schema.category_ids()
                )
            }),
        None => schema
            .categories
            .iter()
            .find(|c| !c.mention)
            .or(schema.categories.first())
            .map(|c| c.id.clone())
            .ok_or_else(|| "the schema has no category to give the comments".to_string()),
    }
}

/// The comments of one imported article made an annotator's marks.
#[derive(Clone, Debug)]
pub struct CommentMarks {
    /// Adds the annotator (if new) and the marks.
    pub edit: Edit,
    pub marks: usize,
    /// Marks given the default category, their comment naming none.
    pub defaulted: usize,
    pub skipped: Vec<String>,
}

/// Builds the edit that gives `annotator` a mark for each comment of the
/// article `article` (already in the case); `category` is for comments
/// that name none (see [`comment_category`]).
pub fn comment_marks(
    case: &Case,
    article: &ArticleId,
    word: &Word,
    annotator: &AnnotatorId,
    category: &CategoryId,
) -> Result<CommentMarks, CaseError> {
    if !is_valid_id(annotator.as_str()) {
        return Err(CaseError::InvalidId {
            kind: IdKind::Annotator,
            id: annotator.to_string(),
        });
    }
    let text = case
        .article_text(article)
        .ok_or_else(|| CaseError::NoText {
            article: article.clone(),
        })?;
    let mut ids = MarkIds::for_annotator(case, annotator);
    let mut skipped = word.skipped.clone();
    let (mut marks, mut defaulted) = (Vec::new(), 0);
    for c in &word.comments {
        let said = comment::read(case.schema(), &c.paragraphs);
        let cat = said.category.clone().unwrap_or_else(|| {
            defaulted += 1;
            category.clone()
        });
        let range = CharRange::new(c.start, c.end);
        let Some(mut mark) = anchor::new_mark(text, ids.next_id(), range, cat) else {
            skipped.push(format!(
                "a comment by {:?} lies outside the text ({}..{})",
                c.author, c.start, c.end
            ));
            continue;
        };
        mark.attributes = said.attributes;
        mark.note = said.note;
        if let Ok(t) = humantime::parse_rfc3339_weak(&c.date) {
            mark.created = Timestamp(humantime::format_rfc3339_seconds(t).to_string());
            mark.modified = mark.created.clone();
        }
        marks.push(mark);
    }
    marks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let n = marks.len();
    Ok(CommentMarks {
        edit: Edit::Group(vec![
            Edit::AddAnnotator(annotator.clone()),
            Edit::AddMarks {
                annotator: annotator.clone(),
                article: article.clone(),
                marks,
            },
        ]),
        marks: n,
        defaulted,
        skipped,
    })
}
