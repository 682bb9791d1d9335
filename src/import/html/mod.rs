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
//!
//! What Readability keeps that is not the article's wording is taken out:
//! figures and their captions and credits before it runs, and lines such
//! as "Advertisement", "Continue reading" or "Photo: …/Getty Images" after
//! (`boilerplate`), so none is glued into the lede. The outlet is the
//! publication the page names (`og:site_name`, `application-name`, JSON-LD
//! `publisher`, or the "| Outlet" ending of its `<title>`), never its
//! reporter, whose name is the byline.

mod boilerplate;

use dom_smoothie::{Config, Readability, TextMode};

/// An article as a saved web page gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebArticle {
    pub title: String,
    /// Who wrote it ("Dana Reyes"), as the page's author line states it,
    /// without its "By".
    pub byline: Option<String>,
    /// The publication (`og:site_name`, JSON-LD `publisher`,
    /// `application-name`, or the "| Outlet" ending of `<title>`).
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

/// How deep a page's elements may nest. Readability walks each element's
/// ancestors, so its time grows with the square of the depth: a 110 KB
/// page of 10,000 nested `<div>`s took 38 seconds, and a pasted one froze
/// the window. News pages nest a few dozen levels; a page nested deeper
/// than this is refused before it is handed over.
pub const MAX_DEPTH: usize = 400;

/// The article in `html`, or why there is none.
pub fn extract(html: &str) -> Result<WebArticle, String> {
    if nesting_depth(html) > MAX_DEPTH {
        return Err(format!(
            "the page nests its elements more than {MAX_DEPTH} deep, which no \
             news article needs and which would take Readability minutes; open it in a browser \
             and save the article as text, or copy its text into a .txt file"
        ));
    }
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
    let application = page
        .doc
        .select("meta[name=\"application-name\" i]")
        .attr("content")
        .map(|n| fold_spaces(&n))
        .filter(|n| !n.is_empty());
    let page_title = fold_spaces(&page.doc.select("head title").text());
    let first_heading = fold_spaces(&page.doc.select("h1").first().text());
    // A figure is a picture and its caption and credit, never the
    // article's wording; Readability would keep the caption as a line.
    boilerplate::remove_figures(&page.doc);
    let article = page.parse().map_err(|_| no_article())?;
    let text = boilerplate::drop_lines(&paragraphs(&article.text_content));
    if crate::text::word_count(&text) < MIN_WORDS {
        return Err(no_article());
    }
    let clean = |s: Option<String>| s.map(|s| fold_spaces(&s)).filter(|s| !s.is_empty());
    let site_name = clean(article.site_name)
        .or(application)
        .or_else(|| title_suffix(&page_title, &[&article.title, &first_heading]));
    let mut title = fold_spaces(&article.title);
    if let Some(outlet) = &site_name {
        title = without_suffix(&title, outlet).to_string();
    }
    let byline = clean(article.byline)
        .map(|b| {
            crate::model::without_by(b.trim_end_matches([',', ';']))
                .trim()
                .to_string()
        })
        .filter(|b| !b.is_empty());
    let text = match &byline {
        Some(b) => boilerplate::drop_byline(&text, b),
        None => text,
    };
    Ok(WebArticle {
        title,
        byline,
        site_name,
        date: clean(article.published_time).map(|d| iso_day(&d).unwrap_or(d)),
        url: canonical
            .or(og_url)
            .or(clean(article.url))
            .filter(|u| is_web_address(u)),
        lang: clean(article.lang),
        text,
    })
}

/// What comes between a headline and the outlet in a page's `<title>`.
const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " :: "];

/// The outlet a `<title>` ends with ("Camp cleared | The Valley Tribune"):
/// the last part after a separator, when it is short enough to be a name
/// (at most six words) and something stands before it. After a dash, a
/// headline may go on ("Dam talks - live updates"), so there the part
/// before must be the page's headline (`headlines`: Readability's, the
/// first `<h1>`) for the rest to be the outlet; `|` always separates.
fn title_suffix(title: &str, headlines: &[&str]) -> Option<String> {
    let (at, sep) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|(at, _)| *at)?;
    let (head, name) = (title[..at].trim(), title[at + sep.len()..].trim());
    let words = name.split_whitespace().count();
    let is_headline = |h: &&str| fold_spaces(h).to_lowercase() == head.to_lowercase();
    let separates = sep == " | " || headlines.iter().any(is_headline);
    (separates && !head.is_empty() && (1..=6).contains(&words) && name.chars().count() <= 60)
        .then(|| name.to_string())
}

/// A headline without the outlet it ends with ("Camp cleared | Tribune",
/// the outlet "Tribune": "Camp cleared"); as it was when it has none.
fn without_suffix<'a>(title: &'a str, outlet: &str) -> &'a str {
    for sep in TITLE_SEPARATORS {
        if let Some(head) = title
            .strip_suffix(outlet)
            .and_then(|t| t.strip_suffix(sep))
            .filter(|h| !h.trim().is_empty())
        {
            return head.trim_end();
        }
    }
    title
}

/// Only an `http:` or `https:` address is an article's URL: a canonical
/// link of `javascript:` or `data:` is nothing to keep, show or link to.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The deepest nesting of elements in `html`, as far as a plain scan of its
/// tags can tell, stopping once past `MAX_DEPTH`. Elements that have no end
/// tag, or whose end tag may be left out (`<p>`, `<li>`, `<td>`...), are not
/// counted, so loose markup is never taken for depth; comments, scripts and
/// styles are skipped.
fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: [&str; 28] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
        "tbody", "tfoot", "rp", "rt", "colgroup",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        at += found + 1;
        let rest = &html[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            continue;
        }
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let self_closing = rest[..tag_end].ends_with("/>");
        if !closing && (name == "script" || name == "style") {
            at += find_ignoring_case(rest, &format!("</{name}")).unwrap_or(rest.len());
            continue;
        }
        at += tag_end;
        if UNCOUNTED.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > MAX_DEPTH {
                break;
            }
        }
    }
    deepest
}

/// Where `needle` (ASCII) first starts in `hay`, whatever its case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    let mut at = 0;
    while let Some(found) = memchr::memchr(*first, &hay[at..]) {
        let start = at + found;
        if hay.len() - start >= needle.len()
            && hay[start..start + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
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
    fn nesting_is_counted_by_elements_that_close() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            nesting_depth("<div><!-- <div><div> --><script>if (a<b) { '<div>' }</script></div>"),
            1
        );
        assert_eq!(nesting_depth("<DIV><Section><span/></section></div>"), 2);
        let deep = "<div>".repeat(10_000);
        assert_eq!(
            nesting_depth(&deep),
            MAX_DEPTH + 1,
            "the scan stops past the limit"
        );
        let many_paragraphs = "<p>text ".repeat(5_000);
        assert_eq!(nesting_depth(&many_paragraphs), 0);
    }

    /// A page of 10,000 nested `<div>`s took 38 s to import (and froze the
    /// window when pasted); it is refused at once, naming why.
    #[test]
    fn a_page_nested_ten_thousand_deep_is_refused_at_once() {
        let words = "The council voted on the dam after a long debate in the hall. ".repeat(20);
        let page = format!(
            "<html><body>{}<p>{words}</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let err = extract(&page).expect_err("refused");
        assert!(
            err.contains("nests its elements more than 400 deep"),
            "{err}"
        );
    }

    #[test]
    fn only_web_addresses_are_kept_as_the_url() {
        assert!(is_web_address("https://example.org/a"));
        assert!(is_web_address("HTTP://example.org/a"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("data:text/html,x"));
        assert!(!is_web_address("/relative/path"));
    }

    #[test]
    fn the_outlet_is_the_end_of_the_title_when_short() {
        assert_eq!(
            title_suffix("Camp cleared at dawn | The Valley Tribune", &[]).as_deref(),
            Some("The Valley Tribune")
        );
        assert_eq!(
            title_suffix("Dam talks - live - Morning Ledger", &["Dam talks - live"]).as_deref(),
            Some("Morning Ledger")
        );
        assert_eq!(
            title_suffix("Dam talks - live updates", &["Dam talks - live updates"]),
            None,
            "after a dash, only when what stands before is the headline"
        );
        assert_eq!(title_suffix("Camp cleared at dawn", &[]), None);
        assert_eq!(title_suffix(" | Tribune", &[]), None, "nothing before it");
        assert_eq!(
            title_suffix(
                "Tribune | police say the camp at the dam was cleared by order",
                &[]
            ),
            None,
            "too long for a name"
        );
        assert_eq!(
            without_suffix("Camp cleared — Tribune", "Tribune"),
            "Camp cleared"
        );
        assert_eq!(without_suffix("Tribune", "Tribune"), "Tribune");
        assert_eq!(without_suffix("Camp cleared", "Tribune"), "Camp cleared");
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
