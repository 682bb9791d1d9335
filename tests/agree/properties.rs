//! Properties every agreement figure must have, over random markings:
//! annotators who mark the same give 1 wherever a figure is defined;
//! the order annotators are named in changes nothing; and two annotators
//! who mark independently of each other get an alpha_U near 0.

use proptest::prelude::*;

use candor::agree::unitizing::Study;
use candor::agree::{AgreeOptions, Agreement, Figure, Measures, Unit};
use candor::case::Case;
use candor::edit::Edit;
use candor::model::{AnnotatorId, ArticleId, CategoryId};
use candor::text::CharRange;

use crate::util::case_with;

const TEXT: &str = "Police cleared the so-called peace camp of eco-radicals at dawn, officials \
said, after a staggering night of clashes in which riot squads stormed the peaceful camp and \
injured more than forty people, according to the ministry.";

const CATEGORIES: [&str; 3] = ["loaded", "attribution", "editorializing"];

/// A mark: where it starts (a char), how long it is, which category.
type Spec = (usize, usize, usize);

fn marks() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec((0..TEXT.chars().count() - 1, 1usize..30, 0usize..3), 0..8)
}

fn add(case: &mut Case, who: &str, marks: &[Spec]) {
    let who = AnnotatorId::new(who);
    let article = ArticleId::new("wire");
    let len = TEXT.chars().count();
    case.add_annotator(&who).expect("annotator");
    for &(start, n, c) in marks {
        let range = CharRange::new(start, (start + n).min(len));
        let mark = case
            .new_mark(&who, &article, range, &CategoryId::new(CATEGORIES[c]))
            .expect("mark");
        Edit::AddMark {
            annotator: who.clone(),
            article: article.clone(),
            mark,
        }
        .apply(case)
        .expect("added");
    }
    Edit::SetDone {
        annotator: who,
        article,
        done: true,
    }
    .apply(case)
    .expect("done");
}

fn figures(m: &Measures) -> [Figure; 5] {
    [m.alpha, m.fleiss, m.alpha_u, m.f1_exact, m.f1_overlap]
}

fn ids(names: &[&str]) -> Vec<AnnotatorId> {
    names.iter().map(|n| AnnotatorId::new(*n)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn identical_annotators_agree_fully(spec in marks(), char_units in any::<bool>()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with(dir.path(), &[("wire", TEXT)]);
        for who in ["xu", "yan", "zoe"] {
            add(&mut case, who, &spec);
        }
        let unit = if char_units { Unit::Char } else { Unit::Word };
        let a = Agreement::build(&case, &ids(&["xu", "yan", "zoe"]), &AgreeOptions { unit, ..Default::default() });
        let scopes = std::iter::once(&a.case.overall).chain(&a.case.categories);
        for m in scopes {
            for f in figures(m) {
                if let Figure::Value(x) = f {
                    prop_assert!((x - 1.0).abs() < 1e-9, "{f:?} in {m:?}");
                }
            }
        }
        for p in &a.pairs {
            for f in [p.overall.kappa, p.overall.alpha, p.overall.f1_exact, p.overall.f1_overlap] {
                if let Figure::Value(x) = f {
                    prop_assert!((x - 1.0).abs() < 1e-9, "{f:?}");
                }
            }
        }
        for attr in &a.attributes {
            prop_assert!(!matches!(attr.alpha, Figure::Value(x) if (x - 1.0).abs() > 1e-9));
        }
    }

    #[test]
    fn the_order_of_annotators_changes_nothing(
        x in marks(), y in marks(), z in marks(), char_units in any::<bool>()
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut case = case_with(dir.path(), &[("wire", TEXT)]);
        add(&mut case, "xu", &x);
        add(&mut case, "yan", &y);
        add(&mut case, "zoe", &z);
        let unit = if char_units { Unit::Char } else { Unit::Word };
        let options = AgreeOptions { unit, ..Default::default() };
        let one = Agreement::build(&case, &ids(&["xu", "yan", "zoe"]), &options);
        let other = Agreement::build(&case, &ids(&["zoe", "xu", "yan"]), &options);
        let close = |f: Figure, g: Figure| match (f, g) {
            (Figure::Value(a), Figure::Value(b)) => (a - b).abs() < 1e-9,
            _ => f == g,
        };
        let scopes = |a: &Agreement| -> Vec<Measures> {
            std::iter::once(a.case.overall).chain(a.case.categories.iter().copied()).collect()
        };
        for (m, n) in scopes(&one).iter().zip(&scopes(&other)) {
            for (f, g) in figures(m).into_iter().zip(figures(n)) {
                prop_assert!(close(f, g), "{f:?} against {g:?}");
            }
        }
        // Each pair too, whichever way round it was computed.
        for p in &one.pairs {
            let q = other.pair(&p.a, &p.b).expect("the same pair");
            prop_assert!(close(p.overall.kappa, q.overall.kappa));
            prop_assert!(close(p.overall.f1_overlap, q.overall.f1_overlap));
            prop_assert!(close(p.overall.f1_exact, q.overall.f1_exact));
        }
        for (s, t) in one.attributes.iter().zip(&other.attributes) {
            prop_assert!(close(s.alpha, t.alpha));
        }
    }

    #[test]
    fn independent_markings_have_alpha_u_near_zero(seed in any::<u64>()) {
        // Two coders each put 400 units of 5 to 40 chars at random on a
        // 200,000-char continuum, knowing nothing of each other.
        let mut state = seed | 1;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut coder = || {
            let mut starts: Vec<u64> = (0..400).map(|_| next(199_900)).collect();
            starts.sort_unstable();
            let mut units: Vec<(u64, u64)> = Vec::new();
            for s in starts {
                let e = s + 5 + next(36);
                match units.last_mut() {
                    Some(last) if s < last.1 => last.1 = last.1.max(e),
                    _ => units.push((s, e)),
                }
            }
            units
        };
        let (a, b) = (coder(), coder());
        let d = Study::new(200_000, &[&a, &b]).disagreement();
        let alpha = Figure::from_disagreements(d.observed, d.expected);
        let Figure::Value(x) = alpha else { panic!("{alpha:?}") };
        prop_assert!(x.abs() < 0.1, "alpha_U = {x}");
    }
}
