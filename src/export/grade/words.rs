//! The words every grade format uses: how the rules are stated, what each
//! outcome is called, and the feedback sentences a student reads ("you
//! marked this as Loaded wording, the key as Editorializing"). The text
//! table and the HTML pages both say them through these functions, so the
//! two never word a rule or a mistake differently. Plain text: each format
//! escapes it its own way.

use crate::grade::{
    AttrDiff, ClaimGrade, ClaimState, Grade, HandIn, Item, KeyMarkTally, MarkSide, MatchRule,
    Outcome, Rules,
};
use crate::model::ArticleId;

/// What each outcome is called, as a short label.
pub fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Matched => "matched",
        Outcome::Boundary => "boundary",
        Outcome::OtherCategory => "other category",
        Outcome::Missed => "missed",
        Outcome::Extra => "extra",
    }
}

/// The match rule in words.
pub fn rule_words(rule: MatchRule) -> String {
    match rule {
        MatchRule::Exact => "the two marks cover exactly the same characters".into(),
        MatchRule::Overlap => "the two marks overlap by at least one character".into(),
        MatchRule::Share { per_mille } => format!(
            "the overlap covers at least {} of the longer mark, counted in characters",
            share_words(per_mille)
        ),
    }
}

fn share_words(per_mille: u16) -> String {
    match per_mille {
        500 => "half".into(),
        1000 => "all".into(),
        p if p % 10 == 0 => format!("{}%", p / 10),
        p => format!("{:.1}%", f64::from(p) / 10.0),
    }
}

/// Every rule the figures depend on, one sentence each: what an output
/// states before its first figure.
pub fn rules_lines(rules: &Rules) -> Vec<String> {
    let credit = if rules.partial_credit() {
        format!(
            "Partial credit is ON: a boundary pair counts as {} of a match in precision, recall and F1.",
            trim_number(rules.boundary_credit)
        )
    } else {
        "Partial credit is off: a boundary pair counts nothing toward the scores.".to_string()
    };
    vec![
        format!("Graded against the answer key of {}.", rules.key),
        format!(
            "Matched: same category, and {} (--match {}).",
            rule_words(rules.rule),
            rules.rule
        ),
        "Boundary: same category and overlapping, but by less than that (right place, different extent). \
Other category: overlapping a key mark of another category. Missed: a key mark with no pair. \
Extra: a mark of yours with no pair. Each mark is in at most one pair; pairs are chosen for the largest total overlap."
            .to_string(),
        credit,
        "Precision = matches / your marks; recall = matches / the key's marks; F1 = 2 x matches / (your marks + the key's marks). \
Attribute agreement: the choices and yes/no flags of matched marks that agree (free text is not compared)."
            .to_string(),
        "Not handed in (not marked done and no marks): left out of every score, so the key's marks there are not counted as missed."
            .to_string(),
    ]
}

/// A share as a percentage with no decimals, or `-` when there is none.
pub fn percent(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{:.0}%", x * 100.0),
        None => "-".to_string(),
    }
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The main feedback sentence of an item, addressed to the student.
pub fn item_sentence(item: &Item) -> String {
    item_sentence_by(item, KEY)
}

/// The lines under an item's sentence: attribute disagreements, the key's
/// note, the guideline of the key's category when the category differs.
pub fn item_details(item: &Item) -> Vec<String> {
    item_details_by(item, KEY)
}

/// `Cue stance: you said Neutral, the key says Casts doubt.`
pub fn attribute_line(d: &AttrDiff) -> String {
    attribute_line_by(d, KEY)
}

/// How feedback names the answer key.
const KEY: &str = "the key";

/// `item_sentence`, with `reference` ("the key", or an annotator the window
/// compares with, "ben") in the key's place.
pub fn item_sentence_by(item: &Item, reference: &str) -> String {
    let (k, s) = (item.key.as_deref(), item.student.as_ref());
    match (item.outcome, k, s) {
        (Outcome::Matched, Some(k), Some(s)) if k.quote == s.quote => {
            format!(
                "{} ({}): matched {reference}.",
                quoted(&s.quote),
                s.category.name
            )
        }
        (Outcome::Matched, Some(k), Some(s)) => format!(
            "{} ({}): matched {}.",
            quoted(&s.quote),
            s.category.name,
            possessive(reference, &quoted(&k.quote))
        ),
        (Outcome::Boundary, Some(k), Some(s)) => format!(
            "Right place, different extent ({}): you marked {}, {reference} marks {}.",
            k.category.name,
            quoted(&s.quote),
            quoted(&k.quote)
        ),
        (Outcome::OtherCategory, Some(k), Some(s)) => format!(
            "{}: you marked this as {}, {reference} as {}.",
            quoted(&s.quote),
            s.category.name,
            k.category.name
        ),
        (Outcome::Missed, Some(k), _) => format!(
            "{} ({}): {reference} marks this; you have no mark here.",
            quoted(&k.quote),
            k.category.name
        ),
        (Outcome::Extra, _, Some(s)) if item.key_mention.is_some() => format!(
            "{} ({}): {reference} marked this as an actor mention, not {}.",
            quoted(&s.quote),
            s.category.name,
            lowercase_first(&s.category.name)
        ),
        (Outcome::Extra, _, Some(s)) => format!(
            "{} ({}): {reference} has no mark here.",
            quoted(&s.quote),
            s.category.name
        ),
        _ => outcome_label(item.outcome).to_string(),
    }
}

/// `Loaded wording` as it reads inside a sentence: `loaded wording`.
fn lowercase_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `item_details`, with `reference` in the key's place.
pub fn item_details_by(item: &Item, reference: &str) -> Vec<String> {
    let mut out: Vec<String> = item
        .attributes
        .iter()
        .map(|d| attribute_line_by(d, reference))
        .collect();
    if item.outcome != Outcome::Extra
        && let Some(k) = &item.key
        && !k.note.is_empty()
    {
        out.push(format!(
            "{}: {}",
            capitalised(&possessive(reference, "note")),
            k.note
        ));
    }
    if item.outcome == Outcome::OtherCategory
        && let Some(k) = &item.key
        && !item.key_guideline.is_empty()
    {
        out.push(format!(
            "{}, per the guideline: {}",
            k.category.name,
            first_sentence(&item.key_guideline)
        ));
    }
    out
}

/// `attribute_line`, with `reference` in the key's place.
pub fn attribute_line_by(d: &AttrDiff, reference: &str) -> String {
    let you = d
        .student
        .as_ref()
        .map_or("you left it unset".to_string(), |v| format!("you said {v}"));
    let key = d
        .key
        .as_ref()
        .map_or(format!("{reference} leaves it unset"), |v| {
            format!("{reference} says {v}")
        });
    format!("{}: {you}, {key}.", d.name)
}

/// `the key's note`, `ben's note`.
fn possessive(who: &str, what: &str) -> String {
    format!("{who}'s {what}")
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The mark ids an item comes from: `key m3, yours m5`.
pub fn item_ids(item: &Item) -> String {
    let side = |who: &str, m: Option<&MarkSide>| m.map(|m| format!("{who} {}", m.mark));
    [
        side("key", item.key.as_deref()),
        side("yours", item.student.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// A guideline's first sentence: where it says what the category is.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(at) => &text[..=at],
        None => text,
    }
}

/// Words in curly quotes, as feedback quotes the text.
pub fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// Whether an article was handed in, as feedback says it.
pub fn hand_in_words(h: HandIn) -> &'static str {
    match h {
        HandIn::Done => "done",
        HandIn::Marked => "not marked done, graded as it is",
        HandIn::NotHandedIn => "not handed in",
    }
}

/// `3 of 28 found “the ruling class” (Loaded wording)`: one key mark as the
/// class found it, counted over the students who handed its article in.
pub fn found_line(t: &KeyMarkTally) -> String {
    let mark = format!("{} ({})", quoted(&t.key.quote), t.key.category.name);
    match t.counted() {
        0 => format!("nobody handed this article in: {mark}"),
        n => format!("{} of {n} found {mark}", t.found.len()),
    }
}

/// Who did what with one key mark, one line per outcome that anyone had.
pub fn found_details(t: &KeyMarkTally) -> Vec<String> {
    [
        ("found it", &t.found),
        ("right place, different extent", &t.boundary),
        ("marked it as another category", &t.other_category),
        ("missed it", &t.missed),
        ("not handed in, not counted", &t.not_handed_in),
    ]
    .into_iter()
    .filter(|(_, who)| !who.is_empty())
    .map(|(what, who)| {
        let names: Vec<&str> = who.iter().map(|a| a.as_str()).collect();
        format!("{what}: {}", names.join(", "))
    })
    .collect()
}

/// `claims: linked as the key links them in 7 of 12 article(s)`.
pub fn claims_summary_line(g: &Grade) -> String {
    format!(
        "claims: linked as the key links them in {} of {} article(s)",
        g.claims_summary.linked, g.claims_summary.counted
    )
}

/// One key claim: in how many articles the student linked its marks into
/// one claim, which of theirs, and where it was marked but not linked, not
/// found or not handed in.
pub fn claim_line(c: &ClaimGrade) -> String {
    claim_line_named(c, &|a| a.to_string())
}

/// `claim_line` with each article called by `name` (under blind reading,
/// "Article n" rather than an id that may name the outlet).
pub fn claim_line_named(c: &ClaimGrade, called: &dyn Fn(&ArticleId) -> String) -> String {
    let yours = c
        .student_claim
        .as_ref()
        .map_or("none of yours".to_string(), |s| {
            format!("your {} “{}”", s.claim, s.label)
        });
    let mut out = format!(
        "{} {}: {} of {} ({yours})",
        c.claim, c.label, c.linked, c.counted
    );
    for (state, name) in [
        (ClaimState::FoundNotLinked, "marked, not linked"),
        (ClaimState::NotFound, "not found"),
        (ClaimState::NotHandedIn, "not handed in"),
    ] {
        let here: Vec<String> = c
            .articles
            .iter()
            .filter(|a| a.state == state)
            .map(|a| called(&a.article))
            .collect();
        if !here.is_empty() {
            out.push_str(&format!("; {name}: {}", here.join(", ")));
        }
    }
    out
}
