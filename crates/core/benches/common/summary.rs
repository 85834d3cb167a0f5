//! One line per measured action for the combined table `make bench` prints at the end.
//! Each benchmark prints its own detailed table as well; this file only gathers the headline
//! p50/p99 so the figures of all benchmarks can be read side by side.

use std::io::Write;

/// Appends `| action | scale | p50 | p99 | target |` to the file named by
/// `ACUCHART_BENCH_SUMMARY`, when set (by `make bench`). A failure to write is reported, not
/// fatal: the benchmark's own output still holds the figures.
pub fn record(action: &str, scale: Option<u32>, p50_ms: f64, p99_ms: f64, target: &str) {
    let Ok(path) = std::env::var("ACUCHART_BENCH_SUMMARY") else {
        return;
    };
    let scale = scale.map_or_else(|| "–".to_owned(), |s| s.to_string());
    let line = format!("| {action} | {scale} | {p50_ms:.3} | {p99_ms:.3} | {target} |\n");
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        eprintln!("could not add to the bench summary {path}: {e}");
    }
}
