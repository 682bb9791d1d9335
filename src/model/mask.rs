//! What blind reading hides inside an article's own text: its headline
//! (a first line that is its title), its dateline ("BAGHDAD, Iraq –",
//! "NORTHGATE (Reuters) —") and its outlet's name wherever the text says it
//! ("The Ledger", a sign-off "-RT") or its reporter's (the byline's names).
//! Each hidden char becomes `•`, so every
//! char keeps its place: offsets, marks and their anchoring are unchanged,
//! and a mark on masked words still works. Only the screen shows the masked
//! text; the case's files and exports keep the article's words.

use super::ArticleMeta;

/// The char ranges (`start..end`, in chars) of `text` blind reading masks
/// for the article `meta`, in order, not overlapping.
pub fn blind_spans(text: &str, meta: &ArticleMeta) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let first = text.split('\n').next().unwrap_or("");
    let title = meta.title.trim();
    let headline = !title.is_empty() && first.trim().to_lowercase() == title.to_lowercase();
    if headline {
        spans.push((0, first.chars().count()));
    }
    // The dateline opens the first paragraph of the body.
    let mut at = if headline { first.chars().count() } else { 0 };
    let rest: String = text.chars().skip(at).collect();
    let skipped = rest.chars().take_while(|c| c.is_whitespace()).count();
    at += skipped;
    let body: String = rest.chars().skip(skipped).take(120).collect();
    if let Some(len) = dateline(&body) {
        spans.push((at, at + len));
    }
    for name in outlet_names(meta) {
        spans.extend(whole_words(text, &name.text, name.any_case));
    }
    merge(spans)
}

/// `text` with its blind spans masked, or `None` when there are none.
pub fn masked_text(text: &str, meta: &ArticleMeta) -> Option<String> {
    let spans = blind_spans(text, meta);
    (!spans.is_empty()).then(|| mask(text, &spans))
}

/// `text` with the chars of `spans` replaced by `•`, white space kept.
pub fn mask(text: &str, spans: &[(usize, usize)]) -> String {
    let mut next = spans.iter().peekable();
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            while next.peek().is_some_and(|&&(_, end)| end <= i) {
                next.next();
            }
            let hidden = next.peek().is_some_and(|&&(start, _)| start <= i);
            if hidden && !c.is_whitespace() {
                '•'
            } else {
                c
            }
        })
        .collect()
}

/// The length in chars of a dateline opening `body`: a place in capitals
/// ("BAGHDAD", "NEW YORK"), then perhaps a region (", Iraq") and a source
/// in brackets ("(Reuters)"), then a dash or colon and a space.
fn dateline(body: &str) -> Option<usize> {
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let mut capitals = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_uppercase() {
            capitals += 1;
        } else if c.is_lowercase() || c.is_ascii_digit() {
            return None;
        } else if !matches!(c, ' ' | '.' | '\'' | '’' | '-') {
            break;
        }
        // A dash between spaces ends the place ("NORTHGATE - ").
        if c == '-' && chars.get(i + 1) == Some(&' ') {
            break;
        }
        i += 1;
    }
    if capitals < 3 {
        return None;
    }
    let skip_spaces = |i: &mut usize| {
        while chars.get(*i) == Some(&' ') {
            *i += 1;
        }
    };
    // ", Iraq": a region of a few words.
    if chars.get(i) == Some(&',') {
        let end = chars[i..]
            .iter()
            .take(40)
            .position(|c| matches!(c, '(' | '–' | '—' | '-' | ':'))?;
        if chars[i + 1..i + end]
            .iter()
            .any(|c| !(c.is_alphabetic() || matches!(c, ' ' | '.' | ',')))
        {
            return None;
        }
        i += end;
    }
    skip_spaces(&mut i);
    // "(Reuters)".
    if chars.get(i) == Some(&'(') {
        let close = chars[i..].iter().take(30).position(|&c| c == ')')?;
        i += close + 1;
        skip_spaces(&mut i);
    }
    if !matches!(chars.get(i), Some('–' | '—' | '-' | ':')) {
        return None;
    }
    i += 1;
    if chars.get(i) != Some(&' ') {
        return None;
    }
    Some(i + 1)
}

/// A name the outlet goes by, and whether it is matched in any capitals.
struct OutletName {
    text: String,
    any_case: bool,
}

/// The outlet's name as written ("The Ledger", any capitals), without its
/// "The" ("Ledger", only as written: "a ledger" is a word), and the name in
/// its web address ("rt" of rt.com, any capitals: "-RT").
fn outlet_names(meta: &ArticleMeta) -> Vec<OutletName> {
    let mut names = Vec::new();
    let outlet = meta.outlet.trim();
    if outlet.chars().count() >= 2 {
        names.push(OutletName {
            text: outlet.to_string(),
            any_case: true,
        });
        if let Some(bare) = outlet.strip_prefix("The ")
            && bare.chars().count() >= 4
        {
            names.push(OutletName {
                text: bare.to_string(),
                any_case: false,
            });
        }
    }
    // The reporters: a byline names the outlet's staff ("Dana Reyes and
    // Sam Okafor, staff writers").
    let byline = super::without_by(meta.byline.trim());
    for part in byline.split(',').flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if part.split_whitespace().count() >= 2
            && part.chars().next().is_some_and(char::is_uppercase)
        {
            names.push(OutletName {
                text: part.to_string(),
                any_case: true,
            });
        }
    }
    if let Some(site) = site_name(&meta.url) {
        names.push(OutletName {
            text: site,
            any_case: true,
        });
    }
    names
}

/// The site's own label in a web address: `rt` of `https://www.rt.com/x`,
/// `bbc` of `news.bbc.co.uk`.
fn site_name(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#', ':'])
        .next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    // `example` is the domain kept for examples (RFC 2606), no outlet's.
    const GENERIC: &[&str] = &[
        "co", "com", "org", "net", "ac", "gov", "edu", "news", "www", "example",
    ];
    labels[..labels.len() - 1]
        .iter()
        .rev()
        .find(|l| !GENERIC.contains(l))
        .filter(|l| l.chars().count() >= 2)
        .map(|l| l.to_string())
}

/// Every whole-word occurrence of `name` in `text`, as char ranges.
fn whole_words(text: &str, name: &str, any_case: bool) -> Vec<(usize, usize)> {
    let fold = |c: char| {
        if any_case {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let hay: Vec<char> = text.chars().collect();
    let needle: Vec<char> = name.chars().map(fold).collect();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let word = |i: usize| hay.get(i).is_some_and(|c| c.is_alphanumeric());
    for start in 0..=hay.len() - needle.len() {
        let end = start + needle.len();
        if (start > 0 && word(start - 1)) || word(end) {
            continue;
        }
        if hay[start..end]
            .iter()
            .map(|&c| fold(c))
            .eq(needle.iter().copied())
        {
            out.push((start, end));
        }
    }
    out
}

/// Spans sorted and joined where they touch or overlap.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn meta(title: &str, outlet: &str, url: &str) -> ArticleMeta {
        let mut m = ArticleMeta::new(ArticleId::new("a"), title);
        m.outlet = outlet.into();
        m.url = url.into();
        m
    }

    #[test]
    fn headline_dateline_and_outlet_are_masked_char_for_char() {
        let text = "Camp Cleared At Dawn\n\nNORTHGATE, Eastland – Police cleared the camp, The Ledger has learned.\n\n-GW";
        let m = meta(
            "camp cleared at dawn",
            "The Ledger",
            "https://www.gw.com/news/1",
        );
        let masked = masked_text(text, &m).expect("masked");
        assert_eq!(masked.chars().count(), text.chars().count());
        assert!(
            masked.starts_with("•••• ••••••• •• ••••\n\n•••••••••• •••••••• • Police"),
            "{masked}"
        );
        assert!(masked.contains("camp, ••• •••••• has learned"), "{masked}");
        assert!(masked.ends_with("-••"), "{masked}");
    }

    #[test]
    fn a_first_line_equal_to_the_title_is_masked_whatever_its_capitals_and_line_end() {
        let text = "Camp Cleared At Dawn \r\nPolice said.\n";
        let masked = masked_text(text, &meta(" camp cleared at dawn", "", "")).expect("masked");
        assert_eq!(masked, "•••• ••••••• •• •••• \r\nPolice said.\n");
        assert_eq!(masked_text(text, &meta("Another title", "", "")), None);
        assert_eq!(
            masked_text("Première ligne\n", &meta("première ligne", "", ""))
                .map(|m| m.chars().count()),
            Some(15)
        );
    }

    #[test]
    fn the_bylines_names_are_masked_wherever_they_stand() {
        let text = "Camp cleared\nBy Dana Reyes, staff writer\n\nDana Reyes was there.\n";
        let mut m = meta("Camp cleared", "", "");
        m.byline = "Dana Reyes and Sam Okafor, staff writers".into();
        let masked = masked_text(text, &m).expect("masked");
        assert_eq!(
            masked,
            "•••• •••••••\nBy •••• •••••, staff writer\n\n•••• ••••• was there.\n"
        );
    }

    #[test]
    fn datelines_in_their_usual_forms() {
        assert_eq!(dateline("BAGHDAD, Iraq – The"), Some(16));
        assert_eq!(dateline("NEW YORK (Reuters) - Shares"), Some(21));
        assert_eq!(dateline("WASHINGTON — The"), Some(13));
        assert_eq!(dateline("LONDON: talks"), Some(8));
        assert_eq!(dateline("The dam – said"), None);
        assert_eq!(dateline("UN officials said"), None);
        assert_eq!(dateline("NATO - "), Some(7));
    }

    #[test]
    fn a_bare_outlet_name_is_masked_only_as_written() {
        let m = meta("T", "The Ledger", "");
        let spans = blind_spans("Ledger staff kept a ledger.", &m);
        assert_eq!(spans, [(0, 6)]);
    }

    #[test]
    fn site_names_from_addresses() {
        assert_eq!(site_name("https://www.rt.com/news/1"), Some("rt".into()));
        assert_eq!(site_name("https://news.bbc.co.uk/x"), Some("bbc".into()));
        assert_eq!(site_name("gulfwatch.org"), Some("gulfwatch".into()));
        assert_eq!(site_name(""), None);
    }

    #[test]
    fn nothing_to_hide_is_none() {
        assert_eq!(masked_text("Police said so.", &meta("Other", "", "")), None);
    }

    proptest::proptest! {
        #[test]
        fn masking_never_moves_a_char(text in "\\PC{0,200}", title in "\\PC{0,20}", outlet in "\\PC{0,12}") {
            let m = meta(&title, &outlet, "");
            if let Some(masked) = masked_text(&text, &m) {
                proptest::prop_assert_eq!(masked.chars().count(), text.chars().count());
                for (a, b) in text.chars().zip(masked.chars()) {
                    proptest::prop_assert!(a == b || b == '•');
                }
            }
        }
    }
}
