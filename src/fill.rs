//! Filling a mark's attributes from its own words: an attribution's quote
//! usually says its cue verb ("claimed"), and so the cue's stance, and who
//! the source is ("Mayor Ana Ruiz", "officials", "critics"). The window
//! shows what is found here as suggestions the annotator takes with one key
//! or overrides, so an attribution is a few presses instead of a dozen.
//!
//! What counts as evidence is the schema's: each choice lists the words
//! that suggest it (`Choice::words`, or else the phrases its help quotes),
//! and a text attribute names the choice attribute whose found words fill
//! it (`Attribute::suggest_from`). Two placeholders stand for names, which
//! no word list can hold: `{person}` (two or more capitalised words, or a
//! title and a name: "Ana Ruiz", "Mayor Ruiz") and `{organisation}` (a
//! capitalised run with an institution's word in it, or an acronym:
//! "Northgate Water Authority", "UNESCO"). English only, like the default
//! schema; a schema in another language lists its own words.

use std::collections::BTreeMap;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{AttrValue, AttributeKind, Category, Choice};

/// One attribute value the quote suggests, with the words that suggest it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub attribute: String,
    pub value: AttrValue,
    /// The words of the quote that were found ("claimed", "Mayor Ana Ruiz").
    pub found: String,
}

/// Suggestions for every attribute of `category` that `set` has no value
/// for, in the schema's order. Nothing is suggested where nothing was found.
pub fn suggest(
    category: &Category,
    quote: &str,
    set: &BTreeMap<String, AttrValue>,
) -> Vec<Suggestion> {
    // The best-found choice of every choice attribute, set or not: a text
    // attribute is filled from it even when the annotator picked the
    // choice by hand.
    let mut best: BTreeMap<&str, Found> = BTreeMap::new();
    for attr in &category.attributes {
        if let AttributeKind::Choice(choices) = &attr.kind {
            let picked = set.get(&attr.id);
            if let Some(found) = best_choice(choices, quote, picked) {
                best.insert(attr.id.as_str(), found);
            }
        }
    }
    let mut out = Vec::new();
    for attr in &category.attributes {
        if set.contains_key(&attr.id) {
            continue;
        }
        let found = match (&attr.kind, &attr.suggest_from) {
            (AttributeKind::Choice(_), _) => best.get(attr.id.as_str()).map(|f| Suggestion {
                attribute: attr.id.clone(),
                value: AttrValue::Text(f.choice.clone()),
                found: f.words.clone(),
            }),
            (AttributeKind::Text, Some(from)) => best.get(from.as_str()).map(|f| Suggestion {
                attribute: attr.id.clone(),
                value: AttrValue::Text(f.words.clone()),
                found: f.words.clone(),
            }),
            _ => None,
        };
        out.extend(found);
    }
    out
}

/// A choice found in the quote: which, and the words that showed it.
#[derive(Clone, Debug)]
struct Found {
    choice: String,
    words: String,
    start: usize,
}

/// The choice whose words come first in the quote (the longer phrase on a
/// tie: "according to" over "to"), words the writer wrote before words
/// inside a quotation (in "“We were never told,” Ruiz admitted" the cue is
/// "admitted"); when the annotator already picked a choice, only that
/// choice's words count.
fn best_choice(choices: &[Choice], quote: &str, picked: Option<&AttrValue>) -> Option<Found> {
    let quoted = quoted_spans(quote);
    let inside = |start: usize| {
        quoted
            .iter()
            .any(|&(open, close)| open < start && start < close)
    };
    // Every choice's words found, with whether they are a name.
    let mut found: Vec<(Found, usize, bool)> = Vec::new();
    for choice in choices {
        if let Some(AttrValue::Text(p)) = picked
            && p != &choice.id
        {
            continue;
        }
        for word in evidence(choice) {
            if let Some((start, end)) = find(quote, &word) {
                let f = Found {
                    choice: choice.id.clone(),
                    words: quote[start..end].to_string(),
                    start,
                };
                found.push((f, end, word.starts_with('{')));
            }
        }
    }
    let rank = |f: &Found| (inside(f.start), f.start, usize::MAX - f.words.len());
    // Only a space between two finds: "spokesperson Inès Marlow".
    let next_to = |end: usize, start: usize| {
        start >= end && start - end <= 2 && quote[end..start].chars().all(char::is_whitespace)
    };
    // A description followed by the name it describes ("ministry
    // spokesperson Inès Marlow", "Council spokesman John Kirby") is the
    // name's, wherever it stands.
    let described = found
        .iter()
        .filter(|(f, _, name)| *name && !inside(f.start))
        .filter(|(f, _, _)| {
            found
                .iter()
                .any(|(d, d_end, d_name)| !d_name && next_to(*d_end, f.start) && d.start < f.start)
        })
        .min_by_key(|(f, _, _)| rank(f));
    if let Some((f, _, _)) = described {
        return Some(f.clone());
    }
    let best = found.iter().min_by_key(|(f, _, _)| rank(f))?;
    // A one-word name that only qualifies the description after it ("a US
    // defense official") is the description's.
    if best.2 && !best.0.words.contains(' ') {
        let qualified = found.iter().filter(|(d, _, d_name)| {
            !d_name
                && d.start > best.1
                && d.start - best.1 <= 12
                && quote[best.1..d.start]
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ')
        });
        if let Some((d, _, _)) = qualified.min_by_key(|(d, _, _)| d.start) {
            return Some(d.clone());
        }
    }
    Some(best.0.clone())
}

/// Where the quote quotes someone: from each opening quotation mark to its
/// closing one (or the end), as byte offsets.
fn quoted_spans(quote: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in quote.char_indices() {
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some(i),
            ('”' | '»' | '“', Some(o)) if c != '“' || quote[o..].starts_with('„') => {
                spans.push((o, i));
                open = None;
            }
            ('"', None) => open = Some(i),
            ('"', Some(o)) => {
                spans.push((o, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        spans.push((o, quote.len()));
    }
    spans
}

/// The words that suggest `choice`: its own list, else the phrases its
/// help puts in quotation marks (`"said", "according to"`).
fn evidence(choice: &Choice) -> Vec<String> {
    if !choice.words.is_empty() {
        return choice.words.clone();
    }
    choice
        .help
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.trim().is_empty() && w.len() <= 40)
        .map(str::to_string)
        .collect()
}

/// The first place `word` occurs in `quote`, as byte offsets: a placeholder
/// finds a name, a phrase of letters matches whole words ignoring case,
/// anything else (a quotation mark) matches as it is.
fn find(quote: &str, word: &str) -> Option<(usize, usize)> {
    match word {
        "{person}" => names(quote)
            .into_iter()
            .find(|n| n.kind == NameKind::Person)
            .map(|n| (n.start, n.end)),
        "{organisation}" => names(quote)
            .into_iter()
            .find(|n| n.kind == NameKind::Organisation)
            .map(|n| (n.start, n.end)),
        _ if word.chars().any(char::is_alphanumeric) => whole_words(quote, word),
        _ => quote.find(word).map(|s| (s, s + word.len())),
    }
}

/// The first whole-word, case-insensitive occurrence of `phrase`. Words are
/// compared one by one so any run of spaces or a line break between them
/// matches a single space in the phrase.
fn whole_words(quote: &str, phrase: &str) -> Option<(usize, usize)> {
    let want: Vec<String> = phrase.unicode_words().map(|w| w.to_lowercase()).collect();
    if want.is_empty() {
        return None;
    }
    let words: Vec<(usize, &str)> = quote.unicode_word_indices().collect();
    words.windows(want.len()).find_map(|run| {
        let same = run
            .iter()
            .zip(&want)
            .all(|((_, w), want)| w.to_lowercase() == *want);
        let (first, _) = run[0];
        let (last, last_word) = run[run.len() - 1];
        same.then_some((first, last + last_word.len()))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Person,
    Organisation,
}

/// A run of capitalised words in a quote, and what it looks like it names.
#[derive(Clone, Debug)]
struct Name {
    kind: NameKind,
    start: usize,
    end: usize,
}

/// Capitalised words that start sentences or stand for people generally,
/// never the start of a name on their own.
const NOT_NAMES: &[&str] = &[
    "A",
    "According",
    "After",
    "All",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "He",
    "Her",
    "His",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "On",
    "Our",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "When",
    "While",
    "With",
    "You",
];

/// Words that make a capitalised run an institution.
const INSTITUTIONS: &[&str] = &[
    "Administration",
    "Agency",
    "Army",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Co",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Federation",
    "Foundation",
    "Government",
    "Group",
    "Inc",
    "Institute",
    "League",
    "Ltd",
    "Ministry",
    "Network",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Police",
    "Service",
    "Trust",
    "Union",
    "University",
];

/// Words after a possessive name that make it an institution ("the
/// Prime Minister’s office").
const OFFICES: &[&str] = &[
    "office",
    "government",
    "ministry",
    "administration",
    "cabinet",
    "campaign",
];

/// Words before a capitalised name that make it a person's.
const TITLES: &[&str] = &[
    "Chief",
    "Commissioner",
    "Councillor",
    "Councilor",
    "Dr",
    "Governor",
    "Judge",
    "Mayor",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "President",
    "Professor",
    "Prof",
    "Rep",
    "Senator",
    "Sen",
];

/// Small words allowed inside a name ("Ministry of Water", "Ruiz de la Vega").
const JOINERS: &[&str] = &[
    "of", "for", "the", "and", "de", "la", "del", "van", "von", "al", "bin",
];

/// The names in a quote, in order.
fn names(quote: &str) -> Vec<Name> {
    let words: Vec<(usize, &str)> = quote.unicode_word_indices().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capital(words[i].1) || NOT_NAMES.contains(&words[i].1) {
            i += 1;
            continue;
        }
        // The run: capitalised words, with joiners only between two of them.
        let mut j = i + 1;
        while j < words.len() {
            if capital(words[j].1) && !NOT_NAMES.contains(&words[j].1) {
                j += 1;
            } else if JOINERS.contains(&words[j].1)
                && words.get(j + 1).is_some_and(|(_, w)| capital(w))
            {
                j += 2;
            } else {
                break;
            }
        }
        let run = &words[i..j];
        // "the Prime Minister’s office": the possessive names an office, an
        // institution, not the person.
        let possessive = |w: &str| w.ends_with("’s") || w.ends_with("'s");
        let office = possessive(run[run.len() - 1].1)
            && words.get(j).is_some_and(|(_, w)| OFFICES.contains(w));

        let capitals: Vec<&str> = run.iter().map(|(_, w)| *w).filter(|w| capital(w)).collect();
        let acronym = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
        let kind = if office
            || capitals.iter().any(|w| INSTITUTIONS.contains(w))
            || capitals.iter().any(|w| acronym(w))
        {
            Some(NameKind::Organisation)
        } else if capitals.len() >= 2 {
            Some(NameKind::Person)
        } else {
            None
        };
        if let Some(kind) = kind {
            let (start, _) = run[0];
            // An office's name runs to the office: "Prime Minister’s office".
            let (last, last_word) = if office { words[j] } else { run[run.len() - 1] };
            let kind = if office || kind == NameKind::Person || !TITLES.contains(&run[0].1) {
                kind
            } else {
                NameKind::Person
            };
            out.push(Name {
                kind,
                start,
                end: last + last_word.len(),
            });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    fn attribution() -> Category {
        let schema = Schema::default_schema();
        schema
            .categories
            .into_iter()
            .find(|c| c.id.as_str() == "attribution")
            .expect("the default schema has attribution")
    }

    fn suggested(quote: &str) -> BTreeMap<String, String> {
        suggest(&attribution(), quote, &BTreeMap::new())
            .into_iter()
            .map(|s| (s.attribute, s.value.to_string()))
            .collect()
    }

    #[test]
    fn a_doubting_cue_and_a_named_person() {
        let s = suggested("the spillway was never inspected, Mayor Ana Ruiz claimed on Tuesday");
        assert_eq!(s["cue"], "claimed");
        assert_eq!(s["stance"], "doubt");
        assert_eq!(s["source_kind"], "named_person");
        assert_eq!(s["source"], "Mayor Ana Ruiz");
    }

    #[test]
    fn an_organisation_with_according_to() {
        let s = suggested("according to the Northgate Water Authority, the gates held");
        assert_eq!(s["cue"], "according to");
        assert_eq!(s["stance"], "neutral");
        assert_eq!(s["source_kind"], "named_organisation");
        assert_eq!(s["source"], "Northgate Water Authority");
    }

    #[test]
    fn officials_and_critics_are_described_and_vague() {
        let s = suggested("officials said the water was safe");
        assert_eq!(s["source_kind"], "anonymous");
        assert_eq!(s["source"], "officials");
        assert_eq!(s["stance"], "neutral");
        let s = suggested("critics insisted the report was rushed");
        assert_eq!(s["source_kind"], "vague");
        assert_eq!(s["stance"], "doubt");
        assert_eq!(s["cue"], "insisted");
    }

    #[test]
    fn a_description_before_a_name_is_the_names() {
        let s = suggested("ministry spokesperson Inès Marlow told reporters");
        assert_eq!(s["source_kind"], "named_person");
        assert_eq!(s["source"], "Inès Marlow");
        let s = suggested("critics of Mayor Ruiz said");
        assert_eq!(s["source_kind"], "vague");
    }

    #[test]
    fn offices_officials_and_spokespeople() {
        let s = suggested("The Iraqi Prime Minister’s office has expressed deep concern");
        assert_eq!(s["source_kind"], "named_organisation");
        assert_eq!(s["source"], "Iraqi Prime Minister’s office");
        let s = suggested("according to a US defense official who spoke on condition of anonymity");
        assert_eq!(s["source_kind"], "anonymous");
        assert_eq!(s["source"], "official");
        let s = suggested("National Security Council spokesman John Kirby told reporters");
        assert_eq!(s["source_kind"], "named_person");
        assert_eq!(s["source"], "John Kirby");
        assert_eq!(s["cue"], "told");
    }

    #[test]
    fn quotation_marks_make_a_direct_quote() {
        let s = suggested("“We were never told,” Ana Ruiz admitted");
        assert_eq!(s["quote"], "direct");
        assert_eq!(s["stance"], "guilt");
    }

    #[test]
    fn nothing_found_suggests_nothing_and_set_values_are_kept() {
        assert!(suggested("the dam held through the night").is_empty());
        let mut set = BTreeMap::new();
        set.insert("stance".to_string(), AttrValue::Text("credence".into()));
        let s = suggest(&attribution(), "officials claimed it was safe", &set);
        assert!(s.iter().all(|s| s.attribute != "stance"));
        // The cue is only filled from the picked stance's own words.
        assert!(s.iter().all(|s| s.attribute != "cue"));
    }

    #[test]
    fn help_quotes_stand_in_for_a_missing_word_list() {
        let choice = Choice {
            id: "doubt".into(),
            label: "Casts doubt".into(),
            help: "\"claimed\", \"insisted\"".into(),
            words: Vec::new(),
        };
        assert_eq!(evidence(&choice), ["claimed", "insisted"]);
    }

    #[test]
    fn sentence_starts_are_not_names() {
        assert!(names("The dam held. They said so").is_empty());
        let n = names("The Ministry of Water said");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NameKind::Organisation);
        assert_eq!(
            &"The Ministry of Water said"[n[0].start..n[0].end],
            "Ministry of Water"
        );
    }

    #[test]
    fn words_match_whole_and_across_line_breaks() {
        assert_eq!(whole_words("he reclaimed it", "claimed"), None);
        assert_eq!(
            whole_words("as noted,\naccording  to her", "according to"),
            Some((10, 23))
        );
    }

    proptest::proptest! {
        #[test]
        fn any_quote_gives_suggestions_cut_on_its_own_boundaries(quote in "\\PC{0,80}") {
            for s in suggest(&attribution(), &quote, &BTreeMap::new()) {
                proptest::prop_assert!(quote.contains(&s.found));
            }
        }
    }
}
