use acuchart_core::patients::PatientSummary;
use acuchart_core::{ApiError, Error};
use serde::Serialize;

use crate::args::Cli;

pub fn print_error(cli: &Cli, err: Error) {
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
