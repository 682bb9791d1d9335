//! A class through files, in the window (`crate::class` does the work):
//! what a student copy hides until feedback comes back, the student's
//! name asked once, and the files of a class written and read off the UI
//! thread (a student copy, a hand-in, the hand-ins collected). As with an
//! import, a worker reads and writes files; the case itself is changed
//! only here, on the UI thread, from what the worker hands back. A child
//! of `session`, so it sees the session's fields.

use std::path::PathBuf;

pub use super::class_done::ClassDone;
use super::jobs::Wake;
use super::jobs::file_name;
use super::work::{Finished, Work};
use super::*;
use crate::class::collect::{self, CollectOptions, CollectReport};
use crate::class::gather;
use crate::class::handback;
use crate::class::handin::HandIn;
use crate::class::handout::{HandoutOptions, HandoutReport, write_student_copy};
use crate::model::Handout;

/// What the window says of a student copy written.
fn handout_said(r: &HandoutReport) -> String {
    let zip = r
        .zip
        .as_ref()
        .map_or_else(String::new, |z| format!(" and zipped into {}", z.display()));
    let with = if r.included.is_empty() {
        "no key and no one's marks".to_string()
    } else {
        let names: Vec<&str> = r.included.iter().map(AnnotatorId::as_str).collect();
        format!("no key; the marks of {} as an example", names.join(", "))
    };
    format!(
        "Student copy of {} article(s) written to {}{zip}: {with}.",
        r.articles,
        r.out.display()
    )
}

/// The id a student's name becomes: letters folded to plain ASCII where
/// they have a plain form ("José Núñez" is `jose-nunez`), the rest as
/// `slugify` makes ids. `None` when nothing of the name is left, or it
/// would be the answer key's name.
pub fn student_id(name: &str) -> Option<AnnotatorId> {
    let folded: String = name.trim().chars().map(fold).collect();
    let id = slugify(&folded);
    let empty = !folded.chars().any(|c| c.is_ascii_alphanumeric());
    (!empty && id != crate::model::DEFAULT_KEY).then(|| AnnotatorId::new(id))
}

/// A Latin letter with a mark, as its plain letter; anything else as it is.
fn fold(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťţùúûüūůűųýÿźżž";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrsssttuuuuuuuuyyzzz";
    let lower = c.to_lowercase().next().unwrap_or(c);
    FROM.chars()
        .position(|f| f == lower)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

impl Session {
    /// The hand-out this case is a student copy of, if it is one.
    pub fn student_copy(&self) -> Option<&Handout> {
        self.case.student_copy()
    }

    /// Whether this is a student copy whose student has not yet given
    /// their name (the window asks for it before anything else).
    pub fn needs_student_name(&self) -> bool {
        self.student_copy().is_some_and(|h| h.student.is_none())
    }

    /// Whether the answer key's marks may be shown on `article`: always in
    /// the instructor's case; in a student copy only on the articles whose
    /// key came back with a hand-back.
    pub fn key_shown_on(&self, article: &ArticleId) -> bool {
        self.student_copy()
            .is_none_or(|h| h.feedback.contains(article))
    }

    /// Whether `who` may be offered to compare with on `article` (or,
    /// with no article, anywhere): anyone but the key of a student copy
    /// where its feedback has not come back.
    pub fn may_compare_with(&self, who: &AnnotatorId, article: Option<&ArticleId>) -> bool {
        if self.student_copy().is_none() || self.case.key() != Some(who) {
            return true;
        }
        article.is_some_and(|a| self.key_shown_on(a))
    }

    /// Whose marks are drawn over the reader's on `article`: the one
    /// chosen under *Compare with*, unless that is a key the student may
    /// not see there.
    pub fn compared_with(&self, article: &ArticleId) -> Option<&AnnotatorId> {
        self.compare_with
            .as_ref()
            .filter(|a| self.may_compare_with(a, Some(article)))
    }

    /// Who may be chosen under *Marking as*: never a student copy's key
    /// (it came back to be read, not changed), never a locked key.
    pub fn may_mark_as(&self, who: &AnnotatorId) -> bool {
        if self.case.key() != Some(who) {
            return true;
        }
        self.student_copy().is_none() && self.key_unlocked
    }

    /// Records the student's name in the student copy (`handout.student`
    /// in case.ron) and marks as them from now on. Not an undo step: the
    /// name says whose work the copy holds and is asked once; undoing it
    /// would only ask again. Saved at once, so a crash cannot ask twice.
    pub fn set_student_name(&mut self, name: &str, now_secs: f64) -> Option<AnnotatorId> {
        let Some(id) = student_id(name) else {
            self.notifications.warn(
                format!(
                    "\"{}\" cannot be a name here: use letters or digits (and not \"key\").",
                    name.trim()
                ),
                now_secs,
            );
            return None;
        };
        let set = self.case.manifest_mut().map(|m| {
            if let Some(h) = &mut m.handout {
                h.student = Some(id.clone());
            }
        });
        if let Err(e) = set {
            self.report(&e, now_secs);
            return None;
        }
        if let Err(e) = self.case.add_annotator(&id) {
            self.report(&e, now_secs);
            return None;
        }
        self.annotator = id.clone();
        self.viewing = false;
        self.selection = None;
        self.selected_mark = None;
        self.save(now_secs);
        self.notifications.note(
            format!("Welcome, {}: your marks are saved as {id}.", name.trim()),
            now_secs,
        );
        Some(id)
    }

    /// Whose work a hand-in holds: a student copy's student, whoever is
    /// marking; in any other case, the annotator marking.
    pub fn hands_in(&self) -> AnnotatorId {
        self.student_copy()
            .and_then(|h| h.student.clone())
            .unwrap_or_else(|| self.annotator.clone())
    }

    /// The hand-in of `hands_in`, made from the case as it is
    /// now, with what it holds in words ("12 marks on 3 of 5 articles, 2
    /// marked done"), for the Hand in dialog to show before saving.
    pub fn hand_in(&self) -> Result<(HandIn, String), String> {
        let handin = HandIn::from_case(&self.case, &self.hands_in()).map_err(|e| e.to_string())?;
        let summary = handin.summary(self.case.articles().len());
        Ok((handin, summary))
    }

    /// Writes the hand-in (of `hands_in`) to `path` on a worker.
    pub fn start_hand_in(&mut self, path: PathBuf, wake: Wake, now_secs: f64) {
        if self.busy(now_secs) {
            return;
        }
        if self.case.has_unsaved_changes() {
            self.save(now_secs);
        }
        let (handin, summary) = match self.hand_in() {
            Ok(made) => made,
            Err(e) => {
                let message = format!("Could not hand in: {e}");
                return self.notifications.error(message, now_secs);
            }
        };
        let title = format!("Writing {}", file_name(&path));
        self.work = Some(Work::spawn(
            title,
            1,
            move || wake(),
            move |r| {
                r.at(format!("Writing {}", file_name(&path)), 0);
                let result = handin
                    .write(&path)
                    .map(|()| summary)
                    .map_err(|e| e.to_string());
                Finished::Class(ClassDone::HandedIn { path, result })
            },
        ));
    }

    /// Writes the student copy of this case into `folder` (and `zip`) on a
    /// worker. The case's id, which every hand-in names, is given here
    /// first if it has none, and saved; the worker then reads the case
    /// from disk for itself and writes only outside it.
    pub fn start_handout(
        &mut self,
        folder: PathBuf,
        zip: Option<PathBuf>,
        include: Vec<AnnotatorId>,
        wake: Wake,
        now_secs: f64,
    ) {
        if self.busy(now_secs) {
            return;
        }
        if self.student_copy().is_some() {
            return self.notifications.warn(
                "This is a student copy: make student copies from the instructor's case.",
                now_secs,
            );
        }
        if self.case.manifest().id.is_none() {
            match self.case.manifest_mut() {
                Ok(m) => m.id = Some(crate::case::new_case_id()),
                Err(e) => return self.report(&e, now_secs),
            }
        }
        if self.case.has_unsaved_changes() {
            self.save(now_secs);
        }
        if let SaveStatus::Failed { message, .. } = &self.save_status {
            let message =
                format!("No student copy made: the case could not be saved first ({message})");
            return self.notifications.error(message, now_secs);
        }
        let root = self.case.root().to_path_buf();
        let title = format!("Making the student copy in {}", folder.display());
        self.work = Some(Work::spawn(
            title,
            1,
            move || wake(),
            move |r| {
                r.at("Writing the student copy", 0);
                let opts = HandoutOptions { include, zip };
                let result = Case::open(&root)
                    .map_err(|e| e.to_string())
                    .and_then(|mut case| {
                        write_student_copy(&mut case, &folder, &opts).map_err(|e| e.to_string())
                    });
                Finished::Class(ClassDone::HandedOut(result))
            },
        ));
    }

    /// Reads the hand-ins in `paths` (files, folders, zips) on a worker;
    /// they are merged into the case once read ([`Session::finish_class`]).
    pub fn start_collect(&mut self, paths: Vec<PathBuf>, wake: Wake, now_secs: f64) {
        if paths.is_empty() || self.busy(now_secs) {
            return;
        }
        if self.student_copy().is_some() {
            return self.notifications.warn(
                "This is a student copy: hand-ins are collected in the instructor's case.",
                now_secs,
            );
        }
        let title = match paths.as_slice() {
            [one] => format!("Collecting hand-ins from {}", file_name(one)),
            many => format!("Collecting hand-ins from {} places", many.len()),
        };
        self.work = Some(Work::spawn(
            title,
            paths.len(),
            move || wake(),
            move |r| Finished::Class(ClassDone::Found(gather::read_all(&paths, r.progress()))),
        ));
    }

    /// Takes in what a class worker did. A collect is merged into the
    /// case here and its report returned, for the window to list.
    pub fn finish_class(&mut self, done: ClassDone, now_secs: f64) -> Option<CollectReport> {
        match done {
            ClassDone::HandedOut(result) => {
                match result {
                    Ok(r) => self.notifications.note(handout_said(&r), now_secs),
                    Err(e) => self
                        .notifications
                        .error(format!("No student copy made: {e}"), now_secs),
                }
                None
            }
            ClassDone::HandedIn { path, result } => {
                match result {
                    Ok(summary) => self.notifications.note(
                        format!(
                            "Handed in {summary}: wrote {}. Upload that file to your course.",
                            path.display()
                        ),
                        now_secs,
                    ),
                    Err(e) => self
                        .notifications
                        .error(format!("Could not write {}: {e}", path.display()), now_secs),
                }
                None
            }
            ClassDone::Found(found) => {
                // The merge saves the case: what the window holds goes first.
                if self.case.has_unsaved_changes() {
                    self.save(now_secs);
                }
                match collect::apply(&mut self.case, found, &CollectOptions::default()) {
                    Ok(report) => {
                        self.case_changed_outside_history();
                        let students: Vec<&str> = report
                            .students()
                            .into_iter()
                            .map(AnnotatorId::as_str)
                            .collect();
                        let taken = if students.is_empty() {
                            "Collected no hand-in".to_string()
                        } else {
                            format!("Collected the hand-ins of {}", students.join(", "))
                        };
                        let refused = report
                            .entries
                            .iter()
                            .filter(|e| e.status.is_refused())
                            .count();
                        let said = match refused {
                            0 => format!("{taken}."),
                            n => format!("{taken}; {n} file(s) refused (see the list)."),
                        };
                        self.notifications.note(said, now_secs);
                        Some(report)
                    }
                    Err(e) => {
                        let message = format!("Could not collect the hand-ins: {e}");
                        self.notifications.error(message, now_secs);
                        None
                    }
                }
            }
        }
    }

    /// Takes in a hand-back in a student copy: the key's marks on the
    /// articles the student handed in, after which *Compare with → key*
    /// and Feedback show them there.
    pub fn apply_hand_back(&mut self, path: &Path, now_secs: f64) {
        if self.student_copy().is_none() {
            return self.notifications.warn(
                format!(
                    "{} is a hand-back for a student copy; this case is not one.",
                    file_name(path)
                ),
                now_secs,
            );
        }
        if self.case.has_unsaved_changes() {
            self.save(now_secs);
        }
        match handback::apply(&mut self.case, path) {
            Ok(report) => {
                self.case_changed_outside_history();
                self.compare_with = Some(report.key.clone());
                let articles: Vec<String> = report
                    .articles
                    .iter()
                    .map(|a| self.article_name(a))
                    .collect();
                self.notifications.note(
                    format!(
                        "Feedback came back: the key's {} mark(s) on {}. Compare with → key and the Feedback view show them there.",
                        report.marks,
                        articles.join(", ")
                    ),
                    now_secs,
                );
            }
            Err(e) => self
                .notifications
                .error(format!("Could not open {}: {e}", path.display()), now_secs),
        }
    }

    /// Marks files were written by the class's own code (a collect, a
    /// hand-back), not through the history: whatever the window built
    /// from the case (grades, layouts, orphans) is built again.
    fn case_changed_outside_history(&mut self) {
        self.history.bump();
        self.texts_generation += 1;
        self.orphans_key = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_becomes_a_plain_id() {
        assert_eq!(
            student_id("José Núñez").map(|a| a.to_string()),
            Some("jose-nunez".into())
        );
        assert_eq!(
            student_id("  Ana  ").map(|a| a.to_string()),
            Some("ana".into())
        );
        assert_eq!(
            student_id("Łukasz O'Brien").map(|a| a.to_string()),
            Some("lukasz-o-brien".into())
        );
    }

    #[test]
    fn a_name_with_nothing_plain_or_the_keys_name_is_refused() {
        assert_eq!(student_id("  "), None);
        assert_eq!(student_id("李"), None);
        assert_eq!(student_id("Key"), None);
    }
}
