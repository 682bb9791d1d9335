//! `candor import`: add text files and saved web pages to a case as
//! articles; `-` reads one article from standard input. A file that cannot
//! be imported is reported and the others still are; the exit code says
//! whether any failed. With `--dry-run` each article is printed as it would
//! be added (its details, then its text) and the case is left as it was.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::args::{CaseArg, MetaArgs};
use super::{save, say};
use crate::export::printable;
use crate::import::{self, ImportOptions, Prepared};
use crate::storage::MAX_TEXT_BYTES;

/// How standard input is named in messages.
const STDIN: &str = "(standard input)";

pub fn run(case: &CaseArg, files: &[PathBuf], meta: MetaArgs, dry_run: bool) -> Result<ExitCode> {
    let mut case = case.open()?;
    let opts = ImportOptions::from(meta);
    let mut out = std::io::stdout().lock();
    let mut failed = 0;
    for file in files {
        let read = if file.as_os_str() == "-" {
            read_stdin().and_then(|raw| Ok(import::read_pasted(&case, STDIN, &raw, &opts)?))
        } else {
            import::read_file(file, &opts).map_err(anyhow::Error::from)
        };
        let name = if file.as_os_str() == "-" {
            STDIN.to_string()
        } else {
            file.display().to_string()
        };
        let added = read.and_then(|prepared| {
            if dry_run {
                print_prepared(&mut out, &name, &prepared)?;
                Ok(prepared.meta.id)
            } else {
                Ok(import::add(&mut case, &prepared)?)
            }
        });
        match added {
            Ok(id) if !dry_run => say(format!("imported {name} as article \"{id}\"")),
            Ok(_) => {}
            Err(e) => {
                say(format!("{e:#}"));
                failed += 1;
            }
        }
    }
    if !dry_run {
        save(&mut case)?;
    }
    if failed > 0 {
        eprintln!("{failed} of {} file(s) not imported", files.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_TEXT_BYTES,
        "standard input is longer than an article can be ({MAX_TEXT_BYTES} bytes)"
    );
    String::from_utf8(bytes).context("standard input is not UTF-8 text")
}

/// What a dry run prints for one article: the entry `case.ron` would get,
/// then the text between two rules.
fn print_prepared(out: &mut impl Write, name: &str, p: &Prepared) -> Result<()> {
    let m = &p.meta;
    writeln!(
        out,
        "{} would be added as article \"{}\"",
        printable(name),
        m.id
    )?;
    let field = |label: &str, value: &str| format!("  {label:<8}{}", printable(value));
    writeln!(out, "{}", field("title", &m.title))?;
    for (label, value) in [("outlet", &m.outlet), ("date", &m.date), ("url", &m.url)] {
        if !value.is_empty() {
            writeln!(out, "{}", field(label, value))?;
        }
    }
    if let Some(b) = &p.byline {
        writeln!(out, "{}", field("byline", b))?;
    }
    writeln!(out, "{}", field("genre", m.genre.label()))?;
    writeln!(
        out,
        "  {} words, {} paragraphs{}",
        crate::text::word_count(&p.text),
        p.text.split("\n\n").count(),
        if p.from_page {
            ", extracted from a web page"
        } else {
            ""
        }
    )?;
    writeln!(out, "----")?;
    for line in p.text.lines() {
        writeln!(out, "{}", printable(line))?;
    }
    writeln!(out, "----")?;
    Ok(())
}
