//! Re-anchoring on arbitrary text, with arbitrary marks (whatever a hand-made
//! file may hold) and with real marks after an arbitrary edit. Never panics,
//! and never claims an exact placement on text that is not the quote.

#![no_main]

use candor::anchor::{self, Located};
use candor::text::ArticleText;
use candor::model::{CategoryId, Mark, MarkId, Timestamp};
use candor::text::{CharPos, CharRange};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    quote: String,
    prefix: String,
    suffix: String,
    start: u16,
    end: u16,
    edit_at: u16,
    edit_cut: u8,
    insert: String,
}

fn mark(start: usize, end: usize, quote: String, prefix: String, suffix: String) -> Mark {
    Mark {
        id: MarkId::new("m1"),
        category: CategoryId::new("loaded"),
        start: CharPos(start),
        end: CharPos(end),
        quote,
        prefix,
        suffix,
        review: None,
        attributes: Default::default(),
        note: String::new(),
        created: Timestamp::default(),
        modified: Timestamp::default(),
    }
}

/// The invariants every answer keeps.
fn check(text: &ArticleText, m: &Mark, found: &Located) {
    match found {
        Located::Intact => assert_eq!(text.slice(m.range()), Some(m.quote.as_str())),
        Located::Moved { range, exact } => {
            let at = text.slice(*range).expect("a placement inside the text");
            assert!(!range.is_empty(), "an empty placement");
            if *exact {
                assert_eq!(at, m.quote, "an exact placement on other text");
            }
        }
        Located::Orphan(reason) => assert!(!reason.is_empty()),
    }
}

fuzz_target!(|input: Input| {
    let text = ArticleText::new(input.text);
    // A mark as a hand-edited file may hold it.
    let wild = mark(
        usize::from(input.start),
        usize::from(input.end),
        input.quote,
        input.prefix,
        input.suffix,
    );
    check(&text, &wild, &anchor::locate(&text, &wild));

    // A real mark, then the text edited.
    let len = text.char_len();
    if len == 0 {
        return;
    }
    let start = usize::from(input.start) % len;
    let end = start + 1 + usize::from(input.end) % (len - start);
    let Some(real) = anchor::attach(&text, &wild, CharRange::new(start, end)) else {
        return;
    };
    assert_eq!(anchor::locate(&text, &real), Located::Intact);
    let chars: Vec<char> = text.text.chars().collect();
    let at = usize::from(input.edit_at) % (len + 1);
    let cut = (at + usize::from(input.edit_cut)).min(len);
    let edited: String = chars[..at]
        .iter()
        .copied()
        .chain(input.insert.chars())
        .chain(chars[cut..].iter().copied())
        .collect();
    let edited = ArticleText::new(edited);
    let found = anchor::locate(&edited, &real);
    check(&edited, &real, &found);
    let all = anchor::reanchor(&edited, &[real.clone(), wild]);
    assert_eq!(all[0], found, "batch and single answers differ");
});
