//! A clinic's mixed day on one PostgreSQL clinic, from many writers at once: front desks
//! booking into a few contested slots (and cancelling some of what they booked), registering
//! patients; practitioners charting and signing notes. Every write a writer was told succeeded
//! is remembered, so the checks after the run can prove it is there, once, and whole.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use acuchart_core::auth::Actor;
use acuchart_core::ids::{AppointmentId, NoteId, PatientId, UserId};
use acuchart_core::patients::NewPatient;
use acuchart_core::schedule::{CancelInput, EditScope};
use acuchart_core::visits::{NoteDraft, Side, StartNote, TreatmentPoint};
use acuchart_core::{Error, ErrorCode};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::schedule_support::{Clinic, Res};

pub const WRITERS: usize = 16;
/// Monday to Friday, 4–8 March 2030, at times inside both practitioners' hours: 70 slots for
/// sixteen writers, so bookings race for the same slot all the time.
const DAYS: [&str; 5] = [
    "2030-03-04",
    "2030-03-05",
    "2030-03-06",
    "2030-03-07",
    "2030-03-08",
];
const TIMES: [&str; 7] = [
    "09:00", "10:00", "11:00", "13:30", "14:30", "15:30", "16:30",
];

/// What the writers were told succeeded.
#[derive(Default)]
pub struct Acknowledged {
    /// Each booking, and whether it was later cancelled (acknowledged too).
    pub appointments: BTreeMap<AppointmentId, bool>,
    pub patients: Vec<PatientId>,
    pub signed_notes: Vec<NoteId>,
}

/// What the run did, for the figures.
#[derive(Default)]
pub struct Tally {
    /// Latencies per operation, in microseconds.
    pub latencies: BTreeMap<&'static str, Vec<u64>>,
    /// Bookings refused because another writer took the slot first.
    pub clashes: u64,
    /// Operations that failed for another reason (only allowed while the server is down).
    pub failures: Vec<String>,
}

impl Tally {
    pub fn operations(&self) -> usize {
        self.latencies.values().map(Vec::len).sum()
    }

    /// `p50/p99` per operation, in milliseconds.
    pub fn figures(&self) -> String {
        let mut out = String::new();
        for (op, times) in &self.latencies {
            let mut sorted = times.clone();
            sorted.sort_unstable();
            let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q) as usize] as f64 / 1000.0;
            out.push_str(&format!(
                "{op}: {} done, p50 {:.2} ms, p99 {:.2} ms\n",
                sorted.len(),
                at(0.5),
                at(0.99)
            ));
        }
        out
    }
}

struct Shared<'a> {
    s: &'a Clinic,
    until: Instant,
    acked: Mutex<Acknowledged>,
    tally: Mutex<Tally>,
}

/// Runs [`WRITERS`] writers until `duration` has passed.
pub fn run(s: &Clinic, duration: Duration) -> Res<(Acknowledged, Tally)> {
    let shared = Shared {
        s,
        until: Instant::now() + duration,
        acked: Mutex::new(Acknowledged::default()),
        tally: Mutex::new(Tally::default()),
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WRITERS)
            .map(|i| {
                let shared = &shared;
                scope.spawn(move || writer(shared, i))
            })
            .collect();
        for w in workers {
            w.join().map_err(|_| "a writer panicked")??;
        }
        Ok::<(), Box<dyn std::error::Error>>(())
    })?;
    let acked = shared.acked.into_inner().map_err(|_| "poisoned")?;
    let tally = shared.tally.into_inner().map_err(|_| "poisoned")?;
    Ok((acked, tally))
}

fn writer(shared: &Shared<'_>, i: usize) -> Result<(), String> {
    let s = shared.s;
    let mut rng = ChaCha8Rng::seed_from_u64(i as u64);
    let desk = i % 2 == 0;
    let practitioner: &Actor = if i % 4 == 1 {
        &s.fx.admin
    } else {
        &s.kai_actor
    };
    let mut mine: Vec<AppointmentId> = Vec::new();
    // Each practitioner writer charts its own days (one note per patient, practitioner and
    // day is the app's rule: a second writer would reopen the same draft).
    let mut days_back = (i / 2) as i64;
    while Instant::now() < shared.until {
        let started = Instant::now();
        let (op, outcome): (&'static str, acuchart_core::Result<()>) = if desk {
            match rng.random_range(0..10) {
                0 => ("register patient", register(shared, &mut rng)),
                1 if !mine.is_empty() => {
                    let id = mine.swap_remove(rng.random_range(0..mine.len()));
                    ("cancel", cancel(shared, id))
                }
                _ => ("book", book(shared, &mut rng, &mut mine)),
            }
        } else {
            days_back += (WRITERS / 2) as i64;
            let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 31)
                .map(|d| d - chrono::Duration::days(days_back))
                .ok_or("no such day")?;
            ("chart and sign", chart(shared, practitioner, day, &mut rng))
        };
        let micros = started.elapsed().as_micros() as u64;
        let mut tally = shared.tally.lock().map_err(|_| "a writer panicked")?;
        match outcome {
            Ok(()) => tally.latencies.entry(op).or_default().push(micros),
            Err(e) if e.code() == ErrorCode::Conflict && op == "book" => tally.clashes += 1,
            Err(e) => tally.failures.push(format!("{op}: {e}")),
        }
    }
    Ok(())
}

fn patient_ids(shared: &Shared<'_>) -> Vec<PatientId> {
    let s = shared.s;
    let mut ids = vec![s.ana, s.ben, s.chloe];
    if let Ok(acked) = shared.acked.lock() {
        ids.extend(acked.patients.iter().copied());
    }
    ids
}

fn register(shared: &Shared<'_>, rng: &mut ChaCha8Rng) -> acuchart_core::Result<()> {
    // Distinct names and no phone: two registrations that look alike are (rightly) held
    // back as possible duplicates, which is not what this run measures.
    let n: u64 = rng.random();
    let made = shared.s.fx.clinic.create_patient(
        &shared.s.desk,
        &NewPatient {
            given_name: format!("Load{n:x}"),
            family_name: "Writer".into(),
            ..Default::default()
        },
    )?;
    lock(&shared.acked)?.patients.push(made.id);
    Ok(())
}

fn book(
    shared: &Shared<'_>,
    rng: &mut ChaCha8Rng,
    mine: &mut Vec<AppointmentId>,
) -> acuchart_core::Result<()> {
    let s = shared.s;
    let patients = patient_ids(shared);
    let patient = patients[rng.random_range(0..patients.len())];
    let practitioner: UserId = if rng.random_bool(0.5) { s.lin } else { s.kai };
    let at = format!(
        "{}T{}",
        DAYS[rng.random_range(0..DAYS.len())],
        TIMES[rng.random_range(0..TIMES.len())]
    );
    let booked =
        s.fx.clinic
            .book_appointment(&s.desk, &s.new_appt(patient, practitioner, &at))?;
    let mut acked = lock(&shared.acked)?;
    for a in booked.appointments {
        acked.appointments.insert(a.id, false);
        mine.push(a.id);
    }
    Ok(())
}

fn cancel(shared: &Shared<'_>, id: AppointmentId) -> acuchart_core::Result<()> {
    let s = shared.s;
    s.fx.clinic.cancel_appointment(
        &s.desk,
        id,
        &CancelInput {
            reason: "Rescheduling".into(),
            scope: EditScope::This,
        },
    )?;
    lock(&shared.acked)?.appointments.insert(id, true);
    Ok(())
}

fn chart(
    shared: &Shared<'_>,
    who: &Actor,
    day: chrono::NaiveDate,
    rng: &mut ChaCha8Rng,
) -> acuchart_core::Result<()> {
    let c = &shared.s.fx.clinic;
    let patients = patient_ids(shared);
    let patient = patients[rng.random_range(0..patients.len())];
    let note = c.start_visit_note(
        who,
        &StartNote {
            patient_id: patient,
            appointment_id: None,
            visit_date: Some(day.to_string()),
        },
    )?;
    let mut d = NoteDraft::default();
    d.content.chief_complaint = Some("Low back pain radiating down the left leg.".into());
    d.content.pain_now = Some(rng.random_range(2..8));
    d.points = ["BL40", "GB30"]
        .iter()
        .map(|code| TreatmentPoint {
            code: (*code).into(),
            side: Side::Left,
            technique: None,
            depth_mm: Some(25),
            retention_minutes: Some(20),
            electro_pair: None,
            electro_hz: None,
            electro_minutes: None,
            note: None,
        })
        .collect();
    d.content.needles_inserted = Some(2);
    d.content.needles_removed = Some(2);
    let saved = c.save_visit_note(who, note.id, note.revision, &d)?;
    c.sign_visit_note(who, note.id, saved.revision, None)?;
    lock(&shared.acked)?.signed_notes.push(note.id);
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> acuchart_core::Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| Error::Internal("a writer panicked holding the tally".into()))
}

/// The checks after a run, on the database itself: no two active visits overlap (by
/// practitioner or by room), every acknowledged booking, cancellation, patient and signed note
/// is there exactly as acknowledged, every signed note has its two points, and the audit chain
/// is one unbroken chain. With `exact`, nothing unacknowledged was stored either.
pub fn check(s: &Clinic, acked: &Acknowledged, exact: bool) -> Res<()> {
    let database = s.fx.database().ok_or("not a PostgreSQL clinic")?;
    let mut raw = database.connect()?;
    for column in ["practitioner_id", "room_id"] {
        let overlaps: i64 = raw
            .query_one(
                &format!(
                    "SELECT count(*) FROM appointments a JOIN appointments b
                       ON b.{column} = a.{column} AND b.id > a.id
                      AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
                     WHERE a.status NOT IN ('cancelled', 'no_show')
                       AND b.status NOT IN ('cancelled', 'no_show')"
                ),
                &[],
            )?
            .try_get(0)?;
        assert_eq!(overlaps, 0, "active visits overlap by {column}");
    }
    let stored: BTreeMap<i64, String> = raw
        .query("SELECT id, status FROM appointments", &[])?
        .iter()
        .map(|r| Ok((r.try_get::<_, i64>(0)?, r.try_get::<_, String>(1)?)))
        .collect::<Result<_, postgres::Error>>()?;
    for (id, cancelled) in &acked.appointments {
        let status = stored
            .get(&id.0)
            .ok_or_else(|| format!("acknowledged booking {id} is missing"))?;
        assert_eq!(
            status == "cancelled",
            *cancelled,
            "appointment {id}: {status}"
        );
    }
    let patients: HashSet<i64> = raw
        .query("SELECT id FROM patients", &[])?
        .iter()
        .map(|r| r.try_get::<_, i64>(0))
        .collect::<Result<_, _>>()?;
    for p in &acked.patients {
        assert!(
            patients.contains(&p.0),
            "acknowledged patient {p} is missing"
        );
    }
    let signed: HashSet<i64> = raw
        .query(
            "SELECT id FROM visit_notes WHERE signed_at IS NOT NULL",
            &[],
        )?
        .iter()
        .map(|r| r.try_get::<_, i64>(0))
        .collect::<Result<_, _>>()?;
    for n in &acked.signed_notes {
        assert!(
            signed.contains(&n.0),
            "acknowledged signed note {n} is missing"
        );
    }
    let half_written: i64 = raw
        .query_one(
            "SELECT count(*) FROM visit_notes n WHERE n.signed_at IS NOT NULL
               AND (SELECT count(*) FROM visit_points WHERE note_id = n.id) <> 2",
            &[],
        )?
        .try_get(0)?;
    assert_eq!(half_written, 0, "a signed note without its points");
    if exact {
        assert_eq!(
            stored.len(),
            acked.appointments.len(),
            "unacknowledged bookings"
        );
        assert_eq!(
            signed.len(),
            acked.signed_notes.len(),
            "unacknowledged notes"
        );
    }
    let audit = s.fx.clinic.verify_audit(&s.fx.admin)?;
    assert_eq!(audit.first_broken_id, None, "{:?}", audit.problem);
    Ok(())
}
