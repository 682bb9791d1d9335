//! HTML, shared by the grade pages and the marks report: the page shell
//! and the escaping.
//!
//! The pages are meant to be opened from a folder or a USB stick in any
//! browser, and a case's texts, titles and notes are written by whoever
//! made the case. So: every string of a case goes through [`escape_text`]
//! or [`escape_attr`] (the `html-escape` crate) before it is part of a
//! page; no case string is ever a link target (an article's URL is shown
//! as text); the pages have no script and load nothing (the style is
//! inline), and a Content-Security-Policy forbids scripts and every
//! request, so even a mistake in escaping could not run a script or reach
//! the network.
//!
//! The pages are checked with axe-core (`.ci/browser-check`): the body is
//! the page's `<main>` landmark, the language is given, and links are
//! underlined, since colour alone does not tell them from text.

/// A whole page around `body` (already HTML, its headings starting at
/// `<h1>`) with its style sheet (which must hold nothing from the case but
/// numbers) and the policy; `body` is the page's main landmark.
pub fn page(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>\n{style}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape_text(title)
    )
}

/// No script, no request of any kind; only the inline style.
const CSP: &str = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'none'; \
font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-src 'none'";

/// Text escaped for an element's content.
pub fn escape_text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text escaped for a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_the_main_landmark_of_a_page_in_english() {
        let p = page("T", "", "<h1>T</h1>\n");
        assert!(p.contains("<html lang=\"en\">"));
        assert!(
            p.contains("<body>\n<main>\n<h1>T</h1>\n</main>\n</body>"),
            "{p}"
        );
    }
}
