//! What security costs per request, on a real encrypted clinic (key in the keyring):
//! - an audited read (`Clinic::patient`: permission check, the record, one chained audit row,
//!   the head copied beside the database) next to an unaudited read of the same record;
//! - the session check every IPC command makes (`resume_session`);
//! - a sign-in with a wrong password and with an unknown name (they should cost the same);
//! - the audit screen's queries and Verify / CSV export over a large log.
//!
//! ACUCHART_BENCH_AUDIT_ROWS (default 50000) sets how many audited reads build the log.

#[path = "common/summary.rs"]
mod summary;

use std::time::{Duration, Instant};

use acuchart_core::audit::{Action, AuditFilter};
use acuchart_core::ids::PatientId;
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::PatientQuery;
use acuchart_core::session::LiveSession;
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "benchmark password";

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(at(0.50)), ms(at(0.99)))
}

fn time<T>(n: usize, mut f: impl FnMut(usize) -> Res<T>) -> Res<(f64, f64)> {
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let start = Instant::now();
        std::hint::black_box(f(i)?);
        samples.push(start.elapsed());
    }
    Ok(percentiles(samples))
}

fn row(what: &str, (p50, p99): (f64, f64)) {
    summary::record(what, None, p50, p99, "");
    println!("| {what} | {p50:.3} | {p99:.3} |");
}

fn main() -> Res<()> {
    let rows: usize = std::env::var("ACUCHART_BENCH_AUDIT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("bench.db");
    let vault = Vault::new(&db, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Bench Clinic".into(),
        time_zone: "Europe/London".into(),
        date_format: DateFormat::Dmy,
        admin_display_name: "Bench Admin".into(),
        admin_username: "admin".into(),
        admin_password: PASSWORD.into(),
        admin_is_practitioner: true,
    })?;
    let result = run(&clinic, rows);
    drop(clinic);
    let _ = KeyStore::default().delete(&db);
    result
}

fn run(clinic: &acuchart_core::Clinic, rows: usize) -> Res<()> {
    let admin = clinic.login("admin", PASSWORD)?;
    clinic.generate_demo(&admin, 1, 2026, |_, _| {})?;
    let patients = clinic
        .search_patients(
            &admin,
            &PatientQuery {
                text: "a".into(),
                include_archived: false,
                limit: Some(200),
            },
        )?
        .into_iter()
        .map(|p| p.id)
        .collect::<Vec<PatientId>>();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut pick = move || patients[rng.random_range(0..patients.len())];

    println!("| operation | p50 ms | p99 ms |\n|---|---|---|");
    let first: Vec<PatientId> = (0..2000).map(|_| pick()).collect();
    row(
        "open a patient record (audited read + anchor)",
        time(first.len(), |i| Ok(clinic.patient(&admin, first[i])?))?,
    );
    row(
        "search by chart number (unaudited read, for scale)",
        time(first.len(), |i| {
            Ok(clinic.search_patients(
                &admin,
                &PatientQuery {
                    text: first[i].0.to_string(),
                    include_archived: false,
                    limit: Some(1),
                },
            )?)
        })?,
    );
    let mut session = LiveSession::new(admin.clone());
    row(
        "session check before each IPC command",
        time(5000, |_| Ok(clinic.resume_session(&mut session)?))?,
    );
    let mut wrong = Vec::new();
    for i in 0..24 {
        let start = Instant::now();
        let _ = clinic.login("admin", "wrong");
        wrong.push(start.elapsed());
        // Stay below the wait after five failures: a success clears the count.
        if i % 4 == 3 {
            clinic.login("admin", PASSWORD)?;
        }
    }
    row(
        "failed sign-in, wrong password (argon2id)",
        percentiles(wrong),
    );
    row(
        "failed sign-in, unknown user name",
        time(24, |i| {
            let _ = clinic.login(&format!("ghost{i}"), "wrong");
            Ok(())
        })?,
    );

    let started = Instant::now();
    for _ in 0..rows {
        clinic.patient(&admin, pick())?;
    }
    let built = started.elapsed();
    let total = clinic.verify_audit(&admin)?.rows_checked;
    println!(
        "\nBuilt a log of {total} rows ({rows} audited reads in {:.1} s).\n",
        built.as_secs_f64()
    );
    println!("| audit screen, {total} rows | p50 ms | p99 ms |\n|---|---|---|");
    row(
        "first page (100 newest), no filter",
        time(200, |_| {
            Ok(clinic.list_audit(&admin, &AuditFilter::default())?)
        })?,
    );
    row(
        "one patient's rows",
        time(200, |_| {
            Ok(clinic.list_audit(
                &admin,
                &AuditFilter {
                    patient_id: Some(pick()),
                    ..Default::default()
                },
            )?)
        })?,
    );
    row(
        "one user's sign-ins (user + action)",
        time(200, |_| {
            Ok(clinic.list_audit(
                &admin,
                &AuditFilter {
                    user_id: Some(admin.user_id()),
                    action: Some(Action::Login),
                    ..Default::default()
                },
            )?)
        })?,
    );
    let today = clinic.today()?.to_string();
    row(
        "today's rows (date range)",
        time(200, |_| {
            Ok(clinic.list_audit(
                &admin,
                &AuditFilter {
                    from: Some(today.clone()),
                    to: Some(today.clone()),
                    ..Default::default()
                },
            )?)
        })?,
    );
    row(
        "Verify (whole chain + anchor)",
        time(5, |_| Ok(clinic.verify_audit(&admin)?))?,
    );
    row(
        "CSV export of every row",
        time(3, |_| {
            Ok(clinic.export_audit_csv(&admin, &AuditFilter::default())?)
        })?,
    );
    Ok(())
}
