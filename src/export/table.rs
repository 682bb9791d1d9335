//! Plain-text tables for the command line, shared by every subject's
//! table: columns padded to their widest cell (counted in chars, so
//! accented names line up), two spaces apart, every string from the case
//! shown with its control characters escaped, and words wrapped to a width.

use std::borrow::Cow;

use super::printable;

/// How the columns after the first are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Every column left-aligned: cells are words.
    Left,
    /// First column left, the others right-aligned: cells are numbers.
    Numbers,
}

/// The rows as text, one line each, cells padded to their column's widest.
/// Control characters in a cell (an escape sequence in a title, a line
/// break in a label) are shown escaped (`printable`), so a cell is always
/// one line of plain text.
pub fn render(rows: &[Vec<String>], align: Align) -> String {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| printable(c)).collect())
        .collect();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i > 0 && align == Align::Numbers {
                    format!("{cell:>w$}")
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The words of `text` in lines of at most `width` chars; a word longer
/// than a line is cut. Never no line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        loop {
            let needed =
                line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut it.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_cuts_only_what_cannot_fit() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
    }

    #[test]
    fn columns_line_up_by_chars() {
        let rows = vec![
            vec!["article".to_string(), "n".to_string()],
            vec!["Inès".to_string(), "12".to_string()],
        ];
        assert_eq!(render(&rows, Align::Numbers), "article   n\nInès     12\n");
        assert_eq!(render(&rows, Align::Left), "article  n\nInès     12\n");
    }

    #[test]
    fn control_characters_in_cells_are_escaped_and_the_columns_still_line_up() {
        let rows = vec![
            vec!["a\u{1b}[2J".to_string(), "n".to_string()],
            vec!["b\tc\u{7f}\u{85}".to_string(), "1".to_string()],
        ];
        assert_eq!(
            render(&rows, Align::Left),
            "a\\u{1b}[2J           n\nb\\u{9}c\\u{7f}\\u{85}  1\n"
        );
        assert!(matches!(printable("né “ok” 🎉"), Cow::Borrowed(_)));
    }
}
