//! Treatment summary rendering: one patient with 30 signed weekly visits (eight sciatica points
//! each, named in pinyin, characters and English), the summary generated 30 times (the first
//! call parses the embedded fonts once per process and is reported apart). p50 / p99 and the
//! PDF's size. Targets: ≤ 200 ms and ≤ 300 KB. Run with `make bench`.

use std::time::{Duration, Instant};

use acuchart_core::documents::SummaryRequest;
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::NewPatient;
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::visits::{Diagnosis, NoteDraft, Side, StartNote, TreatmentPoint};

#[path = "common/summary.rs"]
mod summary;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const VISITS: usize = 30;
const POINTS: &[&str] = &[
    "BL23", "BL25", "GB30", "BL36", "BL37", "BL40", "BL57", "BL60", "GB31", "GB34", "GB39", "ST36",
];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> Res<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let vault = Vault::new(&path, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Bench Clinic".into(),
        time_zone: "UTC".into(),
        date_format: DateFormat::Dmy,
        admin_display_name: "Bench Practitioner".into(),
        admin_username: "bench".into(),
        admin_password: "bench-password".into(),
        admin_is_practitioner: true,
    })?;
    let actor = clinic.login("bench", "bench-password")?;
    let patient = clinic
        .create_patient(
            &actor,
            &NewPatient {
                given_name: "Wénjūn".into(),
                family_name: "Chen 陳".into(),
                date_of_birth: Some("1968-02-11".into()),
                ..Default::default()
            },
        )?
        .id;
    let first = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).ok_or("date")?;
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
        let mut d = NoteDraft::default();
        d.content.chief_complaint = Some("Left-sided sciatica".into());
        d.content.pain_now = Some((8 - i * 6 / VISITS) as u8);
        d.content.home_advice = Some("Walk daily; heat on the lower back.".into());
        d.content.moxa = Some("indirect moxa on BL23".into());
        d.content.face_to_face_minutes = Some(40);
        d.points = (0..8)
            .map(|j| TreatmentPoint {
                code: POINTS[(i + j) % POINTS.len()].into(),
                side: Side::Left,
                technique: None,
                depth_mm: Some(25),
                retention_minutes: Some(25),
                electro_pair: None,
                electro_hz: None,
                electro_minutes: None,
                note: None,
            })
            .collect();
        d.content.needles_inserted = Some(8);
        d.content.needles_removed = Some(8);
        d.diagnoses = vec![Diagnosis {
            code: "M54.32".into(),
            title: String::new(),
        }];
        let saved = clinic.save_visit_note(&actor, note.id, note.revision, &d)?;
        clinic.sign_visit_note(&actor, note.id, saved.revision, None)?;
    }
    let req = SummaryRequest {
        patient_id: patient,
        ..Default::default()
    };
    let started = Instant::now();
    let made = clinic.generate_treatment_summary(&actor, &req)?;
    let cold = started.elapsed();
    let mut samples = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        clinic.generate_treatment_summary(&actor, &req)?;
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "treatment summary, {VISITS} visits   n={}  first {:.1} ms  p50 {:.1} ms  p99 {:.1} ms  {} pages  {:.1} KB  (target ≤ 200 ms, ≤ 300 KB)",
        samples.len(),
        ms(cold),
        ms(at(0.5)),
        ms(at(0.99)),
        made.info.pages,
        made.pdf.len() as f64 / 1024.0
    );
    summary::record(
        "treatment summary PDF, 30 visits",
        None,
        ms(at(0.5)),
        ms(at(0.99)),
        "≤ 200 ms, ≤ 300 KB",
    );
    drop(clinic);
    KeyStore::default().delete(&path)?;
    Ok(())
}
