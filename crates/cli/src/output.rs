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

/// A command line clap could not read. Under `--json` it is one `{code, message, fields}`
/// object on its own line, like every other error; help and version print as usual.
pub fn argument_error(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let json = std::env::args_os().any(|a| a == "--json");
    if !json || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let field = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg.clone(),
        _ => "arguments".to_owned(),
    };
    let rendered = e.render().to_string();
    // The lines before clap's usage and tips: "the following required arguments were not
    // provided: --type <TYPE>".
    let message = rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.trim_start().starts_with("tip:"))
        .map(|l| l.trim().trim_start_matches("error: "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let message = if message.is_empty() {
        "The command line could not be read.".to_owned()
    } else {
        message
    };
    let api = ApiError {
        code: acuchart_core::ErrorCode::InvalidInput,
        message: format!("{message} (see --help)"),
        fields: vec![acuchart_core::FieldError::new(&field, message)],
    };
    match serde_json::to_string(&api) {
        Ok(text) => eprintln!("{text}"),
        Err(_) => eprintln!("{}", api.message),
    }
    std::process::ExitCode::from(2)
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    out!("{text}");
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

/// Writes one line to stdout. When the reader has gone (a closed pipe) there is no one left
/// to tell, so the CLI exits at once with success, as Unix tools do; any other failure to
/// write is reported on stderr with a failing exit code.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{args}").and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: the output could not be written: {e}");
        std::process::exit(1);
    }
}
