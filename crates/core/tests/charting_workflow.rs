//! What makes charting fast: today's appointments with their notes, favourite and recent
//! points, copying the last treatment, reopening a walk-in draft, the diagnosis search and
//! practitioners' own protocols (copy, edit, share, archive).

mod common;

use acuchart_core::auth::Role;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::ids::PatientId;
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{NewPatient, SafetyFlags};
use acuchart_core::visits::{
    search_icd10, NewProtocol, NoteDraft, NoteStatus, ProtocolPoint, ProtocolSide, Side, StartNote,
    TodayQuery, TreatmentPoint,
};
use acuchart_core::{Error, ErrorCode};
use common::*;

fn patient(f: &Fixture, given: &str) -> Result<PatientId, Error> {
    Ok(f.clinic
        .create_patient(
            &f.admin,
            &NewPatient {
                given_name: given.into(),
                family_name: "Achterberg".into(),
                ..Default::default()
            },
        )?
        .id)
}

fn point(code: &str, side: Side) -> TreatmentPoint {
    TreatmentPoint {
        code: code.into(),
        side,
        technique: None,
        depth_mm: None,
        retention_minutes: Some(20),
        electro_pair: None,
        electro_hz: None,
        electro_minutes: None,
        note: None,
    }
}

fn walk_in(f: &Fixture, p: PatientId, date: Option<&str>) -> StartNote {
    let _ = f;
    StartNote {
        patient_id: p,
        appointment_id: None,
        visit_date: date.map(str::to_owned),
    }
}

/// Books an appointment straight into the schedule tables (the booking service is another
/// area's); `at` is a UTC instant.
fn book(
    f: &Fixture,
    p: PatientId,
    practitioner: i64,
    at: &str,
    until: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let c = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
    c.execute(
        "INSERT OR IGNORE INTO practitioners (user_id) VALUES (?1)",
        [practitioner],
    )?;
    c.execute(
        "INSERT OR IGNORE INTO appointment_types (id, name, duration_minutes, colour)
         VALUES (1, 'Follow-up', 45, '#2f9e44')",
        [],
    )?;
    c.execute(
        "INSERT INTO appointments (patient_id, practitioner_id, type_id, starts_at, ends_at, time_zone,
             created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, 1, ?3, ?4, 'America/Toronto', ?3, ?2, ?3, ?2)",
        rusqlite::params![p, practitioner, at, until],
    )?;
    Ok(c.last_insert_rowid())
}

on_both_backends!(
    an_empty_day_lists_nothing_and_the_desk_is_refused_it,
    |f: &Fixture| {
        for all_practitioners in [false, true] {
            let day = f.clinic.today_schedule(
                &f.admin,
                &TodayQuery {
                    date: Some("2026-01-15".into()),
                    all_practitioners,
                },
            )?;
            assert_eq!(day.date, "2026-01-15");
            assert_eq!(day.time_zone, "America/Toronto");
            assert!(day.appointments.is_empty() && day.walk_ins.is_empty());
        }
        let desk = f.user("rita", &[Role::Receptionist])?;
        let refused = f.clinic.today_schedule(&desk, &TodayQuery::default());
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some(ErrorCode::PermissionDenied)
        );
        Ok(())
    }
);

// SQLite only for now: `book` writes the visit through the SQLCipher file, past the rules a
// booking must pass (visits in the past).
#[test]
fn today_lists_the_practitioners_appointments_with_note_status_and_walk_ins() -> TestResult {
    let f = &fixture()?;
    let colleague = f.user("ines", &[Role::Practitioner])?;
    let ada = patient(f, "Ada")?;
    let bo = patient(f, "Bo")?;
    f.clinic.update_safety_flags(
        &f.admin,
        bo,
        &SafetyFlags {
            needle_phobia: true,
            ..Default::default()
        },
    )?;
    let me = f.admin.user_id().0;
    // 15 January 2026 in Toronto is UTC-5: 09:00 local = 14:00Z; 23:30 local is the next UTC day.
    let first = book(f, ada, me, "2026-01-15T14:00:00Z", "2026-01-15T14:45:00Z")?;
    book(f, bo, me, "2026-01-16T04:30:00Z", "2026-01-16T04:59:00Z")?;
    book(
        f,
        bo,
        colleague.user_id().0,
        "2026-01-15T15:00:00Z",
        "2026-01-15T15:45:00Z",
    )?;
    book(f, ada, me, "2026-01-16T14:00:00Z", "2026-01-16T14:45:00Z")?;

    let day = TodayQuery {
        date: Some("2026-01-15".into()),
        all_practitioners: false,
    };
    let mine = f.clinic.today_schedule(&f.admin, &day)?;
    let times: Vec<_> = mine
        .appointments
        .iter()
        .map(|a| a.local_start.as_str())
        .collect();
    assert_eq!(times, ["09:00", "23:30"], "the local day, the actor's own");
    assert_eq!(mine.appointments[0].note_status, None);
    assert_eq!(mine.appointments[0].type_name, "Follow-up");
    assert!(mine.appointments[1].patient.safety.needle_phobia);

    let note = f.clinic.start_visit_note(
        &f.admin,
        &StartNote {
            patient_id: ada,
            appointment_id: Some(acuchart_core::ids::AppointmentId(first)),
            visit_date: None,
        },
    )?;
    assert_eq!(note.visit_date, "2026-01-15");
    f.clinic
        .start_visit_note(&f.admin, &walk_in(f, bo, Some("2026-01-15")))?;
    let mine = f.clinic.today_schedule(&f.admin, &day)?;
    assert_eq!(mine.appointments[0].note_id, Some(note.id));
    assert_eq!(mine.appointments[0].note_status, Some(NoteStatus::Draft));
    assert_eq!(mine.walk_ins.len(), 1);
    assert_eq!(mine.walk_ins[0].patient.given_name, "Bo");

    let everyone = f.clinic.today_schedule(
        &f.admin,
        &TodayQuery {
            all_practitioners: true,
            ..day
        },
    )?;
    assert_eq!(everyone.appointments.len(), 3);

    let desk = f.user("rita", &[Role::Receptionist])?;
    let refused = f.clinic.today_schedule(&desk, &TodayQuery::default());
    assert_eq!(
        refused.err().map(|e| e.code()),
        Some(ErrorCode::PermissionDenied)
    );
    let bad = f.clinic.today_schedule(
        &f.admin,
        &TodayQuery {
            date: Some("15/01/2026".into()),
            all_practitioners: false,
        },
    );
    assert_eq!(bad.err().map(|e| e.code()), Some(ErrorCode::InvalidInput));
    Ok(())
}

on_both_backends!(favourite_points_are_per_practitioner, |f: &Fixture| {
    let colleague = f.user("ines", &[Role::Practitioner])?;
    let picks = f.clinic.set_point_favourite(&f.admin, "st 36", true)?;
    f.clinic.set_point_favourite(&f.admin, "lu7", true)?;
    let picks2 = f.clinic.set_point_favourite(&f.admin, "ub40", true)?;
    assert_eq!(picks.favourites.len(), 1);
    let favs: Vec<_> = picks2.favourites.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        favs,
        ["LU7", "ST36", "BL40"],
        "catalogue order, aliases resolved"
    );
    // Starring a point twice keeps one.
    let again = f.clinic.set_point_favourite(&f.admin, "BL40", true)?;
    assert_eq!(again.favourites.len(), 3);
    let picks = f.clinic.set_point_favourite(&f.admin, "LU7", false)?;
    assert_eq!(picks.favourites.len(), 2);
    assert!(f.clinic.point_picks(&colleague, 10)?.favourites.is_empty());
    assert!(f.clinic.set_point_favourite(&f.admin, "zz1", true).is_err());
    assert!(f.clinic.point_picks(&f.admin, 10)?.recent.is_empty());
    let desk = f.user("rita", &[Role::Receptionist])?;
    assert!(f.clinic.point_picks(&desk, 10).is_err());
    Ok(())
});

on_both_backends!(recent_points_are_per_practitioner, |f: &Fixture| {
    let colleague = f.user("ines", &[Role::Practitioner])?;
    let p = patient(f, "Cas")?;
    for (date, codes) in [
        ("2026-02-01", ["GB30", "BL40"]),
        ("2026-02-08", ["GB34", "GB30"]),
    ] {
        let n = f
            .clinic
            .start_visit_note(&f.admin, &walk_in(f, p, Some(date)))?;
        let draft = NoteDraft {
            points: codes.iter().map(|c| point(c, Side::Left)).collect(),
            ..Default::default()
        };
        f.clinic
            .save_visit_note(&f.admin, n.id, n.revision, &draft)?;
    }
    let recent: Vec<_> = f
        .clinic
        .point_picks(&f.admin, 10)?
        .recent
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(
        recent,
        ["GB34", "GB30", "BL40"],
        "newest note first, each once"
    );
    assert!(f.clinic.point_picks(&colleague, 10)?.recent.is_empty());
    let desk = f.user("rita", &[Role::Receptionist])?;
    assert!(f.clinic.point_picks(&desk, 10).is_err());
    Ok(())
});

on_both_backends!(
    copying_the_last_treatment_carries_the_plan_not_the_findings,
    |f: &Fixture| {
        let p = patient(f, "Dee")?;
        let first = f
            .clinic
            .start_visit_note(&f.admin, &walk_in(f, p, Some("2026-03-02")))?;
        let mut d = NoteDraft::default();
        d.content.chief_complaint = Some("Left sciatica".into());
        d.content.tcm_pattern = Some("Qi stagnation in the Bladder channel".into());
        d.content.pain_now = Some(7);
        d.content.tongue_body = Some("purple".into());
        d.content.moxa = Some("warm needle BL25".into());
        d.content.home_advice = Some("Walk 20 minutes daily".into());
        d.points = vec![point("GB30", Side::Left), point("BL40", Side::Left)];
        d.diagnoses = vec![acuchart_core::visits::Diagnosis {
            code: "M54.32".into(),
            title: String::new(),
        }];
        d.psfs = vec![acuchart_core::visits::PsfsItem {
            activity: "Sitting 30 minutes".into(),
            score: 3,
        }];
        f.clinic
            .save_visit_note(&f.admin, first.id, first.revision, &d)?;

        let second = f
            .clinic
            .start_visit_note(&f.admin, &walk_in(f, p, Some("2026-03-09")))?;
        let prev = f
            .clinic
            .previous_treatment(&f.admin, second.id)?
            .ok_or("no previous visit")?;
        assert_eq!(prev.psfs_activities, ["Sitting 30 minutes"]);
        let mut mine = NoteDraft::default();
        mine.content.chief_complaint = Some("Better, still sore sitting".into());
        let copied = mine.with_previous(&prev);
        assert_eq!(copied.points.len(), 2);
        assert_eq!(
            copied.content.chief_complaint.as_deref(),
            Some("Better, still sore sitting")
        );
        assert_eq!(copied.content.moxa.as_deref(), Some("warm needle BL25"));
        assert_eq!(
            copied.content.home_advice.as_deref(),
            Some("Walk 20 minutes daily")
        );
        assert_eq!(copied.content.pain_now, None, "scores are measured again");
        assert_eq!(
            copied.content.tongue_body, None,
            "findings are examined again"
        );
        assert_eq!(copied.diagnoses[0].title, "Sciatica, left side");
        assert!(copied.psfs.is_empty());
        let saved = f
            .clinic
            .save_visit_note(&f.admin, second.id, second.revision, &copied)?;
        assert_eq!(saved.needles_expected, 2, "two points on the left");
        Ok(())
    }
);

on_both_backends!(a_walk_in_draft_is_reopened_not_duplicated, |f: &Fixture| {
    let p = patient(f, "Eun")?;
    let a = f.clinic.start_visit_note(&f.admin, &walk_in(f, p, None))?;
    let b = f.clinic.start_visit_note(&f.admin, &walk_in(f, p, None))?;
    assert_eq!(a.id, b.id);
    let colleague = f.user("ines", &[Role::Practitioner])?;
    let c = f
        .clinic
        .start_visit_note(&colleague, &walk_in(f, p, None))?;
    assert_ne!(c.id, a.id, "a colleague's session is their own note");
    let older = f
        .clinic
        .start_visit_note(&f.admin, &walk_in(f, p, Some("2026-01-02")))?;
    assert_ne!(older.id, a.id);
    Ok(())
});

#[test]
fn diagnosis_search_knows_the_words_practitioners_use() -> TestResult {
    let first = |q: &str| -> Result<String, Error> {
        Ok(search_icd10(q, 5)?
            .first()
            .map(|c| c.code.clone())
            .unwrap_or_default())
    };
    assert_eq!(first("sciatica right")?, "M54.31");
    assert_eq!(first("lumbago left")?, "M54.42");
    assert_eq!(first("m51.1")?, "M51.14");
    assert_eq!(first("whiplash")?, "S13.4XXA");
    assert_eq!(first("period pain")?, "N94.6");
    assert_eq!(first("neck pain")?, "M54.2");
    assert!(search_icd10("", 100)?.len() >= 70);
    Ok(())
}

on_both_backends!(
    practitioners_copy_edit_share_and_archive_their_own_protocols,
    |f: &Fixture| {
        let colleague = f.user("ines", &[Role::Practitioner])?;
        let bladder = f.clinic.protocol(&f.admin, "sciatica-bladder")?;
        let copy = f.clinic.copy_protocol(&f.admin, bladder.id)?;
        assert!(copy.editable && copy.key.is_none() && !copy.shared);
        assert_eq!(copy.points, bladder.points);
        assert!(copy.name.contains("my copy"));

        let mut points = copy.points.clone();
        points.push(ProtocolPoint {
            code: "gb 34".into(),
            side: ProtocolSide::Affected,
            technique: None,
            retention_minutes: Some(25),
            note: Some("if pain below the knee".into()),
        });
        let edited = f.clinic.update_protocol(
            &f.admin,
            copy.id,
            &NewProtocol {
                name: "Sciatica, Bladder + GB34".into(),
                condition: Some("Sciatica".into()),
                description: None,
                shared: true,
                points,
            },
        )?;
        assert_eq!(edited.points.last().map(|p| p.code.as_str()), Some("GB34"));
        let seen = f.clinic.list_protocols(&colleague)?;
        let theirs = seen.iter().find(|p| p.id == copy.id).ok_or("not shared")?;
        assert!(!theirs.editable, "a colleague sees it but cannot change it");
        assert_eq!(
            f.clinic
                .archive_protocol(&colleague, copy.id)
                .err()
                .map(|e| e.code()),
            Some(ErrorCode::Conflict)
        );
        let their_copy = f.clinic.copy_protocol(&colleague, copy.id)?;
        assert!(their_copy.editable);

        f.clinic.archive_protocol(&f.admin, copy.id)?;
        assert!(f
            .clinic
            .list_protocols(&colleague)?
            .iter()
            .all(|p| p.id != copy.id));
        assert!(
            f.clinic
                .protocol(&colleague, &their_copy.id.to_string())
                .is_ok(),
            "copies live on"
        );
        Ok(())
    }
);

// SQLite only for now: `book` writes the visit through the SQLCipher file, past the rules a
// booking must pass (visits in the past).
#[test]
fn a_cancelled_appointment_cannot_be_charted() -> TestResult {
    let f = &fixture()?;
    let p = patient(f, "Fen")?;
    let me = f.admin.user_id().0;
    let appt = book(f, p, me, "2026-01-15T14:00:00Z", "2026-01-15T14:45:00Z")?;
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let c = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
    c.execute(
        "UPDATE appointments SET status = 'cancelled', cancelled_at = updated_at, cancelled_by = ?2
         WHERE id = ?1",
        rusqlite::params![appt, me],
    )?;
    let refused = f.clinic.start_visit_note(
        &f.admin,
        &StartNote {
            patient_id: p,
            appointment_id: Some(acuchart_core::ids::AppointmentId(appt)),
            visit_date: None,
        },
    );
    let err = refused.err().ok_or("a cancelled appointment was charted")?;
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("walk-in"), "{err}");
    Ok(())
}
