//! `candor agree`: agreement between annotators, as a table, CSV or JSON.
//! The annotators are `--annotators A,B,...`, else every annotator but the
//! answer key and a gold set (`agree::default_annotators`). JSON carries
//! every measure whatever `--measure` and `--by` say: it is for scripts.
//! Every pair of annotators is listed for a class of at most
//! `agree::PAIRS_LISTED_UP_TO`, or with `--pairs`; otherwise one line per
//! annotator against the rest. A request whose memory estimate is over the
//! limit (`agree::budget`) is refused before anything is built.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::args::{CaseArg, Format, named_annotators};
use crate::agree::{self, AgreeOptions, Agreement, ListPairs, Unit, budget};
use crate::export;
use crate::export::agree::table as agree_table;

#[derive(Debug, Args)]
pub struct AgreeArgs {
    #[command(flatten)]
    case: CaseArg,
    /// The annotators to compare, comma-separated (default: everyone but
    /// the answer key and `gold`).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    annotators: Vec<String>,
    /// Which measure to show.
    #[arg(long, value_enum, default_value_t = MeasureArg::All)]
    measure: MeasureArg,
    /// The coding measures' unit: words (UAX #29) or chars. alpha-u is on
    /// chars either way.
    #[arg(long, value_enum, default_value_t = UnitArg::Word)]
    unit: UnitArg,
    /// One row per category over the case, or per article and category.
    #[arg(long, value_enum, default_value_t = ByArg::Category)]
    by: ByArg,
    /// List every pair of annotators, however many (by default only up to
    /// 50 annotators; above that, one line per annotator against the rest).
    #[arg(long)]
    pairs: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    Alpha,
    Kappa,
    Fleiss,
    AlphaU,
    F1,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Word,
    Char,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Category,
    Article,
}

pub fn run(args: &AgreeArgs, quiet: bool) -> Result<ExitCode> {
    let case = args.case.open()?;
    let annotators = if args.annotators.is_empty() {
        agree::default_annotators(&case)
    } else {
        named_annotators(&case, &args.annotators)?
    };
    if annotators.len() < 2 {
        eprintln!(
            "candor: {} annotator(s) to compare; agreement needs two or more, so every figure is undefined",
            annotators.len()
        );
    }
    let options = AgreeOptions {
        unit: match args.unit {
            UnitArg::Word => Unit::Word,
            UnitArg::Char => Unit::Char,
        },
        pairs: if args.pairs {
            ListPairs::Always
        } else {
            ListPairs::Small
        },
    };
    let limit = budget::limit().map_err(anyhow::Error::msg)?;
    budget::Estimate::new(&case, &annotators, &options).check(limit)?;
    let progress = super::progress::bar(quiet);
    let agreement = Agreement::build_with_progress(&case, &annotators, &options, &progress);
    progress.finish();
    let agreement = agreement?;
    let view = agree_table::View {
        measure: match args.measure {
            MeasureArg::Alpha => agree_table::Measure::Alpha,
            MeasureArg::Kappa => agree_table::Measure::Kappa,
            MeasureArg::Fleiss => agree_table::Measure::Fleiss,
            MeasureArg::AlphaU => agree_table::Measure::AlphaU,
            MeasureArg::F1 => agree_table::Measure::F1,
            MeasureArg::All => agree_table::Measure::All,
        },
        by: match args.by {
            ByArg::Category => agree_table::By::Category,
            ByArg::Article => agree_table::By::Article,
        },
    };
    let text = match args.format {
        Format::Table => agree_table::agreement(&agreement, view),
        Format::Csv => export::agree::csv::agreement(&agreement, view)?,
        Format::Json => export::json(&agreement)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
