//! Edits of the kinds people make to articles, applied to a text while the
//! truth about every mark is tracked: where its words went, whether they
//! changed, or whether they are gone. The test-bed then compares what
//! re-anchoring found with that truth.

use candor::model::Mark;
use candor::text::CharRange;

/// Words used for insertions and replacements, multi-byte ones included.
pub const WORDS: [&str; 16] = [
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

/// What editors put right before a passage ("Reportedly, the board...").
const BEFORE: [&str; 5] = [
    "Reportedly, ",
    "officials said ",
    "on Monday ",
    "“so-called” ",
    "Zoë said ",
];

/// What editors put right after one: an attribution, a date, a hedge.
const AFTER: [&str; 5] = [
    ", according to the Pentagon",
    ", officials said",
    " on Monday",
    " (updated)",
    ", Zoë added",
];

/// A small deterministic random source (SplitMix64): the test-bed must give
/// the same counts on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// `min` to `min + spread - 1` random words.
    pub fn words(&mut self, min: usize, spread: usize) -> String {
        let n = min + self.below(spread);
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// The kinds of edit the test-bed makes; each is reported on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EditKind {
    /// A sentence of new words inserted at a word start anywhere.
    SentenceInserted,
    /// A whole sentence deleted.
    SentenceDeleted,
    /// 1 to 30 chars deleted anywhere.
    WordsDeleted,
    /// A few chars from a word start replaced with one to three words.
    WordsReplaced,
    /// Words inserted, or a few chars deleted, within 40 chars of a mark.
    NearMark,
    /// A space doubled (often right before or after a mark), made a line
    /// break or a no-break space, or added at the end of a line.
    Whitespace,
    /// Two neighbouring paragraphs swapped.
    ParagraphsSwapped,
    /// A paragraph moved to another place in the article.
    ParagraphMoved,
    /// Curly quotes straightened, or straight ones curled, in a paragraph
    /// or in the whole text (as a text editor or a CMS does).
    QuoteStyle,
    /// A word inside a marked quote corrected.
    WordInsideQuote,
    /// Words inserted right at a mark's start or end (", according to the
    /// Pentagon" after it): outside the mark.
    EdgeInsertion,
    /// Words deleted right at a mark's edge: the word just outside it, or
    /// the mark's own first or last word.
    EdgeDeletion,
    /// A typo fixed: one char replaced anywhere.
    Typo,
}

impl EditKind {
    pub const ALL: [EditKind; 13] = [
        EditKind::SentenceInserted,
        EditKind::SentenceDeleted,
        EditKind::WordsDeleted,
        EditKind::WordsReplaced,
        EditKind::NearMark,
        EditKind::Whitespace,
        EditKind::ParagraphsSwapped,
        EditKind::ParagraphMoved,
        EditKind::QuoteStyle,
        EditKind::WordInsideQuote,
        EditKind::EdgeInsertion,
        EditKind::EdgeDeletion,
        EditKind::Typo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EditKind::SentenceInserted => "sentence inserted",
            EditKind::SentenceDeleted => "sentence deleted",
            EditKind::WordsDeleted => "words deleted",
            EditKind::WordsReplaced => "words replaced",
            EditKind::NearMark => "insertion or deletion near a mark",
            EditKind::Whitespace => "whitespace changed",
            EditKind::ParagraphsSwapped => "paragraphs swapped",
            EditKind::ParagraphMoved => "paragraph moved",
            EditKind::QuoteStyle => "quotes straightened or curled",
            EditKind::WordInsideQuote => "word corrected inside a quote",
            EditKind::EdgeInsertion => "words inserted at a mark's edge",
            EditKind::EdgeDeletion => "words deleted at a mark's edge",
            EditKind::Typo => "typo fixed",
        }
    }
}

/// Where a mark's words are known to be after the edits so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
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

/// Whether chars `a..b` come within a mark's 32 chars of context of `r`.
fn near(r: CharRange, a: usize, b: usize) -> bool {
    a < r.end.0 + 32 && b + 32 > r.start.0
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// A text being edited, with the truth about each mark.
pub struct Edited {
    pub chars: Vec<char>,
    pub truths: Vec<Truth>,
    /// What was done, printed when a mark is misplaced.
    pub log: Vec<String>,
}

impl Edited {
    pub fn new(text: &str, marks: &[Mark]) -> Self {
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

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Whether the same text would come out of this edit made a few chars
    /// earlier or later in a way that changes the truth about a mark: " said
    /// X said" inserted right after a quote ending in "said" is also "said
    /// X said " inserted inside it, and deleting one "dawn" of "dawn dawn"
    /// next to a mark is also deleting the other. Which edit was made is then
    /// a coin toss the text cannot settle, so such edits are not made.
    /// Natural text seldom repeats itself so; the small vocabulary of the
    /// large run often does.
    fn is_ambiguous(&self, a: usize, b: usize, new: &[char]) -> bool {
        const SLIDE: usize = 64;
        let old = &self.chars;
        // The smallest edit with the same effect: a space replaced by two is
        // a space inserted.
        let same_head = old[a..b]
            .iter()
            .zip(new)
            .take_while(|(x, y)| x == y)
            .count();
        let (a, new) = (a + same_head, &new[same_head..]);
        let same_tail = old[a..b]
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (b, new) = (b - same_tail, &new[..new.len() - same_tail]);
        let (n, d, k) = (old.len(), b - a, new.len());
        // The text after the edit, char by char.
        let after = |i: usize| -> Option<char> {
            if i < a {
                old.get(i).copied()
            } else if i < a + k {
                Some(new[i - a])
            } else {
                old.get(i + d - k).copied()
            }
        };
        // The same edit may start anywhere in `lo..=hi`: the old and new
        // texts agree before it and after it.
        let mut hi = a;
        while hi < a + SLIDE && hi < n && Some(old[hi]) == after(hi) {
            hi += 1;
        }
        let mut lo = a;
        while lo > a.saturating_sub(SLIDE)
            && lo > 0
            && lo + d > 0
            && lo + k > 0
            && old.get(lo + d - 1).copied() == after(lo + k - 1)
        {
            lo -= 1;
        }
        if lo == hi {
            return false;
        }
        let shape = |r: CharRange, at: usize| match relate(r, at, at + d, k) {
            Relation::Apart(r) => (0, r),
            Relation::Inside(r) => (1, r),
            Relation::Across(r) => (2, r),
        };
        self.truths.iter().any(|t| {
            let r = match *t {
                Truth::Quote { range, .. } | Truth::QuoteEdited { range } => range,
                Truth::Mangled { hull } => hull,
                Truth::Gone => return false,
            };
            let first = shape(r, lo);
            r.start.0 <= hi + d + 1
                && r.end.0 + 1 >= lo
                && (lo + 1..=hi).any(|at| shape(r, at) != first)
        })
    }

    /// Replaces chars `a..b` with `new`, updating every mark's truth.
    pub fn replace(&mut self, a: usize, b: usize, new: &str) {
        let new_chars: Vec<char> = new.chars().collect();
        if self.is_ambiguous(a, b, &new_chars) {
            return;
        }
        let old: String = self.chars[a..b].iter().collect();
        self.log
            .push(format!("replace {a}..{b} {old:?} with {new:?}"));
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
                } => match relate(range, a, b, k) {
                    Relation::Apart(moved) => Truth::Quote {
                        range: moved,
                        context_intact: context_intact && !near(range, a, b),
                    },
                    Relation::Inside(range) if !range.is_empty() => Truth::QuoteEdited { range },
                    Relation::Inside(hull) | Relation::Across(hull) => mangled(hull),
                },
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

    /// Replaces single chars with others (`(position, new char)`, sorted),
    /// as one edit: the text keeps its length, so nothing moves, and a mark
    /// with a changed char inside it has an edited quote.
    fn replace_chars(&mut self, changes: &[(usize, char)]) {
        if changes.is_empty() {
            return;
        }
        self.log.push(format!("replace chars {changes:?}"));
        let at: Vec<usize> = changes.iter().map(|&(p, _)| p).collect();
        let any_in = |a: usize, b: usize| {
            let i = at.partition_point(|&p| p < a);
            at.get(i).is_some_and(|&p| p < b)
        };
        for t in &mut self.truths {
            *t = match *t {
                Truth::Quote {
                    range,
                    context_intact,
                } => {
                    let (s, e) = (range.start.0, range.end.0);
                    if any_in(s, e) {
                        Truth::QuoteEdited { range }
                    } else {
                        Truth::Quote {
                            range,
                            context_intact: context_intact && !any_in(s.saturating_sub(32), e + 32),
                        }
                    }
                }
                other => other,
            };
        }
        for &(p, c) in changes {
            self.chars[p] = c;
        }
    }

    /// Moves chars `a..b` to position `to` (outside `a..b`). Marks inside
    /// the moved text move with it; a mark the move cuts through is gone.
    fn move_text(&mut self, a: usize, b: usize, to: usize) {
        assert!(to <= a || to >= b, "a move to outside the moved text");
        self.log.push(format!("move {a}..{b} to {to}"));
        let len = b - a;
        let dest = if to <= a { to } else { to - len };
        // Where a position outside the moved text ends up.
        let outside = |p: usize| {
            if to <= a && p >= to && p < a {
                p + len
            } else if to >= b && p >= b && p < to {
                p - len
            } else {
                p
            }
        };
        let place = |r: CharRange| -> Option<CharRange> {
            let (s, e) = (r.start.0, r.end.0);
            if s >= a && e <= b {
                Some(CharRange::new(s - a + dest, e - a + dest))
            } else if (e <= a || s >= b) && !(s < to && to < e) {
                let start = outside(s);
                // A range ending where the moved text was keeps its length.
                Some(CharRange::new(start, start + (e - s)))
            } else {
                None
            }
        };
        let touched = |r: CharRange| near(r, a, a) || near(r, b, b) || near(r, to, to);
        for t in &mut self.truths {
            *t = match *t {
                Truth::Gone => Truth::Gone,
                Truth::Quote {
                    range,
                    context_intact,
                } => match place(range) {
                    Some(moved) => Truth::Quote {
                        range: moved,
                        context_intact: context_intact && !touched(range),
                    },
                    None => Truth::Gone,
                },
                Truth::QuoteEdited { range } => {
                    place(range).map_or(Truth::Gone, |range| Truth::QuoteEdited { range })
                }
                Truth::Mangled { hull } => {
                    place(hull).map_or(Truth::Gone, |hull| Truth::Mangled { hull })
                }
            };
        }
        let moved: Vec<char> = self.chars.drain(a..b).collect();
        self.chars.splice(dest..dest, moved);
    }

    /// Paragraphs as `(start, end)` char ranges, without the blank line
    /// between them.
    fn paragraphs(&self) -> Vec<(usize, usize)> {
        let chars = &self.chars;
        let mut paras = Vec::new();
        let (mut start, mut pos) = (0, 0);
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
        paras
    }

    /// Swaps two neighbouring paragraphs: [p] "\n\n" [q] becomes
    /// [q] "\n\n" [p]. Marks move with their paragraph.
    fn swap_paragraphs(&mut self, rng: &mut Rng) {
        let paras = self.paragraphs();
        if paras.len() < 3 {
            return;
        }
        let i = rng.below(paras.len() - 1);
        let (p, q) = (paras[i], paras[i + 1]);
        self.log.push(format!("swap paragraphs {p:?} and {q:?}"));
        // q's text goes to p's start, then the blank line; p lands after it.
        let mut q_text: Vec<char> = self.chars[q.0..q.1].to_vec();
        q_text.extend(['\n', '\n']);
        // Done as a move of q (with the blank line before it) to p's start,
        // so the truths follow: that leaves "q" "\n\n" "p" except for where
        // the blank line is, which the two steps below put right.
        let q_with_gap = (p.1, q.1);
        self.move_text(q_with_gap.0, q_with_gap.1, p.0);
        // Now: "\n\n" q p ...: move the leading blank line to after q.
        let q_len = q.1 - q.0;
        self.move_text(p.0, p.0 + 2, p.0 + 2 + q_len);
        debug_assert_eq!(self.chars[p.0..p.0 + q_len + 2], q_text[..]);
    }

    /// Moves one paragraph, with the blank line after it, to the start of
    /// another one that is not its neighbour after it.
    fn move_paragraph(&mut self, rng: &mut Rng) {
        let paras = self.paragraphs();
        if paras.len() < 3 {
            return;
        }
        // Not the last paragraph: it has no blank line after it.
        let i = rng.below(paras.len() - 1);
        let targets: Vec<usize> = (0..paras.len()).filter(|&j| j != i && j != i + 1).collect();
        let j = targets[rng.below(targets.len())];
        self.move_text(paras[i].0, paras[i + 1].0, paras[j].0);
    }

    /// The start of a word at or after a random position.
    fn word_start(&self, rng: &mut Rng) -> usize {
        let len = self.chars.len();
        let mut at = rng.below(len);
        while at < len && !(is_word(self.chars[at]) && (at == 0 || !is_word(self.chars[at - 1]))) {
            at += 1;
        }
        at.min(len)
    }

    /// The ranges of marks whose quote is where it was made, unchanged.
    fn live(&self) -> Vec<CharRange> {
        self.truths
            .iter()
            .filter_map(|t| match t {
                Truth::Quote { range, .. } => Some(*range),
                _ => None,
            })
            .collect()
    }

    fn random_live(&self, rng: &mut Rng) -> Option<CharRange> {
        let live = self.live();
        (!live.is_empty()).then(|| live[rng.below(live.len())])
    }

    /// One edit of a kind.
    pub fn edit(&mut self, kind: EditKind, rng: &mut Rng) {
        let len = self.chars.len();
        if len == 0 {
            return;
        }
        match kind {
            EditKind::SentenceInserted => {
                let at = self.word_start(rng);
                let words = rng.words(3, 8);
                self.replace(at, at, &format!("{words}. "));
            }
            EditKind::SentenceDeleted => self.delete_sentence(rng),
            EditKind::WordsDeleted => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(30)).min(len);
                self.replace(a, b, "");
            }
            EditKind::WordsReplaced => {
                let a = self.word_start(rng).min(len - 1);
                let b = (a + 1 + rng.below(20)).min(len);
                let words = rng.words(1, 3);
                self.replace(a, b, &words);
            }
            EditKind::NearMark => {
                let Some(r) = self.random_live(rng) else {
                    return;
                };
                let offset = rng.below(40);
                let at = if rng.below(2) == 0 {
                    r.start.0.saturating_sub(offset)
                } else {
                    (r.end.0 + offset).min(len)
                };
                if rng.below(2) == 0 {
                    let words = rng.words(1, 2);
                    self.replace(at, at, &format!("{words} "));
                } else {
                    let b = (at + 1 + rng.below(6)).min(len);
                    self.replace(at.min(b), b, "");
                }
            }
            EditKind::Whitespace => self.change_whitespace(rng),
            EditKind::ParagraphsSwapped => self.swap_paragraphs(rng),
            EditKind::ParagraphMoved => self.move_paragraph(rng),
            EditKind::QuoteStyle => self.change_quote_style(rng),
            EditKind::WordInsideQuote => {
                let live: Vec<CharRange> =
                    self.live().into_iter().filter(|r| r.len() >= 8).collect();
                if live.is_empty() {
                    return;
                }
                let r = live[rng.below(live.len())];
                let quote: String = self.chars[r.start.0..r.end.0].iter().collect();
                let words = super::word_ranges(&quote);
                let w = words[rng.below(words.len())];
                let (a, b) = (r.start.0 + w.start.0, r.start.0 + w.end.0);
                // Keep the quote's first and last char so the edit is inside it.
                let (a, b) = (a.max(r.start.0 + 1), b.min(r.end.0 - 1));
                if a < b {
                    let word = WORDS[rng.below(WORDS.len())];
                    self.replace(a, b, word);
                }
            }
            EditKind::EdgeInsertion => {
                let Some(r) = self.random_live(rng) else {
                    return;
                };
                if rng.below(2) == 0 {
                    let words = match rng.below(2) {
                        0 => rng.pick(&BEFORE).to_string(),
                        _ => format!("{} ", rng.words(1, 3)),
                    };
                    self.replace(r.start.0, r.start.0, &words);
                } else {
                    let words = match rng.below(2) {
                        0 => rng.pick(&AFTER).to_string(),
                        _ => format!(" {}", rng.words(1, 3)),
                    };
                    self.replace(r.end.0, r.end.0, &words);
                }
            }
            EditKind::EdgeDeletion => self.delete_at_edge(rng),
            EditKind::Typo => {
                let a = rng.below(len);
                self.replace(a, a + 1, "x");
            }
        }
    }

    /// Deletes the sentence around a random position: from the start of
    /// its first word to the start of the next sentence.
    fn delete_sentence(&mut self, rng: &mut Rng) {
        let len = self.chars.len();
        let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '\n');
        let mut a = rng.below(len);
        while a > 0 && !ends_sentence(self.chars[a - 1]) {
            a -= 1;
        }
        while a < len && self.chars[a].is_whitespace() {
            a += 1;
        }
        let mut b = a;
        while b < len && !ends_sentence(self.chars[b]) {
            b += 1;
        }
        // The full stop, and the space after it, go with the sentence.
        while b < len
            && self.chars[b] != '\n'
            && (ends_sentence(self.chars[b]) || self.chars[b] == ' ' || self.chars[b] == '”')
        {
            b += 1;
        }
        if a < b {
            self.replace(a, b, "");
        }
    }

    /// Whitespace as editors and copy-paste change it.
    fn change_whitespace(&mut self, rng: &mut Rng) {
        let len = self.chars.len();
        // Half of the time the space right next to a mark, as in the issue
        // that a doubled space before a mark orphaned it.
        if rng.below(2) == 0
            && let Some(r) = self.random_live(rng)
        {
            let before = r.start.0.checked_sub(1).filter(|&p| self.chars[p] == ' ');
            let after = Some(r.end.0).filter(|&p| p < len && self.chars[p] == ' ');
            let at = if rng.below(2) == 0 {
                before.or(after)
            } else {
                after.or(before)
            };
            if let Some(at) = at {
                self.replace(at, at + 1, "  ");
                return;
            }
        }
        match rng.below(5) {
            0 => {
                // A space added at the end of a line.
                let ends: Vec<usize> = (0..len).filter(|&i| self.chars[i] == '\n').collect();
                if !ends.is_empty() {
                    let at = ends[rng.below(ends.len())];
                    self.replace(at, at, " ");
                }
            }
            n => {
                let spaces: Vec<usize> = (0..len).filter(|&i| self.chars[i] == ' ').collect();
                if !spaces.is_empty() {
                    let at = spaces[rng.below(spaces.len())];
                    let new = match n {
                        1 => "\n",
                        2 => "\u{a0}",
                        _ => "  ",
                    };
                    self.replace(at, at + 1, new);
                }
            }
        }
    }

    /// Straightens the curly quotes of a paragraph or of the whole text, or
    /// curls its straight ones if it has no curly ones.
    fn change_quote_style(&mut self, rng: &mut Rng) {
        let paras = self.paragraphs();
        // The whole text a third of the time, unless it is very long.
        let (a, b) = if self.chars.len() < 20_000 && rng.below(3) == 0 {
            (0, self.chars.len())
        } else {
            // A paragraph with quotes in it if there is one.
            let quoted: Vec<(usize, usize)> = paras
                .iter()
                .copied()
                .filter(|&(s, e)| self.chars[s..e].iter().any(|&c| "“”‘’\"'".contains(c)))
                .collect();
            let pool = if quoted.is_empty() { &paras } else { &quoted };
            pool[rng.below(pool.len())]
        };
        let curly = self.chars[a..b].iter().any(|&c| "“”‘’".contains(c));
        let mut changes = Vec::new();
        for p in a..b {
            let c = self.chars[p];
            let opens = p == 0 || self.chars[p - 1].is_whitespace() || self.chars[p - 1] == '(';
            let new = if curly {
                match c {
                    '“' | '”' => '"',
                    '‘' | '’' => '\'',
                    _ => continue,
                }
            } else {
                match (c, opens) {
                    ('"', true) => '“',
                    ('"', false) => '”',
                    ('\'', true) => '‘',
                    ('\'', false) => '’',
                    _ => continue,
                }
            };
            changes.push((p, new));
        }
        self.replace_chars(&changes);
    }

    /// Deletes the word just outside a mark (with the space between), or
    /// the mark's own first or last word.
    fn delete_at_edge(&mut self, rng: &mut Rng) {
        let Some(r) = self.random_live(rng) else {
            return;
        };
        let (s, e) = (r.start.0, r.end.0);
        let len = self.chars.len();
        let chars = &self.chars;
        // From `p` back over non-word chars, then a word: a word and what follows it.
        let word_before = |p: usize| {
            let mut q = p;
            while q > 0 && !is_word(chars[q - 1]) {
                q -= 1;
            }
            while q > 0 && is_word(chars[q - 1]) {
                q -= 1;
            }
            q
        };
        let word_after = |p: usize| {
            let mut q = p;
            while q < len && !is_word(chars[q]) {
                q += 1;
            }
            while q < len && is_word(chars[q]) {
                q += 1;
            }
            q
        };
        let (a, b) = match rng.below(4) {
            // The word before the mark, up to the mark's start.
            0 => (word_before(s), s),
            // The word after the mark, from the mark's end.
            1 => (e, word_after(e)),
            // The mark's first word (up to its second one).
            2 => {
                let second = word_after(s);
                let mut q = second;
                while q < e && !is_word(chars[q]) {
                    q += 1;
                }
                (s, q)
            }
            // The mark's last word (from the end of the one before it).
            _ => {
                let mut q = word_before(e);
                while q > s && !is_word(chars[q - 1]) {
                    q -= 1;
                }
                (q, e)
            }
        };
        // A one-word mark's own word is not deleted this way: that is
        // "sentence deleted" or "words deleted".
        if a < b && !(a <= s && b >= e) {
            self.replace(a, b, "");
        }
    }
}
