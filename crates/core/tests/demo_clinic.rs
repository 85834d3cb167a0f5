//! The demo clinic generator at scale 1: what it makes is a clinic the app itself would accept
//! — nobody double-booked, every note signed with needles in = needles out and catalogue
//! points, the audit chain intact — and the app's own views read it.

mod common;

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::points::resolve_code;
use acuchart_core::schedule::ScheduleQuery;
use chrono::{Datelike, Duration};
use common::{db_path, fixture, TestResult};

#[test]
fn a_generated_clinic_is_realistic_and_consistent() -> TestResult {
    let f = fixture()?;
    let mut stages = Vec::new();
    let made = f
        .clinic
        .generate_demo_clinic(&f.admin, 1, 2026, |stage, done, total| {
            assert!(done <= total, "progress {done} of {total}");
            stages.push(stage);
        })?;
    assert_eq!(made.patients, 6_000);
    assert_eq!(made.practitioners, 2, "scale 1 has two practitioners");
    assert_eq!(made.appointments, 60_000);
    assert!(
        (40_000..56_000).contains(&made.notes),
        "most past visits are completed and charted: {made:?}"
    );
    let per_note = made.points as f64 / made.notes as f64;
    assert!(
        (7.0..13.0).contains(&per_note),
        "about ten points a note: {per_note}"
    );
    assert!(stages.contains(&acuchart_core::demo::DemoStage::History));

    let key = KeyStore::default()
        .load(&db_path(f.dir.path()))?
        .ok_or("no key")?;
    let conn = db::open(&db_path(f.dir.path()), &key, OpenMode::Existing)?;
    let count =
        |sql: &str| -> Result<i64, rusqlite::Error> { conn.query_row(sql, [], |r| r.get(0)) };

    // Nobody is double-booked, by practitioner or by room.
    for column in ["practitioner_id", "room_id"] {
        let clashes = count(&format!(
            "SELECT count(*) FROM appointments a JOIN appointments b
               ON b.{column} = a.{column} AND b.id > a.id
              AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
              AND b.starts_at >= strftime('%Y-%m-%dT%H:%M:%SZ', a.starts_at, '-8 hours')
             WHERE a.status NOT IN ('cancelled', 'no_show') AND b.status NOT IN ('cancelled', 'no_show')"
        ))?;
        assert_eq!(clashes, 0, "double-booked by {column}");
    }
    // Every completed visit has exactly one signed note; nothing else has one.
    assert_eq!(
        count("SELECT count(*) FROM appointments WHERE status = 'completed'")?,
        made.notes as i64
    );
    assert_eq!(
        count("SELECT count(*) FROM visit_notes WHERE signed_at IS NULL")?,
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM visit_notes n JOIN appointments a ON a.id = n.appointment_id
               WHERE a.status <> 'completed' OR a.patient_id <> n.patient_id"
        )?,
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM visit_notes WHERE needles_inserted IS NOT needles_removed")?,
        0
    );
    // Needle counts match the points charted (a bilateral point is two needles).
    assert_eq!(
        count("SELECT count(*) FROM visit_notes n WHERE needles_inserted <>
                 (SELECT sum(CASE side WHEN 'bilateral' THEN 2 ELSE 1 END) FROM visit_points WHERE note_id = n.id)")?,
        0
    );
    let codes: Vec<String> = conn
        .prepare("SELECT DISTINCT point_code FROM visit_points")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    assert!(codes.len() > 30, "a varied set of points: {}", codes.len());
    for code in &codes {
        assert_eq!(resolve_code(code)?.code, *code);
    }
    // Cancellations and no-shows happen, with reasons; the coming weeks are booked.
    assert!(count("SELECT count(*) FROM appointments WHERE status = 'cancelled' AND cancel_reason IS NOT NULL")? > 1_000);
    assert!(count("SELECT count(*) FROM appointments WHERE status = 'no_show'")? > 500);
    assert!(count("SELECT count(*) FROM appointments WHERE status = 'booked'")? > 100);
    assert!(count("SELECT count(*) FROM appointments WHERE series_id IS NOT NULL")? > 40_000);
    drop(conn);

    // The app's views read it: this week's calendar, and a patient's chart.
    let today = f.clinic.today()?;
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week = f.clinic.schedule(
        &f.admin,
        &ScheduleQuery {
            from: (monday - Duration::weeks(1)).to_string(),
            days: 7,
            practitioner_ids: Vec::new(),
            include_cancelled: false,
        },
    )?;
    // About 58 visits a week on average, fewer in quiet weeks (45 in the week before
    // 2026-12-06, once cancellations are left out): a busy week, not an exact figure.
    assert!(
        week.appointments.len() > 25,
        "last week: {}",
        week.appointments.len()
    );
    let patient = week.appointments[0].patient_id;
    let chart = f.clinic.patient_chart(&f.admin, patient)?;
    assert!(!chart.visits.is_empty());
    let audit = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(audit.first_broken_id, None, "{:?}", audit.problem);
    Ok(())
}
