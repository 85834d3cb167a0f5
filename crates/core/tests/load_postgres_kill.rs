//! The sixteen-writer load with the PostgreSQL server killed (SIGKILL, every process of it)
//! a third of the way through and started again: writers see clear errors while it is down
//! and carry on when it is back; afterwards every write they were told succeeded is there,
//! no record is half-written, no visits overlap and the audit chain is unbroken.
//!
//! Needs a cluster that keeps PostgreSQL's own durability settings and can be restarted:
//! `make test-load` runs it under `ACUCHART_PG_DURABLE=1 scripts/with-postgres.sh`. Not part of
//! `make test` (Cargo.toml: `test = false`); run by hand there, it fails rather than skips.

mod common;
mod load_support;
mod schedule_support;

use std::process::Command;
use std::time::Duration;

use common::Backend;
use schedule_support::{clinic_on, Res};

fn seconds() -> u64 {
    std::env::var("ACUCHART_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
}

/// SIGKILL to the postmaster's children and then to the postmaster: nothing shuts down
/// cleanly, so the restart runs crash recovery from the write-ahead log.
fn kill_server(data: &str) -> Res<()> {
    let pid_file = std::fs::read_to_string(format!("{data}/postmaster.pid"))?;
    let pid = pid_file
        .lines()
        .next()
        .ok_or("empty postmaster.pid")?
        .trim();
    let killed = Command::new("sh")
        .arg("-c")
        .arg(format!("pkill -KILL -P {pid}; kill -KILL {pid}"))
        .status()?;
    if !killed.success() {
        return Err(format!("could not kill PostgreSQL (pid {pid})").into());
    }
    Ok(())
}

#[test]
fn writers_lose_nothing_acknowledged_when_the_server_is_killed_and_restarted() -> Res<()> {
    let data = std::env::var("ACUCHART_TEST_PG_DATA")
        .map_err(|_| "ACUCHART_TEST_PG_DATA is not set: run under ACUCHART_PG_DURABLE=1")?;
    let start = std::env::var("ACUCHART_TEST_PG_START")
        .map_err(|_| "ACUCHART_TEST_PG_START is not set: run under ACUCHART_PG_DURABLE=1")?;
    let s = clinic_on(Backend::Postgres, "Europe/London")?.ok_or("no test server")?;
    let secs = seconds();
    let (acked, tally) = std::thread::scope(|scope| {
        let killer = scope.spawn(|| -> Result<(), String> {
            std::thread::sleep(Duration::from_secs(secs / 3));
            kill_server(&data).map_err(|e| e.to_string())?;
            std::thread::sleep(Duration::from_secs(2));
            let started = Command::new(&start).status().map_err(|e| e.to_string())?;
            if !started.success() {
                return Err("PostgreSQL did not start again".into());
            }
            Ok(())
        });
        let load = load_support::run(&s, Duration::from_secs(secs));
        killer
            .join()
            .map_err(|_| "the killer thread panicked".to_string())??;
        load.map_err(|e| e.to_string())
    })?;
    // While the server was down, writes were refused with a message that says so; nothing
    // else may fail.
    let outage: Vec<&String> = tally
        .failures
        .iter()
        .filter(|f| !f.contains("database server"))
        .collect();
    assert!(outage.is_empty(), "unexpected failures: {outage:?}");
    assert!(
        !tally.failures.is_empty(),
        "the outage was seen by the writers"
    );
    let after = tally.operations();
    assert!(after > 0);
    load_support::check(&s, &acked, false)?;
    let seen: std::collections::BTreeSet<&String> = tally.failures.iter().collect();
    println!("what writers were told while the server was down: {seen:#?}");
    println!(
        "kill: {} writers, {secs} s, server killed at {} s; {} operations acknowledged, {} refused \
         while it was down, {} slot clashes\n{}",
        load_support::WRITERS,
        secs / 3,
        tally.operations(),
        tally.failures.len(),
        tally.clashes,
        tally.figures()
    );
    Ok(())
}
