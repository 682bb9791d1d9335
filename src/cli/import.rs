//! `candor import`: add text files and saved web pages to a case as
//! articles; `-` reads one article from standard input. A file that cannot
//! be imported is reported and the others still are; the exit code says
//! whether any failed. With `--dry-run` each article is printed as it would
//! be added (its details, then its text) and the case is left as it was.
//! With `--comments-as NAME`, a Word document's comments become NAME's
//! marks on the article it adds (`import::word`).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::args::{CaseArg, MetaArgs};
use super::{save_with, say};
use crate::export::printable;
use crate::import::many::{self, Source};
use crate::import::{ImportOptions, Prepared, word};
use crate::model::{AnnotatorId, CategoryId};
use crate::storage::MAX_TEXT_BYTES;

/// How standard input is named in messages.
const STDIN: &str = "(standard input)";

/// `--comments-as NAME [--category ID]`.
pub struct Comments {
    annotator: Option<String>,
    category: Option<String>,
}

impl Comments {
    pub fn new(annotator: Option<String>, category: Option<String>) -> Self {
        Comments {
            annotator,
            category,
        }
    }
}

pub fn run(
    case: &CaseArg,
    files: &[PathBuf],
    meta: MetaArgs,
    dry_run: bool,
    comments: Comments,
    quiet: bool,
) -> Result<ExitCode> {
    let mut case = case.open()?;
    let opts = ImportOptions::from(meta);
    // Checked before anything is read, so a wrong name adds nothing.
    let comments_as: Option<(AnnotatorId, CategoryId)> = match &comments.annotator {
        Some(name) => {
            let who = AnnotatorId::new(name.trim());
            anyhow::ensure!(
                crate::model::is_valid_id(who.as_str()),
                "{name:?} cannot be an annotator name: use letters, digits, `-`, `_` or `.`"
            );
            let category = word::comment_category(&case, comments.category.as_deref())
                .map_err(anyhow::Error::msg)?;
            Some((who, category))
        }
        None => None,
    };
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
    let mut comments_skipped = false;
    failed += if dry_run {
        let read = many::read_all(&case, &sources, &opts, &progress)?;
        drop(progress);
        let mut out = std::io::stdout().lock();
        let mut failed = 0;
        for r in read {
            match r.result {
                Ok(prepared) => {
                    print_prepared(&mut out, &r.name, &prepared)?;
                    if let Some(w) = &prepared.word {
                        print_comments(&mut out, w, comments_as.as_ref())?;
                    }
                }
                Err(e) => {
                    say(format!("{:#}", anyhow::Error::from(e)));
                    failed += 1;
                }
            }
        }
        failed
    } else if comments_as.is_some() || sources.iter().any(is_word) {
        // Word documents: each one's comments are made marks (or said to be
        // left out) as it is added.
        let read = many::read_all(&case, &sources, &opts, &progress)?;
        drop(progress);
        let mut failed = 0;
        for r in read {
            let added = r.result.and_then(|p| {
                let id = crate::import::add(&mut case, &p)?;
                Ok((id, p))
            });
            match added {
                Ok((id, prepared)) => {
                    say(format!("imported {} as article \"{id}\"", r.name));
                    match (&prepared.word, &comments_as) {
                        (Some(w), Some((who, category))) => {
                            comments_skipped |= !add_comments(&mut case, &id, w, who, category)?;
                        }
                        (Some(w), None) if !w.comments.is_empty() => say(format!(
                            "  {} comment(s) left out (--comments-as NAME brings them in as marks)",
                            w.comments.len()
                        )),
                        _ => {}
                    }
                }
                Err(e) => {
                    say(format!("{:#}", anyhow::Error::from(e)));
                    failed += 1;
                }
            }
        }
        save_with(&mut case, &super::progress::bar(quiet))?;
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
    if comments_skipped {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn is_word(source: &Source) -> bool {
    matches!(source, Source::File(p) if p
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx")))
}

/// Makes the comments of the Word document just added as `id` marks of
/// `who`. Says what was made and what was left out; false if a comment
/// was left out (the run then fails, with the rest imported).
fn add_comments(
    case: &mut crate::case::Case,
    id: &crate::model::ArticleId,
    w: &word::Word,
    who: &AnnotatorId,
    category: &CategoryId,
) -> Result<bool> {
    let made = word::comment_marks(case, id, w, who, category)?;
    for s in &made.skipped {
        say(format!("skipped {s}"));
    }
    if made.marks > 0 {
        made.edit.apply(case)?;
    }
    let defaulted = if made.defaulted > 0 {
        format!(
            " ({} naming no category became {})",
            made.defaulted,
            case.schema().category_name(category)
        )
    } else {
        String::new()
    };
    say(format!(
        "  {} comment(s) made marks of {who} on \"{id}\"{defaulted}",
        made.marks
    ));
    Ok(made.skipped.is_empty())
}

/// What a dry run says of a Word document's comments.
fn print_comments(
    out: &mut impl Write,
    w: &word::Word,
    comments_as: Option<&(AnnotatorId, CategoryId)>,
) -> Result<()> {
    let n = w.comments.len();
    match comments_as {
        Some((who, _)) => writeln!(out, "  {n} comment(s) would become marks of {who}")?,
        None if n > 0 => writeln!(
            out,
            "  {n} comment(s) left out (--comments-as NAME brings them in as marks)"
        )?,
        None => {}
    }
    for s in &w.skipped {
        writeln!(out, "  comment left out: {}", printable(s))?;
    }
    Ok(())
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
        } else if p.word.is_some() {
            ", read from a Word document"
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
