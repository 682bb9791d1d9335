//! Building every comparison view (claims, actors, counts) on a large case:
//! 50 articles, 5,000 marks, 200 claims. The views are rebuilt after each
//! edit, so this must stay well inside a frame budget (target: < 20 ms).

use std::hint::black_box;

use candor::case::Case;
use candor::compare::CompareViews;
use candor::model::{
    Actor, AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, Claim, LinkId, MarkId,
};
use candor::text::CharRange;
use criterion::{Criterion, criterion_group, criterion_main};

const ARTICLES: usize = 50;
const MARKS_PER_ARTICLE: usize = 100;
const CLAIMS: usize = 200;
const ACTORS: usize = 40;
const WORDS: [&str; 8] = [
    "officers",
    "cleared",
    "the",
    "camp",
    "near",
    "dam",
    "residents",
    "said",
];

/// An invented text of `n` seven-letter-ish words, and the char range of each word.
fn text(n: usize, seed: usize) -> (String, Vec<CharRange>) {
    let mut s = String::new();
    let mut words = Vec::new();
    for i in 0..n {
        let start = s.chars().count();
        s.push_str(WORDS[(i * 7 + seed) % WORDS.len()]);
        words.push(CharRange::new(start, s.chars().count()));
        s.push_str(if i % 12 == 11 { ".\n" } else { " " });
    }
    (s, words)
}

fn build_case(root: &std::path::Path) -> Case {
    let mut case = Case::create(root, "bench").expect("case created");
    let ann = AnnotatorId::new("key");
    let cats = ["loaded", "attribution", "editorializing"];
    let mut per_article: Vec<Vec<MarkId>> = Vec::new();
    let mut next = 1;
    for a in 0..ARTICLES {
        let id = ArticleId::new(format!("a{a:02}"));
        let (body, words) = text(800, a);
        case.add_article(
            ArticleMeta {
                outlet: format!("Outlet {a}"),
                ..ArticleMeta::new(id.clone(), format!("Article {a}"))
            },
            &body,
        )
        .expect("article added");
        let mut marks = Vec::new();
        for k in 0..MARKS_PER_ARTICLE {
            let range = words[k * 8];
            let cat = CategoryId::new(cats[k % 3]);
            let mut m = case
                .mark_with_id(MarkId(format!("m{next}")), &id, range, &cat)
                .expect("mark fits");
            next += 1;
            let attrs: &[(&str, &str)] = match k % 6 {
                0 => &[("kind", "doubt"), ("polarity", "negative")],
                1 => &[
                    ("source_kind", "named_person"),
                    ("source", "Dana Royce"),
                    ("cue", "said"),
                    ("stance", "neutral"),
                ],
                2 => &[("kind", "speculation")],
                3 => &[("kind", "label"), ("polarity", "positive")],
                4 => &[("source_kind", "none")],
                _ => &[("kind", "evaluative")],
            };
            for (k, v) in attrs {
                m.attributes
                    .insert(k.to_string(), AttrValue::Text(v.to_string()));
            }
            marks.push(m);
        }
        per_article.push(marks.iter().map(|m| m.id.clone()).collect());
        *case.marks_mut(&ann, &id).expect("writable") = marks;
    }
    let links = case.links_mut(&ann).expect("writable");
    // Each claim is carried by 10 articles, one mark in each.
    for c in 0..CLAIMS {
        let marks = (0..10)
            .map(|j| per_article[(c + j * 5) % ARTICLES][c % MARKS_PER_ARTICLE].clone())
            .collect();
        links.claims.push(Claim {
            id: LinkId::new(format!("c{c}")),
            label: format!("claim {c}"),
            marks,
            note: String::new(),
        });
    }
    // Each actor is named in every article, twice.
    for p in 0..ACTORS {
        let marks = (0..ARTICLES)
            .flat_map(|a| {
                [
                    per_article[a][(p * 2) % MARKS_PER_ARTICLE].clone(),
                    per_article[a][(p * 2 + 1) % MARKS_PER_ARTICLE].clone(),
                ]
            })
            .collect();
        links.actors.push(Actor {
            id: LinkId::new(format!("p{p}")),
            name: format!("party {p}"),
            marks,
            note: String::new(),
        });
    }
    case
}

fn compare_views(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = build_case(&dir.path().join("case"));
    let ann = AnnotatorId::new("key");
    let total: usize = case.annotators()[&ann].mark_count();
    assert_eq!(total, ARTICLES * MARKS_PER_ARTICLE);
    c.bench_function("compare_views_50_articles_5000_marks_200_claims", |b| {
        b.iter(|| {
            black_box(CompareViews::build(
                black_box(&case),
                std::slice::from_ref(&ann),
                std::slice::from_ref(&ann),
            ))
        })
    });
    let one = std::slice::from_ref(&ann);
    let views = CompareViews::build(&case, one, one);
    c.bench_function("claims_text_200_claims", |b| {
        b.iter(|| {
            black_box(candor::export::compare::table::claims(
                &views.comparisons[0].claims,
                case.schema(),
                80,
            ))
        })
    });
}

criterion_group!(benches, compare_views);
criterion_main!(benches);
