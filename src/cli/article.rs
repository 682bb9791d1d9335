//! `candor article`: change an article's details after import (title,
//! outlet, byline, date, URL, genre), move it in the case's order, or remove it.
//! Removing refuses while anyone has marks on it, unless `--with-marks`,
//! and then says how many marks went.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

use super::args::CaseArg;
use super::save;
use crate::edit::Edit;
use crate::model::{ArticleId, Genre};

#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// The article's id (its file name under articles/, without .txt).
    pub id: String,
    /// The headline.
    #[arg(long)]
    pub title: Option<String>,
    /// The outlet that published it.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Who wrote it, e.g. "Dana Reyes" (an empty string clears it).
    #[arg(long)]
    pub byline: Option<String>,
    /// Publication date, e.g. 2026-03-02 (an empty string clears it).
    #[arg(long)]
    pub date: Option<String>,
    /// Where it was published.
    #[arg(long)]
    pub url: Option<String>,
    /// news, opinion or analysis.
    #[arg(long)]
    pub genre: Option<Genre>,
    /// Move the article to this place in the case's order (1 is first).
    #[arg(long, value_name = "N")]
    pub move_to: Option<usize>,
    /// Remove the article and its text from the case.
    #[arg(long, conflicts_with_all = ["title", "outlet", "byline", "date", "url", "genre", "move_to"])]
    pub remove: bool,
    /// With --remove: also remove every annotator's marks on it.
    #[arg(long, requires = "remove")]
    pub with_marks: bool,
}

pub fn run(case_arg: &CaseArg, args: &ArticleArgs) -> Result<ExitCode> {
    let mut case = case_arg.open()?;
    let id = ArticleId::new(args.id.as_str());
    let Some(article) = case.article(&id) else {
        let known: Vec<&str> = case.articles().iter().map(|a| a.meta.id.as_str()).collect();
        bail!(
            "no article {:?} in this case (it has: {})",
            args.id,
            known.join(", ")
        );
    };
    let mut out = std::io::stdout().lock();
    if args.remove {
        let removed = case.remove_article(&id, args.with_marks)?;
        let who: Vec<String> = removed
            .marks
            .iter()
            .map(|(a, n)| format!("{n} of {a}"))
            .collect();
        writeln!(
            out,
            "removed article {id} and {} mark(s){}",
            removed.mark_count(),
            if who.is_empty() {
                String::new()
            } else {
                format!(" ({})", who.join(", "))
            }
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut meta = article.meta.clone();
    let before = meta.clone();
    if let Some(t) = &args.title {
        meta.title.clone_from(t);
    }
    if let Some(o) = &args.outlet {
        meta.outlet.clone_from(o);
    }
    if let Some(b) = &args.byline {
        meta.byline.clone_from(b);
    }
    if let Some(d) = &args.date {
        meta.date.clone_from(d);
    }
    if let Some(u) = &args.url {
        meta.url.clone_from(u);
    }
    if let Some(g) = args.genre {
        meta.genre = g;
    }
    if meta != before {
        Edit::SetArticleMeta(meta.clone()).apply(&mut case)?;
    }
    if let Some(n) = args.move_to {
        if n == 0 {
            bail!("--move-to counts from 1 (the first article)");
        }
        Edit::MoveArticle {
            article: id.clone(),
            to: n - 1,
        }
        .apply(&mut case)?;
    }
    save(&mut case)?;
    let place = case
        .articles()
        .iter()
        .position(|a| a.meta.id == id)
        .map_or(0, |i| i + 1);
    let outlet = match (meta.outlet.as_str(), meta.byline.as_str()) {
        (outlet, "") => outlet.to_string(),
        ("", byline) => format!("by {byline}"),
        (outlet, byline) => format!("{outlet}, by {byline}"),
    };
    writeln!(
        out,
        "{id} ({place} of {}): {} · {} · {} · {} · {}",
        case.articles().len(),
        meta.title,
        outlet,
        meta.date,
        meta.genre.label(),
        meta.url
    )?;
    Ok(ExitCode::SUCCESS)
}
