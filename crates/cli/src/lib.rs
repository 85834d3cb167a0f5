//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests. A library
//! too, so that tests can walk its command tree (the permission matrix covers every command).

/// `println!` for the CLI's output: a reader that stops early (`acuchart-cli … | head`)
/// closes the pipe, and the CLI then stops quietly instead of panicking on the write.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}

pub mod args;
mod audit_cmd;
mod backup_cmd;
mod data_cmd;
mod doc_cmd;
mod front_desk_args;
mod note_cmd;
mod output;
mod patch;
mod patient_cmd;
mod points_cmd;
mod run;
mod schedule_args;
mod schedule_cmd;
mod settings_cmd;
mod user_cmd;

use clap::{CommandFactory, Parser};

pub(crate) use args::Cli;

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

/// Subcommand arguments that share an id with a global one (`--user`, `--db`, …). clap lets
/// the subcommand's value replace the global's, so `schedule setup practitioner kai` once
/// signed in as kai. Must stay empty; a test checks it.
pub fn arguments_shadowing_globals() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, globals: &[String], out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if globals.iter().any(|g| g == arg.get_id().as_str()) {
                out.push(format!("{path}: {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), globals, out);
        }
    }
    let root = args::Cli::command();
    let globals: Vec<String> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    let mut out = Vec::new();
    for sub in root.get_subcommands() {
        walk(sub, sub.get_name(), &globals, &mut out);
    }
    out
}

pub fn main() -> std::process::ExitCode {
    // Log lines go to standard error (warnings by default; RUST_LOG=info for more). They
    // name records by id only: patient data is never logged.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(acuchart_core::logging::filter("warn"))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::argument_error(e),
    };
    match run::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&cli, err);
            std::process::ExitCode::from(2)
        }
    }
}
