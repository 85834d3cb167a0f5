//! The decoded text as a table: the delimiter (comma, semicolon or tab) is the one that splits
//! the first records into the same number of columns; the first record is a header row when
//! it names columns this app recognises, or when it is all words above rows of numbers.

use super::fields::recognise_header;
use crate::files::spreadsheet::restore;

pub(super) const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
const SNIFF_RECORDS: usize = 50;

pub(super) struct SourceRow {
    /// The file's line number where the record starts (1-based), as a person counts them.
    pub line: u64,
    pub cells: Vec<String>,
}

pub(super) struct Table {
    pub delimiter: u8,
    pub has_header: bool,
    /// Header names, or `Column 1`, `Column 2`… when there is no header row.
    pub headers: Vec<String>,
    pub rows: Vec<SourceRow>,
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// How well `delimiter` splits the first records: the number of records that have the most
/// common column count, when that count is more than one.
fn score(text: &str, delimiter: u8) -> usize {
    let mut counts: Vec<usize> = Vec::new();
    for record in reader(text, delimiter).records().take(SNIFF_RECORDS) {
        match record {
            Ok(r) if !is_blank(&r) => counts.push(r.len()),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let mut best = 0;
    for width in counts.iter().copied().filter(|w| *w > 1) {
        best = best.max(counts.iter().filter(|c| **c == width).count());
    }
    best
}

pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (0, b',');
    for d in DELIMITERS {
        let s = score(text, d);
        if s > best.0 {
            best = (s, d);
        }
    }
    best.1
}

fn looks_like_data(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && (c.chars().any(|ch| ch.is_ascii_digit()) || c.contains('@'))
}

/// A header row names known columns, or is all text over rows that hold numbers or dates.
fn first_is_header(first: &[String], rest: &[SourceRow]) -> bool {
    if first.iter().any(|h| recognise_header(h).is_some()) {
        return true;
    }
    let all_words = first
        .iter()
        .all(|h| !h.trim().is_empty() && !looks_like_data(h));
    all_words
        && rest
            .iter()
            .take(10)
            .any(|r| r.cells.iter().any(|c| looks_like_data(c)))
}

/// The reader's position of a record that follows blank lines is the first blank line; the
/// person counts from the line where the values start.
fn first_line(text: &str, p: &csv::Position) -> u64 {
    let rest = text
        .as_bytes()
        .get(usize::try_from(p.byte()).unwrap_or(usize::MAX)..)
        .unwrap_or_default();
    let blank = rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .filter(|b| **b == b'\n')
        .count();
    p.line() + blank as u64
}

/// Splits `text` into rows. Blank records are dropped; quoted fields may hold delimiters and
/// line breaks. A record the CSV reader cannot read ends the table with an error naming it.
pub(super) fn read(
    text: &str,
    delimiter: Option<u8>,
    has_header: Option<bool>,
) -> Result<Table, String> {
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut rows = Vec::new();
    for record in reader(text, delimiter).records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!(
                "Line {}: the file could not be read as CSV ({e}).",
                p.line()
            ),
            None => format!("The file could not be read as CSV ({e})."),
        })?;
        if is_blank(&record) {
            continue;
        }
        let line = record.position().map_or(0, |p| first_line(text, p));
        rows.push(SourceRow {
            line,
            // A cell a spreadsheet-safe export prefixed with `'` is read as it was typed.
            cells: record.iter().map(|c| restore(c).to_owned()).collect(),
        });
    }
    if rows.is_empty() {
        return Err("The file holds no rows.".into());
    }
    let has_header = has_header.unwrap_or_else(|| first_is_header(&rows[0].cells, &rows[1..]));
    let headers = if has_header {
        let first = rows.remove(0);
        first
            .cells
            .iter()
            .enumerate()
            .map(|(i, h)| match h.trim() {
                "" => format!("Column {}", i + 1),
                t => t.to_owned(),
            })
            .collect()
    } else {
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        (1..=width).map(|i| format!("Column {i}")).collect()
    };
    Ok(Table {
        delimiter,
        has_header,
        headers,
        rows,
    })
}

pub(super) fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_that_splits_rows_evenly() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n4;5;6\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("\"Smith; Jo\",b\n\"x;y;z\",2\n"), b',');
    }

    #[test]
    fn quoted_commas_and_line_breaks_stay_in_their_cell_and_lines_are_counted() -> Result<(), String>
    {
        let t = read(
            "First Name,Notes\n\nAnn,\"likes, commas\"\n\"Bo\",\"two\nlines\"\nCy,x\n",
            None,
            None,
        )?;
        assert!(t.has_header);
        assert_eq!(t.headers, ["First Name", "Notes"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 6]);
        assert_eq!(t.rows[0].cells[1], "likes, commas");
        assert_eq!(t.rows[1].cells[1], "two\nlines");
        Ok(())
    }

    #[test]
    fn a_file_without_a_header_gets_numbered_columns() -> Result<(), String> {
        let t = read("Ann,Lee,1980-01-02\nBo,Kim,1975-05-06\n", None, None)?;
        assert!(!t.has_header);
        assert_eq!(t.headers, ["Column 1", "Column 2", "Column 3"]);
        assert_eq!(t.rows.len(), 2);
        Ok(())
    }
}
