//! Patient type-ahead search on generated clinics: p50 and p99 per call at each scale, next to
//! a hand-written raw SQL baseline on the same database (the floor) and the same SQL on a
//! plain, unencrypted SQLite copy (the cost of encryption). Run with `make bench`.
//!
//! ACUCHART_BENCH_SCALES (default "1,10") picks the scales; 1 ≈ 6,000 patients.

#[path = "common/summary.rs"]
mod summary;

use std::time::{Duration, Instant};

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{build_match_query, PatientQuery};
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const ROUNDS: usize = 3;
const RAW_SQL: &str = "SELECT p.id, p.chart_number, p.given_name, p.family_name, p.preferred_name,
        p.date_of_birth, p.phone, p.email, p.archived_at IS NOT NULL
     FROM patient_search s JOIN patients p ON p.id = s.rowid
     WHERE patient_search MATCH ?1 AND p.archived_at IS NULL LIMIT 50";

struct Stats {
    p50: Duration,
    p99: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Stats {
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// What people type: name prefixes of 1–6 letters (one or two words), phone digits, birth
/// dates and chart numbers, taken from rows that exist.
fn typed_queries(conn: &Connection, n: usize) -> Res<Vec<String>> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let count: i64 = conn.query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let id = rng.random_range(1..=count);
        let (given, family, phone, dob, chart): (String, String, String, String, i64) = conn.query_row(
            "SELECT given_name, family_name, phone, date_of_birth, chart_number FROM patients WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let prefix = |s: &str, k: usize| s.chars().take(k).collect::<String>().to_lowercase();
        out.push(match out.len() % 6 {
            0 => prefix(&family, rng.random_range(1..=6)),
            1 => prefix(&given, rng.random_range(2..=4)),
            2 => format!("{} {}", prefix(&given, 3), prefix(&family, 2)),
            3 => phone
                .chars()
                .filter(char::is_ascii_digit)
                .take(rng.random_range(4..=10))
                .collect(),
            4 => dob,
            _ => chart.to_string(),
        });
    }
    Ok(out)
}

fn time_each(queries: &[String], mut run: impl FnMut(&str) -> Res<usize>) -> Res<Stats> {
    let mut samples = Vec::with_capacity(queries.len() * ROUNDS);
    for q in queries {
        run(q)?; // warm
    }
    for _ in 0..ROUNDS {
        for q in queries {
            let start = Instant::now();
            let rows = run(q)?;
            samples.push(start.elapsed());
            std::hint::black_box(rows);
        }
    }
    Ok(stats(samples))
}

/// The same reads as the core (prefix matches, then whole-word matches), with no mapping,
/// ranking or permission check.
fn raw(conn: &Connection, q: &str) -> Res<usize> {
    let Some(expr) = build_match_query(q) else {
        return Ok(0);
    };
    let mut exprs = vec![expr.clone()];
    if expr.contains('*') {
        exprs.push(expr.replace("\"*", "\""));
    }
    let mut n = 0;
    for e in exprs {
        let mut stmt = conn.prepare_cached(RAW_SQL)?;
        let mut rows = stmt.query([e])?;
        while let Some(row) = rows.next()? {
            std::hint::black_box((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, bool>(8)?,
            ));
            n += 1;
        }
    }
    Ok(n)
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() -> Res<()> {
    let scales: Vec<u32> = std::env::var("ACUCHART_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("| scale | patients | core p50 ms | core p99 ms | raw SQL p50 | raw SQL p99 | core ÷ raw (p99) | plain SQLite p99 | SQLCipher ÷ plain (p99) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for scale in scales {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("bench.db");
        let vault = Vault::new(&path, KeyStore::default());
        let (clinic, _) = vault.set_up(&SetupInput {
            clinic_name: "Bench".into(),
            time_zone: "UTC".into(),
            date_format: DateFormat::Ymd,
            admin_display_name: "Bench".into(),
            admin_username: "bench".into(),
            admin_password: "bench-password".into(),
            admin_is_practitioner: false,
        })?;
        let admin = clinic.login("bench", "bench-password")?;
        let patients = clinic.generate_demo(&admin, scale, 2026, |_, _| {})?;

        let key = KeyStore::default()
            .load(&path)?
            .ok_or("no key in the keyring")?;
        let conn = db::open(&path, &key, OpenMode::Existing)?;
        let queries = typed_queries(&conn, 600)?;
        let plain_path = dir.path().join("plain.db");
        // ATTACH opens with the main connection's flags, which never create files.
        Connection::open(&plain_path)?.execute_batch("PRAGMA user_version = 0;")?;
        conn.execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plaintext KEY ''; SELECT sqlcipher_export('plaintext'); DETACH DATABASE plaintext;",
            plain_path.display()
        ))?;
        let plain = Connection::open(&plain_path)?;
        plain.execute_batch("PRAGMA cache_size = -32768;")?;

        let core = time_each(&queries, |q| {
            let query = PatientQuery {
                text: q.to_owned(),
                include_archived: false,
                limit: Some(50),
            };
            Ok(clinic.search_patients(&admin, &query)?.len())
        })?;
        let base = time_each(&queries, |q| raw(&conn, q))?;
        let unencrypted = time_each(&queries, |q| raw(&plain, q))?;
        println!(
            "| {scale} | {patients} | {} | {} | {} | {} | {:.2} | {} | {:.2} |",
            ms(core.p50),
            ms(core.p99),
            ms(base.p50),
            ms(base.p99),
            core.p99.as_secs_f64() / base.p99.as_secs_f64(),
            ms(unencrypted.p99),
            base.p99.as_secs_f64() / unencrypted.p99.as_secs_f64(),
        );
        summary::record(
            "patient search",
            Some(scale),
            core.p50.as_secs_f64() * 1e3,
            core.p99.as_secs_f64() * 1e3,
            "≤ 1 ms",
        );
        KeyStore::default().delete(&path)?;
    }
    Ok(())
}
