//! Every grading rule of GRADING.md on a fixture made from marked text, one
//! line per annotator: the instructor's key, then each student. The grade
//! is checked as plain data, and snapshotted as YAML so a change to any
//! figure or quote shows in review.

use candor::case::Case;
use candor::grade::{
    ClaimState, ClassGrade, Grade, GradeOptions, HandIn, Item, MatchRule, Outcome,
};
use candor::model::{AnnotatorId, CategoryId, Claim, LinkId, Links, MarkId};

use crate::util::{case_with, marked};

const TEXT: &str = "Police cleared the so-called peace camp of eco-radicals at dawn, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that the mob had been warned.";

/// The key on `TEXT`, with a note on every mark.
const KEY: &str = "Police cleared the [so-called]{loaded kind=doubt polarity=negative note=\"A scare word: doubts the camp is about peace.\"} \
peace camp of [eco-radicals]{loaded kind=label polarity=negative note=\"A label for residents and campaigners.\"} at dawn, officials said. \
[Organisers claimed that more than 40 people were hurt]{attribution source_kind=vague stance=doubt quote=indirect note=\"'claimed' casts doubt on the organisers' figure.\"}. \
[It is worth noting that]{editorializing kind=filler note=\"Filler that steers the reader.\"} [the mob]{loaded kind=label polarity=negative note=\"'mob' for the protesters.\"} had been warned.";

fn key() -> AnnotatorId {
    AnnotatorId::new("key")
}

fn grade(case: &Case, student: &str) -> Grade {
    Grade::build(
        case,
        &key(),
        &AnnotatorId::new(student),
        &GradeOptions::default(),
    )
}

fn with(case: &Case, student: &str, options: GradeOptions) -> Grade {
    Grade::build(case, &key(), &AnnotatorId::new(student), &options)
}

/// One line per item: outcome, the key's quote, the student's quote.
fn summary(grade: &Grade) -> Vec<(Outcome, String, String)> {
    grade
        .articles
        .iter()
        .flat_map(|a| &a.items)
        .map(|i: &Item| {
            let q =
                |m: Option<&candor::grade::MarkSide>| m.map_or(String::new(), |m| m.quote.clone());
            (i.outcome, q(i.key.as_deref()), q(i.student.as_ref()))
        })
        .collect()
}

fn s(outcome: Outcome, key: &str, student: &str) -> (Outcome, String, String) {
    (outcome, key.to_string(), student.to_string())
}

#[test]
fn every_outcome_in_one_article_with_the_keys_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(&mut case, "key", "wire", KEY);
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared [the so-called peace camp]{loaded kind=doubt} of [eco-radicals]{loaded kind=label polarity=positive} \
[at dawn]{editorializing kind=evaluative note=\"Why does the time matter?\"}, officials said. \
[Organisers claimed that more than 40 people were hurt]{attribution source_kind=vague stance=neutral}. \
[It is worth noting that]{loaded kind=intensifier} the mob had been warned.",
    );
    let g = grade(&case, "amara");
    assert_eq!(
        summary(&g),
        [
            s(Outcome::Boundary, "so-called", "the so-called peace camp"),
            s(Outcome::Matched, "eco-radicals", "eco-radicals"),
            s(Outcome::Extra, "", "at dawn"),
            s(
                Outcome::Matched,
                "Organisers claimed that more than 40 people were hurt",
                "Organisers claimed that more than 40 people were hurt"
            ),
            s(
                Outcome::OtherCategory,
                "It is worth noting that",
                "It is worth noting that"
            ),
            s(Outcome::Missed, "the mob", ""),
        ]
    );
    let items = &g.articles[0].items;
    // Attributes: both values as labels, only where they disagree.
    let polarity = &items[1].attributes;
    assert_eq!(polarity.len(), 1, "{polarity:?}");
    assert_eq!(
        (
            polarity[0].name.as_str(),
            polarity[0].student.as_deref(),
            polarity[0].key.as_deref()
        ),
        ("Polarity", Some("Positive"), Some("Negative"))
    );
    let stance = &items[3].attributes;
    assert_eq!(
        (
            stance[0].name.as_str(),
            stance[0].student.as_deref(),
            stance[0].key.as_deref()
        ),
        ("Cue stance", Some("Neutral"), Some("Casts doubt"))
    );
    // The source text is not compared; quote=indirect is unset by amara.
    assert_eq!(
        items[3].attributes_compared, 3,
        "source kind, stance, quotation"
    );
    assert_eq!(stance[1].student, None);
    // Other category: the key's category, its guideline and its note.
    let other = &items[4];
    assert_eq!(
        other.key.as_ref().map(|k| k.category.name.as_str()),
        Some("Editorializing")
    );
    assert!(
        other
            .key_guideline
            .starts_with("The writer's own opinion inside news copy")
    );
    assert_eq!(
        other.key.as_ref().map(|k| k.note.as_str()),
        Some("Filler that steers the reader.")
    );
    assert_eq!(
        items[5].key.as_ref().map(|k| k.note.as_str()),
        Some("'mob' for the protesters.")
    );
    // Scores: 2 matched of 5 key marks and 5 student marks.
    assert_eq!(
        (
            g.overall.matched,
            g.overall.key_marks,
            g.overall.student_marks
        ),
        (2, 5, 5)
    );
    assert_eq!(g.overall.f1, Some(0.4));
    let loaded = g.category(&CategoryId::new("loaded")).expect("loaded");
    assert_eq!(
        (
            loaded.score.key_marks,
            loaded.score.student_marks,
            loaded.score.matched
        ),
        (3, 3, 1)
    );
    assert_eq!(loaded.score.student_in_other_category, 1);
    assert_eq!(loaded.score.missed, 1);
    let ed = g
        .category(&CategoryId::new("editorializing"))
        .expect("editorializing");
    assert_eq!((ed.score.key_in_other_category, ed.score.extra), (1, 1));
    assert_eq!(ed.score.recall, Some(0.0));
    // Mark ids are random; the quotes say which marks each item pairs.
    insta::assert_yaml_snapshot!(g, { ".**.mark" => "[id]" });
}

#[test]
fn ties_go_to_the_largest_overlap_then_the_earlier_key_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "the ruling class and the regime said so";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "the [ruling class]{loaded} and [the regime]{loaded} said so",
    );
    // "class and the regime" overlaps "ruling class" by 5 and "the regime"
    // by 10: the larger overlap wins.
    marked(
        &mut case,
        "amara",
        "wire",
        "the ruling [class and the regime]{loaded} said so",
    );
    assert_eq!(
        summary(&grade(&case, "amara")),
        [
            s(Outcome::Missed, "ruling class", ""),
            s(Outcome::Matched, "the regime", "class and the regime"),
        ]
    );
    // Equal overlaps and equal extents: the earlier key mark.
    let text = "a mob and a mob";
    let mut case = case_with(&dir.path().join("even"), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "a [mob]{loaded} [and]{loaded} a mob",
    );
    marked(&mut case, "ben", "wire", "a m[ob an]{loaded}d a mob");
    // "ob an" overlaps "mob" by 2 and "and" by 2, both of longer span 5:
    // boundary with the earlier mark, the other missed.
    assert_eq!(
        summary(&grade(&case, "ben")),
        [
            s(Outcome::Boundary, "mob", "ob an"),
            s(Outcome::Missed, "and", "")
        ]
    );
}

#[test]
fn overlapping_pairs_are_paired_optimally_not_greedily() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "the riot squads stormed the peaceful camp";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "[the riot squads stormed]{loaded} [the peaceful camp]{loaded}",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "[[the riot squads]{loaded} stormed the peaceful camp]{loaded}",
    );
    // Greedy would pair the largest overlap first (the key's first mark with
    // the whole sentence, 23 chars) and leave two marks unpaired; the
    // optimum keeps both pairs (15 + 17 chars).
    let g = with(
        &case,
        "amara",
        GradeOptions {
            rule: MatchRule::Overlap,
            ..GradeOptions::default()
        },
    );
    assert_eq!(
        summary(&g),
        [
            s(
                Outcome::Matched,
                "the riot squads stormed",
                "the riot squads"
            ),
            s(
                Outcome::Matched,
                "the peaceful camp",
                "the riot squads stormed the peaceful camp"
            ),
        ]
    );
}

#[test]
fn nested_marks_pair_at_their_own_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "it was a so-called peace deal, aides said";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "[it was a [so-called]{loaded kind=doubt} peace deal, aides said]{attribution source_kind=vague}",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "[it was a [so-called]{loaded kind=doubt} peace deal]{attribution source_kind=anonymous}, aides said",
    );
    let g = grade(&case, "amara");
    assert_eq!(
        summary(&g),
        [
            s(
                Outcome::Matched,
                "it was a so-called peace deal, aides said",
                "it was a so-called peace deal"
            ),
            s(Outcome::Matched, "so-called", "so-called"),
        ]
    );
    let diff = &g.articles[0].items[0].attributes[0];
    assert_eq!(
        (diff.student.as_deref(), diff.key.as_deref()),
        (Some("Anonymous but described"), Some("Vague"))
    );
}

#[test]
fn a_key_mark_matched_by_two_student_marks_counts_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "the ruling class said";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(&mut case, "key", "wire", "the [ruling class]{loaded} said");
    marked(
        &mut case,
        "amara",
        "wire",
        "[the [ruling class]{loaded}]{loaded} said",
    );
    let g = grade(&case, "amara");
    assert_eq!(
        summary(&g),
        [
            s(Outcome::Extra, "", "the ruling class"),
            s(Outcome::Matched, "ruling class", "ruling class"),
        ]
    );
    assert_eq!((g.overall.matched, g.overall.extra), (1, 1));
    assert_eq!(g.overall.precision, Some(0.5));
    assert_eq!(g.overall.recall, Some(1.0));
}

#[test]
fn a_student_mark_spanning_two_key_marks_pairs_with_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "agitators and eco-radicals marched";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "[agitators]{loaded} and [eco-radicals]{loaded} marched",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "[agitators and eco-radicals]{loaded} marched",
    );
    // 12 of the longer 26 chars is under half: a boundary pair with the
    // larger overlap, and the other key mark missed.
    assert_eq!(
        summary(&grade(&case, "ben")),
        [
            s(Outcome::Missed, "agitators", ""),
            s(
                Outcome::Boundary,
                "eco-radicals",
                "agitators and eco-radicals"
            ),
        ]
    );
}

#[test]
fn the_match_rule_decides_matched_or_boundary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "a staggering 200,000 homes";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "a [staggering 200,000]{loaded} homes",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "a [staggering]{loaded} 200,000 homes",
    );
    let outcome = |rule: &str| {
        let g = with(
            &case,
            "ben",
            GradeOptions {
                rule: rule.parse().expect("a rule"),
                ..GradeOptions::default()
            },
        );
        g.articles[0].items[0].outcome
    };
    // 10 of the longer 18 chars: 56%.
    assert_eq!(outcome("half"), Outcome::Matched);
    assert_eq!(outcome("0.5"), Outcome::Matched);
    assert_eq!(outcome("0.6"), Outcome::Boundary);
    assert_eq!(outcome("exact"), Outcome::Boundary);
    assert_eq!(outcome("overlap"), Outcome::Matched);
}

#[test]
fn partial_credit_counts_a_boundary_pair_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "the so-called peace camp";
    let mut case = case_with(dir.path(), &[("wire", text)]);
    marked(
        &mut case,
        "key",
        "wire",
        "the [so-called]{loaded} peace camp",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "[the so-called peace camp]{loaded}",
    );
    let off = grade(&case, "ben");
    assert_eq!(off.overall.boundary, 1);
    assert_eq!(
        (off.overall.f1, off.rules.partial_credit()),
        (Some(0.0), false)
    );
    let on = with(
        &case,
        "ben",
        GradeOptions {
            boundary_credit: 0.5,
            ..GradeOptions::default()
        },
    );
    assert!(on.rules.partial_credit());
    assert_eq!(on.overall.credit, 0.5);
    assert_eq!(on.overall.f1, Some(0.5));
}

#[test]
fn an_article_not_handed_in_is_left_out_not_missed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(
        dir.path(),
        &[("wire", TEXT), ("tribune", TEXT), ("voice", TEXT)],
    );
    for article in ["wire", "tribune", "voice"] {
        marked(&mut case, "key", article, KEY);
    }
    // The wire: marked, not done. The tribune: done with nothing marked.
    // The voice: nothing at all.
    marked(
        &mut case,
        "ben",
        "wire",
        "Police cleared the [so-called]{loaded kind=doubt polarity=negative} peace camp of eco-radicals at dawn, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that the mob had been warned.",
    );
    candor::edit::Edit::SetDone {
        annotator: AnnotatorId::new("ben"),
        article: candor::model::ArticleId::new("tribune"),
        done: true,
    }
    .apply(&mut case)
    .expect("done");
    let g = grade(&case, "ben");
    let hand_in: Vec<HandIn> = g.articles.iter().map(|a| a.hand_in).collect();
    assert_eq!(hand_in, [HandIn::Marked, HandIn::Done, HandIn::NotHandedIn]);
    assert!(g.articles[2].items.is_empty());
    assert_eq!(g.key_marks_not_counted(), 5);
    // Key marks counted: the wire's 5 and the tribune's 5 (all missed there).
    assert_eq!(
        (g.overall.key_marks, g.overall.matched, g.overall.missed),
        (10, 1, 9)
    );
    assert_eq!(g.overall.recall, Some(0.1));
}

#[test]
fn a_student_with_no_files_has_handed_in_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(&mut case, "key", "wire", KEY);
    let g = grade(&case, "zoe");
    assert_eq!(g.articles[0].hand_in, HandIn::NotHandedIn);
    assert_eq!((g.overall.key_marks, g.overall.student_marks), (0, 0));
    assert_eq!(
        (g.overall.precision, g.overall.recall, g.overall.f1),
        (None, None, None)
    );
    assert_eq!(g.key_marks_not_counted(), 5);
}

#[test]
fn claims_count_the_articles_linked_into_one_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Organisers said 40 were hurt.";
    let mut case = case_with(
        dir.path(),
        &[("wire", text), ("voice", text), ("digest", text)],
    );
    let mut key_marks = Vec::new();
    let mut amara = Vec::new();
    for article in ["wire", "voice", "digest"] {
        key_marks.extend(marked(
            &mut case,
            "key",
            article,
            "[Organisers said 40 were hurt]{attribution}.",
        ));
        amara.extend(marked(
            &mut case,
            "amara",
            article,
            "[Organisers said 40 were hurt]{attribution}.",
        ));
    }
    let claim = |id: &str, label: &str, marks: &[MarkId]| Claim {
        id: LinkId::new(id),
        label: label.into(),
        marks: marks.to_vec(),
        note: String::new(),
    };
    let set = |case: &mut Case, who: &str, claims: Vec<Claim>| {
        candor::edit::Edit::SetLinks {
            annotator: AnnotatorId::new(who),
            links: Links {
                claims,
                ..Links::new()
            },
        }
        .apply(case)
        .expect("links");
    };
    set(
        &mut case,
        "key",
        vec![claim("c1", "More than 40 hurt", &key_marks)],
    );
    // Amara links the wire and the voice as one claim, the digest apart.
    set(
        &mut case,
        "amara",
        vec![
            claim("c7", "Organisers' number", &amara[..2]),
            claim("c8", "Digest injuries", &amara[2..]),
        ],
    );
    let g = grade(&case, "amara");
    let c = &g.claims[0];
    assert_eq!(
        c.student_claim.as_ref().map(|s| s.label.as_str()),
        Some("Organisers' number")
    );
    let states: Vec<ClaimState> = c.articles.iter().map(|a| a.state).collect();
    assert_eq!(
        states,
        [
            ClaimState::Linked,
            ClaimState::Linked,
            ClaimState::FoundNotLinked
        ]
    );
    assert_eq!((c.linked, c.counted), (2, 3));
    // Ben marks nothing in the digest and links nothing: not found there.
    for article in ["wire", "voice"] {
        marked(
            &mut case,
            "ben",
            article,
            "[Organisers said 40 were hurt]{attribution}.",
        );
    }
    let g = grade(&case, "ben");
    let states: Vec<ClaimState> = g.claims[0].articles.iter().map(|a| a.state).collect();
    assert_eq!(
        states,
        [
            ClaimState::FoundNotLinked,
            ClaimState::FoundNotLinked,
            ClaimState::NotHandedIn
        ]
    );
    assert_eq!(g.claims[0].student_claim, None);
    assert_eq!((g.claims_summary.linked, g.claims_summary.counted), (0, 2));
}

#[test]
fn the_class_is_every_annotator_but_the_key_and_gold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    for who in ["key", "gold", "amara", "ben"] {
        marked(&mut case, who, "wire", KEY);
    }
    let students = candor::grade::students(&case, &key());
    assert_eq!(
        students,
        [AnnotatorId::new("amara"), AnnotatorId::new("ben")]
    );
    let class = ClassGrade::build(&case, &key(), &students, &GradeOptions::default());
    assert_eq!(class.students.len(), 2);
    assert!(class.students.iter().all(|g| g.overall.f1 == Some(1.0)));
    let names: Vec<&str> = class.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Loaded wording", "Attribution", "Editorializing"]);
    // A key named in case.ron is left out too, and "key" is then a student.
    case.manifest_mut().expect("writable").key = Some(AnnotatorId::new("amara"));
    let students = candor::grade::students(&case, &AnnotatorId::new("amara"));
    assert_eq!(students, [AnnotatorId::new("ben"), AnnotatorId::new("key")]);
}

#[test]
fn actor_mentions_are_not_graded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(&mut case, "key", "wire", KEY);
    // The student agrees on every judgement and names actors the key did
    // not, and the key names one the student did not.
    marked(&mut case, "amara", "wire", KEY);
    marked(
        &mut case,
        "key",
        "wire",
        &TEXT.replace("officials said", "[officials]{mention} said"),
    );
    marked(
        &mut case,
        "amara",
        "wire",
        &TEXT.replace("Police cleared", "[Police]{mention} cleared"),
    );
    let g = grade(&case, "amara");
    assert_eq!(
        g.overall.f1,
        Some(1.0),
        "mentions are neither missed nor extra"
    );
    assert!(
        g.articles[0]
            .items
            .iter()
            .all(|i| i.outcome == Outcome::Matched),
        "{:?}",
        g.articles[0].items
    );
    assert!(g.category(&CategoryId::new("mention")).is_none());
    let class = ClassGrade::build(
        &case,
        &key(),
        &[AnnotatorId::new("amara")],
        &GradeOptions::default(),
    );
    assert!(class.categories.iter().all(|c| c.name != "Actor mention"));
}

#[test]
fn the_keys_marks_are_ranked_by_how_many_students_found_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(
        dir.path(),
        &[("wire", TEXT), ("brief", "The mob gathered.")],
    );
    marked(&mut case, "key", "wire", KEY);
    marked(
        &mut case,
        "key",
        "brief",
        "[The mob]{loaded kind=label polarity=negative note=\"A label.\"} gathered.",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "Police cleared [the so-called peace camp]{loaded kind=doubt} of [eco-radicals]{loaded kind=label} at dawn, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that the mob had been warned.",
    );
    marked(
        &mut case,
        "ben",
        "wire",
        "Police cleared the so-called peace camp of [eco-radicals]{loaded kind=label} at dawn, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that [the mob]{loaded kind=label} had been warned.",
    );
    // Cy handed in only the brief.
    marked(
        &mut case,
        "cy",
        "brief",
        "[The mob]{loaded kind=label} gathered.",
    );
    let students = candor::grade::students(&case, &key());
    let class = ClassGrade::build(&case, &key(), &students, &GradeOptions::default());
    let tallies = class.key_marks_found(&case);
    let lines: Vec<String> = tallies
        .iter()
        .map(|t| {
            format!(
                "{}: {}",
                t.article,
                candor::export::grade::words::found_line(t)
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "wire: 0 of 2 found “so-called” (Loaded wording)",
            "wire: 0 of 2 found “Organisers claimed that more than 40 people were hurt” (Attribution)",
            "wire: 0 of 2 found “It is worth noting that” (Editorializing)",
            "wire: 1 of 2 found “the mob” (Loaded wording)",
            "wire: 2 of 2 found “eco-radicals” (Loaded wording)",
            "brief: 1 of 1 found “The mob” (Loaded wording)",
        ]
    );
    let names = |who: &[AnnotatorId]| who.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let so_called = &tallies[0];
    assert_eq!(names(&so_called.boundary), ["amara"]);
    assert_eq!(names(&so_called.missed), ["ben"]);
    assert_eq!(names(&so_called.not_handed_in), ["cy"], "cy is not counted");
    assert_eq!(names(&tallies[5].not_handed_in), ["amara", "ben"]);
    assert_eq!(
        candor::export::grade::words::found_details(so_called),
        [
            "right place, different extent: amara",
            "missed it: ben",
            "not handed in, not counted: cy"
        ]
    );
}

/// A student's mark on words the key marked only as an actor mention (not
/// graded) is an extra mark, and its feedback says what the key did there
/// rather than that the key has no mark.
#[test]
fn a_mark_on_the_keys_actor_mention_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut case = case_with(dir.path(), &[("wire", TEXT)]);
    marked(
        &mut case,
        "key",
        "wire",
        "[Police]{mention} cleared the so-called peace camp of eco-radicals at dawn, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that the mob had been warned.",
    );
    marked(
        &mut case,
        "amara",
        "wire",
        "[Police cleared]{loaded kind=label} the so-called peace camp of eco-radicals [at dawn]{editorializing kind=evaluative}, officials said. \
Organisers claimed that more than 40 people were hurt. It is worth noting that the mob had been warned.",
    );
    let g = grade(&case, "amara");
    let sentences: Vec<String> = g.articles[0]
        .items
        .iter()
        .map(candor::export::grade::words::item_sentence)
        .collect();
    assert_eq!(
        sentences,
        [
            "“Police cleared” (Loaded wording): the key marked this as an actor mention, not loaded wording.",
            "“at dawn” (Editorializing): the key has no mark here.",
        ]
    );
    let mention = g.articles[0].items[0]
        .key_mention
        .as_ref()
        .expect("the key's mention");
    assert_eq!(mention.quote, "Police");
    // Not graded either way: the mention is not a key mark to find.
    assert_eq!(g.overall.extra, 2);
    assert_eq!(g.articles[0].key_marks, 0);
}
