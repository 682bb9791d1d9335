//! Which writing systems a case's texts use, so the window can make sure it
//! has a font for each of them, and say which font to install when it has
//! none instead of drawing empty boxes.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// The chars of each writing system found, by name: a Unicode script
/// ("Arabic", "Han", "Hebrew"), or "emoji", or "symbols" for signs shared by
/// every script that the fonts may still lack. Chars that draw nothing on
/// their own (spaces, controls, joiners, direction marks, combining accents,
/// which take the font of the letter they sit on) are left out.
pub fn writing_systems<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<&'static str, BTreeSet<char>> {
    let mut found: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    // Most chars repeat: a hash set skips them in constant time.
    let mut seen = HashSet::new();
    for text in texts {
        for c in text.chars() {
            if !seen.insert(c) {
                continue;
            }
            if let Some(name) = writing_of(c) {
                found.entry(name).or_default().insert(c);
            }
        }
    }
    found
}

/// Every distinct letter of the texts written with combining accents (a
/// grapheme cluster of a letter and marks such as U+0302 and U+0303), so
/// the window can check that one font draws each whole.
pub fn accented_letters<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for text in texts {
        if !text.chars().any(is_combining) {
            continue;
        }
        for g in text.graphemes(true) {
            let mut chars = g.chars();
            if chars.next().is_some_and(|c| !is_combining(c)) && chars.any(is_combining) {
                found.insert(g.to_string());
            }
        }
    }
    found
}

/// A combining mark, drawn on the letter before it.
fn is_combining(c: char) -> bool {
    c.script() == Script::Inherited && !is_invisible(c)
}

/// The writing system a char is drawn in, or `None` if it draws nothing by
/// itself.
pub fn writing_of(c: char) -> Option<&'static str> {
    if c.is_whitespace() || c.is_control() || is_invisible(c) {
        return None;
    }
    if is_emoji(c) {
        return Some(EMOJI);
    }
    match c.script() {
        Script::Inherited | Script::Unknown => None,
        Script::Common => Some(SYMBOLS),
        script => Some(script.full_name()),
    }
}

pub const EMOJI: &str = "emoji";
pub const SYMBOLS: &str = "symbols";

/// A font that covers a writing system, and the Debian and Ubuntu package
/// that installs it, for the message shown when no installed font does.
pub fn font_hint(writing: &str) -> String {
    let noto = |font: &str, package: &str| format!("{font} (Debian, Ubuntu: {package})");
    match writing {
        "Han" | "Hiragana" | "Katakana" | "Bopomofo" | "Hangul" => {
            noto("Noto Sans CJK", "fonts-noto-cjk")
        }
        EMOJI => noto("Noto Color Emoji", "fonts-noto-color-emoji"),
        SYMBOLS => noto("DejaVu Sans", "fonts-dejavu-core"),
        "Arabic" | "Hebrew" => format!(
            "DejaVu Sans or Noto Sans {writing} (Debian, Ubuntu: fonts-dejavu-core or fonts-noto-core)"
        ),
        other => noto(&format!("Noto Sans {other}"), "fonts-noto-core"),
    }
}

/// Emoji and the pictographs around them: the blocks of the supplementary
/// planes where they live, and the older symbol and dingbat blocks that
/// emoji fonts also draw.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Format chars with no glyph of their own: zero-width spaces and joiners,
/// direction marks and embeddings, the soft hyphen, variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x061C
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xE0100..=0xE01EF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_of_a_mixed_text_is_found_with_its_chars() {
        let text = "Minister قاسم said שלום; 美国 👍🏽 café e\u{301} 12.";
        let found = writing_systems([text]);
        let names: Vec<&str> = found.keys().copied().collect();
        assert_eq!(
            names,
            ["Arabic", "Han", "Hebrew", "Latin", "emoji", "symbols"]
        );
        assert!(found["Arabic"].contains(&'ق'));
        assert!(found["emoji"].contains(&'\u{1F3FD}'), "the skin tone too");
        assert!(found["symbols"].contains(&';'));
        // The combining accent draws with its letter's font.
        assert!(!found.values().any(|cs| cs.contains(&'\u{301}')));
    }

    #[test]
    fn spaces_joiners_and_marks_draw_nothing_by_themselves() {
        for c in [' ', '\n', '\u{200D}', '\u{200F}', '\u{FE0F}', '\u{64E}'] {
            assert_eq!(writing_of(c), None, "{c:?}");
        }
    }

    #[test]
    fn letters_with_combining_accents_are_found_once_each() {
        let text = "Zoe\u{308} and Nguye\u{302}\u{303}n met Zoe\u{308}; café is precomposed.";
        let found: Vec<String> = accented_letters([text]).into_iter().collect();
        assert_eq!(found, ["e\u{302}\u{303}", "e\u{308}"]);
        // A joiner or a variation selector is not an accent.
        assert!(accented_letters(["👍\u{FE0F} a\u{200D}b"]).is_empty());
    }

    #[test]
    fn every_hint_names_a_font_and_a_package() {
        assert!(font_hint("Han").contains("Noto Sans CJK"));
        assert!(font_hint("Han").contains("fonts-noto-cjk"));
        assert!(font_hint("Thai").contains("Noto Sans Thai"));
        assert!(font_hint(EMOJI).contains("fonts-noto-color-emoji"));
    }
}
