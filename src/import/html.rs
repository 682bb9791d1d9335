//! Saved web pages: the article found among navigation, share bars, ads,
//! asides and comments by `dom_smoothie` (Mozilla's Readability, ported),
//! its metadata read from the page's `<meta>` tags, JSON-LD and canonical
//! link, and its body turned into plain paragraphs, one blank line apart.
//!
//! Readability is a heuristic that news sites have been shaped against for
//! a decade (it is Firefox's Reader View); a hand-written scraper would
//! know the few pages it was written for. What it returns is still HTML:
//! here it becomes text, every entity decoded, whitespace folded the way a
//! browser shows it, each block (paragraph, heading, list item, quote) a
//! paragraph of its own.

use dom_smoothie::{Config, Readability, TextMode};

/// An article as a saved web page gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebArticle {
    pub title: String,
    /// The author line ("By Dana Reyes"), as the page states it.
    pub byline: Option<String>,
    /// The publication (`og:site_name`, JSON-LD `publisher`).
    pub site_name: Option<String>,
    /// `YYYY-MM-DD` where the page's date reads as one, else as written.
    pub date: Option<String>,
    /// `<link rel=canonical>`, else `og:url`, else JSON-LD `url`.
    pub url: Option<String>,
    /// The language the page declares (`<html lang>`).
    pub lang: Option<String>,
    /// The body: paragraphs separated by one blank line.
    pub text: String,
}

/// Fewer words than this, and what Readability found is a caption or a
/// menu, not an article.
const MIN_WORDS: usize = 25;

/// The article in `html`, or why there is none.
pub fn extract(html: &str) -> Result<WebArticle, String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut page = Readability::new(html, None, Some(config))
        .map_err(|e| format!("the page could not be read: {e}"))?;
    // Read before `parse`, which rewrites the document.
    let canonical = page
        .doc
        .select("link[rel~=canonical]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    let og_url = page
        .doc
        .select("meta[property=\"og:url\"]")
        .attr("content")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    let article = page.parse().map_err(|_| no_article())?;
    let text = paragraphs(&article.text_content);
    if crate::text::word_count(&text) < MIN_WORDS {
        return Err(no_article());
    }
    let clean = |s: Option<String>| s.map(|s| fold_spaces(&s)).filter(|s| !s.is_empty());
    Ok(WebArticle {
        title: fold_spaces(&article.title),
        byline: clean(article.byline).map(|b| b.trim_end_matches([',', ';']).to_string()),
        site_name: clean(article.site_name),
        date: clean(article.published_time).map(|d| iso_day(&d).unwrap_or(d)),
        url: canonical.or(og_url).or(clean(article.url)),
        lang: clean(article.lang),
        text,
    })
}

fn no_article() -> String {
    "no article was found in this page (it may be an index, a search result or a page that \
     builds its text with scripts); open it in a browser and save the article as text, or copy \
     its text into a .txt file"
        .to_string()
}

/// Readability's formatted text as Candor stores it: lines trimmed, runs
/// of spaces (also no-break spaces from `&nbsp;`) folded, blocks one blank
/// line apart, no blank lines at the ends.
fn paragraphs(formatted: &str) -> String {
    let mut out = String::with_capacity(formatted.len());
    let mut blank = false;
    for line in formatted.lines() {
        let line = fold_spaces(line);
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// Whitespace as a browser shows it: one space between words, none at the
/// ends. A no-break space folds too: it only kept a line from breaking.
fn fold_spaces(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `2024-02-28T09:30:00+03:00` → `2024-02-28`; a written date through the
/// text importer's reader (`February 28, 2024`).
fn iso_day(date: &str) -> Option<String> {
    let head: String = date.chars().take(10).collect();
    let b = head.as_bytes();
    let iso = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && head
            .chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if iso {
        return Some(head);
    }
    super::text::parse_date(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_spaces_fold() {
        assert_eq!(
            paragraphs("  One\u{a0} two  \n\n\n\nThree\nfour\n\n"),
            "One two\n\nThree\nfour"
        );
    }

    #[test]
    fn dates_are_read_as_days() {
        assert_eq!(
            iso_day("2024-02-28T09:30:00+03:00").as_deref(),
            Some("2024-02-28")
        );
        assert_eq!(iso_day("February 28, 2024").as_deref(), Some("2024-02-28"));
        assert_eq!(iso_day("yesterday"), None);
    }
}
