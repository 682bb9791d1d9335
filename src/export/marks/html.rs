//! A case's marks as one self-contained HTML report, the page an editor
//! sends a writer or an instructor posts: for each annotator asked for, the
//! counts per article, each article's text with its marks highlighted by
//! category, every mark's category, attributes, note, claims and actors as a
//! numbered footnote under the text, and the claims x articles and actors x
//! articles tables.
//!
//! Safe to open whatever the case says, like the grade pages: every string
//! from the case goes through `export::html`'s `escape_text` or
//! `escape_attr`, no case string is a link target, nothing is loaded and no
//! script runs (the same Content-Security-Policy). Each category's highlight has a colour from the
//! schema (read as numbers, never pasted as CSS) *and* a pattern and an
//! underline style of its own, so the printed page tells categories apart in
//! grey; the print style keeps the fills and puts each article on a new page.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::case::{Article, Case};
use crate::compare::{ActorsTable, Carriage, ClaimsTable};
use crate::export::compare::carriage_name;
use crate::export::html::{self, escape_attr, escape_text};
use crate::model::{AnnotatorId, Links, Mark, Schema};
use crate::progress::{Cancelled, Progress};
use crate::stats;
use crate::text::{ArticleText, CharRange};

/// The whole report of `annotators`' marks.
pub fn page(case: &Case, annotators: &[AnnotatorId]) -> String {
    page_with_progress(case, annotators, &Progress::none())
        .unwrap_or_else(|Cancelled| unreachable!("Progress::none is never cancelled"))
}

/// [`page`], each annotator's section one step of `progress`'s current
/// stage (the caller begins it), checked for a cancel before each: a
/// report of a large class takes long.
pub fn page_with_progress(
    case: &Case,
    annotators: &[AnnotatorId],
    progress: &Progress,
) -> Result<String, Cancelled> {
    let m = case.manifest();
    let mut body = format!("<h1>{}</h1>\n", escape_text(&m.title));
    if !m.description.is_empty() {
        body.push_str(&format!(
            "<p class=\"sub\">{}</p>\n",
            escape_text(&m.description)
        ));
    }
    let names: Vec<String> = annotators.iter().map(|a| escape_text(a.as_str())).collect();
    body.push_str(&format!(
        "<p class=\"sub\">Marks of {} on {} article(s).</p>\n",
        if names.is_empty() {
            "no annotator".to_string()
        } else {
            names.join(", ")
        },
        case.articles().len()
    ));
    body.push_str(&legend(case.schema()));
    for a in annotators {
        progress.check()?;
        body.push_str(&annotator_section(case, a));
        progress.step();
    }
    if annotators.is_empty() {
        body.push_str("<p class=\"note\">This case has no marks yet.</p>\n");
    }
    Ok(html::page(
        &format!("{}: marks", m.title),
        &style(case.schema()),
        &body,
    ))
}

/// The categories with their swatches, as the text shows them.
fn legend(schema: &Schema) -> String {
    let mut out = String::from("<p class=\"legend\"><b>Categories:</b> ");
    for (i, c) in schema.categories.iter().enumerate() {
        out.push_str(&format!(
            "<span class=\"sw m c{i}\">{}</span> ",
            escape_text(&c.name)
        ));
    }
    out.push_str("<br>The small numbers after a mark point to its footnote under the text.</p>\n");
    out
}

/// One annotator's part of the report, under its own `<h2>` (even when it
/// is the only one, so the headings go h1, h2, h3 without a gap).
fn annotator_section(case: &Case, annotator: &AnnotatorId) -> String {
    let who = escape_text(annotator.as_str());
    let mut out = format!(
        "<section class=\"annotator\" id=\"{}\">\n",
        escape_attr(annotator.as_str())
    );
    out.push_str(&format!("<h2 class=\"who\">Marks of {who}</h2>\n"));
    out.push_str(&counts(case, annotator));
    let links = case.links(annotator);
    for (i, article) in case.articles().iter().enumerate() {
        out.push_str(&article_section(case, annotator, links, i, article));
    }
    out.push_str(&claims_table(&ClaimsTable::build(case, annotator)));
    out.push_str(&actors_table(&ActorsTable::build(case, annotator)));
    out.push_str("</section>\n");
    out
}

/// Marks per article and category, as `candor stats` counts them.
fn counts(case: &Case, annotator: &AnnotatorId) -> String {
    let s = stats::stats(case, std::slice::from_ref(annotator));
    let schema = case.schema();
    let mut out = String::from(
        "<h3>Counts per article</h3>\n<table class=\"grid\">\n<thead><tr><th>article</th><th>outlet</th><th>words</th>",
    );
    for c in &s.categories {
        out.push_str(&format!(
            "<th>{}</th>",
            escape_text(schema.category_name(c))
        ));
    }
    out.push_str("<th>per 1,000 words</th></tr></thead>\n<tbody>\n");
    for a in s.annotators.iter().flat_map(|a| &a.articles) {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td><td>{}</td>",
            escape_text(&a.title),
            escape_text(&a.outlet),
            a.words
        ));
        for n in &a.counts {
            out.push_str(&format!("<td>{n}</td>"));
        }
        let total: usize = a.counts.iter().sum();
        out.push_str(&format!(
            "<td>{:.1}</td></tr>\n",
            stats::per_1000(total, a.words)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn article_section(
    case: &Case,
    annotator: &AnnotatorId,
    links: Option<&Links>,
    index: usize,
    article: &Article,
) -> String {
    let anchor = format!("{}-{index}", annotator.as_str());
    let m = &article.meta;
    let mut out = format!(
        "<section class=\"article\">\n<h3>{}</h3>\n",
        escape_text(&m.title)
    );
    let byline = (!m.byline.is_empty()).then(|| format!("by {}", m.byline));
    let parts: Vec<String> = [
        Some(&m.outlet),
        byline.as_ref(),
        Some(&m.date),
        Some(&m.url),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .map(|s| escape_text(s))
    .collect();
    out.push_str(&format!(
        "<p class=\"meta\">{} &middot; {}</p>\n",
        parts.join(" &middot; "),
        escape_text(m.genre.label())
    ));
    let marks = case.marks(annotator, &m.id);
    let Some(t) = &article.text else {
        out.push_str(
            "<p class=\"note\">The text of this article could not be read.</p>\n</section>\n",
        );
        return out;
    };
    out.push_str(&marked_text(case.schema(), t, marks, &anchor));
    if marks.is_empty() {
        out.push_str("<p class=\"note\">No marks on this article.</p>\n");
    } else {
        out.push_str("<ol class=\"notes\">\n");
        for (n, mark) in marks.iter().enumerate() {
            out.push_str(&footnote(case.schema(), links, mark, &anchor, n + 1));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The text, escaped, cut at every mark's start and end; each piece inside
/// one span per mark covering it, and each mark's number after its end.
fn marked_text(schema: &Schema, t: &ArticleText, marks: &[Mark], anchor: &str) -> String {
    let len = t.char_len();
    let ranges: Vec<CharRange> = marks
        .iter()
        .map(|m| CharRange::new(m.start.0.min(len), m.end.0.min(len)))
        .collect();
    let mut cuts: BTreeSet<usize> = [0, len].into();
    for r in &ranges {
        cuts.insert(r.start.0);
        cuts.insert(r.end.0);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let class_of = |m: &Mark| {
        schema
            .categories
            .iter()
            .position(|c| c.id == m.category)
            .map_or("cx".to_string(), |i| format!("c{i}"))
    };
    let mut out = String::from("<div class=\"text\">");
    for w in cuts.windows(2) {
        let piece = CharRange::new(w[0], w[1]);
        if piece.is_empty() {
            continue;
        }
        let covering: Vec<usize> = ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| r.start <= piece.start && piece.end <= r.end)
            .map(|(i, _)| i)
            .collect();
        for &i in &covering {
            let m = &marks[i];
            let _ = write!(
                out,
                "<span class=\"m {}\" title=\"{}\">",
                class_of(m),
                escape_attr(&format!(
                    "{}: {}",
                    schema.category_name(&m.category),
                    m.note
                ))
            );
        }
        out.push_str(&escape_text(t.slice(piece).unwrap_or_default()));
        out.push_str(&"</span>".repeat(covering.len()));
        // Numbers of the marks that end here, as "1,2" so two never read as 12.
        let ending: Vec<String> = ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| r.end.0 == w[1] && !r.is_empty())
            .map(|(i, _)| {
                let n = i + 1;
                format!("<a id=\"r{anchor}-{n}\" href=\"#n{anchor}-{n}\">{n}</a>")
            })
            .collect();
        if !ending.is_empty() {
            let _ = write!(out, "<sup>{}</sup>", ending.join(","));
        }
    }
    out.push_str("</div>\n");
    out
}

/// One mark's footnote: category, quote, attributes, note, links.
fn footnote(schema: &Schema, links: Option<&Links>, mark: &Mark, anchor: &str, n: usize) -> String {
    let class = schema
        .categories
        .iter()
        .position(|c| c.id == mark.category)
        .map_or("cx".to_string(), |i| format!("c{i}"));
    let mut out = format!(
        "<li id=\"n{anchor}-{n}\"><span class=\"sw m {class}\">{}</span> &ldquo;{}&rdquo; <a href=\"#r{anchor}-{n}\" title=\"where it is in the text\">&uarr;</a>",
        escape_text(schema.category_name(&mark.category)),
        escape_text(&mark.quote)
    );
    let mut details: Vec<String> = schema
        .describe(mark)
        .into_iter()
        .map(|l| format!("{}: {}", l.name, l.value))
        .collect();
    if let Some(links) = links {
        for c in links.claims.iter().filter(|c| c.marks.contains(&mark.id)) {
            details.push(format!("Claim: {}", c.label));
        }
        for a in links.actors.iter().filter(|a| a.marks.contains(&mark.id)) {
            details.push(format!("Actor: {}", a.name));
        }
    }
    if !details.is_empty() {
        out.push_str("<br><span class=\"attrs\">");
        out.push_str(
            &details
                .iter()
                .map(|d| escape_text(d))
                .collect::<Vec<_>>()
                .join(" &middot; "),
        );
        out.push_str("</span>");
    }
    if !mark.note.is_empty() {
        let _ = write!(
            out,
            "<br><span class=\"why\">{}</span>",
            escape_text(&mark.note)
        );
    }
    out.push_str("</li>\n");
    out
}

fn claims_table(t: &ClaimsTable) -> String {
    if t.rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h3>Claims x articles</h3>\n<table class=\"grid\">\n<thead><tr><th>claim</th>",
    );
    for c in &t.columns {
        out.push_str(&format!("<th>{}</th>", escape_text(column_name(c))));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str(&format!(
            "<tr><th>{}{}</th>",
            escape_text(&r.label),
            if r.contested {
                " <b>(contested)</b>"
            } else {
                ""
            }
        ));
        for cell in &r.cells {
            let detail = match &cell.carriage {
                Carriage::Attributed { source, cue, .. } => [source.as_str(), cue.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            };
            let name = carriage_name(&cell.carriage);
            out.push_str(&format!(
                "<td class=\"{}\">{}{}</td>",
                name.replace(' ', "-"),
                escape_text(if matches!(cell.carriage, Carriage::Absent) {
                    "-"
                } else {
                    name
                }),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!("<br><small>{}</small>", escape_text(&detail))
                }
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn actors_table(t: &ActorsTable) -> String {
    if t.rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h3>Actors x articles</h3>\n<table class=\"grid\">\n<thead><tr><th>actor</th>",
    );
    for c in &t.columns {
        out.push_str(&format!("<th>{}</th>", escape_text(column_name(c))));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str(&format!("<tr><th>{}</th>", escape_text(&r.name)));
        for cell in &r.cells {
            let words: Vec<String> = cell
                .iter()
                .map(|w| match &w.polarity {
                    Some(p) => format!("{} ({p})", w.words),
                    None => w.words.clone(),
                })
                .collect();
            out.push_str(&format!(
                "<td>{}</td>",
                if words.is_empty() {
                    "-".to_string()
                } else {
                    escape_text(&words.join("; "))
                }
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// An article as a table's column head: its outlet, or its title.
fn column_name(c: &crate::compare::ArticleColumn) -> &str {
    if c.outlet.is_empty() {
        &c.title
    } else {
        &c.outlet
    }
}

/// The patterns categories take in turn: with the colour, an underline
/// style, so grey print and colour-blind readers still tell them apart.
const PATTERNS: [(&str, &str); 6] = [
    ("linear-gradient({c}, {c})", "3px solid"),
    (
        "repeating-linear-gradient(45deg, {c} 0 4px, {l} 4px 8px)",
        "3px dashed",
    ),
    (
        "radial-gradient(circle, {c} 1.4px, {l} 1.7px) 0 0 / 5px 5px",
        "3px dotted",
    ),
    (
        "repeating-linear-gradient(90deg, {c} 0 3px, {l} 3px 6px)",
        "4px double",
    ),
    (
        "repeating-linear-gradient(0deg, {c} 0 3px, {l} 3px 6px)",
        "2px solid",
    ),
    (
        "repeating-linear-gradient(-45deg, {c} 0 4px, {l} 4px 8px)",
        "2px dashed",
    ),
];

/// The report's style sheet: the fixed part and one rule per category.
fn style(schema: &Schema) -> String {
    let mut out = String::from(BASE_STYLE);
    for (i, c) in schema.categories.iter().enumerate() {
        let [r, g, b] = c.rgb();
        let strong = format!("rgba({r},{g},{b},.42)");
        let light = format!("rgba({r},{g},{b},.12)");
        let (fill, line) = PATTERNS[i % PATTERNS.len()];
        let fill = fill.replace("{c}", &strong).replace("{l}", &light);
        let _ = writeln!(
            out,
            ".c{i} {{ background: {fill}; border-bottom: {line} rgb({r},{g},{b}); }}"
        );
    }
    out.push_str(".cx { background: rgba(128,128,128,.25); border-bottom: 2px solid #777; }\n");
    out
}

const BASE_STYLE: &str = r#"body { font: 16px/1.5 Georgia, "DejaVu Serif", serif; color: #1d1d1d; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2.who { font-size: 1.4rem; margin-top: 2.5rem; border-top: 2px solid #333; padding-top: .6rem; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
.sub, .meta, .note { color: #555; } .note { font-style: italic; }
.legend { font: 14px/2 system-ui, sans-serif; }
.sw { display: inline-block; padding: 0 .35rem; margin-right: .3rem; }
table.grid { border-collapse: collapse; font: 13px/1.4 system-ui, sans-serif; margin: .5rem 0; }
table.grid th, table.grid td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.grid th { overflow-wrap: normal; word-break: normal; hyphens: manual; white-space: normal; }
table.grid thead th { background: #f3f3f3; }
td.stated-as-fact { font-weight: bold; } td.absent { color: #999; }
.text { white-space: pre-wrap; line-height: 1.9; background: #fff; border: 1px solid #ddd; padding: .8rem 1rem; }
.text sup { font: bold 10px system-ui, sans-serif; } .text sup a { color: #333; }
.m { padding-bottom: 1px; }
ol.notes { font: 14px/1.45 system-ui, sans-serif; padding-left: 2.2rem; }
ol.notes li { margin: .4rem 0; } ol.notes .attrs { color: #333; } ol.notes .why { font-style: italic; }
ol.notes a { text-decoration: underline; padding: 0 .2rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.article { break-before: page; }
  .text { border: none; padding: 0; }
  a { color: inherit; }
  table.grid { break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_headers_break_only_between_words() {
        let css = style(&Schema::default_schema());
        let th = css
            .lines()
            .find(|l| l.starts_with("table.grid th {"))
            .expect("a rule for the headers alone");
        for want in [
            "overflow-wrap: normal",
            "word-break: normal",
            "hyphens: manual",
        ] {
            assert!(th.contains(want), "{th}");
        }
        // It comes after the rule shared with the cells, so it wins.
        let shared = css.find("table.grid th, table.grid td").expect("shared");
        assert!(css.find("table.grid th {").expect("own") > shared);
    }

    #[test]
    fn links_are_underlined_not_told_by_colour_alone() {
        let css = style(&Schema::default_schema());
        assert!(!css.contains("text-decoration: none"), "{css}");
        assert!(css.contains("ol.notes a { text-decoration: underline"));
    }
}
