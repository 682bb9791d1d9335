//! CSV for a spreadsheet, shared by every subject's CSV: text and ids are
//! written in full, never shortened, and a cell that a spreadsheet would
//! run as a formula is written as text ([`cell`]). Every CSV Candor writes
//! goes through [`write_row`] or [`cell`].

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

/// Writes one record, every cell through `cell`.
pub(crate) fn write_row<I, S>(w: &mut Writer<Vec<u8>>, cells: I) -> Result<(), ::csv::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    w.write_record(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()))
}

/// The written CSV as a string (a `Vec` writer fails only if a record did).
pub(crate) fn finish(w: Writer<Vec<u8>>) -> Result<String, ::csv::Error> {
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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
}
