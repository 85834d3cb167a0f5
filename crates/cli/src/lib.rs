//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests. A library
//! too, so that tests can walk its command tree (the permission matrix covers every command).

pub mod args;
mod audit_cmd;
mod note_cmd;
mod output;
mod patch;
mod patient_cmd;
mod points_cmd;
mod run;
mod settings_cmd;
mod user_cmd;

use clap::{CommandFactory, Parser};

/// Every runnable command as its words (`patient show`, `user disable`, …), for the
/// permission matrix test and documentation.
pub fn leaf_commands() -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push(prefix.trim().to_owned());
        }
        for s in subs {
            walk(s, &format!("{prefix} {}", s.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(&args::Cli::command(), "", &mut out);
    out
}

pub fn main() -> std::process::ExitCode {
    let cli = args::Cli::parse();
    match run::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&cli, err);
            std::process::ExitCode::from(2)
        }
    }
}
