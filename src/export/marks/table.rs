//! `candor stats` as plain text: one table per annotator, the marks of
//! each category per article.

use crate::export::printable;
use crate::export::table::{Align, render};
use crate::model::CategoryId;
use crate::stats::Stats;

/// `candor stats` as aligned text: one table per annotator, each cell the
/// count and its rate per 1,000 words.
pub fn stats(s: &Stats) -> String {
    let mut out = String::new();
    for a in &s.annotators {
        let mut rows = vec![{
            let mut h = vec!["article".to_string(), "words".to_string()];
            h.extend(s.categories.iter().map(CategoryId::to_string));
            h
        }];
        for r in &a.articles {
            let mut row = vec![r.article.to_string(), r.words.to_string()];
            row.extend(
                r.counts
                    .iter()
                    .zip(&r.per_1000_words)
                    .map(|(n, x)| format!("{n} ({x:.1}/1k)")),
            );
            rows.push(row);
        }
        out.push_str(&format!("annotator {}\n", printable(a.annotator.as_str())));
        out.push_str(&render(&rows, Align::Numbers));
        out.push('\n');
    }
    if s.annotators.is_empty() {
        out.push_str("no marks yet\n");
    }
    out
}
