//! `candor check` and `candor suggest` at sizes that used to look like
//! hangs: one marks file of 10,000 marks that all moved, one of 25,000
//! orphans, and a term list run over a 60 MB article.
//!
//! Targets (issue "Never lose a mark, never write outside the case, never
//! guess wrong"): open + check with 10,000 moved marks in one file < 300 ms;
//! suggest (find every term, make and add the marks) on a 60 MB article
//! < 5 s. The orphans have no target of their own: they must grow linearly.
//!
//! Run: `cargo bench --no-default-features --bench scale`

use std::hint::black_box;
use std::path::Path;

use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId, ArticleMeta, CategoryId};
use candor::suggest::{self, Entry};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// Words for sentences that hold no lexicon term.
const FILLER: [&str; 12] = [
    "officials",
    "said",
    "the",
    "camp",
    "was",
    "cleared",
    "before",
    "dawn",
    "résidents",
    "“peaceful”",
    "valley",
    "dam",
];

/// Words that share nothing with `FILLER`, for a text rewritten from scratch.
const OTHER: [&str; 8] = [
    "ministers",
    "met",
    "in",
    "a",
    "quiet",
    "room",
    "on",
    "friday",
];

/// Deterministic pseudo-random numbers (xorshift64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` sentences of 20 of `words` each, then `word`.
fn sentences(n: usize, words: &[&str], word: &str) -> String {
    let mut rng = Rng(7);
    let mut s = String::new();
    for i in 0..n {
        for _ in 0..20 {
            s.push_str(words[rng.below(words.len())]);
            s.push(' ');
        }
        s.push_str(word);
        s.push_str(". ");
        if i % 7 == 6 {
            s.push('\n');
        }
    }
    s
}

/// A case in `dir` with one article, `text`, and `key`'s marks on every
/// "mob" in it, saved.
fn marked_case(dir: &Path, text: &str) -> usize {
    let mut case = Case::create(dir, "Scale").expect("create");
    case.add_article(ArticleMeta::new(ArticleId::new("long"), "Long"), text)
        .expect("article");
    let entries = [Entry {
        category: CategoryId::new("loaded"),
        phrase: "mob".into(),
    }];
    let s = suggest::suggest(&case, &AnnotatorId::new("key"), &entries, "").expect("suggest");
    let n = s.batch.count();
    s.batch.edit.apply(&mut case).expect("apply");
    case.save().expect("save");
    n
}

/// What `candor check` does: open the case (re-anchoring every mark) and
/// collect every finding.
fn open_and_check(dir: &Path) -> usize {
    let case = Case::open(dir).expect("open");
    black_box(candor::validate::check(&case)).len()
}

/// About `bytes` bytes of news-like text: words of an invented 2,000-word
/// vocabulary, frequent ones far more often (1/rank), in paragraphs of 200
/// words, with one of the lexicon's terms at about one word in a hundred.
fn long_article(bytes: usize, terms: &[&str]) -> String {
    let mut rng = Rng(11);
    let vocab: Vec<String> = (0..2000)
        .map(|_| {
            let len = 2 + rng.below(11);
            (0..len)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect()
        })
        .collect();
    let mut cumulative = Vec::with_capacity(vocab.len());
    let mut total = 0.0;
    for rank in 0..vocab.len() {
        total += 1.0 / (rank + 1) as f64;
        cumulative.push(total);
    }
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        for _ in 0..200 {
            if rng.below(100) == 0 {
                s.push_str(terms[rng.below(terms.len())]);
            } else {
                let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
                let at = cumulative.partition_point(|&c| c < x).min(vocab.len() - 1);
                s.push_str(&vocab[at]);
            }
            s.push(' ');
        }
        s.push_str(".\n\n");
    }
    s
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);

    let moved = tempfile::tempdir().expect("tempdir");
    let text = sentences(10_000, &FILLER, "mob");
    assert_eq!(marked_case(moved.path(), &text), 10_000);
    // A line added on top moves every mark.
    std::fs::write(
        moved.path().join("articles/long.txt"),
        format!("Update: {text}"),
    )
    .expect("edit the text");
    let case = Case::open(moved.path()).expect("open");
    assert_eq!(case.anchoring().moved.len(), 10_000);
    drop(case);
    group.bench_function("check_10000_moved_marks_in_one_file", |b| {
        b.iter(|| open_and_check(moved.path()))
    });

    let orphans = tempfile::tempdir().expect("tempdir");
    let text = sentences(25_000, &FILLER, "mob");
    assert_eq!(marked_case(orphans.path(), &text), 25_000);
    // The text rewritten from scratch: no mark's words, and none of their
    // context, are anywhere in it. (When the new text shares the old one's
    // words, re-anchoring itself costs far more: see BENCHMARKS.md.)
    std::fs::write(
        orphans.path().join("articles/long.txt"),
        sentences(25_000, &OTHER, "crowd"),
    )
    .expect("rewrite the text");
    let case = Case::open(orphans.path()).expect("open");
    assert_eq!(case.anchoring().orphans.len(), 25_000);
    // The findings alone, on the case already open: what `check` adds to
    // opening (re-anchoring is most of the time above).
    group.bench_function("findings_for_25000_orphans_in_one_file", |b| {
        b.iter(|| black_box(candor::validate::check(&case)).len())
    });
    drop(case);
    group.bench_function("check_25000_orphans_in_one_file", |b| {
        b.iter(|| open_and_check(orphans.path()))
    });
    group.finish();
}

fn suggest_long(c: &mut Criterion) {
    let terms = [
        "regime",
        "so-called",
        "thugs",
        "militants",
        "claimed",
        "according to",
        "alleged",
        "insisted",
        "terrorists",
        "mob",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = Case::create(dir.path(), "Scale").expect("create");
    let text = long_article(60_000_000, &terms);
    case.add_article(ArticleMeta::new(ArticleId::new("long"), "Long"), &text)
        .expect("article");
    case.save().expect("save");
    drop(case);
    let entries: Vec<Entry> = terms
        .iter()
        .map(|t| Entry {
            category: CategoryId::new("loaded"),
            phrase: t.to_string(),
        })
        .collect();
    let key = AnnotatorId::new("key");

    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    group.bench_function("suggest_10_terms_on_a_60_mb_article", |b| {
        b.iter_batched(
            || Case::open(dir.path()).expect("open"),
            |mut case| {
                let s = suggest::suggest(&case, &key, &entries, "").expect("suggest");
                assert_eq!(s.batch.count(), 73_678);
                s.batch.edit.apply(&mut case).expect("apply");
                case
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, check, suggest_long);
criterion_main!(benches);
