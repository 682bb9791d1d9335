//! One student's page: the rules, their scores, then each article's text
//! with their marks (fills) and the key's (underlines), every feedback item
//! numbered in the text and listed under it with the key's reasons, and the
//! key's claims as the student linked them.
//!
//! Marks may nest and overlap, so the text is cut at every mark's start and
//! end, and each piece is wrapped in one span per mark covering it. Each of
//! the key's marks keeps one lane (how far below the line its underline
//! sits) over its whole length, so two underlines never merge.

use std::collections::BTreeSet;

use super::super::words::{
    item_details, item_ids, item_sentence, outcome_label, percent, rules_lines,
};
use super::rules_section;
use crate::case::Case;
use crate::export::html::{escape_attr, escape_text};
use crate::grade::{ArticleGrade, ClaimState, Grade, HandIn, Item, Outcome, Score};
use crate::text::{ArticleText, CharPos, CharRange};

/// The whole page of one student's grade.
pub fn page(case: &Case, g: &Grade) -> String {
    let who = escape_text(g.student.as_str());
    let mut body = format!(
        "<nav><a href=\"index.html\">&larr; The class</a></nav>\n<h1>{who}: marks against the key</h1>\n\
<p class=\"sub\">{} &middot; answer key of <b>{}</b></p>\n",
        escape_text(&case.manifest().title),
        escape_text(g.rules.key.as_str())
    );
    body.push_str(&rules_section(&rules_lines(&g.rules)));
    body.push_str(&scores(g));
    body.push_str(LEGEND);
    body.push_str("<h2>Articles</h2>\n<ul>\n");
    for (i, a) in g.articles.iter().enumerate() {
        let state = match a.hand_in {
            HandIn::NotHandedIn => " (not handed in)",
            _ => "",
        };
        body.push_str(&format!(
            "<li><a href=\"#a{i}\">{}</a>{state}</li>\n",
            escape_text(&a.title)
        ));
    }
    body.push_str("</ul>\n");
    for (i, a) in g.articles.iter().enumerate() {
        body.push_str(&article(case, i, a));
    }
    body.push_str(&claims(g));
    super::page(&format!("{}: marks against the key", g.student), &body)
}

const LEGEND: &str = "<p class=\"legend\"><b>How to read the texts.</b> Fills are your marks, underlines the key's:<br>\
<span class=\"sw s-matched k-matched lane0\">matched</span>\
<span class=\"sw s-boundary\">your extent</span><span class=\"sw k-boundary lane0\">the key's extent</span> (boundary: right place, different extent) \
<span class=\"sw s-other_category k-other_category lane0\">other category</span>\
<span class=\"sw k-missed lane0\">missed</span>\
<span class=\"sw s-extra\">extra</span><br>\
The small numbers in the text point to the feedback under it.</p>\n";

fn scores(g: &Grade) -> String {
    let mut out = String::from(
        "<h2>Scores</h2>\n<table class=\"scores\">\n<thead><tr><th>category</th><th>key marks</th>\
<th>your marks</th><th>matched</th><th>boundary</th><th>other category</th><th>missed</th>\
<th>extra</th><th>precision</th><th>recall</th><th>F1</th><th>attributes agree</th></tr></thead>\n<tbody>\n",
    );
    let rows = g
        .categories
        .iter()
        .map(|c| (c.name.as_str(), &c.score))
        .chain([("all", &g.overall)]);
    for (name, s) in rows {
        out.push_str(&score_row(name, s));
    }
    out.push_str("</tbody>\n</table>\n");
    let n = g.not_handed_in().count();
    if n > 0 {
        out.push_str(&format!(
            "<p class=\"note\">{n} article(s) not handed in: the key's {} mark(s) there are not counted.</p>\n",
            g.key_marks_not_counted()
        ));
    }
    out
}

fn score_row(name: &str, s: &Score) -> String {
    format!(
        "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
<td>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td></tr>\n",
        escape_text(name),
        s.key_marks,
        s.student_marks,
        s.matched,
        s.boundary,
        s.key_in_other_category,
        s.missed,
        s.extra,
        percent(s.precision),
        percent(s.recall),
        percent(s.f1),
        percent(s.attribute_agreement),
    )
}

/// One article: heading, text with marks, feedback list.
fn article(case: &Case, index: usize, a: &ArticleGrade) -> String {
    let meta = case.article(&a.article).map(|x| &x.meta);
    let mut out = format!(
        "<section class=\"article\" id=\"a{index}\">\n<h2>{}</h2>\n",
        escape_text(&a.title)
    );
    if let Some(m) = meta {
        let parts: Vec<String> = [&m.outlet, &m.date, &m.url]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| escape_text(s))
            .collect();
        out.push_str(&format!(
            "<p class=\"meta\">{}</p>\n",
            parts.join(" &middot; ")
        ));
    }
    match a.hand_in {
        HandIn::NotHandedIn => {
            out.push_str(&format!(
                "<p class=\"not-handed-in\">Not handed in: not marked done, and no marks. \
Left out of the scores: the key's {} mark(s) here are not counted as missed.</p>\n</section>\n",
                a.key_marks
            ));
            return out;
        }
        HandIn::Marked => out.push_str("<p class=\"note\">Not marked done; graded as it is.</p>\n"),
        HandIn::Done => {}
    }
    match case.article_text(&a.article) {
        Some(t) => out.push_str(&marked_text(t, index, &a.items)),
        None => out.push_str("<p class=\"note\">The text of this article could not be read.</p>\n"),
    }
    if a.items.is_empty() {
        out.push_str("<p class=\"note\">Neither you nor the key marked anything here.</p>\n");
    } else {
        out.push_str("<ol class=\"feedback\">\n");
        for (n, item) in a.items.iter().enumerate() {
            out.push_str(&feedback_item(index, n + 1, item));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
    out
}

fn feedback_item(article: usize, n: usize, item: &Item) -> String {
    let kind = outcome_class(item.outcome);
    let mut out = format!(
        "<li id=\"a{article}-{n}\"><span class=\"badge b-{kind}\">{}</span> {} <span class=\"ids\">[{}]</span> \
<a href=\"#t{article}-{n}\" title=\"where it is in the text\">&uarr;</a>",
        outcome_label(item.outcome),
        escape_text(&item_sentence(item)),
        escape_text(&item_ids(item))
    );
    let mut details = item_details(item);
    if let Some(s) = &item.student
        && !s.note.is_empty()
    {
        details.push(format!("Your note: {}", s.note));
    }
    if !details.is_empty() {
        out.push_str("\n<ul>");
        for d in details {
            out.push_str(&format!("<li>{}</li>", escape_text(&d)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>\n");
    out
}

/// The CSS class part of an outcome (`other_category`), as serde names it.
fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Matched => "matched",
        Outcome::Boundary => "boundary",
        Outcome::OtherCategory => "other_category",
        Outcome::Missed => "missed",
        Outcome::Extra => "extra",
    }
}

/// One layer drawn over the text: a student's fill or a key's underline.
struct Layer {
    range: CharRange,
    class: String,
    title: String,
}

/// The article's text, escaped, with every item's marks drawn over it and
/// each item's number where it starts.
fn marked_text(t: &ArticleText, article: usize, items: &[Item]) -> String {
    let len = t.char_len();
    let clamp = |r: CharRange| CharRange::new(r.start.0.min(len), r.end.0.min(len));
    let mut keys: Vec<Layer> = Vec::new();
    let mut students: Vec<Layer> = Vec::new();
    for item in items {
        let kind = outcome_class(item.outcome);
        let title = item_sentence(item);
        if let Some(k) = &item.key {
            keys.push(Layer {
                range: clamp(k.range),
                class: format!("k-{kind}"),
                title: title.clone(),
            });
        }
        if let Some(s) = &item.student {
            students.push(Layer {
                range: clamp(s.range),
                class: format!("s-{kind}"),
                title,
            });
        }
    }
    // One lane per key mark for its whole length: the lowest free one.
    keys.sort_by_key(|l| (l.range.start, std::cmp::Reverse(l.range.end)));
    let mut lane_end: Vec<CharPos> = Vec::new();
    let mut lanes = Vec::with_capacity(keys.len());
    for l in &keys {
        let lane = match lane_end.iter().position(|&e| e <= l.range.start) {
            Some(free) => free,
            None => {
                lane_end.push(CharPos(0));
                lane_end.len() - 1
            }
        };
        lane_end[lane] = l.range.end;
        lanes.push(lane);
    }
    let starts: Vec<(CharPos, usize)> = items
        .iter()
        .enumerate()
        .map(|(n, i)| (clamp(i.range()).start, n + 1))
        .collect();
    let mut cuts: BTreeSet<usize> = [0, len].into();
    for l in keys.iter().chain(&students) {
        cuts.insert(l.range.start.0);
        cuts.insert(l.range.end.0);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = String::from("<div class=\"text\">");
    for w in cuts.windows(2) {
        let piece = CharRange::new(w[0], w[1]);
        // Items starting here, as one "1,2" so two numbers never read as 12.
        let here: Vec<String> = starts
            .iter()
            .filter(|(s, _)| s.0 == w[0])
            .map(|(_, n)| format!("<a id=\"t{article}-{n}\" href=\"#a{article}-{n}\">{n}</a>"))
            .collect();
        if !here.is_empty() {
            out.push_str(&format!("<sup>{}</sup>", here.join(",")));
        }
        if piece.is_empty() {
            continue;
        }
        let covers = |l: &Layer| l.range.start <= piece.start && piece.end <= l.range.end;
        // Outer lanes first, so each underline sits below the one inside it.
        let mut open: Vec<(usize, &Layer)> = keys
            .iter()
            .zip(&lanes)
            .filter(|(l, _)| covers(l))
            .map(|(l, &lane)| (lane, l))
            .collect();
        open.sort_by_key(|(lane, _)| std::cmp::Reverse(*lane));
        let mut spans = 0;
        for (lane, l) in &open {
            out.push_str(&format!(
                "<span class=\"{} lane{}\" title=\"{}\">",
                l.class,
                (*lane).min(3),
                escape_attr(&l.title)
            ));
            spans += 1;
        }
        for l in students.iter().filter(|l| covers(l)) {
            out.push_str(&format!(
                "<span class=\"{}\" title=\"{}\">",
                l.class,
                escape_attr(&l.title)
            ));
            spans += 1;
        }
        out.push_str(&escape_text(t.slice(piece).unwrap_or_default()));
        out.push_str(&"</span>".repeat(spans));
    }
    out.push_str("</div>\n");
    out
}

fn claims(g: &Grade) -> String {
    if g.claims.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<h2>Claims</h2>\n<p>The key links the same claim across articles. In {} of {} place(s) your mark \
there is linked into the one claim of yours that corresponds.</p>\n<ul class=\"claims\">\n",
        g.claims_summary.linked, g.claims_summary.counted
    );
    for c in &g.claims {
        let yours = c
            .student_claim
            .as_ref()
            .map_or("none of your claims".to_string(), |s| {
                format!("your claim {} “{}”", s.claim, s.label)
            });
        out.push_str(&format!(
            "<li><b>{}</b>: linked in {} of {} article(s), as {}.",
            escape_text(&c.label),
            c.linked,
            c.counted,
            escape_text(&yours)
        ));
        for (state, name) in [
            (ClaimState::Linked, "linked"),
            (ClaimState::FoundNotLinked, "marked but not linked"),
            (ClaimState::NotFound, "not found"),
            (ClaimState::NotHandedIn, "not handed in"),
        ] {
            let here: Vec<String> = c
                .articles
                .iter()
                .filter(|a| a.state == state)
                .map(|a| escape_text(a.article.as_str()))
                .collect();
            if !here.is_empty() {
                out.push_str(&format!(" {name}: {}.", here.join(", ")));
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    out
}
