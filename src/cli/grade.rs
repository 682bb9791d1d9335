//! `candor grade`: students' marks against the answer key, as a class table
//! with feedback, CSV, JSON, or HTML pages (one per student and an index).
//! The key is `--key`, else the case's (`Case::key`); `--all` grades every
//! annotator but the key and a gold set (`grade::students`). The gradebook
//! formats (canvas, moodle, sheet) fill the school's own file through the
//! roster (`export::gradebook`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::{ArgGroup, Args, ValueEnum};

use super::args::CaseArg;
use crate::case::Case;
use crate::export;
use crate::export::folder::{self, Replace};
use crate::export::gradebook::{Scale, canvas, moodle, score, sheet};
use crate::grade::{self, ClassGrade, GradeOptions, MatchRule};
use crate::model::AnnotatorId;
use crate::roster::lms::Table;
use crate::roster::{ROSTER_FILE, Roster};
use crate::storage;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("who").required(true).args(["students", "all"])))]
pub struct GradeArgs {
    #[command(flatten)]
    case: CaseArg,
    /// The answer key's annotator (default: the one case.ron names, else
    /// an annotator called `key`).
    #[arg(long)]
    key: Option<String>,
    /// A student to grade (repeat for several).
    #[arg(long = "student", short = 's', value_name = "STUDENT")]
    students: Vec<String>,
    /// Grade every annotator but the key (and a gold set, `gold`).
    #[arg(long)]
    all: bool,
    /// When two marks of one category match: exact, overlap, half (the
    /// overlap covers half the longer mark), or a share such as 0.8.
    #[arg(long = "match", value_name = "RULE", default_value = "half")]
    rule: MatchRule,
    /// Give boundary pairs (right place, different extent) this share of a
    /// match, 0.5 if no share is given. Off by default.
    #[arg(long, value_name = "SHARE", num_args = 0..=1, default_missing_value = "0.5")]
    partial_credit: Option<f64>,
    #[arg(long, value_enum, default_value_t = GradeFormat::Table)]
    format: GradeFormat,
    /// Write into this folder instead of printing: `grades.txt`, `.csv` or
    /// `.json`; with --format html (which needs it), one page per student
    /// and `index.html`. The folder must be new, empty or one Candor wrote
    /// (it has a `.candor-export` file), unless --force is given. With
    /// --format canvas, moodle or sheet: the file to write.
    #[arg(long, value_name = "DIR|FILE")]
    out: Option<PathBuf>,
    /// Write into the --out folder even if it holds files Candor did not
    /// write, replacing those with the same names (with canvas, moodle or
    /// sheet: replace the --out file).
    #[arg(long, requires = "out")]
    force: bool,
    /// With --format canvas or moodle: the gradebook file the LMS gave
    /// (Canvas's gradebook export, Moodle's grading worksheet), copied
    /// with the grades filled in.
    #[arg(long, value_name = "FILE")]
    gradebook: Option<PathBuf>,
    /// With --format canvas: the assignment column to fill (its header,
    /// with or without Canvas's number in brackets).
    #[arg(long, value_name = "NAME")]
    column: Option<String>,
    /// Scale each grade to this many points (default: canvas the column's
    /// Points Possible, moodle each row's Maximum Grade, sheet 100).
    #[arg(long, value_name = "N")]
    points: Option<f64>,
}

/// The formats `candor grade` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    Table,
    Csv,
    Json,
    Html,
    /// Fill an assignment column of a Canvas gradebook export.
    Canvas,
    /// Fill a Moodle offline grading worksheet.
    Moodle,
    /// One row per roster student, for Google Classroom or any spreadsheet.
    Sheet,
}

impl GradeFormat {
    fn gradebook(self) -> bool {
        matches!(
            self,
            GradeFormat::Canvas | GradeFormat::Moodle | GradeFormat::Sheet
        )
    }
}

pub fn run(args: &GradeArgs, quiet: bool) -> Result<ExitCode> {
    check_gradebook_args(args)?;
    let case = args.case.open()?;
    let key = resolve_key(&case, args.key.as_deref())?;
    let students = if args.all {
        grade::students(&case, &key)
    } else {
        args.students
            .iter()
            .map(|s| AnnotatorId::new(s.as_str()))
            .collect()
    };
    for s in &students {
        if case.annotations(s).is_none() {
            eprintln!(
                "candor: no marks from \"{s}\" in this case (no folder marks/{s}/); graded as having handed in nothing"
            );
        }
    }
    let boundary_credit = match args.partial_credit {
        None => 0.0,
        Some(x) if (0.0..=1.0).contains(&x) => x,
        Some(x) => bail!("--partial-credit {x}: give a share between 0 and 1"),
    };
    let options = GradeOptions {
        rule: args.rule,
        boundary_credit,
    };
    let progress = super::progress::bar(quiet);
    // One bar for grading and, with --format html, making the pages.
    let class = ClassGrade::build_with_progress(&case, &key, &students, &options, &progress)?;
    let replace = if args.force {
        Replace::Anything
    } else {
        Replace::OnlyCandors
    };
    if args.format.gradebook() {
        progress.finish();
        return gradebook(&case, &class, args);
    }
    if args.all {
        roster_lines(&case, &class);
    }
    if args.format == GradeFormat::Html {
        let Some(dir) = &args.out else {
            bail!("--format html writes one page per student: say where with --out DIR");
        };
        let written = export::grade::html::write(&case, &class, dir, replace, &progress);
        progress.finish();
        let written = written?;
        eprintln!("wrote {} page(s) to {}", written.len(), dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    progress.finish();
    let (text, name) = match args.format {
        GradeFormat::Json => (export::json(&class)?, "grades.json"),
        GradeFormat::Csv => (export::grade::csv::grade(&class)?, "grades.csv"),
        _ => (export::grade::table::grade(&case, &class), "grades.txt"),
    };
    match &args.out {
        Some(dir) => write_into(dir, name, &text, replace)?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The gradebook formats' arguments, checked before any grading is done.
fn check_gradebook_args(args: &GradeArgs) -> Result<()> {
    let format = args.format;
    if !format.gradebook() {
        for (given, name) in [
            (args.gradebook.is_some(), "--gradebook"),
            (args.column.is_some(), "--column"),
            (args.points.is_some(), "--points"),
        ] {
            if given {
                bail!("{name} goes with --format canvas, moodle or sheet");
            }
        }
        return Ok(());
    }
    if args.out.is_none() {
        bail!("say which file to write with --out FILE");
    }
    let needs_book = format != GradeFormat::Sheet;
    match (needs_book, &args.gradebook) {
        (true, None) => bail!(
            "--format {} fills the LMS's own file: give it with --gradebook FILE",
            if format == GradeFormat::Canvas {
                "canvas"
            } else {
                "moodle"
            }
        ),
        (false, Some(_)) => bail!("--format sheet makes its own file: leave out --gradebook"),
        _ => {}
    }
    match (format == GradeFormat::Canvas, &args.column) {
        (true, None) => {
            bail!("--format canvas fills one assignment column: name it with --column NAME")
        }
        (false, Some(_)) => bail!("--column goes with --format canvas"),
        _ => {}
    }
    if let Some(p) = args.points
        && !(p.is_finite() && p > 0.0)
    {
        bail!("--points {p}: give a number of points above 0");
    }
    Ok(())
}

/// `--format canvas | moodle | sheet`: the gradebook file written, and on
/// stderr the rule and everyone not matched.
fn gradebook(case: &Case, class: &ClassGrade, args: &GradeArgs) -> Result<ExitCode> {
    let Some(out) = &args.out else {
        bail!("say which file to write with --out FILE");
    };
    let roster = Roster::load(case.root()).map_err(|p| anyhow!("{p}"))?;
    let read = |path: &Path| Table::read(path).map_err(|p| anyhow!("{p}"));
    let filled = match (args.format, &args.gradebook) {
        (GradeFormat::Canvas, Some(book)) => {
            let column = args.column.as_deref().unwrap_or_default();
            canvas::fill(&read(book)?, roster.as_ref(), class, column, args.points)?
        }
        (GradeFormat::Moodle, Some(book)) => {
            let now = moodle::moodle_time(std::time::SystemTime::now());
            moodle::fill(&read(book)?, roster.as_ref(), class, args.points, &now)?
        }
        _ => {
            let Some(roster) = &roster else {
                bail!(
                    "--format sheet writes a row per roster student, and {} has no {ROSTER_FILE}: make one with `candor roster CASE --from EXPORT.csv`",
                    case.root().display()
                );
            };
            let scale = args.points.map_or(Scale::Percent, Scale::Points);
            sheet::write(roster, class, scale)?
        }
    };
    if let Some(book) = &args.gradebook
        && same_file(book, out)
    {
        bail!(
            "--out {} is the gradebook given: write the filled copy to another file",
            out.display()
        );
    }
    if out.exists() && !args.force {
        bail!(
            "{} exists already: give another --out, or --force to replace it",
            out.display()
        );
    }
    let Some(name) = out.file_name().and_then(|n| n.to_str()) else {
        bail!("--out {}: give a file name", out.display());
    };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let written = storage::write_output(dir, name, filled.text.as_bytes())?;
    let what = match args.format {
        GradeFormat::Sheet => "roster student(s) with a grade",
        _ => "gradebook row(s) with a grade",
    };
    for line in filled.summary(what) {
        super::say(line);
    }
    if let Some(r) = &roster {
        say_not_on_roster(r, class);
    }
    super::say(format!("wrote {}", written.display()));
    Ok(ExitCode::SUCCESS)
}

/// With a `roster.csv`, who on it handed nothing in and which graded
/// annotators are not on it, on stderr; a roster that cannot be read is
/// reported and the grades are still written.
fn roster_lines(case: &Case, class: &ClassGrade) {
    let Some(roster) = super::roster::roster_to_mention(case) else {
        return;
    };
    let handed_in: Vec<AnnotatorId> = class
        .students
        .iter()
        .filter(|g| score(g).is_some())
        .map(|g| g.student.clone())
        .collect();
    super::roster::say_missing(&roster, &handed_in, "handed nothing in");
    say_not_on_roster(&roster, class);
}

/// The graded annotators that are nobody on the roster, on stderr.
fn say_not_on_roster(roster: &Roster, class: &ClassGrade) {
    let graded: Vec<AnnotatorId> = class.students.iter().map(|g| g.student.clone()).collect();
    let strangers: Vec<&str> = roster
        .not_on_roster(&graded)
        .iter()
        .map(|a| a.as_str())
        .collect();
    if !strangers.is_empty() {
        super::say(format!(
            "{} annotator(s) not on {ROSTER_FILE}: {}",
            strangers.len(),
            strangers.join(", ")
        ));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn resolve_key(case: &Case, named: Option<&str>) -> Result<AnnotatorId> {
    let key = match named {
        Some(k) => AnnotatorId::new(k),
        None => match case.key() {
            Some(k) => k.clone(),
            None => bail!(
                "this case has no answer key: name one with --key, or in case.ron (key: \"...\")"
            ),
        },
    };
    if case.annotations(&key).is_none() {
        let known: Vec<&str> = case.annotators().keys().map(|a| a.as_str()).collect();
        bail!(
            "the key {:?} has no marks in this case (it has: {})",
            key.as_str(),
            known.join(", ")
        );
    }
    Ok(key)
}

fn write_into(dir: &Path, name: &str, text: &str, replace: Replace) -> Result<()> {
    let written = folder::write_all(dir, &[(PathBuf::from(name), text.as_bytes())], replace)?;
    for path in written {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
