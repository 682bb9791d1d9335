//! A small invented case for the comparison tests: three outlets report the
//! clearing of a protest camp at the (fictional) Northgate Dam, and the
//! annotator `key` links claims and actors so that every kind of cell shows up.

use std::path::Path;

use candor::case::Case;
use candor::find::{FindOptions, find_in_text};
use candor::model::{
    Actor, AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, Claim, Genre, LinkId, MarkId,
};

use crate::util::article;

pub const WIRE: &str = "Police cleared the protest camp at Northgate Dam on Tuesday. \
Officers used tear gas, Northgate police said in a statement. The protesters had blocked the \
access road for three weeks. Two protesters were arrested.";

pub const LEDGER: &str = "Riot police stormed the camp at Northgate Dam and fired tear gas at \
the activists. The so-called protesters had blocked the road, officials claimed. The clearance \
may well mark the end of the movement.";

pub const VOICE: &str = "Peaceful land defenders were attacked by police at Northgate Dam. \
Residents told the Voice that officers used tear gas. The camp had been there for three weeks.";

pub fn key() -> AnnotatorId {
    AnnotatorId::new("key")
}

fn add(case: &mut Case, id: &str, title: &str, outlet: &str, genre: Genre, text: &str) {
    case.add_article(
        ArticleMeta {
            genre,
            ..article(id, title, outlet)
        },
        text,
    )
    .expect("the article is added");
}

/// Marks the `nth` (from 0) exact occurrence of `phrase` in an article.
fn mark(
    case: &mut Case,
    article: &str,
    phrase: &str,
    nth: usize,
    category: &str,
    attrs: &[(&str, &str)],
) -> MarkId {
    let article = ArticleId::new(article);
    let text = case.article_text(&article).expect("the article has a text");
    let options = FindOptions {
        whole_word: false,
        match_case: true,
    };
    let range = find_in_text(text, phrase, options)
        .get(nth)
        .copied()
        .unwrap_or_else(|| panic!("{phrase:?} occurs in {article}"));
    // Counted ids, as cases made before ids were random have them: the
    // tables below cite them, and snapshots need the same ids every run.
    let n = case.annotations(&key()).map_or(0, |a| a.mark_count());
    let mut m = case
        .mark_with_id(
            MarkId(format!("m{}", n + 1)),
            &article,
            range,
            &CategoryId::new(category),
        )
        .expect("the range fits the text");
    for (k, v) in attrs {
        m.attributes
            .insert(k.to_string(), AttrValue::Text(v.to_string()));
    }
    let id = m.id.clone();
    case.marks_mut(&key(), &article)
        .expect("marks are writable")
        .push(m);
    id
}

fn fact(case: &mut Case, article: &str, phrase: &str) -> MarkId {
    mark(
        case,
        article,
        phrase,
        0,
        "attribution",
        &[("source_kind", "none")],
    )
}

/// Builds and saves the case in `root`.
pub fn build(root: &Path) -> Case {
    let mut case = Case::create(root, "Northgate Dam").expect("the case is created");
    add(
        &mut case,
        "wire",
        "Police clear dam camp",
        "Valley Wire",
        Genre::News,
        WIRE,
    );
    add(
        &mut case,
        "ledger",
        "Riot police storm camp",
        "The Ledger",
        Genre::News,
        LEDGER,
    );
    add(
        &mut case,
        "voice",
        "Land defenders attacked",
        "Riverside Voice",
        Genre::Opinion,
        VOICE,
    );

    // Claim c1: officers used tear gas. Attributed to the police, stated as
    // fact, attributed to residents: a contested row.
    let c1 = vec![
        mark(
            &mut case,
            "wire",
            "Officers used tear gas, Northgate police said",
            0,
            "attribution",
            &[
                ("source_kind", "named_organisation"),
                ("source", "Northgate police"),
                ("cue", "said"),
                ("stance", "neutral"),
                ("quote", "indirect"),
            ],
        ),
        fact(&mut case, "ledger", "fired tear gas at the activists"),
        mark(
            &mut case,
            "voice",
            "Residents told the Voice that officers used tear gas",
            0,
            "attribution",
            &[
                ("source_kind", "vague"),
                ("source", "Residents"),
                ("cue", "told"),
                ("stance", "neutral"),
            ],
        ),
    ];
    // Claim c2: the protesters blocked the road. Fact in the wire, put in
    // doubt by the Ledger's cue verb and scare label, absent from the Voice.
    let c2 = vec![
        fact(
            &mut case,
            "wire",
            "The protesters had blocked the access road",
        ),
        mark(
            &mut case,
            "ledger",
            "had blocked the road, officials claimed",
            0,
            "attribution",
            &[
                ("source_kind", "vague"),
                ("source", "officials"),
                ("cue", "claimed"),
                ("stance", "doubt"),
            ],
        ),
        mark(
            &mut case,
            "ledger",
            "so-called",
            0,
            "loaded",
            &[
                ("kind", "doubt"),
                ("polarity", "negative"),
                ("target", "protesters"),
            ],
        ),
    ];
    // Claim c3: the movement is over. Only the Ledger, and only as speculation.
    let c3 = vec![mark(
        &mut case,
        "ledger",
        "may well mark the end of the movement",
        0,
        "editorializing",
        &[("kind", "speculation")],
    )];
    // Claim c4: the camp stood three weeks. One fact, and one id whose mark
    // was deleted since.
    let c4 = vec![
        fact(
            &mut case,
            "voice",
            "The camp had been there for three weeks",
        ),
        MarkId::new("m99"),
    ];

    // Actors: the people in the camp, and the police.
    let camp = vec![
        mark(
            &mut case,
            "wire",
            "protesters",
            0,
            "loaded",
            &[("kind", "label")],
        ),
        mark(
            &mut case,
            "wire",
            "protesters",
            1,
            "loaded",
            &[("kind", "label")],
        ),
        mark(
            &mut case,
            "ledger",
            "activists",
            0,
            "loaded",
            &[("kind", "label"), ("polarity", "negative")],
        ),
        mark(
            &mut case,
            "voice",
            "Peaceful land defenders",
            0,
            "loaded",
            &[("kind", "label"), ("polarity", "positive")],
        ),
    ];
    let police = vec![
        mark(
            &mut case,
            "wire",
            "Northgate police",
            0,
            "attribution",
            &[
                ("source_kind", "named_organisation"),
                ("source", "Northgate police"),
            ],
        ),
        mark(
            &mut case,
            "ledger",
            "Riot police",
            0,
            "loaded",
            &[("kind", "label"), ("polarity", "negative")],
        ),
    ];

    let links = case.links_mut(&key()).expect("links are writable");
    for (id, label, marks) in [
        ("c1", "Officers used tear gas", c1),
        ("c2", "Protesters blocked the access road", c2),
        ("c3", "The clearing ends the movement", c3),
        ("c4", "The camp stood for three weeks", c4),
    ] {
        links.claims.push(Claim {
            id: LinkId::new(id),
            label: label.into(),
            marks,
            note: String::new(),
        });
    }
    for (id, name, marks) in [("a1", "People in the camp", camp), ("a2", "Police", police)] {
        links.actors.push(Actor {
            id: LinkId::new(id),
            name: name.into(),
            marks,
            note: String::new(),
        });
    }
    case.save().expect("the case is saved");
    case
}
