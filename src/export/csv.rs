//! CSV for a spreadsheet: the one CSV writer of Candor ([`Sheet`]), which
//! every subject's CSV (marks, stats, compare, grade, agree) writes
//! through. Text and ids are written in full, never shortened, and a cell
//! that a spreadsheet would run as a formula is written as text ([`cell`]).
//! The writer has no way to put a text cell down unescaped, so a new CSV
//! cannot forget: a case's text reaches a sheet only as [`Cell::Text`], and
//! the only unescaped cells are numbers Candor formatted ([`Cell::number`]).

use std::borrow::Cow;

use ::csv::Writer;

/// A cell as a spreadsheet must read it: as text. A cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be taken for a
/// formula (`=HYPERLINK(...)` in a claim's label runs when the file is
/// opened), so it gets a leading `'`, as OWASP advises for CSV files;
/// spreadsheets show the `'` and nothing runs.
pub fn cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One cell of a row: text (anything from a case, and every header and
/// word), escaped by [`cell`] when written, or a number Candor formatted
/// itself, written as it is so a negative figure stays a number
/// (`-0.018`, not `'-0.018`).
pub(crate) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(String),
}

impl Cell<'_> {
    /// `x` with `decimals` decimals, or an empty cell for none.
    pub(crate) fn number(x: Option<f64>, decimals: usize) -> Cell<'static> {
        Cell::Number(x.map_or(String::new(), |x| format!("{x:.decimals$}")))
    }

    /// A count, or an empty cell for 0 when `blank_zero`.
    pub(crate) fn count(n: u64, blank_zero: bool) -> Cell<'static> {
        Cell::Number(if blank_zero && n == 0 {
            String::new()
        } else {
            n.to_string()
        })
    }

    /// A cell copied from another program's file (a gradebook export):
    /// kept as it is when it is a plain number, so `-2.5` stays a number
    /// the LMS reads back, or a lone `-` (Moodle's "no date"), which no
    /// spreadsheet runs; escaped by [`cell`] like any text otherwise.
    pub(crate) fn copied(s: &str) -> Cell<'_> {
        let number = s == "-"
            || !s.is_empty()
                && s.trim() == s
                && !s.contains(['e', 'E', 'i', 'I', 'n', 'N'])
                && s.parse::<f64>().is_ok();
        if number {
            Cell::Number(s.to_string())
        } else {
            Cell::Text(Cow::Borrowed(s))
        }
    }

    fn written(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => cell(s),
            Cell::Number(n) => Cow::Borrowed(n),
        }
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}

/// A CSV being written in memory. Every CSV output of Candor is one: rows
/// go in through [`Sheet::row`], which escapes every text cell, and the
/// text comes out of [`Sheet::finish`].
pub(crate) struct Sheet {
    w: Writer<Vec<u8>>,
}

impl Sheet {
    pub(crate) fn new() -> Self {
        Sheet {
            w: Writer::from_writer(Vec::new()),
        }
    }

    /// A sheet that copies another program's rows: records may differ in
    /// length, and lines end as the copied file's did (`\r\n` when
    /// `crlf`), so a filled gradebook reads like the one exported.
    pub(crate) fn copying(crlf: bool) -> Self {
        let terminator = if crlf {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        };
        Sheet {
            w: ::csv::WriterBuilder::new()
                .flexible(true)
                .terminator(terminator)
                .from_writer(Vec::new()),
        }
    }

    /// Writes one record, every text cell through [`cell`].
    pub(crate) fn row<'a, I, C>(&mut self, cells: I) -> Result<(), ::csv::Error>
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell<'a>>,
    {
        let cells: Vec<Cell<'a>> = cells.into_iter().map(Into::into).collect();
        self.w
            .write_record(cells.iter().map(|c| c.written().into_owned()))
    }

    /// The written CSV as a string (a `Vec` writer fails only if a record
    /// did).
    pub(crate) fn finish(self) -> Result<String, ::csv::Error> {
        let bytes = self.w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_get_a_quote_and_others_are_untouched() {
        for live in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(live), format!("'{live}"));
        }
        for plain in ["m1", "so-called", "", "1.50", " =not first"] {
            assert!(matches!(cell(plain), Cow::Borrowed(_)), "{plain:?}");
        }
    }

    #[test]
    fn copied_cells_keep_numbers_and_escape_everything_else() {
        let mut sheet = Sheet::copying(true);
        let cells = [
            "-2.5",
            "10.00",
            "-1e3",
            "-inf",
            "=1+1",
            "Lopez, Ana",
            " -3",
            "-",
            "--",
        ];
        sheet.row(cells.map(Cell::copied)).expect("written");
        sheet
            .row([Cell::copied("short")])
            .expect("rows may differ in length");
        assert_eq!(
            sheet.finish().expect("finished"),
            "-2.5,10.00,'-1e3,'-inf,'=1+1,\"Lopez, Ana\", -3,-,'--\r\nshort\r\n"
        );
    }

    #[test]
    fn a_sheet_escapes_every_text_cell_and_leaves_its_own_numbers() {
        let mut sheet = Sheet::new();
        sheet
            .row([Cell::from("=HYPERLINK(\"x\")"), Cell::number(Some(-0.5), 2)])
            .expect("written");
        sheet
            .row(["-2-2".to_string(), "@x".into()])
            .expect("written");
        assert_eq!(
            sheet.finish().expect("finished"),
            "\"'=HYPERLINK(\"\"x\"\")\",-0.50\n'-2-2,'@x\n"
        );
    }
}
