//! Each kind of edit the test-bed makes, as people make them to articles:
//! sentences and words added or removed, spacing and quotation marks
//! changed, paragraphs moved, words changed right at a mark's edges. Each
//! is built on the tracked operations of `Edited` (`replace`,
//! `replace_chars`, `move_text`), so every mark's truth follows.

use candor::text::CharRange;

use super::{EditKind, Edited, Rng, Truth, WORDS, is_word};
use crate::anchoring::word_ranges;

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

impl Edited {
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
