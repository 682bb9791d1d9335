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
use super::{save_with, say};
use crate::export::printable;
use crate::import::many::{self, Source};
use crate::import::{ImportOptions, Prepared};
use crate::storage::MAX_TEXT_BYTES;

/// How standard input is named in messages.
const STDIN: &str = "(standard input)";

pub fn run(
    case: &CaseArg,
    files: &[PathBuf],
    meta: MetaArgs,
    dry_run: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let mut case = case.open()?;
    let opts = ImportOptions::from(meta);
    // Standard input is read first, so the files' progress is not held
    // up by a person typing; if it cannot be read, the files still are.
    let mut failed = 0;
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        if file.as_os_str() != "-" {
            sources.push(Source::File(file.clone()));
            continue;
        }
        match read_stdin() {
            Ok(raw) => sources.push(Source::Text {
                name: STDIN.to_string(),
                raw,
            }),
            Err(e) => {
                say(format!("{e:#}"));
                failed += 1;
            }
        }
    }
    let progress = super::progress::bar(quiet);
    failed += if dry_run {
        let read = many::read_all(&case, &sources, &opts, &progress)?;
        drop(progress);
        let mut out = std::io::stdout().lock();
        let mut failed = 0;
        for r in read {
            match r.result {
                Ok(prepared) => print_prepared(&mut out, &r.name, &prepared)?,
                Err(e) => {
                    say(format!("{:#}", anyhow::Error::from(e)));
                    failed += 1;
                }
            }
        }
        failed
    } else {
        let imported = many::import_all(&mut case, &sources, &opts, &progress)?;
        drop(progress);
        let mut failed = 0;
        for i in imported {
            match i.result {
                Ok(id) => say(format!("imported {} as article \"{id}\"", i.name)),
                Err(e) => {
                    say(format!("{:#}", anyhow::Error::from(e)));
                    failed += 1;
                }
            }
        }
        save_with(&mut case, &super::progress::bar(quiet))?;
        failed
    };
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
    crate::import::text_of_bytes(bytes).map_err(|why| anyhow::anyhow!("standard input: {why}"))
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
    for (label, value) in [
        ("outlet", &m.outlet),
        ("byline", &m.byline),
        ("date", &m.date),
        ("url", &m.url),
    ] {
        if !value.is_empty() {
            writeln!(out, "{}", field(label, value))?;
        }
    }
    writeln!(out, "{}", field("genre", m.genre.label()))?;
    if let Some(charset) = &p.charset {
        writeln!(out, "{}", field("charset", charset))?;
    }
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
