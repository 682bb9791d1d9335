//! A class's grades as HTML: one self-contained page per student (the
//! articles with their marks and the key's, drawn so colour and pattern
//! tell matched, boundary, other category, missed and extra apart, and the
//! feedback beside them) and an `index.html` with the class table and the
//! key's marks ranked by how many students found them.
//!
//! The pages are meant to be opened from a folder or a USB stick in any
//! browser, and a case's texts, titles and notes are written by whoever
//! made the case. So every string from the case goes through
//! `export::html`'s escaping, and every page is its page shell, with the
//! same policy as the marks report.
//!
//! - this file: writing the files, the index page, what every page shares;
//! - `student`: one student's page.

mod student;

use std::path::{Path, PathBuf};

use crate::case::Case;
use crate::export::folder::{self, FolderError, Replace};
use crate::grade::{ClassGrade, Grade, KeyMarkTally};
use crate::model::is_valid_id;
use crate::progress::{Cancelled, Progress};

use super::words::{found_details, percent, quoted, rules_lines};
use crate::export::html::{self, escape_attr, escape_text};

/// Why the pages could not be written.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The folder holds the user's files, or a page could not be written.
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("{0:?} is not an annotator id that can name a file")]
    BadName(String),
    /// Stopped before any page was written.
    #[error("the pages were cancelled; nothing was written")]
    Cancelled(#[from] Cancelled),
}

/// Writes `index.html` and one `student-<id>.html` per student into `dir`
/// (made if missing) through `export::folder`, which refuses a folder
/// holding files Candor did not write unless `replace` allows it, and
/// returns the files written. Each page made is a step of the stage
/// "pages" of `progress`; a cancel is honoured only while they are made,
/// in memory, so a cancelled run writes nothing.
pub fn write(
    case: &Case,
    class: &ClassGrade,
    dir: &Path,
    replace: Replace,
    progress: &Progress,
) -> Result<Vec<PathBuf>, HtmlError> {
    progress.stage("pages", class.students.len() + 1);
    let mut pages = Vec::new();
    for g in &class.students {
        progress.check()?;
        if !is_valid_id(g.student.as_str()) {
            return Err(HtmlError::BadName(g.student.to_string()));
        }
        pages.push((PathBuf::from(page_name(g)), student::page(case, g)));
        progress.step();
    }
    pages.push((PathBuf::from("index.html"), index(case, class)));
    progress.check()?;
    progress.step();
    let files: Vec<(PathBuf, &[u8])> = pages
        .iter()
        .map(|(name, page)| (name.clone(), page.as_bytes()))
        .collect();
    Ok(folder::write_all(dir, &files, replace)?)
}

/// One student's page alone (the feedback handed back to each student).
pub fn student_page(case: &Case, g: &Grade) -> String {
    student::page(case, g)
}

/// A student's page's file name: prefixed, so no student id can be `index`.
pub fn page_name(g: &Grade) -> String {
    format!("student-{}.html", g.student)
}

/// The class page: the rules, then one row per student with a link to
/// their page.
pub fn index(case: &Case, class: &ClassGrade) -> String {
    let title = format!("{}: the class against the key", case.manifest().title);
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"sub\">The class against the answer key of <b>{}</b>.</p>\n",
        escape_text(&case.manifest().title),
        escape_text(class.rules.key.as_str())
    );
    body.push_str(&rules_section(&rules_lines(&class.rules)));
    body.push_str("<h2>The class</h2>\n<table class=\"scores\">\n<thead><tr><th>student</th>");
    for c in &class.categories {
        body.push_str(&format!("<th>{} F1</th>", escape_text(&c.name)));
    }
    body.push_str(
        "<th>F1</th><th>matched</th><th>boundary</th><th>other category</th><th>missed</th>\
<th>extra</th><th>attributes agree</th><th>not handed in</th></tr></thead>\n<tbody>\n",
    );
    for g in &class.students {
        body.push_str(&format!(
            "<tr><th><a href=\"{}\">{}</a></th>",
            escape_attr(&page_name(g)),
            escape_text(g.student.as_str())
        ));
        for c in &class.categories {
            let f1 = g.category(&c.category).and_then(|s| s.score.f1);
            body.push_str(&format!("<td>{}</td>", percent(f1)));
        }
        let o = &g.overall;
        let not_in: Vec<String> = g
            .not_handed_in()
            .map(|a| escape_text(a.article.as_str()))
            .collect();
        body.push_str(&format!(
            "<td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            percent(o.f1),
            o.matched,
            o.boundary,
            o.key_in_other_category,
            o.missed,
            o.extra,
            percent(o.attribute_agreement),
            if not_in.is_empty() { "-".to_string() } else { not_in.join(", ") },
        ));
    }
    body.push_str("</tbody>\n</table>\n");
    if class.students.is_empty() {
        body.push_str("<p>No students to grade.</p>\n");
    }
    for g in class
        .students
        .iter()
        .filter(|g| g.not_handed_in().count() > 0)
    {
        body.push_str(&format!(
            "<p class=\"note\">{}: {} article(s) not handed in; the key's {} mark(s) there are not counted.</p>\n",
            escape_text(g.student.as_str()),
            g.not_handed_in().count(),
            g.key_marks_not_counted()
        ));
    }
    if !class.students.is_empty() {
        body.push_str(&key_marks_section(&class.key_marks_found(case)));
    }
    page(&title, &body)
}

/// The key's marks, fewest found first (the ranking `candor grade` prints
/// and the Class view shows), each with who found it: what an instructor
/// puts on the board.
fn key_marks_section(tallies: &[KeyMarkTally]) -> String {
    let mut out = String::from(
        "<h2 id=\"key-marks\">The key's marks, fewest found first</h2>\n\
<p class=\"note\">Found: matched under the rules above. Counted over the students who handed the article in.</p>\n",
    );
    if tallies.is_empty() {
        out.push_str("<p>The key has no marks.</p>\n");
        return out;
    }
    out.push_str(
        "<table class=\"scores key-marks\">\n<thead><tr><th>found</th><th>the key's mark</th>\
<th>category</th><th>article</th><th>who</th></tr></thead>\n<tbody>\n",
    );
    for t in tallies {
        let found = match t.counted() {
            0 => "not handed in".to_string(),
            n => format!("{} of {n}", t.found.len()),
        };
        let who: Vec<String> = found_details(t).iter().map(|d| escape_text(d)).collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"quote\">{}</td><td>{}</td><td>{}</td><td class=\"who\">{}</td></tr>\n",
            found,
            escape_text(&quoted(&t.key.quote)),
            escape_text(&t.key.category.name),
            escape_text(t.article.as_str()),
            who.join("<br>"),
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The rules, stated before any figure.
fn rules_section(lines: &[String]) -> String {
    let mut out = String::from("<section class=\"rules\"><h2>How this was graded</h2>\n<ul>\n");
    for l in lines {
        out.push_str(&format!("<li>{}</li>\n", escape_text(l)));
    }
    out.push_str("</ul></section>\n");
    out
}

/// A whole page around `body` (already HTML), with the policy and the style.
fn page(title: &str, body: &str) -> String {
    html::page(title, STYLE, body)
}

/// The pages' one style sheet. The student's marks are fills, the key's are
/// underlines; each outcome has its own colour *and* its own pattern (fill
/// stripes, underline style), so the pages read in greyscale and for
/// readers who do not tell red from green.
const STYLE: &str = r#"body { font: 16px/1.5 Georgia, "DejaVu Serif", serif; color: #1d1d1d; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.sub, .meta, .note { color: #555; } .note { font-style: italic; }
nav a, a { color: #1a4f8b; }
table.scores { border-collapse: collapse; font: 14px/1.4 system-ui, sans-serif; margin: .5rem 0; }
table.scores th, table.scores td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: right; }
table.scores th:first-child, table.scores thead th { text-align: left; background: #f3f3f3; }
table.key-marks td.quote, table.key-marks td.who { text-align: left; }
.rules { font: 14px/1.45 system-ui, sans-serif; background: #f7f7f2; border: 1px solid #ddd; padding: .2rem 1rem; }
.rules h2 { font-size: 1rem; margin-top: .6rem; }
.legend { font: 14px/1.8 system-ui, sans-serif; } .legend span.sw { margin-right: 1rem; }
.text { white-space: pre-wrap; line-height: 2.3; background: #fff; border: 1px solid #ddd; padding: .8rem 1rem; }
.text sup { font: bold 10px system-ui, sans-serif; color: #333; }
.text sup a { text-decoration: none; }
.s-matched { background: rgba(46,139,87,.28); }
.s-boundary { background: repeating-linear-gradient(45deg, rgba(230,145,0,.45) 0 4px, rgba(230,145,0,.12) 4px 8px); }
.s-other_category { background: repeating-linear-gradient(90deg, rgba(128,60,170,.40) 0 3px, rgba(128,60,170,.10) 3px 6px); }
.s-extra { background: radial-gradient(circle, rgba(30,110,200,.55) 1.3px, rgba(30,110,200,.10) 1.6px) 0 0 / 5px 5px; }
.k-matched { border-bottom: 3px solid #2e8b57; }
.k-boundary { border-bottom: 3px dashed #d08000; }
.k-other_category { border-bottom: 4px double #803caa; }
.k-missed { border-bottom: 3px dotted #c0392b; background: rgba(192,57,43,.08); }
.lane0 { padding-bottom: 1px; } .lane1 { padding-bottom: 6px; } .lane2 { padding-bottom: 11px; } .lane3 { padding-bottom: 16px; }
ol.feedback { font: 15px/1.45 system-ui, sans-serif; padding-left: 2.2rem; }
ol.feedback li { margin: .45rem 0; }
ol.feedback .ids { color: #666; font-size: 12px; }
ol.feedback ul { margin: .15rem 0; padding-left: 1.1rem; color: #333; }
.badge { display: inline-block; min-width: 7.5rem; font-size: 12px; font-weight: bold; text-transform: uppercase; letter-spacing: .03em; }
.b-matched { color: #1f6b41; } .b-boundary { color: #9a5f00; } .b-other_category { color: #6b2f91; } .b-missed { color: #a0291d; } .b-extra { color: #1a5aa6; }
.sw { display: inline-block; padding: 0 .35rem; }
.not-handed-in { border-left: 4px solid #999; padding-left: .8rem; color: #444; }
.claims li { margin: .3rem 0; }
@media print { .text { border: none; } a { color: inherit; } }
"#;
