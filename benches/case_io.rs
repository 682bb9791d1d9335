//! Opening, checking and saving a large case: 1,000 articles of about 5,000
//! characters and 50,000 marks across two annotators.
//!
//! Targets: open + check every anchor < 300 ms; saving after one changed
//! mark writes one file in < 5 ms; saving 1,000 changed files < 0.5 s on a
//! quiet disk.
//!
//! Run: `cargo bench --bench case_io`

use std::hint::black_box;
use std::path::Path;

use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId, ArticleMeta, CategoryId};
use candor::text::CharRange;
use criterion::{Criterion, criterion_group, criterion_main};

const ARTICLES: usize = 1_000;
const MARKS_PER_ARTICLE_PER_ANNOTATOR: usize = 25;

/// A deterministic pseudo-article of about 5,000 chars with some non-ASCII text.
fn article_text(i: usize) -> String {
    const WORDS: [&str; 16] = [
        "officials",
        "said",
        "the",
        "camp",
        "was",
        "cleared",
        "before",
        "dawn",
        "ministry",
        "résidents",
        "“peaceful”",
        "regime",
        "claimed",
        "protesters",
        "dam",
        "valley",
    ];
    let mut s = String::with_capacity(5_200);
    let mut x = i as u64 * 2_654_435_761 + 1;
    while s.len() < 5_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_str(WORDS[(x % 16) as usize]);
        s.push(if x.is_multiple_of(11) { '\n' } else { ' ' });
    }
    s
}

fn build_case(dir: &Path) {
    let mut case = Case::create(dir, "Benchmark").expect("create");
    for i in 0..ARTICLES {
        let meta = ArticleMeta {
            outlet: "Bench Press".into(),
            ..ArticleMeta::new(ArticleId(format!("a{i:04}")), format!("Article {i}"))
        };
        case.add_article(meta, &article_text(i)).expect("add");
    }
    let cats = ["loaded", "attribution", "editorializing"];
    for ann in ["key", "student"] {
        let ann = AnnotatorId::new(ann);
        let mut next = 1;
        for i in 0..ARTICLES {
            let art = ArticleId(format!("a{i:04}"));
            let len = case.article_text(&art).expect("text").char_len();
            let mut marks = Vec::new();
            for k in 0..MARKS_PER_ARTICLE_PER_ANNOTATOR {
                let start = (k * 191 + i) % (len - 40);
                let id = candor::model::MarkId(format!("m{next}"));
                next += 1;
                let m = case
                    .mark_with_id(
                        id,
                        &art,
                        CharRange::new(start, start + 12),
                        &CategoryId::new(cats[k % 3]),
                    )
                    .expect("mark");
                marks.push(m);
            }
            case.marks_mut(&ann, &art).expect("writable").extend(marks);
        }
    }
    case.save().expect("save");
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    build_case(dir.path());
    let mut group = c.benchmark_group("case_io");
    group.sample_size(20);
    group.bench_function("open_and_check_1000_articles_50000_marks", |b| {
        b.iter(|| {
            let case = Case::open(dir.path()).expect("open");
            let problems = candor::validate::check(&case);
            assert!(problems.iter().all(|p| !p.is_error()));
            black_box(problems.len())
        })
    });
    let mut case = Case::open(dir.path()).expect("open");
    let key = AnnotatorId::new("key");
    let art = ArticleId::new("a0500");
    let mut flip = false;
    group.bench_function("save_after_one_change", |b| {
        b.iter(|| {
            flip = !flip;
            case.marks_mut(&key, &art).expect("writable")[0].note =
                if flip { "a".into() } else { "b".into() };
            let report = case.save().expect("save");
            assert_eq!(report.written.len(), 1);
        })
    });
    // 1,000 changed files in one save (a lexicon suggested over the whole
    // case, or a class's files after a pull): written in parallel.
    let student = AnnotatorId::new("student");
    group.sample_size(10);
    group.bench_function("save_1000_changed_files", |b| {
        b.iter(|| {
            flip = !flip;
            for i in 0..ARTICLES {
                let art = ArticleId(format!("a{i:04}"));
                case.marks_mut(&student, &art).expect("writable")[0].note =
                    if flip { "a".into() } else { "b".into() };
            }
            let report = case.save().expect("save");
            assert_eq!(report.written.len(), ARTICLES);
        })
    });
    // The same files written one after another, as saves were before: the
    // figure the parallel save is measured against.
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = (0..ARTICLES)
        .map(|i| {
            let rel = case.path_of(&candor::case::FileKey::Marks(
                student.clone(),
                ArticleId(format!("a{i:04}")),
            ));
            let bytes = std::fs::read(dir.path().join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect();
    group.bench_function("write_1000_files_one_after_another", |b| {
        b.iter(|| {
            for (rel, bytes) in &files {
                candor::storage::write_inside(dir.path(), rel, bytes).expect("write");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
