//! The test-bed at the size of the figures: 10,000 quotes in a
//! 1,000,000-char text after 200 edits. The text and the marks are those
//! of `benches/anchor.rs` (the same generator, seed and spacing), so the
//! counts here and the times there describe the same run. Too slow for a
//! debug `cargo test`; BENCHMARKS.md gives the command and the figures.

use std::collections::BTreeMap;

use candor::model::{CategoryId, Mark, MarkId};
use candor::text::{ArticleText, CharRange};

use super::edits::{EditKind, Rng};
use super::testbed::{Edits, Tally, table, tally};

/// The words of `benches/anchor.rs`: a small vocabulary with accents, an
/// emoji with a skin tone, CJK and curly quotes, so that every common quote
/// has thousands of look-alikes.
const WORDS: [&str; 24] = [
    "the",
    "police",
    "cleared",
    "camp",
    "at",
    "dawn",
    "protesters",
    "said",
    "officials",
    "northgate",
    "dam",
    "élite",
    "reportedly",
    "water",
    "council",
    "👍🏽",
    "mayor",
    "river",
    "crowd",
    "北京",
    "statement",
    "“violent”",
    "peaceful",
    "and",
];

/// About `chars` chars of word salad in sentences and paragraphs, as
/// `benches/anchor.rs` makes it.
fn text(rng: &mut Rng, chars: usize) -> Vec<char> {
    let mut out = Vec::with_capacity(chars + 64);
    let mut in_sentence = 0;
    while out.len() < chars {
        out.extend(WORDS[rng.below(WORDS.len())].chars());
        in_sentence += 1;
        if in_sentence > 8 + rng.below(12) {
            out.push('.');
            in_sentence = 0;
            if rng.below(6) == 0 {
                out.extend("\n\n".chars());
                continue;
            }
        }
        out.push(' ');
    }
    out
}

/// `count` marks of one to three words spread evenly over the text, as
/// `benches/anchor.rs` makes them, less those that reach over a paragraph
/// break: the tracker calls their words gone when a paragraph next to them
/// moves, but with 200 moves among 4,000 paragraphs a later move often puts
/// the same two paragraphs back together, and their words with them.
fn marks(original: &ArticleText, rng: &mut Rng, count: usize) -> Vec<Mark> {
    let chars: Vec<char> = original.text.chars().collect();
    let step = chars.len() / count;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut s = i * step;
        while s < chars.len() && (s > 0 && chars[s - 1] != ' ') {
            s += 1;
        }
        let mut e = s;
        let mut words = 1 + rng.below(3);
        while e < chars.len() && words > 0 {
            e += 1;
            if e < chars.len() && chars[e] == ' ' {
                words -= 1;
            }
        }
        let range = CharRange::new(s, e);
        let id = MarkId(format!("m{i}"));
        if let Some(m) = candor::anchor::new_mark(original, id, range, CategoryId::new("loaded"))
            && !m.quote.contains('\n')
        {
            out.push(m);
        }
    }
    out
}

/// The 1,000,000-char text and its 10,000 marks.
fn big_case() -> (String, Vec<Mark>) {
    let mut rng = Rng(2026);
    let chars = text(&mut rng, 1_000_000);
    let original = ArticleText::new(chars.iter().collect());
    let marks = marks(&original, &mut rng, 10_000);
    (original.text, marks)
}

/// `cargo test --release --test tests anchoring::large -- --ignored --nocapture`
#[test]
#[ignore = "a release-build run of a few seconds: see BENCHMARKS.md"]
fn ten_thousand_quotes_in_a_million_chars_after_200_edits() {
    let (text, marks) = big_case();
    let mixed = tally(&text, &marks, 2026, 1, Edits::Many { count: 200 });
    eprintln!(
        "200 edits of every kind: {} marks, {} placed ({} need review), {} orphaned ({} with their quote still at its place, {} of {} with it there once nearby), {} misplaced",
        mixed.marks,
        mixed.placed_correctly,
        mixed.placed_approximately,
        mixed.orphaned,
        mixed.at_place_orphaned,
        mixed.present_orphaned,
        mixed.present,
        mixed.misplaced
    );
    let mut rows: BTreeMap<EditKind, Tally> = BTreeMap::new();
    for (k, kind) in EditKind::ALL.into_iter().enumerate() {
        let seed = 3000 + k as u64;
        rows.insert(
            kind,
            tally(&text, &marks, seed, 1, Edits::Only { kind, count: 200 }),
        );
    }
    eprintln!(
        "{}",
        table(
            "10,000 marks, 1,000,000 chars, 200 edits of one kind",
            &rows
        )
    );
    assert_eq!(mixed.misplaced, 0, "marks placed on wrong words");
    for (kind, t) in &rows {
        assert_eq!(
            t.misplaced,
            0,
            "{}: marks placed on wrong words",
            kind.name()
        );
    }
}
