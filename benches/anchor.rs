//! Re-anchoring speed: 10,000 marks on a 1,000,000-char article after
//! scattered edits (the target is under 100 ms), and the cheap case of an
//! unedited text.
//!
//! `cargo bench --bench anchor`

use std::hint::black_box;

use candor::anchor::{self, Located};
use candor::model::{CategoryId, Mark, MarkId};
use candor::text::ArticleText;
use candor::text::CharRange;
use criterion::{Criterion, criterion_group, criterion_main};

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

/// SplitMix64, so every run benchmarks the same text.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// About `chars` chars of word salad in sentences and paragraphs.
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

fn mark(text: &ArticleText, i: usize, range: CharRange) -> Option<Mark> {
    candor::anchor::new_mark(
        text,
        MarkId(format!("m{i}")),
        range,
        CategoryId::new("loaded"),
    )
}

/// 10,000 marks of one to three words spread over the text.
fn marks(original: &ArticleText, rng: &mut Rng, count: usize) -> Vec<Mark> {
    let chars: Vec<char> = original.text.chars().collect();
    let step = chars.len() / count;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Start on the first word start at or after i * step.
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
        if let Some(m) = mark(original, i, CharRange::new(s, e)) {
            out.push(m);
        }
    }
    out
}

/// `edits` insertions, deletions and replacements of a few words at random
/// places, as when a long article is corrected here and there.
fn edit(chars: &[char], rng: &mut Rng, edits: usize) -> String {
    let mut chars = chars.to_vec();
    for _ in 0..edits {
        let at = rng.below(chars.len());
        let cut = match rng.below(3) {
            0 => 0,
            _ => rng.below(30),
        };
        let end = (at + cut).min(chars.len());
        let insert: Vec<char> = match rng.below(3) {
            1 => Vec::new(),
            _ => format!(" {} {} ", WORDS[rng.below(24)], WORDS[rng.below(24)])
                .chars()
                .collect(),
        };
        chars.splice(at..end, insert);
    }
    chars.into_iter().collect()
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(2026);
    let original_chars = text(&mut rng, 1_000_000);
    let original = ArticleText::new(original_chars.iter().collect());
    let marks = marks(&original, &mut rng, 10_000);
    let edited = ArticleText::new(edit(&original_chars, &mut rng, 100));

    // What the benchmark measures, printed once so BENCHMARKS.md can say it.
    let found = anchor::reanchor(&edited, &marks);
    let moved = found
        .iter()
        .filter(|l| matches!(l, Located::Moved { .. }))
        .count();
    let orphans = found
        .iter()
        .filter(|l| matches!(l, Located::Orphan(_)))
        .count();
    eprintln!(
        "{} chars, {} marks, 100 edits: {} intact, {moved} moved, {orphans} orphans",
        edited.char_len(),
        marks.len(),
        marks.len() - moved - orphans
    );

    let mut group = c.benchmark_group("reanchor");
    group.sample_size(10);
    group.bench_function("10k marks, 1M chars, unedited", |b| {
        b.iter(|| anchor::reanchor(black_box(&original), black_box(&marks)))
    });
    group.bench_function("10k marks, 1M chars, 100 scattered edits", |b| {
        b.iter(|| anchor::reanchor(black_box(&edited), black_box(&marks)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
