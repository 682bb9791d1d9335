//! Grading a class (`ClassGrade::build`: every student's marks paired with
//! the key's, feedback items and scores). Two targets:
//!
//! - 30 students on the example case (`annotations/northgate-dam`: its two
//!   students and 28 more made from the key), under 20 ms, so the window's
//!   class view can be rebuilt after each edit;
//! - 200 annotators x 50 articles x 100 marks each (a key and 199 students,
//!   a million marks), under 1 s for the whole class;
//! - 300 students on the example case graded into a Moodle grading
//!   worksheet (the class graded, the worksheet read, matched by email
//!   through a roster and filled): the grading half of "collect 300 hand-ins
//!   and grade them into a Moodle worksheet in under 2 s".

use std::hint::black_box;
use std::path::Path;

use candor::case::Case;
use candor::edit::Edit;
use candor::export::gradebook::moodle;
use candor::grade::{ClassGrade, GradeOptions};
use candor::model::{
    AnnotatorId, ArticleId, ArticleMeta, AttrValue, CategoryId, Mark, MarkId, Timestamp,
};
use candor::roster::lms::Table;
use candor::roster::{Roster, Student};
use candor::text::{CharPos, CharRange};
use criterion::{Criterion, criterion_group, criterion_main};

const CATEGORIES: [&str; 3] = ["loaded", "attribution", "editorializing"];

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

/// A student's version of one key mark, as students differ from a key:
/// dropped (about a third), kept as it is, cut or stretched at one end,
/// given another category, or with another attribute value.
fn student_mark(key: &Mark, student: usize, len: usize) -> Option<(CharRange, CategoryId, Mark)> {
    let h = hash(&[student, key.start.0, key.end.0]);
    if h.is_multiple_of(3) {
        return None;
    }
    let (mut start, mut end) = (key.start.0, key.end.0);
    match (h / 3) % 8 {
        0 => end = (end + 6).min(len),
        1 => start = (start + 2).min(end - 1),
        2 => {
            end = end
                .saturating_sub(end.saturating_sub(start) * 2 / 3)
                .max(start + 1)
        }
        _ => {}
    }
    let category = if (h / 24).is_multiple_of(10) {
        CategoryId::new(CATEGORIES[(h / 240) % 3])
    } else {
        key.category.clone()
    };
    let mut m = key.clone();
    if (h / 7).is_multiple_of(5) {
        m.attributes
            .insert("polarity".into(), AttrValue::Text("positive".into()));
    }
    Some((CharRange::new(start, end), category, m))
}

/// Adds `student`'s marks on every article: derived from the key's, plus
/// one mark of their own every ten.
fn add_student(case: &mut Case, key: &AnnotatorId, student: usize, name: &AnnotatorId) {
    let mut next = 1;
    let articles: Vec<ArticleId> = case.articles().iter().map(|a| a.meta.id.clone()).collect();
    let mut edits = Vec::new();
    for article in &articles {
        let len = case.article_text(article).map_or(0, |t| t.char_len());
        let key_marks = case.marks(key, article).to_vec();
        for (i, k) in key_marks.iter().enumerate() {
            let mut made = vec![];
            if let Some(x) = student_mark(k, student, len) {
                made.push(x);
            }
            if i % 10 == 9 && k.end.0 + 12 < len {
                made.push((
                    CharRange::new(k.end.0 + 2, k.end.0 + 12),
                    CategoryId::new("loaded"),
                    k.clone(),
                ));
            }
            for (range, category, like) in made {
                let mut m = case
                    .mark_with_id(MarkId(format!("m{next}")), article, range, &category)
                    .expect("the range fits");
                next += 1;
                m.attributes = like.attributes;
                edits.push(Edit::AddMark {
                    annotator: name.clone(),
                    article: article.clone(),
                    mark: m,
                });
            }
        }
    }
    Edit::Group(edits).apply(case).expect("the student's marks");
}

/// A copy of the example case with `more` students made from its key.
fn example_class(dir: &Path, more: usize) -> (Case, AnnotatorId, Vec<AnnotatorId>) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    copy_dir(&from, dir);
    let mut case = Case::open(dir).expect("the example case opens");
    let key = AnnotatorId::new("key");
    let mut students = vec![AnnotatorId::new("amara"), AnnotatorId::new("ben")];
    for s in 0..more {
        let name = AnnotatorId::new(format!("student{s:02}"));
        add_student(&mut case, &key, s, &name);
        students.push(name);
    }
    (case, key, students)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the example case") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a file copied");
        }
    }
}

const ARTICLES: usize = 50;
const MARKS: usize = 100;
const ANNOTATORS: usize = 200;

/// 50 invented articles of 100 sentences; a key with 100 marks on each
/// (one a sentence, some nested), and 199 students derived from it with
/// 100 marks each, made directly as `Mark`s (no context: grading does not
/// read it) so setting up a million marks stays quick.
fn large_class(dir: &Path) -> (Case, AnnotatorId, Vec<AnnotatorId>) {
    let mut case = Case::create(dir, "bench").expect("case");
    let sentence = "Officers cleared the camp near the dam, residents said on Tuesday. ";
    let body = sentence.repeat(MARKS);
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
        note: "The key's reason.".into(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    };
    let names: Vec<AnnotatorId> = (0..ANNOTATORS)
        .map(|i| {
            AnnotatorId::new(if i == 0 {
                "key".into()
            } else {
                format!("s{i:03}")
            })
        })
        .collect();
    for (who, name) in names.iter().enumerate() {
        let mut edits = Vec::new();
        let mut next = 1;
        for a in 0..ARTICLES {
            for k in 0..MARKS {
                let h = hash(&[who, a, k]);
                let base = k * step;
                // The key marks a word or a clause of each sentence; a
                // student shifts it, stretches it, or marks something near.
                let (mut s, mut e) = match k % 4 {
                    0 => (base + 21, base + 25),
                    1 => (base, base + 38),
                    2 => (base + 9, base + 25),
                    _ => (base + 40, base + 65),
                };
                if who > 0 {
                    match h % 6 {
                        0 => e += 3,
                        1 => s += 1,
                        2 => (s, e) = (base + 44, base + 52),
                        _ => {}
                    }
                }
                let e = e.min(text.char_len());
                let cat = if who > 0 && h.is_multiple_of(17) {
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
                    article: ArticleId::new(format!("a{a:02}")),
                    mark: make(next, s, e, cat, polarity),
                });
                next += 1;
            }
        }
        Edit::Group(edits).apply(&mut case).expect("marks");
    }
    let key = names[0].clone();
    let students = names[1..].to_vec();
    (case, key, students)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (case, key, students) = example_class(&dir.path().join("example"), 28);
    let options = GradeOptions::default();
    let class = ClassGrade::build(&case, &key, &students, &options);
    eprintln!(
        "example case: {} students, {} feedback items",
        class.students.len(),
        class
            .students
            .iter()
            .flat_map(|g| &g.articles)
            .map(|a| a.items.len())
            .sum::<usize>()
    );
    c.bench_function("grade_example_case_30_students", |b| {
        b.iter(|| black_box(ClassGrade::build(&case, &key, &students, &options)))
    });

    let (case, key, students) = large_class(&dir.path().join("large"));
    let marks: usize = case.annotators().values().map(|a| a.mark_count()).sum();
    eprintln!(
        "large class: {} annotators, {marks} marks",
        case.annotators().len()
    );
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("grade_200_annotators_50_articles_100_marks", |b| {
        b.iter(|| black_box(ClassGrade::build(&case, &key, &students, &options)))
    });
    group.finish();
    moodle_worksheet(c, dir.path());
}

/// 300 students on the example case, a roster of them with emails, and
/// Moodle's worksheet for them (in reverse order, so matching is by
/// email): grading and filling it, as `candor grade --format moodle` does
/// after opening the case.
fn moodle_worksheet(c: &mut Criterion, dir: &Path) {
    let (case, key, students) = example_class(&dir.join("moodle"), 298);
    let email = |a: &AnnotatorId| format!("{a}@school.example");
    let roster = Roster::new(
        students
            .iter()
            .map(|a| Student {
                annotator: a.clone(),
                name: format!("Student {a}"),
                email: email(a),
                ..Student::default()
            })
            .collect(),
    )
    .expect("a roster");
    let mut sheet = String::from(
        "Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,\
Last modified (submission),Last modified (grade),Feedback comments\n",
    );
    for (i, a) in students.iter().enumerate().rev() {
        sheet.push_str(&format!(
            "Participant {},Student {a},{},Submitted for grading,,100.00,Yes,\"Monday, 2 March 2026, 9:00 AM\",-,\n",
            1000 + i,
            email(a)
        ));
    }
    let options = GradeOptions::default();
    let now = moodle::moodle_time(std::time::SystemTime::now());
    let fill = || {
        let class = ClassGrade::build(&case, &key, &students, &options);
        let table = Table::parse(Path::new("worksheet.csv"), &sheet).expect("a worksheet");
        moodle::fill(&table, Some(&roster), &class, None, &now).expect("filled")
    };
    let filled = fill();
    assert_eq!(filled.filled, 300, "every student graded");
    let mut group = c.benchmark_group("moodle");
    group.sample_size(10);
    group.bench_function("grade_300_students_into_a_moodle_worksheet", |b| {
        b.iter(|| black_box(fill()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
