//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests.

mod args;
mod note_cmd;
mod backup_cmd;
mod output;
mod patch;
mod patient_cmd;
mod points_cmd;
mod run;
mod schedule_args;
mod schedule_cmd;

use args::Cli;
use clap::Parser;

fn main() -> std::process::ExitCode {
    // Log lines go to standard error (warnings by default; RUST_LOG=info for more). They
    // name records by id only: patient data is never logged.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(acuchart_core::logging::filter("warn"))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    let cli = Cli::parse();
    match run::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&cli, err);
            std::process::ExitCode::from(2)
        }
    }
}
