//! Input surfaces 1 and 2, property-tested on one real SQLCipher clinic: every free-text field
//! of a patient's record and chart takes hostile text (controls, direction overrides,
//! invisible-only values, look-alikes, huge values, arbitrary Unicode) and either stores it
//! tidy, exactly as typed after NFC and trimming, or refuses it by field and stores nothing;
//! the database's audit chain verifies afterwards and the clinic opens again. Emails,
//! phones and dates: input_contact.rs.

mod common;
mod hostile;

use acuchart_core::auth::Actor;
use acuchart_core::ids::PatientId;
use acuchart_core::patients::PatientDetails;
use acuchart_core::visits::{NoteDraft, PsfsItem, Side, StartNote, TreatmentPoint};
use acuchart_core::Error;
use common::*;
use hostile::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const CASES: u32 = 192;

/// The record's text fields: (where, field, many lines, limit, required).
const RECORD_FIELDS: &[(&str, &str, bool, usize, bool)] = &[
    ("details", "given_name", false, 100, true),
    ("details", "family_name", false, 100, true),
    ("details", "preferred_name", false, 200, false),
    ("details", "gender", false, 200, false),
    ("details", "address_line1", false, 200, false),
    ("details", "address_line2", false, 200, false),
    ("details", "city", false, 200, false),
    ("details", "region", false, 200, false),
    ("details", "postal_code", false, 200, false),
    ("details", "country", false, 200, false),
    ("details", "emergency_contact_name", false, 200, false),
    (
        "details",
        "emergency_contact_relationship",
        false,
        200,
        false,
    ),
    ("details", "physician_name", false, 200, false),
    ("details", "occupation", false, 200, false),
    ("details", "referral_source", false, 200, false),
    ("details", "consent_form_version", false, 200, false),
    ("details", "front_desk_notes", true, 20_000, false),
    ("medical", "medical_history", true, 20_000, false),
    ("medical", "medications", true, 20_000, false),
    ("medical", "allergies", true, 20_000, false),
    ("medical", "surgeries", true, 20_000, false),
    ("medical", "clinical_notes", true, 20_000, false),
    ("safety", "other", true, 2_000, false),
];

/// Sets one field of the record to `typed` and returns what is stored there afterwards.
fn set_record_field(
    f: &Fixture,
    a: &Actor,
    id: PatientId,
    place: &str,
    field: &str,
    typed: &str,
) -> Result<Result<Option<String>, Error>, TestCaseError> {
    let fail = |e: Error| TestCaseError::fail(format!("reading back: {e}"));
    let path = [field];
    Ok(match place {
        "details" => {
            let now = f.clinic.patient(a, id).map_err(fail)?.details;
            let d: PatientDetails = with_field(&now, &path, typed)?;
            f.clinic
                .update_patient_details(a, id, &d)
                .map(|p| field_of(&p.details, &path))
        }
        "medical" => {
            let now = f.clinic.patient_medical(a, id).map_err(fail)?;
            let m = with_field(&now, &path, typed)?;
            f.clinic
                .update_patient_medical(a, id, &m)
                .map(|m| field_of(&m, &path))
        }
        _ => {
            let now = f.clinic.patient(a, id).map_err(fail)?.safety;
            let s = with_field(&now, &path, typed)?;
            f.clinic
                .update_safety_flags(a, id, &s)
                .map(|p| field_of(&p.safety, &path))
        }
    })
}

#[test]
fn record_text_is_stored_tidy_or_refused_by_field() -> TestResult {
    let f = fixture()?;
    let conn = raw(&f)?;
    let id = patient(&f, "Record")?;
    let fields = prop::sample::select(RECORD_FIELDS.to_vec());
    check(
        "free text: patient record",
        CASES,
        (fields, hostile_text()),
        |((place, field, many, max, required), typed)| {
            let before = digest(&conn)?;
            let outcome = set_record_field(&f, &f.admin, id, place, field, &typed)?;
            let rule = TextRule {
                field,
                many,
                max,
                required,
            };
            rule.judge(&typed, outcome, before, digest(&conn)?)
        },
    )?;
    intact(&f)
}

/// The note's text fields (content, a point's note, a functional-scale activity) and
/// addenda to a signed note.
#[test]
fn chart_text_is_stored_tidy_or_refused_by_field() -> TestResult {
    const CONTENT: &[&str] = &[
        "chief_complaint",
        "onset",
        "aggravating",
        "relieving",
        "subjective_notes",
        "tongue_body",
        "tongue_coat",
        "tongue_shape",
        "pulse_qualities",
        "pulse_left_cun",
        "pulse_left_guan",
        "pulse_left_chi",
        "pulse_right_cun",
        "pulse_right_guan",
        "pulse_right_chi",
        "palpation",
        "range_of_motion",
        "orthopaedic_tests",
        "tcm_pattern",
        "assessment_notes",
        "plan",
        "moxa",
        "cupping",
        "gua_sha",
        "bleeding",
        "tui_na",
        "heat_lamp",
        "herbs",
        "adverse_events",
        "home_advice",
    ];
    let f = fixture()?;
    let a = &f.admin;
    let conn = raw(&f)?;
    let id = patient(&f, "Chart")?;
    let start = StartNote {
        patient_id: id,
        appointment_id: None,
        visit_date: None,
    };
    let note = f.clinic.start_visit_note(a, &start)?;
    let revision = std::cell::Cell::new(note.revision);
    let base = NoteDraft {
        points: vec![TreatmentPoint {
            code: "ST36".into(),
            side: Side::Bilateral,
            technique: None,
            depth_mm: None,
            retention_minutes: None,
            electro_pair: None,
            electro_hz: None,
            electro_minutes: None,
            note: Some("strong deqi".into()),
        }],
        psfs: vec![PsfsItem {
            activity: "Sitting".into(),
            score: 4,
        }],
        ..NoteDraft::default()
    };
    let mut places: Vec<(Vec<&str>, &str, bool, usize, bool)> = CONTENT
        .iter()
        .map(|c| (vec!["content", *c], *c, true, 20_000, false))
        .collect();
    places.push((vec!["points", "0", "note"], "points", false, 200, false));
    places.push((vec!["psfs", "0", "activity"], "psfs", false, 200, true));
    check(
        "free text: visit note draft",
        CASES,
        (prop::sample::select(places), hostile_text()),
        |((path, field, many, max, required), typed)| {
            let before = digest(&conn)?;
            let draft = with_field(&base, &path, &typed)?;
            let outcome = f
                .clinic
                .save_visit_note(a, note.id, revision.get(), &draft)
                .map(|n| {
                    revision.set(n.revision);
                    field_of(&n.draft, &path)
                });
            let rule = TextRule {
                field,
                many,
                max,
                required,
            };
            rule.judge(&typed, outcome, before, digest(&conn)?)
        },
    )?;

    // Addenda go on a signed note.
    let mut complete = base.clone();
    complete.content.chief_complaint = Some("Neck pain".into());
    complete.content.needles_inserted = Some(2);
    complete.content.needles_removed = Some(2);
    let clean = f
        .clinic
        .save_visit_note(a, note.id, revision.get(), &complete)?;
    let signed = f.clinic.sign_visit_note(a, note.id, clean.revision, None)?;
    let rule = TextRule {
        field: "body",
        many: true,
        max: 20_000,
        required: true,
    };
    check("free text: addendum", CASES / 2, hostile_text(), |typed| {
        let before = digest(&conn)?;
        let outcome = f
            .clinic
            .add_addendum(a, signed.id, &typed)
            .map(|n| n.addenda.last().map(|x| x.body.clone()));
        rule.judge(&typed, outcome, before, digest(&conn)?)
    })?;
    intact(&f)
}
