//! Feedback back to each student who handed in: a folder per student
//! holding their feedback page (the grade page of `candor grade --format
//! html`) and their hand-back, plus `feedback.zip` of those folders. A
//! folder is named as the LMS named the student's in its download, when
//! collect saw one (Moodle's `Full Name_12345_assignsubmission_file_`), so
//! Moodle's "multiple feedback files in a zip" upload puts each folder's
//! files with its student; otherwise it is the student's name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::collect::read_record;
use super::handback::HandBack;
use super::{ClassError, HANDBACK_EXT};
use crate::case::Case;
use crate::export::folder::{self, Replace};
use crate::export::grade::html::student_page;
use crate::grade::{Grade, GradeOptions};
use crate::model::{AnnotatorId, ArticleId};
use crate::progress::Progress;

/// The zip of every student's folder, for an LMS's bulk upload.
pub const FEEDBACK_ZIP: &str = "feedback.zip";

/// What `write` wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeedbackReport {
    /// Each student and the folder their files are in.
    pub students: Vec<(AnnotatorId, String)>,
    pub written: Vec<PathBuf>,
}

/// Writes feedback for every student collect took a hand-in from into
/// `out` (new, empty, or one Candor wrote, unless `replace` allows more).
pub fn write(
    case: &Case,
    out: &Path,
    options: &GradeOptions,
    replace: Replace,
    progress: &Progress,
) -> Result<FeedbackReport, ClassError> {
    let key = case.key().cloned().ok_or_else(|| ClassError::Io {
        path: case.root().join(crate::model::MANIFEST_FILE),
        message: "the case has no answer key: name one in case.ron (key: \"...\")".into(),
    })?;
    let students: Vec<AnnotatorId> = case
        .annotators()
        .keys()
        .filter(|a| **a != key)
        .cloned()
        .collect();
    progress.stage("feedback", students.len());
    let mut report = FeedbackReport::default();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut folders = BTreeSet::new();
    for student in students {
        progress.step();
        let Some(record) = read_record(case, &student) else {
            continue; // Not collected from a hand-in: nobody to send it to.
        };
        let articles: BTreeSet<ArticleId> = record
            .articles
            .iter()
            .filter(|a| case.article(a).is_some())
            .cloned()
            .collect();
        let mut name = record
            .folder
            .filter(|f| is_safe_folder(f))
            .unwrap_or_else(|| student.to_string());
        if !folders.insert(name.clone()) {
            name = format!("{name}-{student}");
            folders.insert(name.clone());
        }
        let grade = Grade::build(case, &key, &student, options);
        let back = HandBack::from_case(case, &student, &articles)?;
        let dir = PathBuf::from(&name);
        files.push((
            dir.join(format!("{student}.html")),
            student_page(case, &grade).into_bytes(),
        ));
        files.push((
            dir.join(format!("{student}.{HANDBACK_EXT}")),
            back.to_ron()?.into_bytes(),
        ));
        report.students.push((student, name));
    }
    let entries: Vec<(String, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b.as_slice()))
        .collect();
    let zip = super::zip_files(&entries).map_err(|message| ClassError::Io {
        path: out.join(FEEDBACK_ZIP),
        message,
    })?;
    files.push((PathBuf::from(FEEDBACK_ZIP), zip));
    let refs: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.clone(), b.as_slice()))
        .collect();
    report.written = folder::write_all(out, &refs, replace).map_err(|e| ClassError::Io {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(report)
}

/// Whether an LMS's folder name can name a folder as it is: one name, not
/// hidden, nothing that a file system or a zip would read otherwise.
fn is_safe_folder(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moodle_folder_names_are_kept_and_dangerous_ones_are_not() {
        assert!(is_safe_folder("Ana López_12345_assignsubmission_file_"));
        assert!(!is_safe_folder("../x"));
        assert!(!is_safe_folder(".."));
        assert!(!is_safe_folder("a/b"));
        assert!(!is_safe_folder("C:x"));
        assert!(!is_safe_folder(""));
    }
}
