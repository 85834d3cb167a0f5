//! CSV that is safe to open in a spreadsheet. A cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a formula, so a
//! patient named `=HYPERLINK("http://…")` would become a live link (CSV injection). Every CSV
//! AcuChart writes goes through [`SafeCsv`], which prefixes such cells with `'` as OWASP
//! describes; AcuChart's own import takes the prefix off again ([`restore`]).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// Characters that make a spreadsheet read a cell as a formula (with their full-width forms,
/// which some spreadsheets fold to the ASCII ones).
const TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The cell as written: prefixed with `'` when a spreadsheet would run it. A negative number
/// stays a number.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A cell read back from a CSV that may have been written by [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// A `csv::Writer` whose every cell is neutralised.
pub struct SafeCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl SafeCsv<std::fs::File> {
    pub fn create(path: &Path) -> csv::Result<Self> {
        Ok(Self {
            inner: csv::Writer::from_path(path)?,
        })
    }
}

impl<W: Write> SafeCsv<W> {
    pub fn from_writer(writer: W) -> Self {
        Self {
            inner: csv::Writer::from_writer(writer),
        }
    }

    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let cells: Vec<T> = record.into_iter().collect();
        self.inner.write_record(
            cells
                .iter()
                .map(|c| neutralise(c.as_ref()).into_owned().into_bytes()),
        )
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_prefixed_and_plain_text_is_not() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+44 20 7946 0958", "'+44 20 7946 0958"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("＝1+1", "'＝1+1"),
            ("-", "'-"),
            ("-12", "-12"),
            ("-3.5", "-3.5"),
            ("Brennan", "Brennan"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?} round trip");
        }
        assert_eq!(restore("'quoted"), "'quoted");
    }

    #[test]
    fn every_cell_of_a_record_goes_through_it() -> Result<(), Box<dyn std::error::Error>> {
        let mut w = SafeCsv::from_writer(Vec::new());
        w.write_record(["=1+1", "ok", "@x"])?;
        let text = String::from_utf8(w.into_inner().map_err(|e| e.to_string())?)?;
        assert_eq!(text, "'=1+1,ok,'@x\n");
        Ok(())
    }
}
