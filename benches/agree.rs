//! Agreement between annotators (`Agreement::build`: every measure, every
//! pair). Three targets:
//!
//! - all measures for 200 annotators x 50 articles (800 words each, about
//!   30 marks per annotator and article), every pair listed, under 2 s;
//! - the example case (`annotations/northgate-dam`, its two students), under
//!   10 ms, so the window's Agreement view can be rebuilt after each edit;
//! - a large class, 10,000 annotators with one mark each on one article
//!   (50 million pairs, none of them kept: one line per annotator against
//!   the rest), under 10 s and 1 GB. With `CANDOR_AGREE_CLASS_DIR` set, the
//!   class is saved there too, so `/usr/bin/time -v candor agree DIR` can
//!   measure the command's peak memory (docs/BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;

use candor::agree::{self, AgreeOptions, Agreement, ListPairs, Unit};
use candor::case::Case;
use candor::edit::Edit;
use candor::model::{
    AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, Mark, MarkId, Timestamp,
};
use candor::text::{CharPos, CharRange};
use criterion::{Criterion, criterion_group, criterion_main};

const CATEGORIES: [&str; 3] = ["loaded", "attribution", "editorializing"];
const ARTICLES: usize = 50;
const ANNOTATORS: usize = 200;
/// Sentences of ten words: 80 of them are 800 words.
const SENTENCES: usize = 80;

/// A fixed pseudo-random number from a few integers: the same marks on
/// every run.
fn hash(parts: &[usize]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &p in parts {
        h ^= p as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        h ^= h >> 29;
    }
    h as usize
}

/// 50 articles of 800 words; each of 200 annotators marks about 30 places
/// per article, where a shared "true" reading has a mark: most take it as
/// it is, some shift or stretch it, leave it out, give it another category
/// or another polarity, and a few add marks of their own. Every annotator
/// hands every article in. The marks are made directly (no context: the
/// measures do not read it), so setting up 300,000 marks stays quick.
fn large_case(dir: &Path) -> (Case, Vec<AnnotatorId>) {
    let mut case = Case::create(dir, "bench").expect("case");
    let sentence = "Officers cleared the camp near the dam, residents said Tuesday. ";
    let body = sentence.repeat(SENTENCES);
    let step = sentence.chars().count();
    for a in 0..ARTICLES {
        let id = ArticleId::new(format!("a{a:02}"));
        case.add_article(ArticleMeta::new(id, format!("Article {a}")), &body)
            .expect("article");
    }
    let text = case
        .article_text(&ArticleId::new("a00"))
        .expect("text")
        .clone();
    let make = |id: usize, start: usize, end: usize, cat: usize, polarity: &str| Mark {
        id: MarkId(format!("m{id}")),
        category: CategoryId::new(CATEGORIES[cat]),
        start: CharPos(start),
        end: CharPos(end),
        quote: text
            .slice(CharRange::new(start, end))
            .unwrap_or_default()
            .to_string(),
        prefix: String::new(),
        suffix: String::new(),
        review: None,
        attributes: [("polarity".to_string(), AttrValue::Text(polarity.into()))].into(),
        note: String::new(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    };
    let names: Vec<AnnotatorId> = (0..ANNOTATORS)
        .map(|i| AnnotatorId::new(format!("r{i:03}")))
        .collect();
    for (who, name) in names.iter().enumerate() {
        let mut edits = Vec::new();
        let mut next = 1;
        for a in 0..ARTICLES {
            let article = ArticleId::new(format!("a{a:02}"));
            for k in 0..SENTENCES {
                let base = k * step;
                // The shared reading: three marks in every eight sentences.
                let (s, e) = match k % 8 {
                    0 => (base + 9, base + 25),
                    3 => (base, base + 38),
                    5 => (base + 40, base + 62),
                    _ => {
                        // An annotator's own mark, now and then.
                        if hash(&[who, a, k, 1]).is_multiple_of(40) {
                            edits.push(Edit::AddMark {
                                annotator: name.clone(),
                                article: article.clone(),
                                mark: make(next, base + 17, base + 21, 0, "negative"),
                            });
                            next += 1;
                        }
                        continue;
                    }
                };
                let h = hash(&[who, a, k]);
                if h.is_multiple_of(9) {
                    continue;
                }
                let (s, e) = match h % 7 {
                    0 => (s, e + 4),
                    1 => (s + 1, e),
                    _ => (s, e),
                };
                let cat = if h.is_multiple_of(13) {
                    (k + 1) % 3
                } else {
                    k % 3
                };
                let polarity = if h.is_multiple_of(5) {
                    "positive"
                } else {
                    "negative"
                };
                edits.push(Edit::AddMark {
                    annotator: name.clone(),
                    article: article.clone(),
                    mark: make(next, s, e.min(text.char_len()), cat, polarity),
                });
                next += 1;
            }
            edits.push(Edit::SetDone {
                annotator: name.clone(),
                article,
                done: true,
            });
        }
        Edit::Group(edits).apply(&mut case).expect("marks");
    }
    (case, names)
}

/// Annotators in the large class.
const CLASS: usize = 10_000;

/// One article of 300 words and `n` annotators who each mark one place of
/// it: one of twelve shared places (a few shifted by a char), in one of the
/// three categories, every annotator handing the article in.
fn class_case(dir: &Path, n: usize) -> (Case, Vec<AnnotatorId>) {
    let mut case = Case::create(dir, "class").expect("case");
    let sentence = "Officers cleared the camp near the dam, residents said Tuesday. ";
    let body = sentence.repeat(30);
    let step = sentence.chars().count();
    let article = ArticleId::new("a");
    case.add_article(ArticleMeta::new(article.clone(), "The dam"), &body)
        .expect("article");
    let names: Vec<AnnotatorId> = (0..n)
        .map(|i| AnnotatorId::new(format!("s{i:05}")))
        .collect();
    let mut edits = Vec::new();
    for (who, name) in names.iter().enumerate() {
        let h = hash(&[who]);
        let place = h % 12;
        let start = place * 2 * step + 9 + usize::from(h.is_multiple_of(11));
        let range = CharRange::new(start, start + 16);
        let category = CategoryId::new(CATEGORIES[h / 12 % 3]);
        let mark = case
            .mark_with_id(MarkId(format!("m{who}")), &article, range, &category)
            .expect("mark");
        edits.push(Edit::AddMark {
            annotator: name.clone(),
            article: article.clone(),
            mark,
        });
        edits.push(Edit::SetDone {
            annotator: name.clone(),
            article: article.clone(),
            done: true,
        });
    }
    Edit::Group(edits).apply(&mut case).expect("marks");
    (case, names)
}

fn bench(c: &mut Criterion) {
    let example =
        Case::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam"))
            .expect("the example case opens");
    let students = agree::default_annotators(&example);
    let options = AgreeOptions::default();
    c.bench_function("agree_example_case", |b| {
        b.iter(|| black_box(Agreement::build(&example, &students, &options)))
    });

    let dir = tempfile::tempdir().expect("tempdir");
    let (case, names) = large_case(dir.path());
    let marks: usize = case.annotators().values().map(|a| a.mark_count()).sum();
    // Every pair listed, as `candor agree --pairs` lists them.
    let listed = AgreeOptions {
        pairs: ListPairs::Always,
        ..options
    };
    let a = Agreement::build(&case, &names, &listed);
    eprintln!(
        "large case: {} annotators, {} articles, {marks} marks, {} pairs; alpha {:?}, alpha_U {:?}",
        names.len(),
        case.articles().len(),
        a.pairs.len(),
        a.case.overall.alpha,
        a.case.overall.alpha_u
    );
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("agree_200_annotators_50_articles_800_words", |b| {
        b.iter(|| black_box(Agreement::build(&case, &names, &options)))
    });
    let chars = AgreeOptions {
        unit: Unit::Char,
        ..Default::default()
    };
    group.bench_function("agree_200_annotators_50_articles_char_units", |b| {
        b.iter(|| black_box(Agreement::build(&case, &names, &chars)))
    });
    group.finish();

    let dir = tempfile::tempdir().expect("tempdir");
    let (class, names) = class_case(dir.path(), CLASS);
    if let Some(keep) = std::env::var_os("CANDOR_AGREE_CLASS_DIR") {
        let (mut kept, _) = class_case(Path::new(&keep), CLASS);
        kept.save_all().expect("the class is saved");
    }
    let a = Agreement::build(&class, &names, &options);
    eprintln!(
        "class: {} annotators, {} pairs listed, {} against the rest; alpha {:?}, F1 overlap {:?}",
        names.len(),
        a.pairs.len(),
        a.rest.len(),
        a.case.overall.alpha,
        a.case.overall.f1_overlap
    );
    let mut group = c.benchmark_group("class");
    group.sample_size(10);
    group.bench_function("agree_10000_one_mark_annotators_one_article", |b| {
        b.iter(|| black_box(Agreement::build(&class, &names, &options)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
