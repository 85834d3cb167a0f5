//! Rows are read by column name, never by position: `r.get("family_name")?`, not `r.get(3)?`.
//! A positional read silently reads the wrong column when a SELECT list is reordered or grows;
//! a read by name fails loudly instead. This scans `src/**/*.rs` for positional reads on
//! row-like receivers and names each one found as `file:line`.

use std::fs;
use std::path::{Path, PathBuf};

/// Receivers that hold a `rusqlite::Row` in this crate (closure and helper parameter names).
const ROW_RECEIVERS: &[&str] = &["r", "row", "rw", "x"];

/// Positional reads that are not row reads, as (path under `src/`, trimmed line). Each entry
/// needs a comment saying what the receiver is. Empty: every one in the crate was a row read.
const ALLOWED: &[(&str, &str)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Skips a balanced `<...>` starting at `i` (which holds `<`); returns the index after it.
fn skip_generics(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'<' => depth += 1,
            b'>' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'\n' | b';' | b'{' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The identifier just before `b[dot]` (a `.`), if any.
fn receiver(b: &[u8], dot: usize) -> &str {
    let mut start = dot;
    while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_') {
        start -= 1;
    }
    std::str::from_utf8(&b[start..dot]).unwrap_or("")
}

/// Positional reads in one line of code: `.get(3)`, `.get::<_, T>(3)`, `.get_ref(3)`,
/// `.get_unwrap(3)`. `get_ref`/`get_unwrap` and two-parameter turbofish `get` are row APIs
/// whatever the receiver; a plain `.get(3)` counts on a row-like receiver only (a `Vec` has one).
fn positional_reads(line: &str) -> usize {
    let b = line.as_bytes();
    let mut found = 0;
    let mut i = 0;
    while let Some(off) = line[i..].find(".get") {
        let dot = i + off;
        i = dot + 4;
        let mut j = i;
        let row_only = if line[j..].starts_with("_ref") {
            j += 4;
            true
        } else if line[j..].starts_with("_unwrap") {
            j += 7;
            true
        } else {
            false
        };
        if j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            continue; // get_mut, getter, ...
        }
        let mut turbofish_row = false;
        if line[j..].starts_with("::<") {
            let Some(end) = skip_generics(b, j + 2) else {
                continue;
            };
            turbofish_row = line[j + 3..end].trim_start().starts_with("_,");
            j = end;
        }
        if j >= b.len() || b[j] != b'(' {
            continue;
        }
        let Some(close) = line[j + 1..].find(')') else {
            continue;
        };
        let arg = line[j + 1..j + 1 + close].trim();
        if arg.is_empty() || !arg.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if row_only || turbofish_row || ROW_RECEIVERS.contains(&receiver(b, dot)) {
            found += 1;
        }
    }
    found
}

#[test]
fn rows_are_read_by_column_name() -> Result<(), Box<dyn std::error::Error>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files)?;
    assert!(
        files.len() > 20,
        "expected the crate's sources under {}",
        src.display()
    );
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file)?;
        let rel = file
            .strip_prefix(&src)?
            .to_string_lossy()
            .replace('\\', "/");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if positional_reads(code) == 0 {
                continue;
            }
            if ALLOWED.iter().any(|(f, l)| *f == rel && *l == line.trim()) {
                continue;
            }
            offences.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
        }
    }
    assert!(
        offences.is_empty(),
        "read rows by column name (alias expressions in the SQL), not by position:\n{}",
        offences.join("\n")
    );
    Ok(())
}

#[test]
fn the_scanner_sees_positional_reads() {
    assert_eq!(positional_reads("id: r.get(0)?,"), 1);
    assert_eq!(positional_reads("row.get_ref( 12 )"), 1);
    assert_eq!(
        positional_reads("r.get::<_, Option<String>>(4)?.as_deref()"),
        1
    );
    assert_eq!(positional_reads("stmt_row.get_unwrap(3)"), 1);
    assert_eq!(positional_reads("(r.get(0)?, r.get(1)?)"), 2);
    assert_eq!(positional_reads("r.get(\"family_name\")?"), 0);
    assert_eq!(positional_reads("r.get::<_, String>(\"name\")?"), 0);
    assert_eq!(positional_reads("args.get(0)"), 0);
    assert_eq!(positional_reads("r.get_mut(0)"), 0);
}
