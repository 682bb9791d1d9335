//! Plain-text tables for the command line: columns padded to their widest
//! cell (counted in chars, so accented names line up), two spaces apart.

/// How the columns after the first are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Every column left-aligned: cells are words.
    Left,
    /// First column left, the others right-aligned: cells are numbers.
    Numbers,
}

pub fn render(rows: &[Vec<String>], align: Align) -> String {
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
    for row in rows {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_chars() {
        let rows = vec![
            vec!["article".to_string(), "n".to_string()],
            vec!["Inès".to_string(), "12".to_string()],
        ];
        assert_eq!(render(&rows, Align::Numbers), "article   n\nInès     12\n");
        assert_eq!(render(&rows, Align::Left), "article  n\nInès     12\n");
    }
}
