//! `acuchart-cli`: every operation the app offers, for admins, scripts and tests.

fn main() -> std::process::ExitCode {
    acuchart_cli::main()
}
