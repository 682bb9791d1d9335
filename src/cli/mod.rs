//! The `candor` command line: parses arguments and wires them to the core.
//! Nothing here decides anything a library function could; it only reads
//! arguments, calls, and prints.
//!
//! This file holds the grammar (`Cli`, `Command`) and the dispatch; `args`
//! the argument groups several commands share, checked once; `progress`
//! the terminal's progress bar for long work; and each command has a file
//! with its `run`. Output goes through a locked stdout,
//! so a closed pipe comes back to `main` as an error (it then exits 0)
//! instead of panicking inside `println!`.

mod adjudicate;
mod agree;
mod args;
mod article;
mod check;
mod collect;
mod compare;
mod done;
mod export;
mod feedback;
mod grade;
mod handback;
mod handin;
mod handout;
mod import;
mod import_marks;
mod new;
mod progress;
mod roster;
mod stats;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};

use crate::case::Case;

pub use args::{AnnotatorArgs, ArticleArgs, CaseArg, Format, FormatArg, MetaArgs};

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
    /// Show no progress bars (they are only ever shown on a terminal).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a case in the window.
    ///
    /// A hand-in or hand-back file is taken in as dropping it on the
    /// window does, into the case opened last (the desktop opens them
    /// this way on a double-click).
    Open {
        /// The case folder (the one holding case.ron), its case.ron, or a
        /// .candor-handin or .candor-handback file.
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
    /// Add articles (.txt, .md, saved web pages .html) to a case.
    ///
    /// From a web page only the article is kept (Readability finds it among
    /// menus, share bars, asides and comments), with its headline, outlet,
    /// date and canonical URL unless given here.
    Import {
        #[command(flatten)]
        case: CaseArg,
        /// Files to add; each becomes an article whose id is the file name.
        /// `-` reads one article (text or a page's HTML) from standard
        /// input; its id comes from its title.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        meta: MetaArgs,
        /// Print what would be added (details and text) and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Bring a Word document's comments in as this annotator's marks
        /// (made if new), each on the words it is anchored on, its text as
        /// the note.
        #[arg(long, value_name = "NAME")]
        comments_as: Option<String>,
        /// With --comments-as: the category of comments whose first line
        /// names none (default: the schema's first category that is not a
        /// mention).
        #[arg(long, value_name = "ID", requires = "comments_as")]
        category: Option<String>,
    },
    /// Validate a case: files, schema, ids, anchors, links.
    ///
    /// Marks whose article text was edited are re-found from their quote and
    /// context and listed as notes; marks that cannot be placed with
    /// confidence are orphans, listed as warnings. Nothing is written unless
    /// --fix is given.
    Check {
        #[command(flatten)]
        case: CaseArg,
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
        #[command(flatten)]
        case: CaseArg,
        #[command(flatten)]
        annotators: AnnotatorArgs,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Claims x articles and actors x articles: how each article carries each
    /// claim (stated as fact, attributed, hedged, absent) and names each party.
    Compare {
        #[command(flatten)]
        case: CaseArg,
        #[command(flatten)]
        annotators: AnnotatorArgs,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change an article's title, outlet, date, URL or genre, move it, or
    /// remove it (with --with-marks, even when annotators marked it).
    Article {
        #[command(flatten)]
        case: CaseArg,
        #[command(flatten)]
        args: article::ArticleArgs,
    },
    /// Hand in articles: mark them done for an annotator (or, with --clear,
    /// not done). Grading treats an article that is not done and has no
    /// marks as not handed in.
    Done {
        #[command(flatten)]
        case: CaseArg,
        /// Whose articles.
        #[arg(long)]
        annotator: String,
        /// The articles, by id.
        #[arg(required = true)]
        articles: Vec<String>,
        /// Mark them not done instead.
        #[arg(long)]
        clear: bool,
    },
    /// Grade students against the answer key: a class table, feedback that
    /// quotes the key's reasons, CSV, JSON, or HTML pages. docs/GRADING.md gives
    /// the rules.
    Grade(grade::GradeArgs),
    /// The class list (roster.csv): made from a Canvas gradebook export or
    /// a Moodle participants export with --from, else shown against the
    /// case's annotators (who has marks, who has none, who is not on it).
    Roster(roster::RosterArgs),
    /// Write the marks to a folder: an HTML report (html), one CSV row per
    /// mark (csv), W3C Web Annotation JSON-LD (w3c) or brat standoff files
    /// (brat).
    Export {
        #[command(flatten)]
        case: CaseArg,
        /// html, csv, w3c, brat or docx.
        #[arg(long)]
        format: crate::export::files::FileFormat,
        /// With --format docx: shade each mark's words in a light tint of
        /// its category's colour (off by default: the comments already
        /// show the words, and the draft prints as the writer wrote it).
        #[arg(long)]
        highlight: bool,
        /// The folder to write into (made if missing). It must be new,
        /// empty or one Candor wrote (it has a `.candor-export` file),
        /// unless --force is given.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write into the folder even if it holds files Candor did not
        /// write, replacing those with the same names.
        #[arg(long)]
        force: bool,
        /// Name the articles "Article 1", "Article 2"… (ids article-1…)
        /// with no title, outlet, date or URL, as the window does under
        /// blind reading.
        #[arg(long)]
        blind: bool,
        #[command(flatten)]
        annotators: AnnotatorArgs,
        #[command(flatten)]
        articles: ArticleArgs,
    },
    /// Take in marks made in another tool (brat standoff files, W3C Web
    /// Annotation JSON) as a new annotator. Spans are checked against the
    /// case's texts; W3C offsets counted in UTF-16 are detected and
    /// converted.
    ImportMarks {
        #[command(flatten)]
        case: CaseArg,
        /// brat or w3c.
        #[arg(long, value_name = "FORMAT")]
        from: crate::import::marks::MarksFormat,
        /// A folder of .ann files (brat), or a .json/.jsonld file or a
        /// folder of them (w3c); or a folder `candor export` wrote, with
        /// one sub-folder per annotator.
        #[arg(value_name = "FILE_OR_DIR")]
        marks: PathBuf,
        /// The new annotator the marks become (must not exist yet). Left
        /// out for a folder with one sub-folder per annotator: each becomes
        /// the annotator it is named after.
        #[arg(long)]
        annotator: Option<String>,
        /// The category of each annotation that names none (w3c: a
        /// highlight, a comment, a link made in another tool), by its id.
        #[arg(long, value_name = "ID")]
        category: Option<String>,
    },
    /// Agreement between annotators: Krippendorff's alpha and alpha_U,
    /// Cohen's and Fleiss' kappa, span F1, attribute alpha. docs/AGREEMENT.md
    /// gives the formulas.
    Agree(agree::AgreeArgs),
    /// Merge annotators into a gold annotator: list each article's clusters
    /// of overlapping marks and their variants, or with --min-agree K accept
    /// every cluster where K agree on extent and category.
    Adjudicate(adjudicate::AdjudicateArgs),
    /// Write the student copy of a case: its articles, schema and blind
    /// setting with the case's fingerprint, and no one's marks (never the
    /// key's). docs/running-a-class.md tells the whole round.
    Handout {
        #[command(flatten)]
        case: CaseArg,
        /// The folder to write it in: new, empty, or an earlier student
        /// copy of this case; not inside the case.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also write it as one zip file, to upload to the LMS.
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
        /// Put this annotator's marks in too, as a worked example (repeat
        /// for several; never the key).
        #[arg(long, value_name = "NAME")]
        include: Vec<String>,
    },
    /// Write one annotator's marks, links and done flags as one hand-in
    /// file (`NAME.candor-handin`) to upload to the LMS.
    Handin {
        #[command(flatten)]
        case: CaseArg,
        /// Whose work (default in a student copy: its student).
        #[arg(long)]
        annotator: Option<String>,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Take in hand-ins: files, folders and zips as Canvas and Moodle
    /// download them. One line per file says what happened; exit 1 if any
    /// file was refused.
    Collect {
        #[command(flatten)]
        case: CaseArg,
        /// Hand-in files, folders, zips.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// File the one hand-in given under this name (when its own name
        /// is another student's).
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        /// Say what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// In a student copy: take in the hand-back the instructor sent (the
    /// key on the articles handed in).
    Handback {
        #[command(flatten)]
        case: CaseArg,
        /// The `.candor-handback` file.
        file: PathBuf,
    },
    /// For every student collected from a hand-in: a folder (named as the
    /// LMS named theirs) with their feedback page and their hand-back (the
    /// key on the articles they handed in), and feedback.zip of them all.
    Feedback {
        #[command(flatten)]
        case: CaseArg,
        /// The folder to write into (made if missing). It must be new,
        /// empty or one Candor wrote, unless --force is given.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write into the folder even if it holds files Candor did not
        /// write, replacing those with the same names.
        #[arg(long)]
        force: bool,
    },
    /// Mark every whole-word occurrence of the phrases in a lexicon.
    Suggest {
        #[command(flatten)]
        case: CaseArg,
        /// Lines of `category<TAB>phrase`; `#` starts a comment line.
        #[arg(long)]
        lexicon: PathBuf,
        /// Whose marks the suggestions become.
        #[arg(long)]
        annotator: String,
    },
}

/// Runs a parsed command line. GUI commands are handed to `open_window`.
pub fn run(
    cli: Cli,
    open_window: impl FnOnce(Option<PathBuf>) -> Result<ExitCode>,
) -> Result<ExitCode> {
    let quiet = cli.quiet;
    if !matches!(cli.command, None | Some(Command::Open { .. })) {
        progress::finish_writes_on_interrupt();
    }
    match cli.command {
        None => open_window(None),
        Some(Command::Open { path }) => {
            // Fail here, with a clear message, rather than in a window; a
            // file other than case.ron is the window's to take in.
            let manifest = path.file_name() == Some(crate::model::MANIFEST_FILE.as_ref());
            match path.parent() {
                Some(folder) if manifest && path.is_file() => {
                    Case::open(&crate::model::case_folder_of(folder))?;
                }
                _ if path.is_file() => {}
                _ => {
                    Case::open(&path)?;
                }
            }
            open_window(Some(path))
        }
        Some(Command::New { path, title }) => new::run(&path, title),
        Some(Command::Import {
            case,
            files,
            meta,
            dry_run,
            comments_as,
            category,
        }) => import::run(
            &case,
            &files,
            meta,
            dry_run,
            import::Comments::new(comments_as, category),
            quiet,
        ),
        Some(Command::Check { case, strict, fix }) => check::run(&case, strict, fix, quiet),
        Some(Command::Stats {
            case,
            annotators,
            format,
        }) => stats::run(&case, &annotators, format.format),
        Some(Command::Compare {
            case,
            annotators,
            format,
        }) => compare::run(&case, &annotators, format.format),
        Some(Command::Article { case, args }) => article::run(&case, &args),
        Some(Command::Suggest {
            case,
            lexicon,
            annotator,
        }) => suggest::run(&case, &lexicon, &annotator),
        Some(Command::Grade(args)) => grade::run(&args, quiet),
        Some(Command::Roster(args)) => roster::run(&args),
        Some(Command::Export {
            case,
            format,
            highlight,
            out,
            force,
            blind,
            annotators,
            articles,
        }) => export::run(
            &case,
            &annotators,
            &articles,
            format,
            &export::Word { highlight },
            &out,
            force,
            blind,
            quiet,
        ),
        Some(Command::ImportMarks {
            case,
            from,
            marks,
            annotator,
            category,
        }) => import_marks::run(
            &case,
            from,
            &marks,
            annotator.as_deref(),
            category.as_deref(),
        ),
        Some(Command::Agree(args)) => agree::run(&args, quiet),
        Some(Command::Adjudicate(args)) => adjudicate::run(&args),
        Some(Command::Handout {
            case,
            out,
            zip,
            include,
        }) => handout::run(&case, &out, zip, &include),
        Some(Command::Handin {
            case,
            annotator,
            out,
        }) => handin::run(&case, annotator.as_deref(), &out),
        Some(Command::Collect {
            case,
            paths,
            as_name,
            dry_run,
        }) => collect::run(&case, &paths, as_name.as_deref(), dry_run, quiet),
        Some(Command::Handback { case, file }) => handback::run(&case, &file),
        Some(Command::Feedback { case, out, force }) => feedback::run(&case, &out, force, quiet),
        Some(Command::Done {
            case,
            annotator,
            articles,
            clear,
        }) => done::run(&case, &annotator, &articles, clear),
    }
}

/// Prints one line on stderr with its control characters escaped: findings
/// and errors quote the case (ids, titles, file names), which could hold
/// escape sequences for the terminal.
fn say(line: impl std::fmt::Display) {
    eprintln!("{}", crate::export::printable(&line.to_string()));
}

/// Saves what a command changed; shared by the commands that write. Each
/// file that could not be saved is reported on stderr, and the command fails.
/// Saves what the command changed. Files changed on disk meanwhile (another
/// window, another command) are merged first; a mark changed differently
/// on both sides is not decided here: that file is left as it is on disk
/// and the command fails, naming it, so nothing is lost.
fn save(case: &mut Case) -> Result<()> {
    save_with(case, &crate::progress::Progress::none())
}

/// [`save`], the files written counted on `progress` (a bar for `check
/// --fix` and `import`, which may write thousands).
fn save_with(case: &mut Case, progress: &crate::progress::Progress) -> Result<()> {
    let saved = case.save_with_progress(progress);
    progress.finish();
    let report = match saved {
        Ok(report) => report,
        Err(problems) => {
            for p in &problems {
                say(p);
            }
            bail!("{} file(s) could not be saved", problems.len());
        }
    };
    for rel in &report.absorbed.merged {
        eprintln!(
            "{}: changed on disk while this ran; merged mark by mark",
            case.root().join(rel).display()
        );
    }
    if !report.held.is_empty() {
        for c in case.conflicts() {
            eprintln!(
                "{}: changed differently here and on disk: {}",
                case.root().join(case.path_of(&c.key)).display(),
                conflict_what(&c.item)
            );
        }
        bail!(
            "{} file(s) not saved: they were changed on disk in the same places; run the command again, or settle them in the window",
            report.held.len()
        );
    }
    Ok(())
}

fn conflict_what(item: &crate::case::ConflictItem) -> String {
    use crate::case::ConflictItem;
    match item {
        ConflictItem::Mark { id, article, .. } => format!("mark {id} on {article}"),
        ConflictItem::Link { link, .. } => format!("{} {}", link.kind().label(), link.id()),
        ConflictItem::Article { id, .. } => format!("article {id}"),
        ConflictItem::Field { name, .. } => format!("the case's {name}"),
        ConflictItem::Schema => "the schema".to_string(),
    }
}
