use acuchart_core::patients::PatientSummary;
use acuchart_core::{ApiError, Error};
use serde::Serialize;

use crate::args::Cli;

/// Set while a progress bar is drawn on standard error without its closing newline.
pub static PROGRESS_LINE_OPEN: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Ends an open progress line, so that what follows starts on a line of its own.
pub fn end_progress_line() {
    if PROGRESS_LINE_OPEN.swap(false, std::sync::atomic::Ordering::Relaxed) {
        eprintln!();
    }
}

pub fn print_error(cli: &Cli, err: Error) {
    end_progress_line();
    let api = ApiError::from(err);
    if cli.json {
        match serde_json::to_string(&api) {
            Ok(json) => eprintln!("{json}"),
            Err(_) => eprintln!("{}", api.message),
        }
    } else {
        eprintln!("error: {}", api.message);
        for f in &api.fields {
            eprintln!("  {}: {}", f.field, f.message);
        }
    }
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

pub fn patient_line(p: &PatientSummary) -> String {
    let preferred = p
        .preferred_name
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    format!(
        "#{:<7} {}, {}{}  {}  {}",
        p.chart_number,
        p.family_name,
        p.given_name,
        preferred,
        p.date_of_birth
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        p.phone.as_deref().unwrap_or("—"),
    )
}
