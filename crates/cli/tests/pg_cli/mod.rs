//! Running `acuchart-cli --database-url …` in tests: the command as a given user, and the
//! JSON it answers (one error line on stderr when refused).
#![allow(dead_code)]

use std::process::{Command, Output};

use serde_json::Value;

pub const PASSWORD: &str = "a-long-admin-password";

pub const INIT: &[&str] = &[
    "init",
    "--clinic-name",
    "Harbour Acupuncture",
    "--time-zone",
    "Europe/Dublin",
    "--admin-username",
    "admin",
    "--admin-name",
    "Ada Admin",
];

/// The command for `user` (every test user has [`PASSWORD`]) on the clinic at `url`.
pub fn command(url: &str, user: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"));
    cmd.args(["--database-url", url, "--json", "--user", user])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .env_remove("ACUCHART_DATABASE_URL");
    cmd
}

/// Runs as the admin.
pub fn cli(url: &str, args: &[&str]) -> Result<Output, std::io::Error> {
    command(url, "admin", args).output()
}

/// Runs as `user`; fails the test with standard error when the command was refused.
pub fn ok(url: &str, user: &str, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let out = command(url, user, args).output()?;
    if !out.status.success() {
        return Err(format!("{args:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// What the command answered: its standard output, or the error line it printed last.
pub fn answer(out: &Output) -> Result<Value, Box<dyn std::error::Error>> {
    if out.status.success() {
        return Ok(serde_json::from_slice(&out.stdout)?);
    }
    // An error is one JSON line on stderr, after anything logged before it.
    let text = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .ok_or_else(|| format!("no JSON in {text:?}"))?;
    Ok(serde_json::from_str(line)?)
}
