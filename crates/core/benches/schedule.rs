//! The front desk's calendar on generated clinics (`generate_demo_clinic`: per unit of scale
//! 6,000 patients and 60,000 appointments over twenty years; scale 10 has ten practitioners):
//! the week view of every practitioner, the conflict checks of a booking (previewed, and
//! booked for real), and the next free slot. For each: p50 and p99 per call through the core,
//! a hand-written raw SQL floor on the same encrypted database, and the same SQL on a plain
//! SQLite copy (the cost of encryption). Run with `make bench`.
//!
//! ACUCHART_BENCH_SCALES (default "1,10") picks the scales.

#[path = "common/summary.rs"]
mod summary;

use std::path::Path;
use std::time::{Duration, Instant};

use acuchart_core::auth::Actor;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::ids::{AppointmentTypeId, PatientId, UserId};
use acuchart_core::keys::KeyStore;
use acuchart_core::schedule::{NewAppointment, ScheduleQuery, SlotQuery};
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::Clinic;
use chrono::{Datelike, Duration as Days, NaiveDate, Utc};
use rusqlite::Connection;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const CALLS: usize = 400;

/// What the week view reads: every appointment starting in the week, with its patient and
/// safety flags (the columns of `schedule::store`).
const WEEK_SQL: &str = "SELECT a.id, a.patient_id, p.given_name, p.family_name, p.preferred_name,
        p.chart_number, p.phone, a.practitioner_id, a.room_id, a.type_id, a.starts_at, a.ends_at,
        a.time_zone, a.status, a.series_id, a.series_index,
        CASE WHEN a.series_id IS NULL THEN NULL
             ELSE (SELECT count(*) FROM appointments x WHERE x.series_id = a.series_id) END,
        a.front_desk_note, s.pregnant, s.pacemaker, s.anticoagulants
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     LEFT JOIN patient_safety s ON s.patient_id = a.patient_id
     WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND a.status <> 'cancelled' ORDER BY a.starts_at";

/// The conflict check of one candidate: the practitioner's and the room's overlapping,
/// blocking appointments.
const CLASH_SQL: &str = "SELECT a.id, a.starts_at, a.ends_at FROM appointments a
     WHERE a.practitioner_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
       AND a.status NOT IN ('cancelled', 'no_show')
     UNION ALL
     SELECT a.id, a.starts_at, a.ends_at FROM appointments a
     WHERE a.room_id = ?5 AND a.starts_at >= ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
       AND a.status NOT IN ('cancelled', 'no_show')";

/// What a free-slot search reads: a practitioner's bookings over the next two weeks.
const SLOT_SQL: &str = "SELECT starts_at, ends_at FROM appointments
     WHERE practitioner_id = ?1 AND starts_at >= ?2 AND starts_at < ?3
       AND status NOT IN ('cancelled', 'no_show') ORDER BY starts_at";

struct Stats {
    p50: f64,
    p99: f64,
}

fn time(calls: usize, mut f: impl FnMut(usize) -> Res<usize>) -> Res<Stats> {
    // A warm-up pass as long as the 52 weeks the reads rotate through (a running app's cache is
    // warm); warm-up calls get indices of their own, so a booking is never asked for twice.
    for i in 0..calls.min(60) {
        f(calls + i)?;
    }
    let mut samples: Vec<Duration> = Vec::with_capacity(calls);
    for i in 0..calls {
        let start = Instant::now();
        std::hint::black_box(f(i)?);
        samples.push(start.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Ok(Stats {
        p50: at(0.5).as_secs_f64() * 1e3,
        p99: at(0.99).as_secs_f64() * 1e3,
    })
}

fn rows(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Res<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        std::hint::black_box(row.get_ref(0)?);
        n += 1;
    }
    Ok(n)
}

fn utc(t: chrono::DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn row(name: &str, scale: u32, core: &Stats, raw: &Stats, plain: &Stats, target: &str) {
    summary::record(name, Some(scale), core.p50, core.p99, target);
    println!(
        "| {name} | {scale} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} | {:.3} | {:.2} | {target} |",
        core.p50,
        core.p99,
        raw.p50,
        raw.p99,
        core.p99 / raw.p99,
        plain.p99,
        raw.p99 / plain.p99
    );
}

struct Fixture {
    clinic: Clinic,
    admin: Actor,
    practitioners: Vec<UserId>,
    rooms: Vec<i64>,
    follow_up: AppointmentTypeId,
    patients: i64,
}

fn fixture(path: &Path, scale: u32) -> Res<Fixture> {
    let vault = Vault::new(path, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Bench".into(),
        time_zone: "Europe/London".into(),
        date_format: DateFormat::Dmy,
        admin_display_name: "Bench".into(),
        admin_username: "bench".into(),
        admin_password: "bench-password".into(),
        admin_is_practitioner: false,
    })?;
    let admin = clinic.login("bench", "bench-password")?;
    let started = Instant::now();
    let made = clinic.generate_demo_clinic(&admin, scale, 2026, |_, _, _| {})?;
    println!(
        "<!-- scale {scale}: generated {} patients, {} practitioners, {} appointments, {} notes, {} points in {:.1} s -->",
        made.patients,
        made.practitioners,
        made.appointments,
        made.notes,
        made.points,
        started.elapsed().as_secs_f64()
    );
    let setup = clinic.schedule_setup(&admin)?;
    let follow_up = setup
        .types
        .iter()
        .find(|t| t.name == "Follow-up")
        .ok_or("no Follow-up type")?
        .id;
    Ok(Fixture {
        practitioners: setup.practitioners.iter().map(|p| p.user_id).collect(),
        rooms: setup.rooms.iter().map(|r| r.id.0).collect(),
        follow_up,
        patients: i64::from(made.patients),
        clinic,
        admin,
    })
}

fn main() -> Res<()> {
    let scales: Vec<u32> = std::env::var("ACUCHART_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("| action | scale | core p50 ms | core p99 ms | raw SQL p50 | raw SQL p99 | core ÷ raw (p99) | plain SQLite p99 | SQLCipher ÷ plain (p99) | target p99 |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for scale in scales {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("bench.db");
        let f = fixture(&path, scale)?;
        let key = KeyStore::default()
            .load(&path)?
            .ok_or("no key in the keyring")?;
        let conn = db::open(&path, &key, OpenMode::Existing)?;
        let plain_path = dir.path().join("plain.db");
        Connection::open(&plain_path)?.execute_batch("PRAGMA user_version = 0;")?;
        conn.execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plaintext KEY ''; SELECT sqlcipher_export('plaintext'); DETACH DATABASE plaintext;",
            plain_path.display()
        ))?;
        let plain = Connection::open(&plain_path)?;
        plain.execute_batch(
            "PRAGMA cache_size = -32768; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
        )?;

        // Weeks from the last year of history, Mondays, in turn.
        let today = Utc::now().date_naive();
        let monday = today - Days::days(i64::from(today.weekday().num_days_from_monday()));
        let weeks: Vec<NaiveDate> = (0..52).map(|w| monday - Days::weeks(w)).collect();
        let bounds = |i: usize| {
            let d = weeks[i % weeks.len()];
            let s = d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
            (utc(s), utc(s + Days::days(7)))
        };
        let core = time(CALLS, |i| {
            let view = f.clinic.schedule(
                &f.admin,
                &ScheduleQuery {
                    from: weeks[i % weeks.len()].to_string(),
                    days: 7,
                    practitioner_ids: Vec::new(),
                    include_cancelled: false,
                },
            )?;
            Ok(view.appointments.len())
        })?;
        let raw_week = |c: &Connection, i: usize| {
            let (s, e) = bounds(i);
            rows(c, WEEK_SQL, &[&s, &e])
        };
        let raw = time(CALLS, |i| raw_week(&conn, i))?;
        let unenc = time(CALLS, |i| raw_week(&plain, i))?;
        row(
            "week view, all practitioners",
            scale,
            &core,
            &raw,
            &unenc,
            "≤ 5 ms",
        );

        // Booking: candidates on future weekdays beyond the generated diary, each a new time.
        let base = monday + Days::weeks(8);
        // Each index is its own (practitioner, weekday, slot) inside working hours.
        let slots: [i64; 15] = [
            480, 520, 560, 600, 640, 680, 720, 800, 840, 880, 920, 960, 1000, 1040, 1080,
        ];
        let candidate = |i: usize| {
            let p = i % f.practitioners.len();
            let k = i / f.practitioners.len();
            let day = base + Days::days((k / 15 % 5) as i64 + 7 * (k / 75) as i64);
            (p, day, slots[k % 15])
        };
        let input = |i: usize| {
            let (p, day, minute) = candidate(i);
            NewAppointment::new(
                PatientId(1 + (i as i64 * 7919) % f.patients),
                f.practitioners[p],
                f.follow_up,
                format!("{day}T{:02}:{:02}", minute / 60, minute % 60),
            )
        };
        let preview = time(CALLS, |i| {
            Ok(f.clinic
                .preview_booking(&f.admin, &input(i))?
                .occurrences
                .len())
        })?;
        let raw_clash = |c: &Connection, i: usize| {
            let (p, day, minute) = candidate(i);
            let start =
                day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() + Days::minutes(minute);
            let end = start + Days::minutes(40);
            let lower = utc(start - Days::hours(8));
            rows(
                c,
                CLASH_SQL,
                &[
                    &f.practitioners[p].0,
                    &lower,
                    &utc(end),
                    &utc(start),
                    &f.rooms[p % f.rooms.len()],
                ],
            )
        };
        let raw = time(CALLS, |i| raw_clash(&conn, i))?;
        let unenc = time(CALLS, |i| raw_clash(&plain, i))?;
        row(
            "booking conflict checks (preview)",
            scale,
            &preview,
            &raw,
            &unenc,
            "≤ 2 ms",
        );
        let booked = time(CALLS, |i| {
            let r = f.clinic.book_appointment(&f.admin, &input(CALLS * 2 + i))?;
            Ok(r.appointments.len())
        })?;
        // The floor of a booking: the same checks and one insert, committed.
        let raw_book = |c: &Connection, i: usize| -> Res<usize> {
            c.execute_batch("BEGIN IMMEDIATE")?;
            let n = raw_clash(c, CALLS * 4 + i)?;
            let at = utc(chrono::DateTime::<Utc>::UNIX_EPOCH
                + Days::days(40_000)
                + Days::hours(i as i64));
            c.execute(
                "INSERT INTO appointments (patient_id, practitioner_id, type_id, starts_at, ends_at,
                    time_zone, created_at, created_by, updated_at, updated_by)
                 VALUES (1, ?1, ?2, ?3, ?4, 'UTC', ?3, 1, ?3, 1)",
                rusqlite::params![f.practitioners[0].0, f.follow_up.0, at, utc(chrono::DateTime::<Utc>::UNIX_EPOCH + Days::days(40_000) + Days::hours(i as i64) + Days::minutes(40))],
            )?;
            c.execute_batch("COMMIT")?;
            Ok(n)
        };
        let raw = time(CALLS, |i| raw_book(&conn, i))?;
        let unenc = time(CALLS, |i| raw_book(&plain, CALLS + i))?;
        row(
            "book (checks + write + audit, committed)",
            scale,
            &booked,
            &raw,
            &unenc,
            "≤ 2 ms",
        );

        let slots = time(CALLS, |i| {
            let q = SlotQuery {
                type_id: f.follow_up,
                practitioner_id: (i % 2 == 0).then(|| f.practitioners[i % f.practitioners.len()]),
                room_id: None,
                from: None,
                weekdays: Vec::new(),
                earliest: None,
                latest: None,
                limit: Some(5),
                duration_minutes: None,
            };
            Ok(f.clinic.next_free_slots(&f.admin, &q)?.len())
        })?;
        let raw_slots = |c: &Connection, i: usize| {
            let now = Utc::now();
            let p = f.practitioners[i % f.practitioners.len()].0;
            rows(c, SLOT_SQL, &[&p, &utc(now), &utc(now + Days::days(14))])
        };
        let raw = time(CALLS, |i| raw_slots(&conn, i))?;
        let unenc = time(CALLS, |i| raw_slots(&plain, i))?;
        row("next 5 free slots", scale, &slots, &raw, &unenc, "≤ 10 ms");
        drop(conn);
        KeyStore::default().delete(&path)?;
    }
    Ok(())
}
