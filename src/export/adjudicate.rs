//! Adjudication (`crate::adjudicate`) as text: an article's clusters with
//! their variants, counts and proposers, and what a bulk step did.

use crate::adjudicate::{ArticleClusters, BulkReport, ClusterState, Variant};
use crate::model::Schema;

/// A cluster's state in a word.
pub fn state_word(state: ClusterState) -> &'static str {
    match state {
        ClusterState::Open => "open",
        ClusterState::Accepted => "accepted",
        ClusterState::Edited => "edited",
    }
}

/// One variant in a line: its category, extent, words, attributes and who.
pub fn variant_line(v: &Variant, schema: &Schema) -> String {
    let who: Vec<&str> = v.who.iter().map(|p| p.annotator.as_str()).collect();
    let attrs: Vec<String> = v
        .attributes
        .iter()
        .map(|(k, x)| format!("{k}={}", schema.value_label(&v.category, k, x)))
        .collect();
    let mut line = format!(
        "{} {}..{} \u{201c}{}\u{201d}",
        schema.category_name(&v.category),
        v.range.start.0,
        v.range.end.0,
        crate::text::ellipsize(&v.quote, 60)
    );
    if !attrs.is_empty() {
        line.push_str(&format!(" [{}]", attrs.join(", ")));
    }
    line.push_str(&format!(" - {} of them: {}", v.count(), who.join(", ")));
    line
}

/// An article's clusters, each with its variants.
pub fn clusters(of: &ArticleClusters, schema: &Schema) -> String {
    let mut out = format!(
        "{}: {} cluster(s) of the marks of {} ({} annotator(s)), into {}\n",
        of.article,
        of.clusters.len(),
        of.sources
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        of.sources.len(),
        of.gold
    );
    for (i, c) in of.clusters.iter().enumerate() {
        out.push_str(&format!(
            "  #{} {}..{} {}; {} agree on extent and category\n",
            i + 1,
            c.range.start.0,
            c.range.end.0,
            state_word(c.state),
            c.agree
        ));
        for v in &c.variants {
            out.push_str(&format!("    {}\n", variant_line(v, schema)));
        }
    }
    printable_lines(&out)
}

/// What `candor adjudicate --min-agree K` says it did.
pub fn bulk(report: &BulkReport, gold: &str, min_agree: usize) -> String {
    let mut out = format!(
        "{} cluster(s); accepted into {gold} the {} open one(s) where at least {min_agree} annotator(s) agree on extent and category; {} left open; {} already decided in {gold}, left as they were.\n",
        report.clusters, report.accepted, report.left_open, report.decided_before
    );
    for (article, n) in &report.per_article {
        out.push_str(&format!("  {article}: {n} accepted\n"));
    }
    printable_lines(&out)
}

/// Every line with its control characters escaped, the line breaks kept.
fn printable_lines(text: &str) -> String {
    text.lines()
        .map(|l| crate::export::printable(l).into_owned() + "\n")
        .collect()
}
