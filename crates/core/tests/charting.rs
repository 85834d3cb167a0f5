//! Visit notes: drafts, safety alerts, signing and its database-enforced immutability,
//! addenda, protocols, the chart and outcomes, and who may do what.

mod common;

use acuchart_core::auth::{Actor, Role};
use acuchart_core::db::{self, OpenMode};
use acuchart_core::ids::{NoteId, PatientId};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{NewPatient, SafetyFlags};
use acuchart_core::visits::{
    apply_protocol, suggest_protocols, AlertAcknowledgement, Diagnosis, NoteDraft, NoteStatus,
    PainRegion, PsfsItem, Side, StartNote, Technique, TreatmentPoint, VisitNote,
};
use acuchart_core::{Error, ErrorCode};
use common::*;

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> Option<ErrorCode> {
    r.err().map(|e| e.code())
}

fn patient(f: &Fixture, given: &str) -> Result<PatientId, Error> {
    Ok(f.clinic
        .create_patient(
            &f.admin,
            &NewPatient {
                given_name: given.into(),
                family_name: "Okafor".into(),
                ..Default::default()
            },
        )?
        .id)
}

fn point(code: &str, side: Side) -> TreatmentPoint {
    TreatmentPoint {
        code: code.into(),
        side,
        technique: Some(Technique::Even),
        depth_mm: None,
        retention_minutes: Some(20),
        electro_pair: None,
        electro_hz: None,
        electro_minutes: None,
        note: None,
    }
}

fn start(f: &Fixture, who: &Actor, p: PatientId) -> Result<VisitNote, Error> {
    f.clinic.start_visit_note(
        who,
        &StartNote {
            patient_id: p,
            appointment_id: None,
            visit_date: None,
        },
    )
}

fn sciatica_draft() -> NoteDraft {
    let mut d = NoteDraft::default();
    d.content.chief_complaint = Some("Pain down the back of the left leg".into());
    d.content.pain_now = Some(6);
    d.content.tcm_pattern = Some("Qi and Blood stagnation in the Bladder channel".into());
    d.points = vec![
        point("GB30", Side::Left),
        point("ub40", Side::Left),
        point("du4", Side::Midline),
    ];
    d.pain_regions = vec![PainRegion {
        region: "thigh_back".into(),
        side: Side::Left,
    }];
    d.diagnoses = vec![Diagnosis {
        code: "m54.32".into(),
        title: String::new(),
    }];
    d.psfs = vec![PsfsItem {
        activity: "Sitting 30 minutes".into(),
        score: 4,
    }];
    d.content.needles_inserted = Some(4);
    d
}

fn raw(f: &Fixture) -> Result<rusqlite::Connection, Box<dyn std::error::Error>> {
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    Ok(db::open(f.vault.db_path(), &key, OpenMode::Existing)?)
}

on_both_backends!(
    a_draft_saves_in_canonical_form_and_reloads,
    |f: &Fixture| {
        let p = patient(f, "Ada")?;
        let note = start(f, &f.admin, p)?;
        assert_eq!(note.status, NoteStatus::Draft);
        let saved =
            f.clinic
                .save_visit_note(&f.admin, note.id, note.revision, &sciatica_draft())?;
        let codes: Vec<_> = saved.draft.points.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(
            codes,
            ["GB30", "BL40", "GV4"],
            "aliases resolve to WHO codes"
        );
        assert_eq!(saved.draft.diagnoses[0].code, "M54.32");
        assert_eq!(saved.draft.diagnoses[0].title, "Sciatica, left side");
        assert_eq!(saved.revision, note.revision + 1);
        assert_eq!(saved.needles_expected, 3);
        let again = f.clinic.visit_note(&f.admin, note.id)?;
        assert_eq!(again.draft, saved.draft);

        // A stale revision (another window) is refused and changes nothing.
        let mut other = sciatica_draft();
        other.content.pain_now = Some(9);
        assert_eq!(
            code(
                f.clinic
                    .save_visit_note(&f.admin, note.id, note.revision, &other)
            ),
            Some(ErrorCode::Conflict)
        );
        assert_eq!(
            f.clinic
                .visit_note(&f.admin, note.id)?
                .draft
                .content
                .pain_now,
            Some(6)
        );
        Ok(())
    }
);

on_both_backends!(
    bad_input_is_reported_by_field_and_nothing_is_written,
    |f: &Fixture| {
        let p = patient(f, "Ben")?;
        let note = start(f, &f.admin, p)?;
        let mut d = sciatica_draft();
        d.content.pain_now = Some(12);
        d.points.push(point("ZZ9", Side::Left));
        d.points.push(point("GV20", Side::Left));
        d.diagnoses.push(Diagnosis {
            code: "M54.5".into(),
            title: String::new(),
        });
        d.pain_regions.push(PainRegion {
            region: "sacrum".into(),
            side: Side::Left,
        });
        let Err(Error::Invalid(fields)) =
            f.clinic
                .save_visit_note(&f.admin, note.id, note.revision, &d)
        else {
            panic!("expected invalid input");
        };
        let names: Vec<_> = fields.iter().map(|e| e.field.as_str()).collect();
        for field in ["pain_now", "points", "diagnoses", "pain_regions"] {
            assert!(names.contains(&field), "{field} missing from {names:?}");
        }
        assert!(fields
            .iter()
            .any(|e| e.message.contains("GV20 is on the midline")));
        let stored = f.clinic.visit_note(&f.admin, note.id)?;
        assert!(stored.draft.points.is_empty());
        assert_eq!(stored.revision, note.revision);
        Ok(())
    }
);

on_both_backends!(
    each_safety_alert_blocks_until_acknowledged_and_the_reason_is_kept,
    |f: &Fixture| {
        let p = patient(f, "Chioma")?;
        let flags = SafetyFlags {
            pregnant: true,
            pregnancy_trimester: Some(2),
            pacemaker: true,
            anticoagulants: true,
            ..Default::default()
        };
        f.clinic.update_safety_flags(&f.admin, p, &flags)?;
        let note = start(f, &f.admin, p)?;
        let mut d = NoteDraft {
            points: vec![point("LI4", Side::Bilateral), point("SP6", Side::Bilateral)],
            ..Default::default()
        };
        d.points[0].electro_pair = Some("LI11".into());
        d.content.cupping = Some("Lumbar, 5 minutes".into());

        let alerts = f.clinic.check_visit_alerts(&f.admin, p, &d)?;
        let keys: Vec<_> = alerts.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "pregnancy:LI4",
                "pregnancy:SP6",
                "electro:implant",
                "bleeding:cupping"
            ]
        );

        let refused = f
            .clinic
            .save_visit_note(&f.admin, note.id, note.revision, &d);
        let Err(e) = refused else {
            panic!("saved despite alerts")
        };
        assert_eq!(e.code(), ErrorCode::NeedsAcknowledgement);
        assert!(
            e.to_string()
                .contains("LI4 Hegu is a pregnancy-caution point"),
            "{e}"
        );
        assert!(
            f.clinic
                .visit_note(&f.admin, note.id)?
                .draft
                .points
                .is_empty(),
            "nothing written"
        );

        d.acknowledgements = keys
            .iter()
            .map(|k| AlertAcknowledgement {
                alert_key: (*k).into(),
                reason: format!("discussed {k} with patient"),
                acknowledged_by: None,
                acknowledged_at: None,
                basis: None,
            })
            .collect();
        let saved = f
            .clinic
            .save_visit_note(&f.admin, note.id, note.revision, &d)?;
        assert!(saved.alerts.iter().all(|a| a.acknowledged));
        let ack = &saved.draft.acknowledgements[0];
        assert_eq!(ack.acknowledged_by.as_deref(), Some("Dr. Lin Mei"));
        assert!(ack.reason.starts_with("discussed"));

        // A later save need not repeat the acknowledgements: they are stored.
        let mut later = saved.draft.clone();
        later.acknowledgements.clear();
        later.content.pain_now = Some(3);
        assert!(f
            .clinic
            .save_visit_note(&f.admin, note.id, saved.revision, &later)
            .is_ok());
        Ok(())
    }
);

on_both_backends!(
    signing_needs_matching_needle_counts_or_an_explanation,
    |f: &Fixture| {
        let p = patient(f, "Dara")?;
        let note = start(f, &f.admin, p)?;
        let mut d = sciatica_draft();
        d.content.needles_removed = Some(3);
        let saved = f
            .clinic
            .save_visit_note(&f.admin, note.id, note.revision, &d)?;

        let Err(Error::Invalid(fields)) =
            f.clinic
                .sign_visit_note(&f.admin, note.id, saved.revision, None)
        else {
            panic!("signed with a needle mismatch");
        };
        assert_eq!(fields[0].field, "needles_removed");
        assert!(fields[0]
            .message
            .contains("(3) does not match needles inserted (4)"));
        assert_eq!(
            f.clinic.visit_note(&f.admin, note.id)?.status,
            NoteStatus::Draft
        );

        let signed = f.clinic.sign_visit_note(
            &f.admin,
            note.id,
            saved.revision,
            Some("One needle found on the couch and disposed of"),
        )?;
        assert_eq!(signed.status, NoteStatus::Signed);
        assert_eq!(
            signed.needle_count_explanation.as_deref(),
            Some("One needle found on the couch and disposed of")
        );
        assert_eq!(signed.signed_by.as_deref(), Some("Dr. Lin Mei"));
        Ok(())
    }
);

// SQLite only: it writes through the SQLCipher file directly; the same refusals on PostgreSQL
// are the schema's triggers, checked in schema_parity.
#[test]
fn a_signed_note_never_changes_even_by_direct_sql_and_takes_addenda() -> TestResult {
    let f = fixture()?;
    let p = patient(&f, "Emeka")?;
    let note = start(&f, &f.admin, p)?;
    let mut d = sciatica_draft();
    d.content.needles_removed = Some(4);
    let saved = f
        .clinic
        .save_visit_note(&f.admin, note.id, note.revision, &d)?;
    assert_eq!(
        code(f.clinic.add_addendum(&f.admin, note.id, "too early")),
        Some(ErrorCode::Conflict)
    );
    let signed = f
        .clinic
        .sign_visit_note(&f.admin, note.id, saved.revision, None)?;

    // Through the service: refused.
    assert_eq!(
        code(
            f.clinic
                .save_visit_note(&f.admin, note.id, signed.revision, &d)
        ),
        Some(ErrorCode::Conflict)
    );
    assert_eq!(
        code(
            f.clinic
                .discard_visit_note(&f.admin, note.id, signed.revision)
        ),
        Some(ErrorCode::Conflict)
    );

    // Through SQL: every statement is refused by the database.
    let conn = raw(&f)?;
    let id = note.id.0;
    for sql in [
        "UPDATE visit_notes SET pain_now = 1 WHERE id = ?1",
        "UPDATE visit_notes SET signed_at = NULL, signed_by = NULL WHERE id = ?1",
        "DELETE FROM visit_notes WHERE id = ?1",
        "UPDATE visit_points SET point_code = 'ST36' WHERE note_id = ?1",
        "DELETE FROM visit_points WHERE note_id = ?1",
        "INSERT INTO visit_points (note_id, position, point_code, side) VALUES (?1, 99, 'ST36', 'left')",
        "DELETE FROM visit_diagnoses WHERE note_id = ?1",
        "UPDATE visit_pain_regions SET side = 'right' WHERE note_id = ?1",
        "DELETE FROM visit_psfs WHERE note_id = ?1",
        "INSERT INTO visit_alert_acks (note_id, alert_key, reason, acknowledged_by, acknowledged_at) VALUES (?1, 'x', 'y', 1, '2026-01-01')",
    ] {
        let err = conn.execute(sql, [id]).err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|m| m.contains("signed visit note")), "{sql}: {err:?}");
    }
    let after = f.clinic.visit_note(&f.admin, note.id)?;
    assert_eq!(after.draft, signed.draft);

    let with =
        f.clinic
            .add_addendum(&f.admin, note.id, "Patient phoned: pain 2/10 the next day.")?;
    assert_eq!(with.addenda.len(), 1);
    assert_eq!(with.addenda[0].author, "Dr. Lin Mei");
    let err = conn
        .execute("UPDATE visit_addenda SET body = 'x'", [])
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|m| m.contains("addendum cannot be changed")));
    assert!(conn.execute("DELETE FROM visit_addenda", []).is_err());

    // Merging duplicates moves the signed note with the record, nothing else changes.
    let dup = patient(&f, "Emeka2")?;
    f.clinic.merge_patients(&f.admin, dup, p)?;
    let moved = f.clinic.visit_note(&f.admin, note.id)?;
    assert_eq!(moved.patient_id, dup);
    assert_eq!(moved.draft, signed.draft);
    Ok(())
}

on_both_backends!(
    the_front_desk_is_refused_every_clinical_route_and_admins_only_read,
    |f: &Fixture| {
        let desk = f.user("desk", &[Role::Receptionist])?;
        let boss = f.user("boss", &[Role::Admin])?;
        let p = patient(f, "Femi")?;
        let note = start(f, &f.admin, p)?;
        let denied = Some(ErrorCode::PermissionDenied);
        assert_eq!(code(start(f, &desk, p)), denied);
        assert_eq!(code(f.clinic.visit_note(&desk, note.id)), denied);
        assert_eq!(code(f.clinic.patient_chart(&desk, p)), denied);
        assert_eq!(code(f.clinic.patient_outcomes(&desk, p)), denied);
        assert_eq!(
            code(
                f.clinic
                    .save_visit_note(&desk, note.id, note.revision, &NoteDraft::default())
            ),
            denied
        );
        assert_eq!(
            code(
                f.clinic
                    .sign_visit_note(&desk, note.id, note.revision, None)
            ),
            denied
        );
        assert_eq!(code(f.clinic.add_addendum(&desk, note.id, "x")), denied);
        assert_eq!(code(f.clinic.list_protocols(&desk)), denied);
        assert_eq!(code(f.clinic.previous_treatment(&desk, note.id)), denied);
        assert_eq!(
            code(f.clinic.check_visit_alerts(&desk, p, &NoteDraft::default())),
            denied
        );

        // An admin who is not a practitioner reads but never writes.
        assert!(f.clinic.visit_note(&boss, note.id).is_ok());
        assert!(f.clinic.patient_chart(&boss, p).is_ok());
        assert_eq!(code(start(f, &boss, p)), denied);
        assert_eq!(
            code(
                f.clinic
                    .save_visit_note(&boss, note.id, note.revision, &NoteDraft::default())
            ),
            denied
        );

        // Another practitioner cannot edit or sign someone else's draft.
        let other = f.user("colleague", &[Role::Practitioner])?;
        assert_eq!(
            code(
                f.clinic
                    .save_visit_note(&other, note.id, note.revision, &NoteDraft::default())
            ),
            Some(ErrorCode::Conflict)
        );
        Ok(())
    }
);

on_both_backends!(
    chart_history_outcomes_and_copy_last_treatment,
    |f: &Fixture| {
        let p = patient(f, "Gozie")?;
        let mut ids: Vec<NoteId> = Vec::new();
        for (i, date) in ["2026-10-01", "2026-10-08", "2026-10-15"]
            .into_iter()
            .enumerate()
        {
            let n = f.clinic.start_visit_note(
                &f.admin,
                &StartNote {
                    patient_id: p,
                    appointment_id: None,
                    visit_date: Some(date.into()),
                },
            )?;
            let mut d = sciatica_draft();
            d.content.pain_now = Some(7 - 2 * i as u8);
            d.psfs[0].score = 3 + 2 * i as u8;
            d.content.needles_removed = Some(4);
            if i == 2 {
                d.points.truncate(1);
            }
            let s = f.clinic.save_visit_note(&f.admin, n.id, n.revision, &d)?;
            f.clinic.sign_visit_note(&f.admin, n.id, s.revision, None)?;
            ids.push(n.id);
        }
        let chart = f.clinic.patient_chart(&f.admin, p)?;
        let dates: Vec<_> = chart.visits.iter().map(|v| v.visit_date.as_str()).collect();
        assert_eq!(dates, ["2026-10-15", "2026-10-08", "2026-10-01"]);
        assert_eq!(chart.visits[1].points, ["GB30", "BL40", "GV4"]);
        assert_eq!(chart.latest.as_ref().map(|n| n.id), Some(ids[2]));

        let outcomes = f.clinic.patient_outcomes(&f.admin, p)?;
        let pain: Vec<_> = outcomes.iter().map(|o| o.pain_now).collect();
        assert_eq!(pain, [Some(7), Some(5), Some(3)]);
        assert_eq!(outcomes[2].psfs[0].score, 7);

        let prev = f
            .clinic
            .previous_treatment(&f.admin, ids[2])?
            .ok_or("no previous")?;
        assert_eq!(prev.note_id, ids[1]);
        assert_eq!(prev.points.len(), 3);
        assert!(f.clinic.previous_treatment(&f.admin, ids[0])?.is_none());

        let future = f.clinic.start_visit_note(
            &f.admin,
            &StartNote {
                patient_id: p,
                appointment_id: None,
                visit_date: Some("2999-01-01".into()),
            },
        );
        assert_eq!(code(future), Some(ErrorCode::InvalidInput));
        Ok(())
    }
);

on_both_backends!(
    shipped_protocols_follow_the_leg_and_own_protocols_are_private_until_shared,
    |f: &Fixture| {
        let all = f.clinic.list_protocols(&f.admin)?;
        let keys: Vec<_> = all.iter().filter_map(|p| p.key.as_deref()).collect();
        for k in [
            "sciatica-bladder",
            "sciatica-gallbladder",
            "sciatica-stomach",
            "low-back-pain",
        ] {
            assert!(keys.contains(&k), "{k} missing");
        }
        let suggestion = &suggest_protocols(&[PainRegion {
            region: "calf".into(),
            side: Side::Right,
        }])[0];
        let bladder = f.clinic.protocol(&f.admin, &suggestion.protocol_key)?;
        let applied = apply_protocol(&bladder, suggestion.affected_side);
        let bl40 = applied
            .iter()
            .find(|p| p.code == "BL40")
            .ok_or("BL40 missing")?;
        assert_eq!(bl40.side, Side::Right);
        assert!(applied
            .iter()
            .any(|p| p.code == "EX-B2" && p.side == Side::Bilateral));
        for p in &bladder.points {
            assert!(
                acuchart_core::points::resolve_code(&p.code).is_ok(),
                "{} is not in the catalogue",
                p.code
            );
        }
        assert!(!bladder.editable);

        let mine = f.clinic.create_protocol(
            &f.admin,
            &acuchart_core::visits::NewProtocol {
                name: "  Knee pain  ".into(),
                condition: None,
                description: None,
                shared: false,
                points: vec![acuchart_core::visits::ProtocolPoint {
                    code: "st 35".into(),
                    side: acuchart_core::visits::ProtocolSide::Affected,
                    technique: None,
                    retention_minutes: None,
                    note: None,
                }],
            },
        )?;
        assert_eq!(mine.name, "Knee pain");
        assert_eq!(mine.points[0].code, "ST35");
        let colleague = f.user("colleague", &[Role::Practitioner])?;
        assert!(f
            .clinic
            .list_protocols(&colleague)?
            .iter()
            .all(|p| p.id != mine.id));
        assert_eq!(
            code(f.clinic.update_protocol(
                &colleague,
                bladder.id,
                &acuchart_core::visits::NewProtocol {
                    name: "x".into(),
                    condition: None,
                    description: None,
                    shared: true,
                    points: vec![]
                }
            )),
            Some(ErrorCode::InvalidInput)
        );
        Ok(())
    }
);

/// A note ready to sign: the sciatica draft with every needle counted out.
fn signable_draft() -> NoteDraft {
    let mut d = sciatica_draft();
    d.content.needles_removed = d.content.needles_inserted;
    d
}

/// A draft saved from one computer while another signs the same note, `ROUNDS` times on fresh
/// notes from `new_note`. Either the save lands first (and the signing, made on the revision
/// before it, is refused as a change from another window) or it is refused as a change to a
/// signed note; the stored signed note is always exactly what was signed.
fn save_racing_sign(
    (saving, saver): (&acuchart_core::Clinic, &Actor),
    (signing, signer): (&acuchart_core::Clinic, &Actor),
    new_note: &dyn Fn(usize) -> Result<VisitNote, Box<dyn std::error::Error>>,
) -> TestResult {
    const ROUNDS: usize = 20;
    let mut outcomes = (0, 0);
    for round in 0..ROUNDS {
        let note = new_note(round)?;
        let mut changed = signable_draft();
        changed.content.chief_complaint = Some(format!("Changed from the desk, round {round}"));
        let start = std::sync::Barrier::new(2);
        let (saved, signed) = std::thread::scope(|s| {
            let save = s.spawn(|| {
                start.wait();
                saving.save_visit_note(saver, note.id, note.revision, &changed)
            });
            let sign = s.spawn(|| {
                start.wait();
                signing.sign_visit_note(signer, note.id, note.revision, None)
            });
            (save.join(), sign.join())
        });
        let saved = saved.map_err(|_| "the save panicked")?;
        let signed = signed.map_err(|_| "the signing panicked")?;
        let stored = signing.visit_note(signer, note.id)?;
        match (saved, signed) {
            (Err(refused), Ok(signature)) => {
                assert_eq!(
                    refused.code(),
                    ErrorCode::Conflict,
                    "round {round}: {refused}"
                );
                assert_eq!(
                    refused.to_string(),
                    "This note is signed and can no longer change; add an addendum instead."
                );
                assert_eq!(stored.status, NoteStatus::Signed);
                assert_eq!(stored.draft, signature.draft, "round {round}");
                assert_eq!(stored.revision, signature.revision);
                assert_eq!(stored.signed_at, signature.signed_at);
                assert_eq!(
                    stored.draft, note.draft,
                    "the signed note is the one signed"
                );
                outcomes.0 += 1;
            }
            (Ok(draft), Err(refused)) => {
                assert_eq!(
                    refused.code(),
                    ErrorCode::Conflict,
                    "round {round}: {refused}"
                );
                assert_eq!(stored.status, NoteStatus::Draft);
                assert_eq!(stored.draft, draft.draft, "round {round}");
                outcomes.1 += 1;
            }
            (saved, signed) => {
                return Err(format!("round {round}: save {saved:?}; signing {signed:?}").into())
            }
        }
    }
    eprintln!(
        "{ROUNDS} rounds: the signature first {} times, the save first {} times",
        outcomes.0, outcomes.1
    );
    Ok(())
}

#[test]
fn a_draft_saved_while_the_note_is_signed_never_changes_the_signed_note() -> TestResult {
    let f = fixture()?;
    let p = patient(&f, "Ada")?;
    let new_note = |round: usize| -> Result<VisitNote, Box<dyn std::error::Error>> {
        let note = f.clinic.start_visit_note(
            &f.admin,
            &StartNote {
                patient_id: p,
                appointment_id: None,
                visit_date: Some(format!("2026-03-{:02}", round + 1)),
            },
        )?;
        Ok(f.clinic
            .save_visit_note(&f.admin, note.id, note.revision, &signable_draft())?)
    };
    save_racing_sign((&f.clinic, &f.admin), (&f.clinic, &f.admin), &new_note)
}

/// The same race between two computers sharing a PostgreSQL database. The patient and the
/// notes are written straight into the tables: the patient record is not on the database
/// layer yet.
#[test]
fn on_a_clinic_server_a_draft_saved_while_the_note_is_signed_never_changes_the_signed_note(
) -> TestResult {
    let Some(url) = pg::database_url() else {
        return Ok(());
    };
    let database = pg::TempDatabase::create(&url, "save_racing_sign")?;
    let desk = acuchart_core::Clinic::set_up_postgres(&database.url(), &setup_input())?;
    let room = acuchart_core::Clinic::connect_postgres(&database.url())?;
    let at_desk = desk.login(ADMIN, PASSWORD)?;
    let in_room = room.login(ADMIN, PASSWORD)?;
    let mut sql = database.connect()?;
    let me = at_desk.user_id().0;
    let patient: i64 = sql
        .query_one(
            "INSERT INTO patients (chart_number, given_name, family_name, created_at, created_by,
                 updated_at, updated_by)
             VALUES (1, 'Ada', 'Okafor', '2026-03-01T09:00:00Z', $1, '2026-03-01T09:00:00Z', $1)
             RETURNING id",
            &[&me],
        )?
        .get("id");
    let sql = std::sync::Mutex::new(sql);
    let new_note = |round: usize| -> Result<VisitNote, Box<dyn std::error::Error>> {
        let id: i64 = sql
            .lock()
            .map_err(|_| "poisoned")?
            .query_one(
                "INSERT INTO visit_notes (patient_id, practitioner_id, visit_date, created_at,
                     updated_at)
                 VALUES ($1, $2, $3, '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z') RETURNING id",
                &[&patient, &me, &format!("2026-03-{:02}", round + 1)],
            )?
            .get("id");
        let note = desk.visit_note(&at_desk, NoteId(id))?;
        Ok(desk.save_visit_note(&at_desk, note.id, note.revision, &signable_draft())?)
    };
    save_racing_sign((&desk, &at_desk), (&room, &in_room), &new_note)
}
