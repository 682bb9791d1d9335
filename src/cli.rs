//! The `candor` command line: parses arguments and wires them to the core.
//! Nothing here decides anything a library function could; it only reads
//! arguments, calls, and prints.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::case::Case;
use crate::compare::CompareViews;
use crate::export;
use crate::import::{self, ImportOptions};
use crate::model::{AnnotatorId, Genre};
use crate::problem::Severity;
use crate::stats;
use crate::suggest;

#[derive(Debug, Parser)]
#[command(
    name = "candor",
    version,
    about = "Read news articles on one event side by side and mark how each is written.",
    long_about = "Read news articles on one event side by side and mark, span by span, how each is \
written: loaded wording, attribution and editorializing. With no command, opens the window on the \
last case (or the example case)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a case in the window.
    Open {
        /// The case folder (the one holding case.ron).
        path: PathBuf,
    },
    /// Create an empty case with the default schema.
    New {
        /// A folder that does not exist yet, or is empty.
        path: PathBuf,
        /// The case's title (default: the folder's name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Add articles (.txt, .md) to a case.
    Import {
        /// The case folder.
        path: PathBuf,
        /// Files to add; each becomes an article whose id is the file name.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        meta: MetaArgs,
    },
    /// Validate a case: files, schema, ids, anchors, links.
    ///
    /// Marks whose article text was edited are re-found from their quote and
    /// context and listed as notes; marks that cannot be placed with
    /// confidence are orphans, listed as warnings. Nothing is written unless
    /// --fix is given.
    Check {
        /// The case folder.
        path: PathBuf,
        /// Treat warnings as errors (exit 1 if there are any).
        #[arg(long)]
        strict: bool,
        /// Save the new offsets of re-found marks to their files (orphans
        /// and files that could not be read are left untouched).
        #[arg(long)]
        fix: bool,
    },
    /// Marks per article and category, absolute and per 1,000 words.
    Stats {
        /// The case folder.
        path: PathBuf,
        /// Only this annotator (repeat for several; default: all).
        #[arg(long = "annotator", short = 'a')]
        annotators: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Claims x articles and actors x articles: how each article carries each
    /// claim (stated as fact, attributed, hedged, absent) and names each party.
    Compare {
        /// The case folder.
        path: PathBuf,
        /// Only this annotator (repeat for several; default: all).
        #[arg(long = "annotator", short = 'a')]
        annotators: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Mark every whole-word occurrence of the phrases in a lexicon.
    Suggest {
        /// The case folder.
        path: PathBuf,
        /// Lines of `category<TAB>phrase`; `#` starts a comment line.
        #[arg(long)]
        lexicon: PathBuf,
        /// Whose marks the suggestions become.
        #[arg(long)]
        annotator: String,
    },
}

#[derive(Debug, Args)]
pub struct MetaArgs {
    /// Title for every imported article (default: each file's first line).
    #[arg(long)]
    title: Option<String>,
    /// The outlet that published the articles.
    #[arg(long, default_value = "")]
    outlet: String,
    /// Publication date, e.g. 2026-03-02.
    #[arg(long, default_value = "")]
    date: String,
    /// Where the article was published.
    #[arg(long, default_value = "")]
    url: String,
    /// news, opinion or analysis.
    #[arg(long, default_value = "news")]
    genre: Genre,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Runs a parsed command line. GUI commands are handed to `open_window`.
pub fn run(
    cli: Cli,
    open_window: impl FnOnce(Option<PathBuf>) -> Result<ExitCode>,
) -> Result<ExitCode> {
    match cli.command {
        None => open_window(None),
        Some(Command::Open { path }) => {
            // Fail here, with a clear message, rather than in a window.
            Case::open(&path)?;
            open_window(Some(path))
        }
        Some(Command::New { path, title }) => {
            let title = title.unwrap_or_else(|| {
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Untitled case".to_string())
            });
            Case::create(&path, &title)?;
            eprintln!("created case {:?} in {}", title, path.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { path, files, meta }) => cmd_import(&path, &files, meta),
        Some(Command::Check { path, strict, fix }) => cmd_check(&path, strict, fix),
        Some(Command::Stats {
            path,
            annotators,
            format,
        }) => cmd_stats(&path, &annotators, format),
        Some(Command::Compare {
            path,
            annotators,
            format,
        }) => cmd_compare(&path, &annotators, format),
        Some(Command::Suggest {
            path,
            lexicon,
            annotator,
        }) => cmd_suggest(&path, &lexicon, &annotator),
    }
}

fn open_case(path: &Path) -> Result<Case> {
    let case = Case::open(path)?;
    for p in &case.load_problems {
        eprintln!("{p}");
    }
    Ok(case)
}

fn save(case: &mut Case) -> Result<()> {
    if let Err(problems) = case.save() {
        for p in &problems {
            eprintln!("{p}");
        }
        bail!("{} file(s) could not be saved", problems.len());
    }
    Ok(())
}

fn cmd_import(path: &Path, files: &[PathBuf], meta: MetaArgs) -> Result<ExitCode> {
    let mut case = open_case(path)?;
    let opts = ImportOptions {
        title: meta.title,
        outlet: meta.outlet,
        date: meta.date,
        url: meta.url,
        genre: meta.genre,
    };
    let mut failed = 0;
    for file in files {
        match import::import_file(&mut case, file, &opts) {
            Ok(id) => eprintln!("imported {} as article \"{id}\"", file.display()),
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        }
    }
    save(&mut case)?;
    if failed > 0 {
        eprintln!("{failed} of {} file(s) not imported", files.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_check(path: &Path, strict: bool, fix: bool) -> Result<ExitCode> {
    let mut case = match Case::open(path) {
        Ok(case) => case,
        // A broken case.ron is a finding like any other: report it where
        // problems go and say "not valid", rather than fail as a command.
        Err(crate::problem::CaseError::Invalid(problem)) => {
            println!("{problem}");
            eprintln!(
                "{}: the case cannot be read until this is fixed",
                path.display()
            );
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    let problems = case.check();
    for p in &problems {
        println!("{p}");
    }
    for note in crate::anchor::moved_notes(&case) {
        println!("{note}");
    }
    if fix {
        save(&mut case)?;
    } else if !case.anchoring.moved.is_empty() {
        eprintln!("`candor check --fix` saves the new offsets of re-found marks");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let marks: usize = case.annotators.values().map(|a| a.mark_count()).sum();
    eprintln!(
        "{}: {} article(s), {} annotator(s), {} mark(s); {errors} error(s), {warnings} warning(s)",
        path.display(),
        case.articles.len(),
        case.annotators.len(),
        marks
    );
    Ok(if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_stats(path: &Path, annotators: &[String], format: Format) -> Result<ExitCode> {
    let case = open_case(path)?;
    let only: Vec<AnnotatorId> = annotators
        .iter()
        .map(|a| AnnotatorId::new(a.as_str()))
        .collect();
    for a in &only {
        if !case.annotators.contains_key(a) {
            let known: Vec<&str> = case.annotators.keys().map(|k| k.as_str()).collect();
            bail!(
                "no annotator {:?} in this case (it has: {})",
                a.as_str(),
                known.join(", ")
            );
        }
    }
    let s = stats::stats(&case, &only);
    let out = match format {
        Format::Json => export::json(&s)?,
        Format::Csv => export::csv::stats(&s)?,
        Format::Table => export::table::stats(&s),
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The annotators asked for, each checked to exist in the case, in the
/// case's order and once each (the order every output lists them in).
fn known_annotators(case: &Case, names: &[String]) -> Result<Vec<AnnotatorId>> {
    let only: Vec<AnnotatorId> = names.iter().map(|a| AnnotatorId::new(a.as_str())).collect();
    for a in &only {
        if !case.annotators.contains_key(a) {
            let known: Vec<&str> = case.annotators.keys().map(|k| k.as_str()).collect();
            bail!(
                "no annotator {:?} in this case (it has: {})",
                a.as_str(),
                known.join(", ")
            );
        }
    }
    Ok(case
        .annotators
        .keys()
        .filter(|a| only.contains(a))
        .cloned()
        .collect())
}

fn cmd_compare(path: &Path, annotators: &[String], format: Format) -> Result<ExitCode> {
    let case = open_case(path)?;
    let only = known_annotators(&case, annotators)?;
    let comparisons = CompareViews::build(&case, &only, &only).comparisons;
    let out = match format {
        Format::Json => export::json(&comparisons)?,
        Format::Csv => export::csv::comparisons(&comparisons)?,
        Format::Table => export::table::comparisons(&comparisons),
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_suggest(path: &Path, lexicon: &Path, annotator: &str) -> Result<ExitCode> {
    let mut case = open_case(path)?;
    let source = crate::storage::read_text(lexicon, crate::storage::MAX_TEXT_BYTES)
        .map_err(|p| anyhow::anyhow!("{p}"))?;
    let entries = match suggest::parse_lexicon(lexicon, &source, &case) {
        Ok(e) => e,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let name = lexicon
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let added = suggest::suggest(
        &mut case,
        &AnnotatorId::new(annotator),
        &entries,
        &format!("suggested from lexicon {name}"),
    )?;
    save(&mut case)?;
    let total: usize = added.values().sum();
    eprintln!(
        "added {total} mark(s) for {annotator} in {} article(s)",
        added.len()
    );
    Ok(ExitCode::SUCCESS)
}
