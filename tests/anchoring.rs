//! Marks that survive edited texts: a mutation test-bed and properties.
//!
//! Invented articles are marked the way an annotator would (whole words,
//! phrases), then edited at random the way people correct articles: words
//! inserted, deleted or replaced near and far from marks, spaces and line
//! breaks changed, paragraphs swapped, a word inside a quote corrected. Each
//! edit is tracked, so we know where every mark's words really went; the
//! re-anchored marks are then counted as placed correctly, orphaned or
//! misplaced. Misplaced must be zero. `tally` takes any text and marks, so the
//! example case is run through it too (see the test at the end).

use std::path::Path;

use candor::anchor::{self, Located};
use candor::case::Case;
use candor::model::{AnnotatorId, ArticleId, CategoryId, Mark, MarkId, Timestamp};
use candor::text::ArticleText;
use candor::text::{CharPos, CharRange};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::util::{self, candor};

const FIXTURES: [(&str, &str); 3] = [
    (
        "ferry-strike",
        include_str!("fixtures/anchoring/ferry-strike.txt"),
    ),
    (
        "orchard-fire",
        include_str!("fixtures/anchoring/orchard-fire.txt"),
    ),
    (
        "museum-vote",
        include_str!("fixtures/anchoring/museum-vote.txt"),
    ),
];

/// Words used for insertions and replacements, multi-byte ones included.
const WORDS: [&str; 16] = [
    "officials",
    "reportedly",
    "café",
    "naïve",
    "👍🏽",
    "北京",
    "“so-called”",
    "however",
    "Zoë",
    "the",
    "protest",
    "🇫🇷",
    "Ørsted",
    "said",
    "dam",
    "quietly",
];

/// A small deterministic random source (SplitMix64): the test-bed must give
/// the same counts on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// `min` to `min + spread - 1` random words.
    fn words(&mut self, min: usize, spread: usize) -> String {
        let n = min + self.below(spread);
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A mark made as the window makes one: quote and context from the text.
fn new_mark(text: &ArticleText, id: usize, range: CharRange) -> Option<Mark> {
    candor::anchor::new_mark(
        text,
        MarkId(format!("m{id}")),
        range,
        CategoryId::new("loaded"),
    )
}

/// A mark with no place yet, for properties that set every field by hand.
fn blank_mark(id: usize) -> Mark {
    Mark {
        id: MarkId(format!("m{id}")),
        category: CategoryId::new("loaded"),
        start: CharPos(0),
        end: CharPos(0),
        quote: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        attributes: Default::default(),
        note: String::new(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    }
}

/// Char ranges of the words of a text (letters or digits in them), in order.
fn word_ranges(text: &str) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut chars = 0;
    for piece in text.split_word_bounds() {
        let n = piece.chars().count();
        if piece.chars().any(char::is_alphanumeric) {
            out.push(CharRange::new(chars, chars + n));
        }
        chars += n;
    }
    out
}

/// Marks spans of one to four whole words within a line, about one word in
/// `every`, the way an annotator's marks are spread over an article.
fn mark_words(text: &ArticleText, rng: &mut Rng, every: usize) -> Vec<Mark> {
    let words = word_ranges(&text.text);
    let mut marks = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let n = 1 + rng.below(4);
        let last = (i + n - 1).min(words.len() - 1);
        let range = CharRange {
            start: words[i].start,
            end: words[last].end,
        };
        let on_one_line = text.slice(range).is_some_and(|q| !q.contains('\n'));
        if on_one_line && let Some(m) = new_mark(text, marks.len() + 1, range) {
            marks.push(m);
        }
        i += 1 + rng.below(2 * every);
    }
    marks
}

/// Where a mark's words are known to be after the edits so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    /// The quote is at `range`, unchanged. `context_intact`: no edit came
    /// within 32 chars of it either.
    Quote {
        range: CharRange,
        context_intact: bool,
    },
    /// Edits fell strictly inside the quote; its words are now at `range`.
    QuoteEdited { range: CharRange },
    /// An edit crossed an edge of the quote. There is no single right place:
    /// a placement on what is left of the words, or on the text that replaced
    /// them (`hull`), is right; anywhere else is wrong.
    Mangled { hull: CharRange },
    /// The words were deleted: any placement is wrong.
    Gone,
}

/// How an edit replacing chars `a..b` with `k` chars relates to a range.
enum Relation {
    /// Entirely before or after: the range only shifts.
    Apart(CharRange),
    /// Strictly inside (not the whole range): the range grows or shrinks.
    Inside(CharRange),
    /// Across an edge: the smallest range covering the rest and the new text.
    Across(CharRange),
}

fn relate(r: CharRange, a: usize, b: usize, k: usize) -> Relation {
    let (s, e) = (r.start.0, r.end.0);
    let shift = |p: usize| p + k - (b - a);
    if b <= s {
        Relation::Apart(CharRange::new(shift(s), shift(e)))
    } else if a >= e {
        Relation::Apart(r)
    } else if a >= s && b <= e && !(a == s && b == e) {
        Relation::Inside(CharRange::new(s, shift(e)))
    } else {
        Relation::Across(CharRange::new(
            s.min(a),
            if b >= e { a + k } else { shift(e) },
        ))
    }
}

/// A text being edited, with the truth about each mark.
struct Edited {
    chars: Vec<char>,
    truths: Vec<Truth>,
    /// What was done, printed when a mark is misplaced.
    log: Vec<String>,
}

impl Edited {
    fn new(text: &str, marks: &[Mark]) -> Self {
        Edited {
            chars: text.chars().collect(),
            truths: marks
                .iter()
                .map(|m| Truth::Quote {
                    range: m.range(),
                    context_intact: true,
                })
                .collect(),
            log: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Replaces chars `a..b` with `new`, updating every mark's truth.
    fn replace(&mut self, a: usize, b: usize, new: &str) {
        let old: String = self.chars[a..b].iter().collect();
        self.log
            .push(format!("replace {a}..{b} {old:?} with {new:?}"));
        let new_chars: Vec<char> = new.chars().collect();
        let k = new_chars.len();
        let mangled = |hull: CharRange| {
            if hull.is_empty() {
                Truth::Gone
            } else {
                Truth::Mangled { hull }
            }
        };
        for t in &mut self.truths {
            *t = match *t {
                Truth::Gone => Truth::Gone,
                Truth::Quote {
                    range,
                    context_intact,
                } => {
                    let near = a < range.end.0 + 32 && b + 32 > range.start.0;
                    match relate(range, a, b, k) {
                        Relation::Apart(range) => Truth::Quote {
                            range,
                            context_intact: context_intact && !near,
                        },
                        Relation::Inside(range) if !range.is_empty() => {
                            Truth::QuoteEdited { range }
                        }
                        Relation::Inside(hull) | Relation::Across(hull) => mangled(hull),
                    }
                }
                Truth::QuoteEdited { range } => match relate(range, a, b, k) {
                    Relation::Apart(range) => Truth::QuoteEdited { range },
                    Relation::Inside(range) if !range.is_empty() => Truth::QuoteEdited { range },
                    Relation::Inside(hull) | Relation::Across(hull) => mangled(hull),
                },
                Truth::Mangled { hull } => match relate(hull, a, b, k) {
                    Relation::Apart(hull) | Relation::Inside(hull) | Relation::Across(hull) => {
                        mangled(hull)
                    }
                },
            };
        }
        self.chars.splice(a..b, new_chars);
    }

    /// Swaps two paragraphs (blocks between blank lines); marks move with
    /// their paragraph, and those near a paragraph's edge lose context.
    fn swap_paragraphs(&mut self, rng: &mut Rng) {
        let text = self.text();
        let mut paras: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        let mut pos = 0;
        let chars: Vec<char> = text.chars().collect();
        while pos < chars.len() {
            if pos + 1 < chars.len() && chars[pos] == '\n' && chars[pos + 1] == '\n' {
                paras.push((start, pos));
                pos += 2;
                start = pos;
            } else {
                pos += 1;
            }
        }
        paras.push((start, chars.len()));
        if paras.len() < 3 {
            return;
        }
        let i = rng.below(paras.len() - 1);
        let (p, q) = (paras[i], paras[i + 1]);
        self.log.push(format!("swap paragraphs {p:?} and {q:?}"));
        // [p] "\n\n" [q] becomes [q] "\n\n" [p].
        let q_len = q.1 - q.0;
        let p_len = p.1 - p.0;
        let mut swapped: Vec<char> = Vec::with_capacity(chars.len());
        swapped.extend_from_slice(&chars[..p.0]);
        swapped.extend_from_slice(&chars[q.0..q.1]);
        swapped.extend_from_slice(&['\n', '\n']);
        swapped.extend_from_slice(&chars[p.0..p.1]);
        swapped.extend_from_slice(&chars[q.1..]);
        for t in &mut self.truths {
            let moved = |r: CharRange| -> Option<(CharRange, bool)> {
                let (s, e) = (r.start.0, r.end.0);
                let edge_of = |(ps, pe): (usize, usize)| s < ps + 32 || e + 32 > pe;
                if s >= p.0 && e <= p.1 {
                    let d = q_len + 2;
                    Some((CharRange::new(s + d, e + d), edge_of(p)))
                } else if s >= q.0 && e <= q.1 {
                    let d = q.0 - p.0;
                    Some((CharRange::new(s - d, e - d), edge_of(q)))
                } else if e <= p.0 || s >= q.1 {
                    let near = s < q.1 + 32 && e + 32 > p.0;
                    Some((r, near))
                } else {
                    None
                }
            };
            let _ = p_len;
            *t = match *t {
                Truth::Gone => Truth::Gone,
                Truth::Quote {
                    range,
                    context_intact,
                } => match moved(range) {
                    Some((range, near)) => Truth::Quote {
                        range,
                        context_intact: context_intact && !near,
                    },
                    None => Truth::Gone,
                },
                Truth::QuoteEdited { range } => match moved(range) {
                    Some((range, _)) => Truth::QuoteEdited { range },
                    None => Truth::Gone,
                },
                Truth::Mangled { hull } => match moved(hull) {
                    Some((hull, _)) => Truth::Mangled { hull },
                    None => Truth::Gone,
                },
            };
        }
        self.chars = swapped;
    }

    /// A random word boundary position.
    fn boundary(&self, rng: &mut Rng) -> usize {
        let words = word_ranges(&self.text());
        if words.is_empty() {
            return 0;
        }
        words[rng.below(words.len())].start.0
    }

    /// One random edit of the kinds people make.
    fn random_edit(&mut self, rng: &mut Rng, marks: &[Mark]) {
        let len = self.chars.len();
        let near_mark = |rng: &mut Rng, this: &Self| -> usize {
            let live: Vec<CharRange> = this
                .truths
                .iter()
                .filter_map(|t| match t {
                    Truth::Quote { range, .. } => Some(*range),
                    _ => None,
                })
                .collect();
            if live.is_empty() {
                return 0;
            }
            let r = live[rng.below(live.len())];
            let offset = rng.below(40);
            if rng.below(2) == 0 {
                r.start.0.saturating_sub(offset)
            } else {
                (r.end.0 + offset).min(this.chars.len())
            }
        };
        match rng.below(8) {
            // A sentence inserted at a word boundary anywhere.
            0 => {
                let at = self.boundary(rng);
                let words = rng.words(3, 8);
                self.replace(at, at, &format!("{words}. "));
            }
            // Words deleted anywhere.
            1 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(30)).min(len);
                self.replace(a, b, "");
            }
            // Words replaced anywhere.
            2 => {
                let a = self.boundary(rng);
                let b = (a + 1 + rng.below(20)).min(len);
                let words = rng.words(1, 3);
                self.replace(a, b, &words);
            }
            // An insertion or deletion close to a mark.
            3 => {
                let at = near_mark(rng, self);
                if rng.below(2) == 0 {
                    let words = rng.words(1, 2);
                    self.replace(at, at, &format!("{words} "));
                } else {
                    let b = (at + 1 + rng.below(6)).min(len);
                    self.replace(at, b, "");
                }
            }
            // White space: a double space or a line break for a space.
            4 => {
                let spaces: Vec<usize> = (0..len).filter(|&i| self.chars[i] == ' ').collect();
                if !spaces.is_empty() {
                    let at = spaces[rng.below(spaces.len())];
                    let new = if rng.below(2) == 0 { "  " } else { "\n" };
                    self.replace(at, at + 1, new);
                }
            }
            // Two paragraphs swapped.
            5 => self.swap_paragraphs(rng),
            // A word inside a marked quote corrected.
            6 => {
                let live: Vec<CharRange> = self
                    .truths
                    .iter()
                    .filter_map(|t| match t {
                        Truth::Quote { range, .. } => Some(*range),
                        _ => None,
                    })
                    .filter(|r| r.len() >= 8)
                    .collect();
                if !live.is_empty() {
                    let r = live[rng.below(live.len())];
                    let quote: String = self.chars[r.start.0..r.end.0].iter().collect();
                    let words = word_ranges(&quote);
                    let w = words[rng.below(words.len())];
                    let (a, b) = (r.start.0 + w.start.0, r.start.0 + w.end.0);
                    // Keep the quote's first and last char so the edit is inside it.
                    let (a, b) = (a.max(r.start.0 + 1), b.min(r.end.0 - 1));
                    if a < b {
                        let word = WORDS[rng.below(WORDS.len())];
                        self.replace(a, b, word);
                    }
                }
            }
            // A typo fixed: one char replaced anywhere.
            _ => {
                let a = rng.below(len);
                self.replace(a, a + 1, "x");
            }
        }
        let _ = marks;
    }
}

/// Counts from a test-bed run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    marks: usize,
    placed_correctly: usize,
    /// Of those, marks whose edge was edited, placed on what is left of them.
    placed_on_edited_words: usize,
    /// Of those, marks placed on words that differ from their quote.
    placed_approximately: usize,
    orphaned: usize,
    misplaced: usize,
    /// Marks whose quote and 32 chars each side survived every edit...
    intact: usize,
    /// ...and how many of those were placed correctly.
    intact_placed: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.marks += o.marks;
        self.placed_correctly += o.placed_correctly;
        self.placed_on_edited_words += o.placed_on_edited_words;
        self.placed_approximately += o.placed_approximately;
        self.orphaned += o.orphaned;
        self.misplaced += o.misplaced;
        self.intact += o.intact;
        self.intact_placed += o.intact_placed;
    }
}

/// Applies `trials` rounds of one to `max_edits` random edits to `text` and
/// counts how the marks are re-anchored each time. Any text and marks will
/// do: the example case's articles and each annotator's marks, for instance.
fn tally(text: &str, marks: &[Mark], seed: u64, trials: usize, max_edits: usize) -> Tally {
    let mut total = Tally::default();
    let mut rng = Rng(seed);
    for trial in 0..trials {
        let mut edited = Edited::new(text, marks);
        for _ in 0..1 + rng.below(max_edits) {
            edited.random_edit(&mut rng, marks);
        }
        let new_text = ArticleText::new(edited.text());
        let found = anchor::reanchor(&new_text, marks);
        for ((mark, truth), located) in marks.iter().zip(&edited.truths).zip(&found) {
            total.marks += 1;
            let placed = match located {
                Located::Intact => Some(mark.range()),
                Located::Moved { range, .. } => Some(*range),
                Located::Orphan(_) => None,
            };
            let right = match truth {
                Truth::Quote { range, .. } | Truth::QuoteEdited { range } => Some(*range),
                Truth::Mangled { .. } | Truth::Gone => None,
            };
            if let Truth::Quote {
                context_intact: true,
                ..
            } = truth
            {
                total.intact += 1;
                if placed.is_some() && placed == right {
                    total.intact_placed += 1;
                }
            }
            if placed.is_some()
                && placed == right
                && let Located::Moved { exact: false, .. } = located
            {
                total.placed_approximately += 1;
            }
            match (placed, truth) {
                (None, _) => total.orphaned += 1,
                (Some(p), _) if Some(p) == right => total.placed_correctly += 1,
                (Some(p), Truth::Mangled { hull }) if p.overlaps(hull) => {
                    total.placed_correctly += 1;
                    total.placed_on_edited_words += 1;
                }
                (Some(p), _) => {
                    total.misplaced += 1;
                    eprintln!(
                        "MISPLACED (seed {seed}, trial {trial}): {:?} {:?} expected {:?}, got {:?} = {:?}",
                        mark.id.as_str(),
                        mark.quote,
                        truth,
                        located,
                        new_text.slice(p)
                    );
                    eprintln!("  after {:?}", edited.log);
                }
            }
        }
    }
    total
}

fn assert_tally_is_safe(name: &str, t: Tally) {
    eprintln!("{name}: {t:?}");
    assert_eq!(t.misplaced, 0, "{name}: marks placed on wrong words");
    assert!(t.intact > 0, "{name}: the edits left no mark intact");
    assert!(
        t.intact_placed * 100 >= t.intact * 99,
        "{name}: only {} of {} marks with intact quote and context were placed",
        t.intact_placed,
        t.intact
    );
    assert_eq!(t.placed_correctly + t.orphaned, t.marks);
}

#[test]
fn random_edits_to_the_fixture_articles_never_misplace_a_mark() {
    let mut all = Tally::default();
    for (i, (name, text)) in FIXTURES.iter().enumerate() {
        let article = ArticleText::new(candor::text::normalize(text));
        let mut rng = Rng(1000 + i as u64);
        let marks = mark_words(&article, &mut rng, 3);
        assert!(marks.len() > 50, "{name}: too few marks to learn anything");
        let t = tally(&article.text, &marks, 42 + i as u64, 150, 4);
        assert_tally_is_safe(name, t);
        all += t;
    }
    // The edits were real: some marks lost their words, some moved.
    assert!(all.orphaned > 0, "no edit ever destroyed a mark: {all:?}");
    assert!(all.placed_correctly > all.orphaned);
}

#[test]
fn one_edit_at_a_time_places_every_mark_whose_surroundings_survive() {
    for (i, (name, text)) in FIXTURES.iter().enumerate() {
        let article = ArticleText::new(candor::text::normalize(text));
        let mut rng = Rng(7 + i as u64);
        let marks = mark_words(&article, &mut rng, 2);
        let t = tally(&article.text, &marks, 99 + i as u64, 200, 1);
        assert_tally_is_safe(name, t);
    }
}

#[test]
fn lexicon_marks_on_repeated_words_follow_their_own_occurrence() {
    // Repeated words are the hard case: "the", "said", "board" occur many
    // times, so only context tells their marks apart.
    let mut all = Tally::default();
    for (i, (_, text)) in FIXTURES.iter().enumerate() {
        let article = ArticleText::new(candor::text::normalize(text));
        let mut marks = Vec::new();
        for phrase in ["the", "said", "board", "union", "council", "fire"] {
            for r in candor::suggest::find_whole_words(&article, phrase) {
                if let Some(m) = new_mark(&article, marks.len() + 1, r) {
                    marks.push(m);
                }
            }
        }
        all += tally(&article.text, &marks, 5 + i as u64, 100, 3);
    }
    assert_tally_is_safe("repeated words", all);
}

#[test]
fn a_corrected_word_inside_a_quote_is_followed_or_orphaned_never_misplaced() {
    let text = candor::text::normalize(FIXTURES[0].1);
    let article = ArticleText::new(text.clone());
    let marks: Vec<Mark> = [
        "insulted every worker who kept the boats running",
        "a reckless stunt that punishes the very people",
    ]
    .iter()
    .enumerate()
    .map(|(i, q)| {
        let r = candor::suggest::find_whole_words(&article, q)[0];
        new_mark(&article, i + 1, r).expect("fits")
    })
    .collect();
    let corrected = text
        .replace("insulted every worker", "insulted every single worker")
        .replace("reckless stunt", "reckles stunt");
    let found = anchor::reanchor(&ArticleText::new(corrected.clone()), &marks);
    let new = ArticleText::new(corrected);
    let texts: Vec<Option<&str>> = found
        .iter()
        .map(|l| match l {
            Located::Moved {
                range,
                exact: false,
            } => new.slice(*range),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            Some("insulted every single worker who kept the boats running"),
            Some("a reckles stunt that punishes the very people"),
        ]
    );
}

/// A case in a temp folder with one article, `ferry`, and amara's marks on
/// the first whole-word hit of each quote.
fn ferry_case(text: &str, quotes: &[&str]) -> (tempfile::TempDir, AnnotatorId, ArticleId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = util::case_with(&dir.path().join("case"), &[("ferry", text)]);
    let article = ArticleId::new("ferry");
    let key = AnnotatorId::new("amara");
    let mut marks = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let t = case.article_text(&article).expect("text");
        let r = candor::suggest::find_whole_words(t, q)[0];
        marks.push(
            case.mark_with_id(
                MarkId(format!("m{}", i + 1)),
                &article,
                r,
                &CategoryId::new("loaded"),
            )
            .expect("mark"),
        );
    }
    *case.marks_mut(&key, &article).expect("writable") = marks;
    case.save().expect("save");
    (dir, key, article)
}

fn write_article(root: &Path, text: &str) {
    std::fs::write(root.join("articles/ferry.txt"), text).expect("write article");
}

#[test]
fn a_corrected_article_moves_marks_on_open_and_the_next_save_writes_them() {
    let text = "Board chair Héloïse Marchetti called the walkout “a reckless stunt.” 🚤 Crews stayed home.\n";
    let (dir, key, article) = ferry_case(text, &["a reckless stunt", "Crews stayed home"]);
    let root = dir.path().join("case");
    // Someone fixes a typo and adds a sentence at the top, in another editor.
    write_article(
        &root,
        &format!("Updated at 9:40 with the union's reply.\r\n{text}"),
    );
    let mut case = Case::open(&root).expect("open");
    assert_eq!(case.anchoring().moved.len(), 2);
    assert!(candor::validate::orphans(&case).is_empty());
    let t = case.article_text(&article).expect("text");
    for m in case.marks(&key, &article) {
        assert_eq!(t.slice(m.range()), Some(m.quote.as_str()));
    }
    assert!(case.has_unsaved_changes());
    let report = case.save().expect("save");
    assert_eq!(
        report.written,
        vec![Path::new("marks/amara/ferry.ron").to_path_buf()]
    );
    // Reopened, everything is in place and nothing moves again.
    let case = Case::open(&root).expect("reopen");
    assert!(case.anchoring().moved.is_empty());
    assert!(!case.has_unsaved_changes());
}

#[test]
fn a_mark_whose_words_were_deleted_is_an_orphan_kept_in_its_file_and_reported() {
    let text = "The union said the board had insulted every worker, in a statement read outside the depot. Police said little.\n";
    let (dir, key, article) = ferry_case(text, &["insulted every worker", "Police said"]);
    let root = dir.path().join("case");
    let marks_file = root.join("marks/amara/ferry.ron");
    let before = std::fs::read_to_string(&marks_file).expect("marks file");
    write_article(
        &root,
        "Updated. The union said the board had been unfair, in a statement read outside the depot. Police said little.\n",
    );
    let mut case = Case::open(&root).expect("open");
    let orphans = candor::validate::orphans(&case);
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].mark.as_str(), "m1");
    // The other mark moved; the orphan is still in memory, untouched.
    assert_eq!(case.marks(&key, &article).len(), 2);
    let problems = candor::validate::check(&case);
    let orphan_warnings: Vec<String> = problems
        .iter()
        .filter(|p| p.message.contains("orphan"))
        .map(|p| p.to_string())
        .collect();
    assert_eq!(orphan_warnings.len(), 1, "{problems:?}");
    assert!(!problems.iter().any(|p| p.is_error()), "{problems:?}");
    // PATH:LINE:COL of the mark's id line.
    assert!(
        orphan_warnings[0].contains("ferry.ron:") && orphan_warnings[0].contains(": warning: "),
        "{}",
        orphan_warnings[0]
    );
    case.save().expect("save");
    let after = std::fs::read_to_string(&marks_file).expect("marks file");
    assert!(
        after.contains("insulted every worker"),
        "the orphan survives"
    );
    assert_ne!(before, after, "the moved mark was saved");
}

#[test]
fn the_window_can_poll_for_changed_articles_and_reload_one() {
    let text = "Ferries stopped at dawn. “Nobody told us anything,” said a nurse.\n";
    let (dir, key, article) = ferry_case(text, &["Nobody told us anything"]);
    let root = dir.path().join("case");
    let mut case = Case::open(&root).expect("open");
    assert!(case.changed_articles().is_empty());
    write_article(
        &root,
        "Ferries stopped at dawn on Monday. “Nobody told us anything,” said a nurse.\n",
    );
    assert_eq!(case.changed_articles(), vec![article.clone()]);
    let report = case.reload_article(&article).expect("reload");
    assert_eq!(report.moved.len(), 1);
    assert!(report.orphans.is_empty());
    assert!(case.changed_articles().is_empty());
    let m = &case.marks(&key, &article)[0];
    let t = case.article_text(&article).expect("text");
    assert_eq!(t.slice(m.range()), Some("Nobody told us anything"));
}

#[test]
fn crlf_emoji_and_accents_imported_then_marked_survive_a_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    Case::create(&root, "Unicode").expect("create");
    let file = dir.path().join("protest.txt");
    std::fs::write(
        &file,
        "Zoë said\r\n“Les élites 👩‍👩‍👧 ont menti” 🇫🇷\r\nالمتحدث محمد قال 北京\r\n",
    )
    .expect("write");
    let mut case = Case::open(&root).expect("open");
    let id = candor::import::import_file(&mut case, &file, &Default::default()).expect("import");
    let t = case.article_text(&id).expect("text");
    assert!(!t.text.contains('\r'));
    let ann = AnnotatorId::new("ben");
    let mut marks = Vec::new();
    for (i, q) in ["Les élites 👩‍👩‍👧 ont menti", "محمد", "北京"]
        .iter()
        .enumerate()
    {
        let r = candor::suggest::find_whole_words(t, q)[0];
        marks.push(
            case.mark_with_id(
                MarkId(format!("m{}", i + 1)),
                &id,
                r,
                &CategoryId::new("loaded"),
            )
            .expect("mark"),
        );
    }
    *case.marks_mut(&ann, &id).expect("writable") = marks;
    case.save().expect("save");
    let case = Case::open(&root).expect("reopen");
    assert!(candor::validate::orphans(&case).is_empty());
    assert!(case.anchoring().moved.is_empty());
    let t = case.article_text(&id).expect("text");
    let quotes: Vec<&str> = case
        .marks(&ann, &id)
        .iter()
        .map(|m| t.slice(m.range()).expect("in range"))
        .collect();
    assert_eq!(quotes, vec!["Les élites 👩‍👩‍👧 ont menti", "محمد", "北京"]);
}

/// Ten times the trials of the tests above, with other seeds:
/// `cargo test --release --test tests anchoring::long_run -- --ignored`.
#[test]
#[ignore = "a long run, for when the anchoring rules change"]
fn long_run_of_random_edits_never_misplaces_a_mark() {
    let mut all = Tally::default();
    for (i, (_, text)) in FIXTURES.iter().enumerate() {
        let article = ArticleText::new(candor::text::normalize(text));
        for seed in 0..10u64 {
            let mut rng = Rng(5000 + seed * 7 + i as u64);
            let marks = mark_words(&article, &mut rng, 3);
            all += tally(&article.text, &marks, 9000 + seed * 13 + i as u64, 150, 5);
        }
    }
    assert_tally_is_safe("long run", all);
}

/// The test-bed on the example case that ships with Candor.
#[test]
fn the_example_case_survives_random_edits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    let case = Case::open(&root).expect("the example case opens");
    let mut all = Tally::default();
    for (i, article) in case.articles().iter().enumerate() {
        let Some(text) = &article.text else { continue };
        for annotations in case.annotators().values() {
            if let Some(marks) = annotations.marks.get(&article.meta.id) {
                all += tally(&text.text, marks, 300 + i as u64, 100, 3);
            }
        }
    }
    assert!(all.marks > 0);
    assert_tally_is_safe("northgate-dam", all);
}

/// Text with every kind of char the issue lists, and plain words between.
fn unicode_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,8}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("e\u{301}".to_string()),
        Just("👍🏽".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("🇫🇷".to_string()),
        Just("北京市".to_string()),
        Just("محمد".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 1..60).prop_map(|v| v.concat())
}

/// A mark on chars `a..b` (taken modulo the text's length).
fn mark_on(text: &ArticleText, a: usize, b: usize) -> Option<Mark> {
    let len = text.char_len();
    if len == 0 {
        return None;
    }
    let start = a % len;
    let end = start + 1 + b % (len - start);
    new_mark(text, 1, CharRange::new(start, end))
}

proptest! {
    #[test]
    fn an_unedited_text_leaves_every_mark_intact(text in unicode_text(), a in 0usize..500, b in 0usize..50) {
        let t = ArticleText::new(text);
        if let Some(m) = mark_on(&t, a, b) {
            prop_assert_eq!(anchor::locate(&t, &m), Located::Intact);
        }
    }

    #[test]
    fn a_placement_is_on_the_quote_unless_reported_approximate(
        text in unicode_text(),
        a in 0usize..500,
        b in 0usize..50,
        at in 0usize..500,
        cut in 0usize..10,
        insert in unicode_text(),
    ) {
        let t = ArticleText::new(text);
        let Some(m) = mark_on(&t, a, b) else { return Ok(()) };
        let chars: Vec<char> = t.text.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + cut).min(chars.len());
        let edited: String = chars[..at].iter().copied()
            .chain(insert.chars())
            .chain(chars[end..].iter().copied())
            .collect();
        let e = ArticleText::new(edited);
        match anchor::locate(&e, &m) {
            Located::Intact => prop_assert_eq!(e.slice(m.range()), Some(m.quote.as_str())),
            Located::Moved { range, exact } => {
                let found = e.slice(range);
                prop_assert!(found.is_some(), "a placement outside the text");
                if exact {
                    prop_assert_eq!(found, Some(m.quote.as_str()));
                }
            }
            Located::Orphan(_) => {}
        }
    }

    #[test]
    fn any_mark_on_any_text_is_answered_without_panicking(
        text in unicode_text(),
        quote in "\\PC{0,12}",
        prefix in "\\PC{0,40}",
        suffix in "\\PC{0,40}",
        start in 0usize..300,
        len in 0usize..40,
    ) {
        let t = ArticleText::new(text);
        let m = Mark {
            quote,
            prefix,
            suffix,
            start: CharPos(start),
            end: CharPos(start + len),
            ..blank_mark(1)
        };
        match anchor::locate(&t, &m) {
            Located::Moved { range, .. } => prop_assert!(t.slice(range).is_some()),
            Located::Intact => prop_assert_eq!(t.slice(m.range()), Some(m.quote.as_str())),
            Located::Orphan(_) => {}
        }
    }
}

#[test]
fn candor_check_lists_orphans_as_warnings_and_only_fix_saves_moved_marks() {
    let text = "The union said the board had insulted every worker, in a statement read outside the depot. Police said little.\n";
    let (dir, _, _) = ferry_case(text, &["insulted every worker", "Police said"]);
    let root = dir.path().join("case");
    let root_arg = root.to_str().expect("temp path is UTF-8");
    write_article(
        &root,
        "Updated. The union said the board had been unfair, in a statement read outside the depot. Police said little.\n",
    );
    let marks_file = root.join("marks/amara/ferry.ron");
    let before = std::fs::read_to_string(&marks_file).expect("marks file");

    // The exit code and output of a run of the binary.
    let run = |args: &[&str]| {
        let out = candor(args, &root);
        (out.status.code().unwrap_or(-1), util::stdout(&out))
    };
    let (code, stdout) = run(&["check", root_arg]);
    assert_eq!(code, 0, "an orphan is a warning: {stdout}");
    assert!(
        stdout.contains("ferry.ron:") && stdout.contains("warning: mark m1 is an orphan"),
        "{stdout}"
    );
    assert!(stdout.contains("note: mark m2 moved from"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&marks_file).expect("marks file"),
        before,
        "check alone writes nothing"
    );

    let (code, _) = run(&["check", "--strict", root_arg]);
    assert_eq!(code, 1, "--strict counts the orphan");

    let (code, _) = run(&["check", "--fix", root_arg]);
    assert_eq!(code, 0);
    let after = std::fs::read_to_string(&marks_file).expect("marks file");
    assert_ne!(after, before, "--fix saved the moved mark");
    assert!(
        after.contains("insulted every worker"),
        "the orphan is kept"
    );
    // Fixed: nothing moves any more, the orphan is still reported.
    let (code, stdout) = run(&["check", root_arg]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("note:"), "{stdout}");
    assert!(stdout.contains("is an orphan"), "{stdout}");
}

#[test]
fn marks_in_a_file_candor_may_not_write_move_on_screen_but_the_file_is_untouched() {
    let text = "Ferries stopped at dawn. “Nobody told us anything,” said a nurse.\n";
    let (dir, key, article) = ferry_case(text, &["Nobody told us anything"]);
    let root = dir.path().join("case");
    let marks_file = root.join("marks/amara/ferry.ron");
    // A file from a newer Candor: read, but locked against writing.
    let newer = std::fs::read_to_string(&marks_file)
        .expect("marks file")
        .replacen("format: 1", "format: 99", 1);
    std::fs::write(&marks_file, &newer).expect("write");
    write_article(&root, &format!("Updated.\n{text}"));
    let mut case = Case::open(&root).expect("open");
    let key_file = candor::case::FileKey::Marks(key.clone(), article.clone());
    assert!(case.is_locked(&key_file));
    let m = &case.marks(&key, &article)[0];
    let t = case.article_text(&article).expect("text");
    assert_eq!(t.slice(m.range()), Some("Nobody told us anything"));
    case.save_all().expect("save");
    assert_eq!(
        std::fs::read_to_string(&marks_file).expect("marks file"),
        newer
    );
}
