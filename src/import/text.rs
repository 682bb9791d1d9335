//! Plain text and Markdown: the title (and a date line above it, as text
//! saved from a browser often has) read from the top of the text, and a
//! web page saved under a `.txt` name recognised as one.

/// What the top of a text says about the article, and the text without a
/// date that began its first line.
pub(super) fn read(raw: &str) -> (Head, String) {
    // "date 2024-01-24 The US has...": the date is the article's, not its text.
    let (inline_date, raw) = match split_inline_date(raw) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, raw.to_string()),
    };
    let mut head = read_head(&raw);
    if inline_date.is_some() {
        head.date = inline_date;
    }
    (head, raw)
}

/// Whether a file is an HTML page saved with a .txt or .md name: it starts
/// with a doctype or an `<html>` / `<head>` / `<body>` tag.
pub(super) fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| start.starts_with(tag))
}

/// What the top of an article tells about it.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Head {
    pub title: Option<String>,
    /// `YYYY-MM-DD`, when the text starts with a date line.
    pub date: Option<String>,
}

/// A first line longer than this that ends as a sentence ends is a
/// paragraph (a text that starts without its headline), not a headline.
const MAX_TITLE_CHARS: usize = 100;

/// Longer than this, a first line is a paragraph however it ends.
const MAX_HEADLINE_CHARS: usize = 250;

/// Reads the title (and a date line above it, as saved web pages often
/// have) from the first non-empty lines, without Markdown heading marks.
fn read_head(text: &str) -> Head {
    let mut lines = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return Head::default();
    };
    let (date, title_line) = match parse_date(first) {
        Some(d) => (Some(d), lines.next()),
        None => (None, Some(first)),
    };
    Head {
        title: title_line.map(title_from_line),
        date,
    }
}

/// The title a text's first line gives. A headline is kept whole, however
/// long; a paragraph standing first (a text saved without its headline) is
/// cut at a word, because it is not a title, and the cut keeps blind
/// reading from taking the whole paragraph for a headline to mask.
fn title_from_line(line: &str) -> String {
    let chars = line.chars().count();
    let sentence = line
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('.');
    if chars <= MAX_TITLE_CHARS || (chars <= MAX_HEADLINE_CHARS && !sentence) {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX_TITLE_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// Words that may come before a date at the very start of a text.
const DATE_LABELS: [&str; 5] = ["date", "dated", "published", "updated", "posted"];

/// A text that begins with a date on the same line as its first words
/// ("date 2024-01-24 The US has...", "Published 28 Feb 2024: The US...").
/// Returns the date and the text without it, from its first word.
fn split_inline_date(text: &str) -> Option<(String, String)> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let first_line = body.lines().next()?;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in first_line.split_inclusive(|c: char| c.is_whitespace()) {
        let t = w.trim();
        if !t.is_empty() {
            words.push((at, t));
        }
        at += w.len();
        if words.len() >= 5 {
            break;
        }
    }
    let label = words.first().is_some_and(|(_, w)| {
        DATE_LABELS.contains(&w.trim_end_matches(':').to_ascii_lowercase().as_str())
    });
    let from = usize::from(label);
    for n in [1, 3] {
        let &(start, _) = words.get(from)?;
        let Some(&(last_at, last)) = words.get(from + n - 1) else {
            continue;
        };
        let end = last_at + last.len();
        let candidate = first_line[start..end].trim_end_matches([':', ',', '—', '-']);
        if let Some(date) = parse_date(candidate) {
            let rest = first_line[end..].trim_start_matches([':', ',', '—', '-', ' ', '\t']);
            if rest.is_empty() {
                // A whole date line: read_head takes it, the text keeps it.
                return None;
            }
            // The first line starts the body: the rest of the body follows it.
            return Some((date, format!("{rest}{}", &body[first_line.len()..])));
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A whole line that is a date: `2024-02-28`, `February 28, 2024`,
/// `28 February 2024` (month names in English, full or three letters).
pub(super) fn parse_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(&w)))
            .flatten()
            .map(|i| i + 1)
    };
    let num = |w: &str, max: u32| w.parse::<u32>().ok().filter(|n| (1..=max).contains(n));
    let (y, m, d) = match words.as_slice() {
        [iso] => {
            let mut parts = iso.split('-');
            let y = parts.next()?.parse::<u32>().ok()?;
            let m = num(parts.next()?, 12)? as usize;
            let d = num(parts.next()?, 31)?;
            if parts.next().is_some() {
                return None;
            }
            (y, m, d)
        }
        [a, b, c] => match (month(a), month(b)) {
            (Some(m), _) => (c.parse().ok()?, m, num(b, 31)?),
            (None, Some(m)) => (c.parse().ok()?, m, num(a, 31)?),
            _ => return None,
        },
        _ => return None,
    };
    (1800..=2999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_first_line_without_heading_marks() {
        let h = read_head("\n\n# Strikes hit depot\nbody");
        assert_eq!(h.title.as_deref(), Some("Strikes hit depot"));
        assert_eq!(h.date, None);
        assert_eq!(read_head("   \n"), Head::default());
    }

    #[test]
    fn a_saved_web_page_is_recognised_but_text_that_quotes_a_tag_is_not() {
        assert!(looks_like_html("\n  <!DOCTYPE html>\n<html><body>x"));
        assert!(looks_like_html("<HTML lang=en>"));
        assert!(!looks_like_html("Officials said the <b> tag was harmless."));
        assert!(!looks_like_html("# A Markdown heading"));
    }

    #[test]
    fn a_date_line_above_the_headline_becomes_the_date() {
        let h = read_head("February 28, 2024\n\nGroup threatens escalation\n\nBody.");
        assert_eq!(h.title.as_deref(), Some("Group threatens escalation"));
        assert_eq!(h.date.as_deref(), Some("2024-02-28"));
        assert_eq!(parse_date("3 Mar 2026").as_deref(), Some("2026-03-03"));
        assert_eq!(parse_date("2026-03-03").as_deref(), Some("2026-03-03"));
        assert_eq!(parse_date("May the force be"), None);
        assert_eq!(parse_date("March 40, 2024"), None);
    }

    #[test]
    fn a_date_before_the_first_words_is_the_date_and_not_the_text() {
        let (date, text) =
            split_inline_date("date 2024-01-24 The US has struck again.\n\nMore.").expect("a date");
        assert_eq!(date, "2024-01-24");
        assert_eq!(text, "The US has struck again.\n\nMore.");
        let (date, text) =
            split_inline_date("Published: 28 Feb 2024 — Strikes resume").expect("a date");
        assert_eq!(
            (date.as_str(), text.as_str()),
            ("2024-02-28", "Strikes resume")
        );
        assert_eq!(
            split_inline_date("February 28, 2024\n\nTitle"),
            None,
            "a date line stays"
        );
        assert_eq!(split_inline_date("The US has struck again."), None);
        assert_eq!(split_inline_date("Date night ends early"), None);
    }

    #[test]
    fn a_long_headline_is_kept_whole() {
        let headline = "Regional parliament approves Northgate Dam compensation package after \
                        months of protest, with farmers in Eskdale promised new land";
        assert!(headline.chars().count() > MAX_TITLE_CHARS);
        assert_eq!(read_head(headline).title.as_deref(), Some(headline));
    }

    #[test]
    fn a_paragraph_as_first_line_is_cut_at_a_word() {
        let para = "An Iranian-backed group in Iraq has issued a stern warning, stating that it may carry out further strikes on targets in the region after the raids.";
        let t = read_head(para).title.expect("title");
        assert!(
            t.ends_with('…') && t.chars().count() <= MAX_TITLE_CHARS + 1,
            "{t}"
        );
        assert!(para.starts_with(t.trim_end_matches('…')), "{t}");
    }
}
