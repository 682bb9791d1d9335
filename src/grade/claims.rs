//! Claims: for each claim of the key (the same claim reported in several
//! articles), whether the student saw it as one claim too: in which of the
//! key's articles a mark paired with the key's claim mark is linked into
//! the student's corresponding claim. The student's corresponding claim is
//! the one that covers the most of those articles (the first in their list
//! on a tie); a student may word and number their claims as they like.
//!
//! A pair of any kind counts here (matched, boundary or other category):
//! the question is whether the student linked the same place of the text,
//! not whether they judged it the same way, which the marks' own feedback
//! says.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::ArticleGrade;
use crate::case::Case;
use crate::model::{AnnotatorId, ArticleId, LinkId, MarkId};
use crate::pairing::{Pairing, counted_marks};

/// How one article carries one of the key's claims in the student's links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimState {
    /// The student's mark there is in their corresponding claim.
    Linked,
    /// The student marked the place, but did not link it into that claim.
    FoundNotLinked,
    /// The student has no mark paired with the key's there.
    NotFound,
    /// The article was not handed in; not counted.
    NotHandedIn,
}

/// One article of a key claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimArticle {
    pub article: ArticleId,
    pub state: ClaimState,
    /// The key's marks of the claim on this article.
    pub key_marks: Vec<MarkId>,
    /// The student's marks paired with them.
    pub student_marks: Vec<MarkId>,
}

/// The student's claim that corresponds to a key claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StudentClaim {
    pub claim: LinkId,
    pub label: String,
}

/// One of the key's claims, graded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimGrade {
    pub claim: LinkId,
    pub label: String,
    /// None when the student linked none of the places into any claim.
    pub student_claim: Option<StudentClaim>,
    /// The key's articles for the claim, in the case's order.
    pub articles: Vec<ClaimArticle>,
    /// Articles handed in that are `Linked`, of `counted`.
    pub linked: usize,
    pub counted: usize,
}

/// All the key's claims together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClaimsSummary {
    pub claims: usize,
    /// Claim-in-article places counted (handed in), and those linked.
    pub counted: usize,
    pub linked: usize,
}

pub(super) fn grade(
    case: &Case,
    key: &AnnotatorId,
    student: &AnnotatorId,
    articles: &[ArticleGrade],
    pairings: &[(&ArticleId, Pairing)],
) -> (Vec<ClaimGrade>, ClaimsSummary) {
    let Some(key_links) = case.links(key).filter(|l| !l.claims.is_empty()) else {
        return (Vec::new(), ClaimsSummary::default());
    };
    // Only the key's marks that are in a claim matter here.
    let in_claims: HashSet<&MarkId> = key_links.claims.iter().flat_map(|c| &c.marks).collect();
    let student_claims = case.links(student).map_or(&[][..], |l| &l.claims);
    // Which of the student's claims each of their marks is in.
    let mut claims_of: HashMap<&MarkId, Vec<usize>> = HashMap::new();
    for (i, c) in student_claims.iter().enumerate() {
        for m in &c.marks {
            claims_of.entry(m).or_default().push(i);
        }
    }
    // For each key mark of a claim: the student marks paired with it.
    let mut paired: HashMap<&MarkId, Vec<&MarkId>> = HashMap::new();
    for (article, pairing) in pairings {
        let (k, s) = (
            counted_marks(case, key, article),
            counted_marks(case, student, article),
        );
        for p in &pairing.pairs {
            if in_claims.contains(&k[p.a].id) {
                paired.entry(&k[p.a].id).or_default().push(&s[p.b].id);
            }
        }
    }
    let key_article: HashMap<&MarkId, &ArticleId> = case
        .annotations(key)
        .into_iter()
        .flat_map(|a| &a.marks)
        .flat_map(|(art, ms)| ms.iter().map(move |m| (&m.id, art)))
        .filter(|(m, _)| in_claims.contains(m))
        .collect();
    let handed_in = |id: &ArticleId| {
        articles
            .iter()
            .any(|a| &a.article == id && a.hand_in.handed_in())
    };

    let mut out = Vec::new();
    let mut summary = ClaimsSummary::default();
    for claim in &key_links.claims {
        // The claim's places: per article in case order, key marks and the
        // student marks paired with them.
        let mut places: Vec<ClaimArticle> = Vec::new();
        for article in case.articles() {
            let id = &article.meta.id;
            let key_marks: Vec<MarkId> = claim
                .marks
                .iter()
                .filter(|m| key_article.get(m) == Some(&id))
                .cloned()
                .collect();
            if key_marks.is_empty() {
                continue;
            }
            let student_marks: Vec<MarkId> = key_marks
                .iter()
                .filter_map(|m| paired.get(m))
                .flat_map(|v| v.iter().map(|s| (*s).clone()))
                .collect();
            let state = if !handed_in(id) {
                ClaimState::NotHandedIn
            } else if student_marks.is_empty() {
                ClaimState::NotFound
            } else {
                ClaimState::FoundNotLinked
            };
            places.push(ClaimArticle {
                article: id.clone(),
                state,
                key_marks,
                student_marks,
            });
        }
        // The student's claim in the most of those places.
        let mut covers = vec![0usize; student_claims.len()];
        for place in places.iter().filter(|p| p.state != ClaimState::NotHandedIn) {
            let mut here: Vec<usize> = place
                .student_marks
                .iter()
                .flat_map(|m| claims_of.get(m).into_iter().flatten().copied())
                .collect();
            here.sort_unstable();
            here.dedup();
            for c in here {
                covers[c] += 1;
            }
        }
        let best = (0..covers.len())
            .filter(|&c| covers[c] > 0)
            .max_by(|&x, &y| covers[x].cmp(&covers[y]).then(y.cmp(&x)));
        if let Some(best) = best {
            for place in &mut places {
                let linked = place
                    .student_marks
                    .iter()
                    .any(|m| claims_of.get(m).is_some_and(|cs| cs.contains(&best)));
                if linked && place.state == ClaimState::FoundNotLinked {
                    place.state = ClaimState::Linked;
                }
            }
        }
        let counted = places
            .iter()
            .filter(|p| p.state != ClaimState::NotHandedIn)
            .count();
        let linked = places
            .iter()
            .filter(|p| p.state == ClaimState::Linked)
            .count();
        summary.claims += 1;
        summary.counted += counted;
        summary.linked += linked;
        out.push(ClaimGrade {
            claim: claim.id.clone(),
            label: claim.label.clone(),
            student_claim: best.map(|b| StudentClaim {
                claim: student_claims[b].id.clone(),
                label: student_claims[b].label.clone(),
            }),
            articles: places,
            linked,
            counted,
        });
    }
    (out, summary)
}
