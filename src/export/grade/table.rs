//! A class's grades as plain text: the rules first, then one row per
//! student (F1 per category, overall, and the counts behind it), then, for
//! a single student, their scores per category, every feedback item in text
//! order quoting both marks and the key's reasons, and the key's claims.

use super::words::{
    claim_line, claims_summary_line, found_details, found_line, hand_in_words, item_details,
    item_ids, item_sentence, outcome_label, percent, rules_lines,
};
use crate::case::Case;
use crate::export::table::{Align, render};
use crate::grade::{ArticleGrade, ClassGrade, Grade, HandIn, Score};

/// What `candor grade --format table` prints: the rules and the class
/// table, then with one student their feedback, with several the key's
/// marks fewest found first.
pub fn grade(case: &Case, class: &ClassGrade) -> String {
    let mut out = String::new();
    for line in rules_lines(&class.rules) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&class_table(class));
    if let [one] = class.students.as_slice() {
        out.push('\n');
        out.push_str(&feedback(one));
    } else if class.students.len() > 1 {
        out.push('\n');
        out.push_str(&key_marks_found(case, class));
    }
    out
}

/// The key's marks, fewest found first, each with who found it.
pub fn key_marks_found(case: &Case, class: &ClassGrade) -> String {
    let tallies = class.key_marks_found(case);
    if tallies.is_empty() {
        return "the key has no marks\n".to_string();
    }
    let mut out = String::from(
        "The key's marks, fewest found first (found: matched; counted over the students who handed the article in):\n",
    );
    for t in &tallies {
        out.push_str(&format!(
            "  {}: {} [key {}]\n",
            t.article,
            found_line(t),
            t.key.mark
        ));
        for d in found_details(t) {
            out.push_str(&format!("      {d}\n"));
        }
    }
    out
}

/// One row per student: F1 per category and overall, and the counts.
pub fn class_table(class: &ClassGrade) -> String {
    if class.students.is_empty() {
        return "no students to grade\n".to_string();
    }
    let mut rows = vec![class_header(class)];
    rows.extend(class.students.iter().map(|g| class_row(class, g)));
    let mut out = render(&rows, Align::Numbers);
    for g in &class.students {
        let n = g.not_handed_in().count();
        if n > 0 {
            out.push_str(&format!(
                "{}: {n} article(s) not handed in; the key's {} mark(s) there are not counted.\n",
                g.student,
                g.key_marks_not_counted()
            ));
        }
    }
    out
}

/// The class table's column titles: the student, F1 per category, then
/// the overall figures.
pub fn class_header(class: &ClassGrade) -> Vec<String> {
    let mut header = vec!["student".to_string()];
    header.extend(class.categories.iter().map(|c| format!("{} F1", c.name)));
    header.extend(
        [
            "F1",
            "matched",
            "boundary",
            "other category",
            "missed",
            "extra",
            "attributes agree",
            "not handed in",
        ]
        .map(String::from),
    );
    header
}

/// One student's row of the class table, under `class_header`.
pub fn class_row(class: &ClassGrade, g: &Grade) -> Vec<String> {
    let mut row = vec![g.student.to_string()];
    row.extend(
        class
            .categories
            .iter()
            .map(|c| percent(g.category(&c.category).and_then(|s| s.score.f1))),
    );
    let o = &g.overall;
    let not_in: Vec<&str> = g.not_handed_in().map(|a| a.article.as_str()).collect();
    row.extend([
        percent(o.f1),
        o.matched.to_string(),
        o.boundary.to_string(),
        o.key_in_other_category.to_string(),
        o.missed.to_string(),
        o.extra.to_string(),
        percent(o.attribute_agreement),
        if not_in.is_empty() {
            "-".to_string()
        } else {
            not_in.join(", ")
        },
    ]);
    row
}

/// The column titles of `score_row`.
pub const SCORE_HEADER: [&str; 12] = [
    "category",
    "key marks",
    "your marks",
    "matched",
    "boundary",
    "other category",
    "missed",
    "extra",
    "precision",
    "recall",
    "F1",
    "attributes agree",
];

/// One student's scores per category, feedback in text order, and claims.
pub fn feedback(g: &Grade) -> String {
    let mut out = format!("{}, against the key of {}\n\n", g.student, g.rules.key);
    let mut rows = vec![SCORE_HEADER.map(String::from).to_vec()];
    for c in &g.categories {
        rows.push(score_row(&c.name, &c.score));
    }
    rows.push(score_row("all", &g.overall));
    out.push_str(&render(&rows, Align::Numbers));
    for a in &g.articles {
        out.push('\n');
        out.push_str(&article(a));
    }
    if !g.claims.is_empty() {
        out.push('\n');
        out.push_str(&claims_summary_line(g));
        out.push('\n');
        for c in &g.claims {
            out.push_str("  ");
            out.push_str(&claim_line(c));
            out.push('\n');
        }
    }
    out
}

/// One line of scores: the counts behind them, then the figures.
pub fn score_row(name: &str, s: &Score) -> Vec<String> {
    vec![
        name.to_string(),
        s.key_marks.to_string(),
        s.student_marks.to_string(),
        s.matched.to_string(),
        s.boundary.to_string(),
        // For one category: the key's marks of it that were marked as
        // another; for all, the pairs of mixed categories.
        s.key_in_other_category.to_string(),
        s.missed.to_string(),
        s.extra.to_string(),
        percent(s.precision),
        percent(s.recall),
        percent(s.f1),
        percent(s.attribute_agreement),
    ]
}

/// One article's feedback: a heading, then each item with its details.
fn article(a: &ArticleGrade) -> String {
    let state = hand_in_words(a.hand_in);
    let mut out = format!("{}: {} ({state})\n", a.article, a.title);
    if a.hand_in == HandIn::NotHandedIn {
        out.push_str(&format!(
            "  not graded: the key's {} mark(s) here are not counted\n",
            a.key_marks
        ));
        return out;
    }
    if a.items.is_empty() {
        out.push_str("  no marks here, in the key or yours\n");
    }
    let width = a
        .items
        .iter()
        .map(|i| outcome_label(i.outcome).len())
        .max()
        .unwrap_or(0);
    for item in &a.items {
        out.push_str(&format!(
            "  {:<width$}  {} [{}]\n",
            outcome_label(item.outcome),
            item_sentence(item),
            item_ids(item)
        ));
        for d in item_details(item) {
            out.push_str(&format!("  {:<width$}    {d}\n", ""));
        }
    }
    out
}
