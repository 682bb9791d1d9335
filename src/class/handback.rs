//! The hand-back: the key's marks and notes for the articles one student
//! handed in, and nothing of the others (a student who handed in two of
//! five articles must not get the key to the three they may still do, or
//! pass them on). Taken into the student copy, they become its key there,
//! shown by Compare with key and the Feedback view on those articles only
//! (`Handout::feedback`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CLASS_FORMAT, ClassError, MAX_CLASS_FILE_BYTES, text_hash};
use crate::case::{Case, reanchor_marks};
use crate::model::{AnnotatorId, ArticleId, Links, Mark, MarkId, Timestamp};
use crate::problem::Problem;
use crate::storage;

/// `<student>.candor-handback`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "HandBack", deny_unknown_fields)]
pub struct HandBack {
    pub format: u32,
    pub candor: String,
    /// The instructor's case id.
    pub case: String,
    /// The student it is for.
    pub student: AnnotatorId,
    pub made: Timestamp,
    /// The key's annotator name in the instructor's case.
    pub key: AnnotatorId,
    /// The key's marks on each article the student handed in.
    #[serde(default)]
    pub articles: BTreeMap<ArticleId, HandBackArticle>,
    /// The key's claims and actors with marks on those articles, holding
    /// only those marks.
    #[serde(default = "Links::new")]
    pub links: Links,
}

/// The key on one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct HandBackArticle {
    /// The hash of the text the key's marks are on.
    pub text: String,
    #[serde(default)]
    pub marks: Vec<Mark>,
}

impl HandBack {
    /// The key of `case` for `articles` (those `student` handed in).
    pub fn from_case(
        case: &Case,
        student: &AnnotatorId,
        articles: &BTreeSet<ArticleId>,
    ) -> Result<HandBack, ClassError> {
        let id = case.manifest().id.clone().ok_or(ClassError::NoCaseId)?;
        let key = case.key().cloned().ok_or_else(|| ClassError::Io {
            path: case.root().join(crate::model::MANIFEST_FILE),
            message: "the case has no answer key to hand back".into(),
        })?;
        let mut out = BTreeMap::new();
        let mut ids: BTreeSet<&MarkId> = BTreeSet::new();
        for article in articles {
            let Some(text) = case.article_text(article) else {
                continue;
            };
            let marks = case.marks(&key, article);
            ids.extend(marks.iter().map(|m| &m.id));
            out.insert(
                article.clone(),
                HandBackArticle {
                    text: text_hash(&text.text),
                    marks: marks.to_vec(),
                },
            );
        }
        let mut links = Links::new();
        if let Some(all) = case.links(&key) {
            for c in &all.claims {
                let marks: Vec<MarkId> = c
                    .marks
                    .iter()
                    .filter(|m| ids.contains(m))
                    .cloned()
                    .collect();
                if !marks.is_empty() {
                    links
                        .claims
                        .push(crate::model::Claim { marks, ..c.clone() });
                }
            }
            for a in &all.actors {
                let marks: Vec<MarkId> = a
                    .marks
                    .iter()
                    .filter(|m| ids.contains(m))
                    .cloned()
                    .collect();
                if !marks.is_empty() {
                    links
                        .actors
                        .push(crate::model::Actor { marks, ..a.clone() });
                }
            }
        }
        Ok(HandBack {
            format: CLASS_FORMAT,
            candor: env!("CARGO_PKG_VERSION").to_string(),
            case: id,
            student: student.clone(),
            made: Timestamp::now(),
            key,
            articles: out,
            links,
        })
    }

    pub fn to_ron(&self) -> Result<String, ClassError> {
        storage::to_ron(self).map_err(|e| ClassError::Io {
            path: format!("{}.{}", self.student, super::HANDBACK_EXT).into(),
            message: e.to_string(),
        })
    }

    pub fn write(&self, path: &Path) -> Result<(), ClassError> {
        super::handin::write_file(path, self.to_ron()?.as_bytes())
    }

    /// Reads a hand-back, size-limited; a mistake is named by line and column.
    pub fn read(path: &Path) -> Result<HandBack, ClassError> {
        let source = storage::read_text(path, MAX_CLASS_FILE_BYTES).map_err(ClassError::File)?;
        let back: HandBack = storage::parse_ron(path, &source).map_err(ClassError::File)?;
        if back.format == 0 || back.format > CLASS_FORMAT {
            return Err(ClassError::File(Problem::error(
                path,
                format!(
                    "hand-back format {} is not one this Candor reads (it reads format {CLASS_FORMAT}): update Candor",
                    back.format
                ),
            )));
        }
        Ok(back)
    }
}

/// What taking in a hand-back did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub key: AnnotatorId,
    pub articles: Vec<ArticleId>,
    pub marks: usize,
    /// Key marks whose text had changed and that could not be placed.
    pub orphans: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.articles.iter().map(ArticleId::as_str).collect();
        write!(
            f,
            "feedback taken in: the key's {} mark{} on {}",
            self.marks,
            if self.marks == 1 { "" } else { "s" },
            ids.join(", ")
        )?;
        if self.orphans > 0 {
            write!(f, " ({} could not be placed on the text)", self.orphans)?;
        }
        Ok(())
    }
}

/// Reads the hand-back at `path` and takes it into the student copy
/// `case`: the key's marks on its articles (replacing any key marks there),
/// its links, and those articles added to `handout.feedback`. Saves.
/// Refused for another case's or another student's hand-back.
pub fn apply(case: &mut Case, path: &Path) -> Result<Report, ClassError> {
    let back = HandBack::read(path)?;
    apply_hand_back(case, &back, path)
}

/// [`apply`] with the hand-back already read; `path` names it in messages.
pub fn apply_hand_back(
    case: &mut Case,
    back: &HandBack,
    path: &Path,
) -> Result<Report, ClassError> {
    let handout = case
        .student_copy()
        .ok_or(ClassError::NotStudentCopy)?
        .clone();
    if handout.case != back.case {
        return Err(ClassError::OtherCase {
            path: path.to_path_buf(),
            found: back.case.clone(),
            expected: handout.case,
        });
    }
    if let Some(me) = &handout.student
        && (me != &back.student || me == &back.key)
    {
        return Err(ClassError::OtherStudent {
            path: path.to_path_buf(),
            found: back.student.clone(),
            expected: me.clone(),
        });
    }
    let key = &back.key;
    let mut report = Report {
        key: key.clone(),
        articles: Vec::new(),
        marks: 0,
        orphans: 0,
    };
    for (article, a) in &back.articles {
        let Some(text) = case.article_text(article) else {
            continue;
        };
        let mut marks = a.marks.clone();
        if a.text != text_hash(&text.text) {
            report.orphans += reanchor_marks(text, &mut marks).1.len();
        }
        report.marks += marks.len();
        if case.marks(key, article) != marks.as_slice() || case.annotations(key).is_none() {
            *case.marks_mut(key, article)? = marks;
        }
        report.articles.push(article.clone());
    }
    let mut links = case.links(key).cloned().unwrap_or_else(Links::new);
    for c in &back.links.claims {
        links.claims.retain(|x| x.id != c.id);
        links.claims.push(c.clone());
    }
    for a in &back.links.actors {
        links.actors.retain(|x| x.id != a.id);
        links.actors.push(a.clone());
    }
    if case.links(key) != Some(&links) {
        *case.links_mut(key)? = links;
    }
    let manifest = case.manifest_mut()?;
    manifest.key = Some(key.clone());
    if let Some(h) = manifest.handout.as_mut() {
        h.feedback.extend(report.articles.iter().cloned());
    }
    case.save().map_err(ClassError::Save)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_the_articles_and_what_could_not_be_placed() {
        let report = Report {
            key: AnnotatorId::new("key"),
            articles: vec![ArticleId::new("wire"), ArticleId::new("digest")],
            marks: 1,
            orphans: 1,
        };
        assert_eq!(
            report.to_string(),
            "feedback taken in: the key's 1 mark on wire, digest (1 could not be placed on the text)"
        );
    }

    #[test]
    fn a_newer_hand_back_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ana.candor-handback");
        std::fs::write(
            &path,
            "HandBack(format: 7, candor: \"9\", case: \"c1\", student: \"ana\", made: \"x\", key: \"key\")",
        )
        .expect("write");
        let err = HandBack::read(&path).expect_err("format 7");
        assert!(err.to_string().contains("hand-back format 7"), "{err}");
        assert!(err.to_string().contains("ana.candor-handback"), "{err}");
    }
}
