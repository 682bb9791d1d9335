//! Grading a class against the answer key: for each student, every mark
//! paired with the key's, the feedback that explains each pair in the key's
//! own words, and the scores, as plain data. `candor grade`, the HTML pages
//! and the window's views all show these structs and compute nothing.
//!
//! For each article a student handed in, the student's marks are paired
//! one-to-one with the key's by [`pairing::matching::pair`] (key on side
//! `a`, student on side `b`): *matched*, *boundary* (right place, different
//! extent), *other category*, and what is left, *missed* (the key's alone)
//! and *extra* (the student's alone). On matched pairs every choice and flag
//! attribute is compared; free text (a target, a source) is the student's
//! own wording and is not. An article the student neither marked done nor
//! marked anything in is *not handed in*: it is listed, and left out of every
//! score rather than counted as all missed. GRADING.md gives the rules with
//! worked examples.
//!
//! - `score`: precision, recall, F1 and attribute agreement, per category
//!   and overall;
//! - `claims`: whether the student linked into one claim the marks the key
//!   linked into one;
//! - `found`: the key's marks with the students who found each;
//! - `items`: the feedback items of one article, from its pairing.
//!
//! Which marks count, the hand-in rule and the pairing itself are
//! [`crate::pairing`]'s, shared with agreement and adjudication.

mod claims;
mod found;
mod items;
mod score;

use std::sync::Arc;

use serde::Serialize;

use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId, Schema};
use crate::pairing::{self, counted_marks};
use crate::parallel;
use crate::progress::{Cancelled, Progress};
use crate::text::CharRange;

pub use claims::{ClaimArticle, ClaimGrade, ClaimState, ClaimsSummary};
pub use found::KeyMarkTally;
pub use pairing::{HandIn, MatchRule, PairKind};
pub use score::{CategoryScore, Score};

/// How a grade is computed: what `--match` and `--partial-credit` set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct GradeOptions {
    /// When a same-category pair counts as matched.
    pub rule: MatchRule,
    /// What a boundary pair counts toward precision and recall, from 0
    /// (off, the default: it counts nothing) to 1 (as much as a match).
    pub boundary_credit: f64,
}

/// Everything the output must state for its figures to explain themselves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rules {
    /// The answer key's annotator.
    pub key: AnnotatorId,
    pub rule: MatchRule,
    /// Spans, overlaps and extents are counted in this unit.
    pub unit: &'static str,
    /// 0 when partial credit is off.
    pub boundary_credit: f64,
    /// What happens to an article the student did not hand in.
    pub not_handed_in: NotHandedInRule,
    /// Which attributes are compared on matched marks.
    pub attributes_compared: AttributesRule,
}

impl Rules {
    fn new(key: &AnnotatorId, options: &GradeOptions) -> Self {
        Rules {
            key: key.clone(),
            rule: options.rule,
            unit: "chars",
            boundary_credit: options.boundary_credit,
            not_handed_in: NotHandedInRule::LeftOut,
            attributes_compared: AttributesRule::ChoicesAndFlags,
        }
    }

    pub fn partial_credit(&self) -> bool {
        self.boundary_credit > 0.0
    }
}

/// How articles that were not handed in are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotHandedInRule {
    /// Listed, and left out of every score: the key's marks there are not
    /// counted as missed.
    LeftOut,
}

/// Which attributes grading compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributesRule {
    /// Choices and yes/no flags; free text is the student's own wording.
    ChoicesAndFlags,
}

/// What one item of feedback is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Matched,
    /// Right place, different extent.
    Boundary,
    /// Marked, but as another category than the key's.
    OtherCategory,
    /// A key mark the student has nothing on.
    Missed,
    /// A student mark the key has nothing on.
    Extra,
}

impl From<PairKind> for Outcome {
    fn from(k: PairKind) -> Self {
        match k {
            PairKind::Matched => Outcome::Matched,
            PairKind::Boundary => Outcome::Boundary,
            PairKind::OtherCategory => Outcome::OtherCategory,
        }
    }
}

/// A category as feedback names it: its id, and its name in the schema (or
/// the id again when the schema no longer has it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryLabel {
    pub id: CategoryId,
    pub name: String,
}

/// One mark as feedback quotes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkSide {
    pub mark: MarkId,
    /// Shared by every side of that category.
    pub category: Arc<CategoryLabel>,
    pub range: CharRange,
    pub quote: String,
    /// The annotator's reason, as they wrote it.
    pub note: String,
}

impl MarkSide {
    fn of(mark: &Mark, names: &Names) -> Self {
        MarkSide {
            mark: mark.id.clone(),
            category: names.of(&mark.category),
            range: mark.range(),
            quote: mark.quote.clone(),
            note: mark.note.clone(),
        }
    }
}

/// Each category's label, made once and shared by every `MarkSide`.
struct Names(Vec<Arc<CategoryLabel>>);

impl Names {
    fn new(schema: &Schema) -> Self {
        Names(
            schema
                .categories
                .iter()
                .map(|c| {
                    Arc::new(CategoryLabel {
                        id: c.id.clone(),
                        name: c.name.clone(),
                    })
                })
                .collect(),
        )
    }

    fn of(&self, id: &CategoryId) -> Arc<CategoryLabel> {
        self.0
            .iter()
            .find(|c| &c.id == id)
            .cloned()
            .unwrap_or_else(|| {
                Arc::new(CategoryLabel {
                    id: id.clone(),
                    name: id.to_string(),
                })
            })
    }
}

/// What grading reads of the key once for a whole class: per article (in
/// the case's order) its marks, and the sides feedback quotes them with,
/// shared by every student's items rather than copied into each.
struct KeyView<'c> {
    names: Names,
    articles: Vec<(Vec<&'c Mark>, Vec<Arc<MarkSide>>)>,
}

impl<'c> KeyView<'c> {
    fn new(case: &'c Case, key: &AnnotatorId) -> Self {
        let names = Names::new(case.schema());
        let articles = case
            .articles()
            .iter()
            .map(|a| {
                let marks = counted_marks(case, key, &a.meta.id);
                let sides = marks
                    .iter()
                    .map(|m| Arc::new(MarkSide::of(m, &names)))
                    .collect();
                (marks, sides)
            })
            .collect();
        KeyView { names, articles }
    }
}

/// One attribute a matched pair disagrees on, with both values as a person
/// reads them ("Casts doubt", not `doubt`); `None` where one left it unset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttrDiff {
    pub attribute: String,
    /// The attribute's name in the schema ("Cue stance").
    pub name: String,
    pub student: Option<String>,
    pub key: Option<String>,
}

/// One item of feedback: a pair, or a mark alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub outcome: Outcome,
    /// The key's mark (none for an extra mark), shared with the other
    /// students' items on it.
    pub key: Option<Arc<MarkSide>>,
    /// The student's mark (none for a missed one).
    pub student: Option<MarkSide>,
    /// Chars both marks cover (0 for a mark alone).
    pub overlap_chars: usize,
    /// On a matched pair, every compared attribute they disagree on.
    pub attributes: Vec<AttrDiff>,
    /// On a matched pair, how many attributes were compared.
    pub attributes_compared: usize,
    /// On an other-category pair, the guideline of the key's category.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key_guideline: String,
    /// On an extra mark, the key's actor mention on the same words: the
    /// key named an actor there, which is not graded, rather than leaving
    /// the words unmarked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_mention: Option<MarkSide>,
}

impl Item {
    /// Where the item starts and ends in the text: the two marks together.
    pub fn range(&self) -> CharRange {
        let sides = [self.key.as_deref(), self.student.as_ref()];
        let ranges = sides.iter().filter_map(|s| s.map(|m| m.range));
        ranges
            .reduce(|x, y| CharRange {
                start: x.start.min(y.start),
                end: x.end.max(y.end),
            })
            .unwrap_or_default()
    }
}

/// One article of one student's grade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleGrade {
    pub article: ArticleId,
    pub title: String,
    pub hand_in: HandIn,
    /// The key's marks on the article (not counted when not handed in).
    pub key_marks: usize,
    /// The feedback in text order; empty when not handed in.
    pub items: Vec<Item>,
}

/// One student graded against the key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grade {
    pub student: AnnotatorId,
    pub rules: Rules,
    /// Every article of the case, in the case's order.
    pub articles: Vec<ArticleGrade>,
    /// Per category, in the schema's order (then any category only marks use).
    pub categories: Vec<CategoryScore>,
    /// Every category together (counts pooled).
    pub overall: Score,
    /// One per key claim, in the key's order.
    pub claims: Vec<ClaimGrade>,
    pub claims_summary: ClaimsSummary,
}

impl Grade {
    /// Grades `student` against `key` on every article of the case.
    pub fn build(
        case: &Case,
        key: &AnnotatorId,
        student: &AnnotatorId,
        options: &GradeOptions,
    ) -> Grade {
        Grade::build_with(case, &KeyView::new(case, key), key, student, options)
    }

    fn build_with(
        case: &Case,
        view: &KeyView,
        key: &AnnotatorId,
        student: &AnnotatorId,
        options: &GradeOptions,
    ) -> Grade {
        let schema = case.schema();
        let mut articles = Vec::with_capacity(case.articles().len());
        let mut pairings = Vec::with_capacity(case.articles().len());
        for (article, (key_marks, key_sides)) in case.articles().iter().zip(&view.articles) {
            let key_marks: &[&Mark] = key_marks;
            let id = &article.meta.id;
            let student_marks = counted_marks(case, student, id);
            let hand_in = HandIn::of(case, student, id);
            let mut grade = ArticleGrade {
                article: id.clone(),
                title: article.meta.title.clone(),
                hand_in,
                key_marks: key_marks.len(),
                items: Vec::new(),
            };
            if hand_in.handed_in() {
                let pairing = pairing::pair_marks(key_marks, &student_marks, options.rule);
                grade.items = items::items(
                    schema,
                    &view.names,
                    items::KeyMarks {
                        sides: key_sides,
                        marks: key_marks,
                        mentions: &mention_marks(case, key, id),
                    },
                    &student_marks,
                    &pairing,
                );
                pairings.push((id, pairing));
            }
            articles.push(grade);
        }
        let (categories, overall) = score::scores(schema, &articles, options.boundary_credit);
        let (claims, claims_summary) = claims::grade(case, key, student, &articles, &pairings);
        Grade {
            student: student.clone(),
            rules: Rules::new(key, options),
            articles,
            categories,
            overall,
            claims,
            claims_summary,
        }
    }

    /// The articles not handed in.
    pub fn not_handed_in(&self) -> impl Iterator<Item = &ArticleGrade> {
        self.articles
            .iter()
            .filter(|a| a.hand_in == HandIn::NotHandedIn)
    }

    /// How many key marks the not-handed-in articles hold, left out of the scores.
    pub fn key_marks_not_counted(&self) -> usize {
        self.not_handed_in().map(|a| a.key_marks).sum()
    }

    /// The score of one category, if the grade has it.
    pub fn category(&self, id: &CategoryId) -> Option<&CategoryScore> {
        self.categories.iter().find(|c| &c.category == id)
    }
}

/// The feedback items of one article with `reference` in the key's place
/// and `reader` in the student's, whether or not the article was handed in:
/// what the window overlays on the text being read ("Compare with…"). The
/// pairing and the wording are grading's own.
pub fn article_items(
    case: &Case,
    reference: &AnnotatorId,
    reader: &AnnotatorId,
    article: &ArticleId,
    rule: MatchRule,
) -> Vec<Item> {
    let names = Names::new(case.schema());
    let key = counted_marks(case, reference, article);
    let student = counted_marks(case, reader, article);
    let sides: Vec<Arc<MarkSide>> = key
        .iter()
        .map(|m| Arc::new(MarkSide::of(m, &names)))
        .collect();
    let pairing = pairing::pair_marks(&key, &student, rule);
    let key_marks = items::KeyMarks {
        sides: &sides,
        marks: &key,
        mentions: &mention_marks(case, reference, article),
    };
    items::items(case.schema(), &names, key_marks, &student, &pairing)
}

/// The marks of `who` in `article` that grading leaves out: actor mentions.
fn mention_marks<'c>(case: &'c Case, who: &AnnotatorId, article: &ArticleId) -> Vec<&'c Mark> {
    let schema = case.schema();
    case.marks(who, article)
        .iter()
        .filter(|m| !schema.counts(&m.category))
        .collect()
}

/// A category as the class table's columns show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryInfo {
    pub category: CategoryId,
    pub name: String,
}

/// Every student of a class graded against one key, with the same rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassGrade {
    pub rules: Rules,
    /// The schema's categories, then any other that a mark uses.
    pub categories: Vec<CategoryInfo>,
    /// In the order asked for.
    pub students: Vec<Grade>,
}

impl ClassGrade {
    /// Grades each of `students` against `key`. The students are graded
    /// apart from each other, on as many threads as there are cores.
    pub fn build(
        case: &Case,
        key: &AnnotatorId,
        students: &[AnnotatorId],
        options: &GradeOptions,
    ) -> ClassGrade {
        ClassGrade::build_with_progress(case, key, students, options, &Progress::none())
            .unwrap_or_else(|Cancelled| unreachable!("Progress::none is never cancelled"))
    }

    /// [`ClassGrade::build`], each student graded one step of the stage
    /// "grading" of `progress`. Cancelled, a student not begun is not
    /// begun, and the class is dropped: nothing is returned half graded.
    pub fn build_with_progress(
        case: &Case,
        key: &AnnotatorId,
        students: &[AnnotatorId],
        options: &GradeOptions,
        progress: &Progress,
    ) -> Result<ClassGrade, Cancelled> {
        progress.stage("grading", students.len());
        let view = KeyView::new(case, key);
        let threads = if students.len() < 4 {
            1
        } else {
            parallel::cores(8)
        };
        let grades: Vec<Option<Grade>> = parallel::par_map(students, threads, |s| {
            progress.check().ok()?;
            let grade = Grade::build_with(case, &view, key, s, options);
            progress.step();
            Some(grade)
        });
        progress.check()?;
        let grades: Vec<Grade> = grades.into_iter().collect::<Option<_>>().ok_or(Cancelled)?;
        let seen = grades
            .iter()
            .flat_map(|g| g.categories.iter().map(|c| &c.category));
        let categories = score::categories(case.schema(), seen)
            .into_iter()
            .map(|(category, name)| CategoryInfo { category, name })
            .collect();
        Ok(ClassGrade {
            rules: Rules::new(key, options),
            categories,
            students: grades,
        })
    }
}

/// Whom `--all` grades: every annotator but the key and an adjudicated gold
/// set (an annotator called `gold`), in the case's order.
pub fn students(case: &Case, key: &AnnotatorId) -> Vec<AnnotatorId> {
    let reference = |a: &AnnotatorId| a == key || case.key() == Some(a) || a.as_str() == "gold";
    case.annotators()
        .keys()
        .filter(|a| !reference(a))
        .cloned()
        .collect()
}
