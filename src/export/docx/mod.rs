//! `candor export --format docx`: each article as a Word document whose
//! comments are the marks, what an editor sends a writer and an instructor
//! returns to a student. One `.docx` per article (`<article>.docx`), its
//! text as paragraphs, each mark of every annotator asked for a comment
//! anchored on exactly its words: the author is the annotator, the comment
//! says the category, the attributes in words, the claims and actors the
//! mark is in, and the note (`formats::docx::comment`). Overlapping marks
//! each keep their own comment. With `highlight`, the words are shaded in
//! a light tint of their category's colour (the innermost mark's where
//! marks overlap).
//!
//! A blinded case (`Case::blinded`) gives "Article N" as the file name,
//! title and header, as every other export does under blind reading.

use crate::case::{Article, Case};
use crate::formats::docx::{self, Anchored, Sheet, comment};
use crate::model::{AnnotatorId, ArticleId, Mark};
use crate::progress::{Cancelled, Progress};

/// What a Word export covers beyond the annotators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    /// The articles to write, in the case's order; every article if empty.
    pub articles: Vec<ArticleId>,
    /// Shade each mark's words in its category's colour.
    pub highlight: bool,
}

/// Why the documents could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    #[error("the case has no article {0:?}")]
    NoArticle(String),
    #[error("writing the Word document for {article}: {why}")]
    Write { article: String, why: String },
    #[error("the export was cancelled; nothing was written")]
    Cancelled(#[from] Cancelled),
}

/// The articles `choice` covers, in the case's order.
pub fn chosen<'a>(case: &'a Case, choice: &Choice) -> Result<Vec<&'a Article>, DocxError> {
    if let Some(a) = choice.articles.iter().find(|a| case.article(a).is_none()) {
        return Err(DocxError::NoArticle(a.to_string()));
    }
    Ok(case
        .articles()
        .iter()
        .filter(|a| choice.articles.is_empty() || choice.articles.contains(&a.meta.id))
        .filter(|a| a.text.is_some())
        .collect())
}

/// Each chosen article's document: its file's stem (the article's id) and
/// its bytes. One step of `progress` per article, checked for a cancel
/// before each.
pub fn render(
    case: &Case,
    who: &[AnnotatorId],
    choice: &Choice,
    progress: &Progress,
) -> Result<Vec<(ArticleId, Vec<u8>)>, DocxError> {
    let mut out = Vec::new();
    for article in chosen(case, choice)? {
        progress.check()?;
        let bytes =
            document(case, who, article, choice.highlight).map_err(|why| DocxError::Write {
                article: article.meta.id.to_string(),
                why,
            })?;
        out.push((article.meta.id.clone(), bytes));
        progress.step();
    }
    Ok(out)
}

/// The marks of `who` on `article` as comments, in reading order.
pub fn comments(
    case: &Case,
    who: &[AnnotatorId],
    article: &ArticleId,
    highlight: bool,
) -> Vec<Anchored> {
    let mut out: Vec<(&Mark, Anchored)> = Vec::new();
    for a in who {
        let Some(annotations) = case.annotations(a) else {
            continue;
        };
        for mark in case.marks(a, article) {
            let in_group = |kind: crate::model::LinkKind| -> Vec<&str> {
                annotations
                    .links
                    .groups()
                    .filter(|g| g.kind == kind && g.marks.contains(&mark.id))
                    .map(|g| g.name)
                    .collect()
            };
            let claims = in_group(crate::model::LinkKind::Claim);
            let actors = in_group(crate::model::LinkKind::Actor);
            let fill = highlight
                .then(|| case.schema().category(&mark.category))
                .flatten()
                .and_then(|c| tint(&c.colour));
            out.push((
                mark,
                Anchored {
                    start: mark.start.0,
                    end: mark.end.0,
                    author: a.to_string(),
                    date: mark.created.0.clone(),
                    paragraphs: comment::paragraphs(case.schema(), mark, &claims, &actors),
                    fill,
                },
            ));
        }
    }
    out.sort_by(|(a, _), (b, _)| a.sort_key().cmp(&b.sort_key()));
    out.into_iter().map(|(_, c)| c).collect()
}

fn document(
    case: &Case,
    who: &[AnnotatorId],
    article: &Article,
    highlight: bool,
) -> Result<Vec<u8>, String> {
    let Some(text) = &article.text else {
        return Err("its text is not loaded".into());
    };
    let m = &article.meta;
    let header: Vec<&str> = [m.title.as_str(), m.outlet.as_str(), m.date.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let comments = comments(case, who, &m.id, highlight);
    docx::write(&Sheet {
        title: &m.title,
        header: &header.join(" · "),
        text: &text.text,
        comments: &comments,
    })
}

/// A light tint (40% of the colour on white) of a `#rrggbb` colour, as
/// `RRGGBB`: the category colours are made for marks drawn under text in
/// the window, too dark to shade printed words with.
fn tint(colour: &str) -> Option<String> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let mut out = String::new();
    for i in 0..3 {
        let c = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        let light = 255 - (u16::from(255 - c) * 2 / 5) as u8;
        out.push_str(&format!("{light:02X}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tint_is_light_and_a_bad_colour_none() {
        assert_eq!(tint("#000000").as_deref(), Some("999999"));
        assert_eq!(tint("#ffffff").as_deref(), Some("FFFFFF"));
        assert_eq!(tint("#d9534f").as_deref(), Some("F0BBB9"));
        assert_eq!(tint("red"), None);
        assert_eq!(tint("#é12345"), None);
    }
}
