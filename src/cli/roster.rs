//! `candor roster`: the class list (`roster.csv`, `crate::roster`). With
//! `--from FILE` it is made or brought up to date from a Canvas gradebook
//! export or a Moodle participants export; without, it is shown against
//! the case's annotators: who has marks, who has none, and annotators the
//! roster does not list.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::Args;

use super::args::CaseArg;
use crate::case::Case;
use crate::export::gradebook::roster_csv;
use crate::export::printable;
use crate::export::table::{Align, render};
use crate::model::AnnotatorId;
use crate::pairing::HandIn;
use crate::roster::lms::{Table, students_of};
use crate::roster::{ROSTER_FILE, Roster, Student};

#[derive(Debug, Args)]
pub struct RosterArgs {
    #[command(flatten)]
    case: CaseArg,
    /// Make roster.csv from this file: a Canvas gradebook export or a
    /// Moodle participants (or gradebook) export. A roster already there
    /// keeps the annotator each student has.
    #[arg(long, value_name = "FILE")]
    from: Option<PathBuf>,
    /// Update a roster.csv that was changed outside Candor (its annotator
    /// ids are still kept; columns Candor does not know are not).
    #[arg(long, requires = "from")]
    force: bool,
}

pub fn run(args: &RosterArgs) -> Result<ExitCode> {
    let case = args.case.open()?;
    match &args.from {
        Some(from) => build(&case, from, args.force),
        None => show(&case),
    }
}

fn build(case: &Case, from: &std::path::Path, force: bool) -> Result<ExitCode> {
    let table = Table::read(from).map_err(|p| anyhow!("{p}"))?;
    let (lms, students) = students_of(&table).map_err(|p| anyhow!("{p}"))?;
    if students.is_empty() {
        bail!("{}: no students in this {}", from.display(), lms.name());
    }
    let path = case.root().join(ROSTER_FILE);
    let existing = Roster::load(case.root()).map_err(|p| anyhow!("{p}"))?;
    if let Some(old) = &existing {
        let on_disk = std::fs::read_to_string(&path)?;
        if !force && on_disk != roster_csv(old)? {
            bail!(
                "{} was changed outside Candor, so it is left as it is. Run again with --force to update it \
from {}: the annotator each student has is kept, details are taken from the export, students it \
does not list are kept, and columns Candor does not know are dropped",
                path.display(),
                from.display()
            );
        }
    }
    let read = students.len();
    let update = existing.clone().unwrap_or_default().update(students);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} students ({})",
        from.display(),
        read,
        lms.name()
    )?;
    for s in &update.added {
        writeln!(out, "  added {}", who(s))?;
    }
    for (s, fields) in &update.changed {
        writeln!(out, "  updated {}: {}", who(s), fields.join(", "))?;
    }
    for s in &update.not_in_export {
        writeln!(out, "  kept {}: not in {}", who(s), from.display())?;
    }
    let text = roster_csv(&update.roster)?;
    if existing.is_some() && std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        writeln!(
            out,
            "{} is up to date ({} students)",
            path.display(),
            update.roster.students().len()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let written = Roster::save(case.root(), &text)?;
    writeln!(
        out,
        "wrote {} ({} students: {} added, {} updated)",
        written.display(),
        update.roster.students().len(),
        update.added.len(),
        update.changed.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The case's roster for a command that only mentions it (collect, grade):
/// none when there is no `roster.csv`, and one that cannot be read is
/// reported on stderr, the command going on without it.
pub(super) fn roster_to_mention(case: &Case) -> Option<Roster> {
    match Roster::load(case.root()) {
        Ok(r) => r,
        Err(p) => {
            super::say(p);
            None
        }
    }
}

/// On stderr, the students on the roster not among `handed_in`, after
/// `saying` ("handed nothing in"); nothing when every one is there.
pub(super) fn say_missing(roster: &Roster, handed_in: &[AnnotatorId], saying: &str) {
    let missing: Vec<String> = roster
        .missing(handed_in)
        .iter()
        .map(|s| format!("{} ({})", s.name, s.annotator))
        .collect();
    if !missing.is_empty() {
        super::say(format!(
            "{} student(s) on {ROSTER_FILE} {saying}: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
}

fn who(s: &Student) -> String {
    printable(&format!("{} as {}", s.name, s.annotator)).into_owned()
}

/// Every annotator but the key and a gold set: those a roster lists.
fn class_of(case: &Case) -> Vec<AnnotatorId> {
    case.annotators()
        .keys()
        .filter(|a| case.key() != Some(*a) && a.as_str() != "gold" && a.as_str() != "key")
        .cloned()
        .collect()
}

fn show(case: &Case) -> Result<ExitCode> {
    let Some(roster) = Roster::load(case.root()).map_err(|p| anyhow!("{p}"))? else {
        bail!(
            "{} has no {ROSTER_FILE}: make one with `candor roster {} --from EXPORT.csv` (a Canvas gradebook export or a Moodle participants export)",
            case.root().display(),
            case.root().display()
        );
    };
    let annotators = class_of(case);
    let total = case.articles().len();
    let mut rows = vec![
        [
            "annotator",
            "name",
            "email",
            "student id",
            "section",
            "handed in",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut none = Vec::new();
    // Each annotator's roster student, looked up once.
    let on_roster: std::collections::HashMap<&AnnotatorId, &AnnotatorId> = annotators
        .iter()
        .filter_map(|a| Some((&roster.of_annotator(a)?.annotator, a)))
        .collect();
    for s in roster.students() {
        let found = on_roster.get(&s.annotator).copied();
        let handed = found.map(|a| {
            case.articles()
                .iter()
                .filter(|art| HandIn::of(case, a, &art.meta.id).handed_in())
                .count()
        });
        let words = match handed {
            Some(n) if n > 0 => format!("{n} of {total} articles"),
            _ => {
                none.push(who(s));
                "no marks".to_string()
            }
        };
        let annotator = match found {
            Some(a) if a != &s.annotator => format!("{} (marks as {a})", s.annotator),
            _ => s.annotator.to_string(),
        };
        rows.push(vec![
            annotator,
            s.name.clone(),
            s.email.clone(),
            s.student_id.clone(),
            s.section.clone(),
            words,
        ]);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(render(&rows, Align::Left).as_bytes())?;
    writeln!(out)?;
    writeln!(
        out,
        "{} students on the roster; {} with no marks{}",
        roster.students().len(),
        none.len(),
        if none.is_empty() {
            String::new()
        } else {
            format!(": {}", none.join(", "))
        }
    )?;
    let strangers = roster.not_on_roster(&annotators);
    if strangers.is_empty() {
        writeln!(out, "every annotator with marks is on the roster")?;
    } else {
        let names: Vec<String> = strangers.iter().map(|a| a.to_string()).collect();
        writeln!(
            out,
            "{} annotator(s) with marks are not on the roster: {}",
            names.len(),
            printable(&names.join(", "))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
