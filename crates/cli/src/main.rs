//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests.

mod args;
mod note_cmd;
mod output;
mod patch;
mod patient_cmd;
mod points_cmd;
mod run;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = args::Cli::parse();
    match run::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&cli, err);
            std::process::ExitCode::from(2)
        }
    }
}
