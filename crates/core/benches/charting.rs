//! Charting latency on generated clinics (ACUCHART_BENCH_SCALES, default "1,10"; scale 10 has
//! 500,000 signed notes): opening a patient's chart
//! with 500 visits (the history list and the latest note in full), loading one note, saving a
//! draft (autosave), signing a note, and the practitioner's day list. p50 and p99 per call.
//! Targets: chart ≤ 10 ms p99. Run with `make bench`.

#[path = "common/summary.rs"]
mod summary;

use std::time::{Duration, Instant};

use acuchart_core::ids::PatientId;
use acuchart_core::keys::KeyStore;
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::visits::{
    Diagnosis, NoteDraft, PainRegion, PsfsItem, Side, StartNote, Technique, TodayQuery,
    TreatmentPoint,
};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const VISITS: usize = 500;

/// The history query of `patient_chart`, as written there.
const HISTORY_SQL: &str =
    "SELECT n.id, n.visit_date, u.display_name, n.signed_at IS NOT NULL, n.chief_complaint,
        n.pain_now, n.tcm_pattern,
        (SELECT group_concat(point_code, ' ') FROM
            (SELECT point_code FROM visit_points WHERE note_id = n.id ORDER BY position)),
        (SELECT count(*) FROM visit_addenda a WHERE a.note_id = n.id)
     FROM visit_notes n JOIN users u ON u.id = n.practitioner_id
     WHERE n.patient_id = ?1
     ORDER BY n.visit_date DESC, n.id DESC";

fn report(scale: u32, name: &str, mut samples: Vec<Duration>, target: &str) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    summary::record(name, Some(scale), ms(at(0.5)), ms(at(0.99)), target);
    println!(
        "{name:<28} n={:<5} p50 {:>8.3} ms  p99 {:>8.3} ms  {target}",
        samples.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3
    );
}

fn point(code: &str, side: Side) -> TreatmentPoint {
    TreatmentPoint {
        code: code.into(),
        side,
        technique: Some(Technique::Even),
        depth_mm: Some(25),
        retention_minutes: Some(20),
        electro_pair: None,
        electro_hz: None,
        electro_minutes: None,
        note: None,
    }
}

/// A full follow-up note: every SOAP section, eight points, a diagnosis, PSFS, needles.
fn draft(i: usize) -> NoteDraft {
    let mut d = NoteDraft::default();
    let c = &mut d.content;
    c.chief_complaint = Some("Pain down the back of the left leg".into());
    c.pain_now = Some((8 - (i % 7)) as u8);
    c.pain_best = Some(2);
    c.pain_worst = Some(8);
    c.onset = Some("Three weeks ago lifting a box".into());
    c.aggravating = Some("Sitting, bending".into());
    c.relieving = Some("Heat, walking".into());
    c.tongue_body = Some("Purple".into());
    c.tongue_coat = Some("Thin white".into());
    c.pulse_qualities = Some("wiry, choppy".into());
    c.palpation = Some("Tender GB30, BL40 left".into());
    c.range_of_motion = Some("Lumbar flexion 60%".into());
    c.orthopaedic_tests = Some("SLR positive left at 45°".into());
    c.tcm_pattern = Some("Qi and Blood stagnation in the Bladder channel".into());
    c.plan = Some("Weekly for six visits".into());
    c.moxa = Some("Warm needle BL25".into());
    c.needles_inserted = Some(12);
    c.needles_removed = Some(12);
    c.face_to_face_minutes = Some(40);
    c.home_advice = Some("Heat and short walks".into());
    d.points = vec![
        point("EX-B2", Side::Bilateral),
        point("BL25", Side::Bilateral),
        point("GB30", Side::Left),
        point("BL36", Side::Left),
        point("BL37", Side::Left),
        point("BL40", Side::Left),
        point("BL57", Side::Left),
        point("BL60", Side::Left),
    ];
    d.pain_regions = vec![
        PainRegion {
            region: "thigh_back".into(),
            side: Side::Left,
        },
        PainRegion {
            region: "calf".into(),
            side: Side::Left,
        },
    ];
    d.diagnoses = vec![Diagnosis {
        code: "M54.32".into(),
        title: String::new(),
    }];
    d.psfs = vec![PsfsItem {
        activity: "Sitting 30 minutes".into(),
        score: (2 + i % 8) as u8,
    }];
    d
}

fn main() -> Res<()> {
    let scales: Vec<u32> = std::env::var("ACUCHART_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    for scale in scales {
        println!("## scale {scale}");
        run(scale)?;
    }
    Ok(())
}

/// One generated clinic (`generate_demo_clinic` at `scale`: its twenty years of visits), plus
/// one patient with 500 weekly visits written through the charting services.
fn run(scale: u32) -> Res<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let vault = Vault::new(&path, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Bench Clinic".into(),
        time_zone: "UTC".into(),
        date_format: DateFormat::Ymd,
        admin_display_name: "Bench Practitioner".into(),
        admin_username: "bench".into(),
        admin_password: "bench-password".into(),
        admin_is_practitioner: true,
    })?;
    let actor = clinic.login("bench", "bench-password")?;
    let started = Instant::now();
    let made = clinic.generate_demo_clinic(&actor, scale, 2026, |_, _, _| {})?;
    println!(
        "demo clinic generated in {:.1} s: {} patients, {} appointments, {} signed notes, {} points",
        started.elapsed().as_secs_f64(),
        made.patients,
        made.appointments,
        made.notes,
        made.points
    );

    let patient = PatientId(42);
    let first = chrono::NaiveDate::from_ymd_opt(2016, 1, 4).ok_or("date")?;
    let started = Instant::now();
    let mut save_samples = Vec::new();
    let mut sign_samples = Vec::new();
    for i in 0..VISITS {
        let date = first + chrono::Duration::days(7 * i as i64);
        let note = clinic.start_visit_note(
            &actor,
            &StartNote {
                patient_id: patient,
                appointment_id: None,
                visit_date: Some(date.to_string()),
            },
        )?;
        let t = Instant::now();
        let saved = clinic.save_visit_note(&actor, note.id, note.revision, &draft(i))?;
        save_samples.push(t.elapsed());
        let t = Instant::now();
        clinic.sign_visit_note(&actor, note.id, saved.revision, None)?;
        sign_samples.push(t.elapsed());
    }
    println!(
        "{VISITS} signed visits written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    for _ in 0..20 {
        clinic.patient_chart(&actor, patient)?; // warm
    }
    let mut chart_samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let chart = clinic.patient_chart(&actor, patient)?;
        chart_samples.push(t.elapsed());
        assert!(chart.visits.len() >= VISITS);
        std::hint::black_box(chart);
    }
    let latest = clinic
        .patient_chart(&actor, patient)?
        .latest
        .ok_or("no latest")?
        .id;
    // Floors: a read that writes its audit row and little else (the patient header), and the
    // history query alone on a raw connection (no audit, no commit).
    let mut profile_samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        std::hint::black_box(clinic.patient(&actor, patient)?);
        profile_samples.push(t.elapsed());
    }
    let key = KeyStore::default().load(&path)?.ok_or("no key")?;
    let raw = acuchart_core::db::open(&path, &key, acuchart_core::db::OpenMode::Existing)?;
    let mut raw_samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let mut stmt = raw.prepare_cached(HISTORY_SQL)?;
        let n = stmt.query_map([patient.0], |r| r.get::<_, i64>(0))?.count();
        raw_samples.push(t.elapsed());
        assert!(n >= VISITS);
    }
    drop(raw);
    let mut note_samples = Vec::new();
    let mut outcome_samples = Vec::new();
    let mut today_samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        std::hint::black_box(clinic.visit_note(&actor, latest)?);
        note_samples.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(clinic.patient_outcomes(&actor, patient)?);
        outcome_samples.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(clinic.today_schedule(&actor, &TodayQuery::default())?);
        today_samples.push(t.elapsed());
    }
    report(
        scale,
        "patient_chart (500 visits)",
        chart_samples,
        "target ≤ 10 ms p99",
    );
    report(
        scale,
        "floor: audited patient read",
        profile_samples,
        "one audit row: commit + fsync",
    );
    report(
        scale,
        "floor: history SQL, raw",
        raw_samples,
        "no audit, no commit",
    );
    report(scale, "visit_note (one, full)", note_samples, "");
    report(scale, "patient_outcomes (500)", outcome_samples, "");
    report(scale, "save_visit_note (autosave)", save_samples, "");
    report(scale, "sign_visit_note", sign_samples, "");
    report(scale, "today_schedule", today_samples, "");
    drop(clinic);
    KeyStore::default().delete(&path)?;
    Ok(())
}
