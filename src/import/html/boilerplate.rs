//! What a news page puts among an article's paragraphs that is not its
//! wording: pictures with their captions and credits, and the lines a site
//! repeats in every article ("Advertisement", "Continue reading", "Read
//! more: …", "Photo: …/Getty Images"). Left in, they are glued into the
//! lede and counted as the reporter's words. Figures go before Readability
//! runs (whole elements, so nothing of a caption is left); lines go after,
//! one at a time, so the paragraphs around them keep their breaks.

use dom_query::Document;

/// Removes the page's figures, figure captions, and elements a site marks
/// as a caption or a credit (by class), when they are short: a wrapper
/// that holds the whole article is never one.
pub(super) fn remove_figures(doc: &Document) {
    doc.select("figure, figcaption, picture").remove();
    let marked = doc.select(
        "[class*=caption i], [class*=credit i], [id*=caption i], [itemprop=caption], \
         [itemprop=copyrightHolder]",
    );
    for node in marked.nodes() {
        let long = node.text().chars().count() > MAX_CAPTION_CHARS;
        let holds_paragraphs = node
            .descendants()
            .iter()
            .any(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p")));
        if !long && !holds_paragraphs {
            node.remove_from_parent();
        }
    }
}

/// Longer than this, an element marked as a caption is something else.
const MAX_CAPTION_CHARS: usize = 400;

/// Lines a site puts between paragraphs, lower case, without the
/// punctuation and arrows around them.
const SITE_LINES: [&str; 18] = [
    "advertisement",
    "advertising",
    "ad",
    "skip advertisement",
    "continue reading",
    "continue reading the main story",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "read more",
    "read more below",
    "scroll to continue",
    "scroll to continue with content",
    "show more",
    "sponsored",
    "sponsored content",
];

/// How a picture's caption or credit line begins.
const CAPTION_LABELS: [&str; 12] = [
    "photo:",
    "photos:",
    "photograph:",
    "photo credit:",
    "image:",
    "image credit:",
    "picture:",
    "credit:",
    "caption:",
    "illustration:",
    "video:",
    "file photo:",
];

/// How a "see this other article" line begins.
const LINK_LABELS: [&str; 7] = [
    "read more:",
    "read more -",
    "continue reading:",
    "read also:",
    "also read:",
    "see also:",
    "related:",
];

/// How a picture's credit ends ("… (AP Photo/Jo Smith)", "… Getty Images").
const CREDIT_ENDINGS: [&str; 11] = [
    "getty images",
    "/ap",
    "/reuters",
    "/afp",
    "/epa",
    "/aap",
    "shutterstock",
    "alamy",
    "ap photo",
    "via reuters",
    "istock",
];

/// The longest caption or link line taken out, in words: longer, it is a
/// paragraph that happens to start so.
const MAX_LINE_WORDS: usize = 60;

/// The longest line taken for a caption by its credit alone, in words.
const MAX_CREDIT_WORDS: usize = 40;

/// `text` without its site lines, captions and credits: each line is
/// judged alone; a paragraph left with no line goes, and the rest keep
/// their blank line between them.
pub(super) fn drop_lines(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for paragraph in text.split("\n\n") {
        let kept: Vec<&str> = paragraph
            .split('\n')
            .filter(|line| !is_boilerplate(line))
            .collect();
        if !kept.is_empty() {
            out.push(kept.join("\n"));
        }
    }
    out.join("\n\n")
}

/// How many of the first paragraphs may hold the author line.
const BYLINE_PARAGRAPHS: usize = 4;

/// `text` without its author line ("By Dana Reyes" when the byline is
/// "Dana Reyes"), which the article keeps as its byline: a line among the
/// first paragraphs that is the byline, with or without "By", and no more.
pub(super) fn drop_byline(text: &str, byline: &str) -> String {
    let byline = crate::model::without_by(byline.trim()).to_lowercase();
    if byline.is_empty() {
        return text.to_string();
    }
    let is_byline = |line: &str| crate::model::without_by(line.trim()).to_lowercase() == byline;
    let mut out: Vec<String> = Vec::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        let kept: Vec<&str> = paragraph
            .split('\n')
            .filter(|line| i >= BYLINE_PARAGRAPHS || !is_byline(line))
            .collect();
        if !kept.is_empty() {
            out.push(kept.join("\n"));
        }
    }
    out.join("\n\n")
}

/// Whether a line is a site's, a caption or a credit, not the article's.
fn is_boilerplate(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() || SITE_LINES.contains(&bare) {
        return true;
    }
    let words = lower.split_whitespace().count();
    if words > MAX_LINE_WORDS {
        return false;
    }
    if CAPTION_LABELS.iter().any(|l| lower.starts_with(l)) {
        return true;
    }
    if words <= 25 && LINK_LABELS.iter().any(|l| lower.starts_with(l)) {
        return true;
    }
    if words > MAX_CREDIT_WORDS {
        return false;
    }
    let end = lower.trim_end_matches(['.', ')', ']', ' ']);
    CREDIT_ENDINGS.iter().any(|c| end.ends_with(c))
        || lower.contains("(ap photo/")
        || lower.contains("(photo: ")
        || lower.contains("(photo by ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_lines_captions_and_credits_go_and_paragraphs_stay_apart() {
        let text = "Advertisement\n\n\
                    Police cleared the camp at dawn, officials said.\n\n\
                    Photo: Protesters at the dam on Monday. Jo Smith/Getty Images\n\
                    Continue reading\n\n\
                    — ADVERTISEMENT —\n\n\
                    Read more: Dam repairs delayed again\n\n\
                    Farmers said they would return.\n\
                    A crowd outside the hall. (AP Photo/Lee Park)\n\n\
                    The vote is next month.";
        assert_eq!(
            drop_lines(text),
            "Police cleared the camp at dawn, officials said.\n\n\
             Farmers said they would return.\n\n\
             The vote is next month."
        );
    }

    #[test]
    fn the_author_line_goes_once_it_is_the_byline() {
        let text = "BY DANA REYES\n\nDana Reyes\nLede.\n\nMore.";
        assert_eq!(drop_byline(text, "Dana Reyes"), "Lede.\n\nMore.");
        assert_eq!(drop_byline(text, ""), text);
        assert_eq!(
            drop_byline("Lede.\n\nBy Lee Park, who was there.", "Lee Park"),
            "Lede.\n\nBy Lee Park, who was there."
        );
    }

    #[test]
    fn sentences_that_only_mention_such_words_stay() {
        for line in [
            "The agency Getty Images said it would appeal the ruling against it on Monday.",
            "Read more than the headline, the minister told reporters.",
            "WASHINGTON (Reuters) - The council voted on the dam.",
            "Photographs of the camp were shared widely, police said.",
            "The advertisement ran in three papers.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
        let long = format!("Photo: {}", "word ".repeat(70));
        assert!(!is_boilerplate(&long), "a paragraph that starts so");
    }

    #[test]
    fn figures_and_short_caption_elements_leave_the_page() {
        let doc = Document::from(
            "<article><figure><img src=a.jpg><figcaption>The dam at dusk.</figcaption></figure>\
             <p>Lede.</p><span class=\"Image-Credit\">Jo Smith</span>\
             <div class=\"caption-wrapper\"><p>Kept: it holds paragraphs.</p></div></article>",
        );
        remove_figures(&doc);
        let text = doc.select("article").text().to_string();
        assert_eq!(text, "Lede.Kept: it holds paragraphs.");
    }
}
