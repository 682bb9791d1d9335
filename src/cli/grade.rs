//! `candor grade`: students' marks against the answer key, as a class table
//! with feedback, CSV, JSON, or HTML pages (one per student and an index).
//! The key is `--key`, else the case's (`Case::key`); `--all` grades every
//! annotator but the key and a gold set (`grade::students`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{ArgGroup, Args, ValueEnum};

use super::args::CaseArg;
use crate::case::Case;
use crate::export;
use crate::export::folder::{self, Replace};
use crate::grade::{self, ClassGrade, GradeOptions, MatchRule};
use crate::model::AnnotatorId;

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
    /// (it has a `.candor-export` file), unless --force is given.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write into the --out folder even if it holds files Candor did not
    /// write, replacing those with the same names.
    #[arg(long, requires = "out")]
    force: bool,
}

/// The formats `candor grade` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    Table,
    Csv,
    Json,
    Html,
}

pub fn run(args: &GradeArgs, quiet: bool) -> Result<ExitCode> {
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
