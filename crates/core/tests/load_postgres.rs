//! Sixteen writers on one PostgreSQL clinic at once (front desks racing for the same slots,
//! practitioners charting and signing): no overlapping visits, every acknowledged write
//! present exactly once, nothing unacknowledged stored, the audit chain unbroken.
//! `make test` runs it for a few seconds; `make test-load` for a minute (ACUCHART_LOAD_SECONDS)
//! and prints the figures.

mod common;
mod load_support;
mod schedule_support;

use std::time::Duration;

use common::Backend;
use schedule_support::{clinic_on, Res};

fn seconds() -> u64 {
    std::env::var("ACUCHART_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

#[test]
fn sixteen_writers_keep_every_rule_and_every_acknowledged_write() -> Res<()> {
    let Some(s) = clinic_on(Backend::Postgres, "Europe/London")? else {
        return Ok(());
    };
    let secs = seconds();
    let (acked, tally) = load_support::run(&s, Duration::from_secs(secs))?;
    assert!(
        tally.failures.is_empty(),
        "only slot clashes may refuse a write: {:?}",
        tally.failures
    );
    assert!(tally.clashes > 0, "the writers raced for slots");
    assert!(!acked.appointments.is_empty() && !acked.signed_notes.is_empty());
    load_support::check(&s, &acked, true)?;
    println!(
        "load: {} writers, {secs} s, {} operations ({:.0}/s), {} slot clashes refused\n{}",
        load_support::WRITERS,
        tally.operations(),
        tally.operations() as f64 / secs as f64,
        tally.clashes,
        tally.figures()
    );
    Ok(())
}
