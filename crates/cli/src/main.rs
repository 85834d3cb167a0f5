//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests.

mod args;
mod note_cmd;
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
    let cli = Cli::parse();
    match run::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&cli, err);
            std::process::ExitCode::from(2)
        }
    }
}
