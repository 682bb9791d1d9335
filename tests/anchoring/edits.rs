//! Edits of the kinds people make to articles, applied to a text while the
//! truth about every mark is tracked: where its words went, whether they
//! changed, or whether they are gone. The test-bed then compares what
//! re-anchoring found with that truth. This file holds the tracked
//! operations and the truth; `kinds` the edits built on them.

use candor::model::Mark;
use candor::text::CharRange;

mod kinds;

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
}
