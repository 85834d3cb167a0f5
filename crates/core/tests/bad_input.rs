//! Bad input, property-tested: every parser that takes outside input gets random and hostile
//! input and must answer with a clear error (an `invalid_input`-kind code and a message),
//! never a panic, a storage error or a half-written record. IPC payloads are JSON mutated
//! from valid examples (fields dropped, retyped, nested, unknown fields added), deserialised
//! with serde exactly as Tauri does, then sent through the real service.
//!
//! Cases per property: ACUCHART_PROPTEST_CASES (default 1,000; parsers without a database
//! get ten times that). The totals are printed and recorded in docs/SECURITY.md.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};

use acuchart_core::backup::BackupSettings;
use acuchart_core::keys::{DbKey, RecoveryKey};
use acuchart_core::patients::{
    MedicalHistory, NewPatient, PatientDetails, PatientQuery, SafetyFlags,
};
use acuchart_core::points::{
    parse_catalogue_csv, resolve_channel, resolve_code, search_points, PointFilter,
};
use acuchart_core::visits::{parse_point_entry, search_icd10, NewProtocol, NoteDraft, StartNote};
use acuchart_core::{Error, ErrorCode};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

static TRIED: AtomicU64 = AtomicU64::new(0);
/// Payloads that deserialised and so reached a service (the rest were refused by serde).
static REACHED: AtomicU64 = AtomicU64::new(0);

/// `serde_json::from_value`, as Tauri deserialises a command's arguments, counting successes.
fn deser<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
    let r = serde_json::from_value(v);
    if r.is_ok() {
        REACHED.fetch_add(1, Ordering::Relaxed);
    }
    r
}

fn cases(scale: u32) -> u32 {
    std::env::var("ACUCHART_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
        * scale
}

fn runner(scale: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(scale),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs `test` on `strategy` and prints how many inputs were tried.
fn check<S: Strategy>(
    name: &str,
    scale: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> TestResult
where
    S::Value: std::fmt::Debug,
{
    let tried = std::cell::Cell::new(0u64);
    runner(scale)
        .run(&strategy, |v| {
            tried.set(tried.get() + 1);
            test(v)
        })
        .map_err(|e| format!("{name}: {e}"))?;
    let n = tried.get();
    TRIED.fetch_add(n, Ordering::Relaxed);
    eprintln!("bad input: {name}: {n} inputs");
    Ok(())
}

/// Text people and attackers type: FTS5 syntax, SQL, separators, digits, accents, scripts
/// outside Latin, control characters, and plain random Unicode.
fn nasty_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\"".to_owned()),
        Just("*".to_owned()),
        Just("NEAR(".to_owned()),
        Just(" AND ".to_owned()),
        Just(" OR ".to_owned()),
        Just("NOT ".to_owned()),
        Just("^".to_owned()),
        Just(":".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("{names contact}".to_owned()),
        Just("'; DROP TABLE patients; --".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{301}".to_owned()),
        Just("李".to_owned()),
        Just("🙂".to_owned()),
        Just("-".to_owned()),
        Just("/".to_owned()),
        Just(".".to_owned()),
        Just(" ".to_owned()),
        "[0-9]{1,9}",
        "[a-zA-Z]{1,8}",
        "[ -~]{0,6}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ];
    prop_oneof![
        prop::collection::vec(token, 0..12).prop_map(|v| v.concat()),
        any::<String>(),
        "[0-9]{1,4}[-/. ][0-9]{1,4}[-/. ][0-9]{1,4}",
        ".{0,3}".prop_map(|s| s.repeat(300)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            Just(-1i64),
            Just(0),
            Just(11),
            Just(255),
            Just(256),
            Just(65_536),
            Just(i64::MIN),
            Just(i64::MAX)
        ]
        .prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        nasty_text().prop_map(Value::String),
        "(19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}".prop_map(Value::String),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid example with some fields dropped, some replaced by anything, and unknown ones added.
fn mutated(base: Value) -> impl Strategy<Value = Value> {
    let fields: Vec<(String, Value)> = match base {
        Value::Object(m) => m.into_iter().collect(),
        _ => Vec::new(),
    };
    let n = fields.len();
    (
        prop::collection::vec((0u8..10, any_json()), n),
        prop::collection::btree_map("[a-z_]{1,10}", any_json(), 0..2),
        0u8..20,
    )
        .prop_map(move |(choices, extra, whole)| {
            if whole == 0 {
                return Value::Array(vec![]);
            }
            let mut out = Map::new();
            for ((k, v), (c, replacement)) in fields.iter().zip(choices) {
                match c {
                    0 => {}
                    1 | 2 => {
                        out.insert(k.clone(), replacement);
                    }
                    _ => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            if whole == 1 {
                out.extend(extra);
            }
            Value::Object(out)
        })
}

fn is_clear_refusal(e: &Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::InvalidInput
            | ErrorCode::Conflict
            | ErrorCode::NotFound
            | ErrorCode::NeedsAcknowledgement
            | ErrorCode::InvalidRecoveryKey
    ) && !e.to_string().trim().is_empty()
}

fn refused_clearly<T>(what: &str, r: Result<T, Error>) -> Result<(), TestCaseError> {
    match r {
        Ok(_) => Ok(()),
        Err(e) if is_clear_refusal(&e) => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!(
            "{what}: unclear error {:?}: {e}",
            e.code()
        ))),
    }
}

#[test]
fn text_parsers_answer_any_input_with_a_result_or_a_clear_error() -> TestResult {
    check("point code", 10, nasty_text(), |t| {
        refused_clearly("resolve_code", resolve_code(&t))
    })?;
    check("point entry", 10, nasty_text(), |t| {
        refused_clearly("parse_point_entry", parse_point_entry(&t))
    })?;
    check("channel", 10, nasty_text(), |t| {
        refused_clearly("resolve_channel", resolve_channel(&t))
    })?;
    check(
        "point search",
        10,
        (nasty_text(), 0usize..600),
        |(t, limit)| {
            let found = search_points(&t, &PointFilter::default(), limit);
            prop_assert!(found.len() <= limit);
            Ok(())
        },
    )?;
    check(
        "ICD-10 search",
        10,
        (nasty_text(), 0usize..100),
        |(t, limit)| refused_clearly("search_icd10", search_icd10(&t, limit)),
    )?;
    check(
        "recovery key",
        10,
        nasty_text(),
        |t| match RecoveryKey::parse(&t) {
            Ok(_) => Ok(()),
            Err(e) => {
                prop_assert_eq!(e.code(), ErrorCode::InvalidRecoveryKey);
                Ok(())
            }
        },
    )?;
    // Valid codes typed every way people type them resolve to the same point.
    let spellings = (
        prop::sample::select(vec![
            ("ST", 36, "ST36"),
            ("SJ", 5, "TE5"),
            ("LIV", 3, "LR3"),
            ("UB", 40, "BL40"),
            ("DU", 20, "GV20"),
            ("K", 3, "KI3"),
        ]),
        prop::sample::select(vec!["", " ", "-", "  "]),
        any::<bool>(),
        0usize..2,
    );
    check(
        "point code spellings",
        10,
        spellings,
        |((ch, n, who), sep, lower, zeros)| {
            let typed = format!("{ch}{sep}{}{n}", "0".repeat(zeros));
            let typed = if lower { typed.to_lowercase() } else { typed };
            let p =
                resolve_code(&typed).map_err(|e| TestCaseError::fail(format!("{typed}: {e}")))?;
            prop_assert_eq!(p.code.as_str(), who);
            Ok(())
        },
    )?;
    // A real recovery key keeps working whatever the case, spaces and dashes.
    let key = RecoveryKey::from_key(&DbKey::generate()?)?;
    let canonical = RecoveryKey::parse(key.as_str())?;
    check(
        "recovery key spellings",
        10,
        prop::collection::vec((any::<bool>(), 0u8..4), 70),
        |style| {
            let mut typed = String::new();
            for (c, (lower, sep)) in key.as_str().chars().filter(|c| *c != '-').zip(style) {
                typed.push(if lower { c.to_ascii_lowercase() } else { c });
                typed.push_str(["", " ", "-", ""][sep as usize]);
            }
            let parsed = RecoveryKey::parse(&typed)
                .map_err(|e| TestCaseError::fail(format!("{typed}: {e}")))?;
            prop_assert!(parsed == canonical);
            Ok(())
        },
    )?;
    // The catalogue parser: the real file damaged at random, and anything at all.
    let csv = include_str!("../data/acupoints.csv");
    let damaged = (0..csv.len(), 0usize..40, nasty_text()).prop_map(move |(at, cut, insert)| {
        let mut at = at;
        while !csv.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(csv.len());
        while !csv.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{insert}{}", &csv[..at], &csv[end..])
    });
    check("catalogue file (damaged)", 1, damaged, |text| {
        if let Err(msg) = parse_catalogue_csv(&text) {
            prop_assert!(msg.contains("line") || msg.contains("points"), "{msg}");
        }
        Ok(())
    })?;
    check("catalogue file (anything)", 1, any::<String>(), |text| {
        prop_assert!(parse_catalogue_csv(&text).is_err());
        Ok(())
    })?;
    eprintln!(
        "bad input: {} inputs tried so far in this run",
        TRIED.load(Ordering::Relaxed)
    );
    Ok(())
}

fn example<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[test]
fn ipc_payloads_and_searches_from_the_ui_are_refused_clearly_and_store_nothing_half() -> TestResult
{
    let f = fixture()?;
    let a = &f.admin;
    let patient = f.clinic.create_patient(
        a,
        &NewPatient {
            given_name: "Base".into(),
            family_name: "Patient".into(),
            ..Default::default()
        },
    )?;
    let note = f.clinic.start_visit_note(
        a,
        &StartNote {
            patient_id: patient.id,
            appointment_id: None,
            visit_date: None,
        },
    )?;
    let revision = std::cell::Cell::new(note.revision);

    check(
        "patient search",
        1,
        (nasty_text(), prop::option::of(0u32..300), any::<bool>()),
        |(text, limit, archived)| {
            let r = f.clinic.search_patients(
                a,
                &PatientQuery {
                    text,
                    include_archived: archived,
                    limit,
                },
            );
            match r {
                Ok(found) => {
                    prop_assert!(found.len() <= limit.unwrap_or(50) as usize);
                    Ok(())
                }
                Err(e) => {
                    prop_assert_eq!(e.code(), ErrorCode::InvalidInput, "{}", e);
                    Ok(())
                }
            }
        },
    )?;
    let new_patient = json!({"given_name": "Ana", "family_name": "Lopez", "preferred_name": "Ani",
        "date_of_birth": "1980-02-29", "phone": "555 0100", "email": "a@b.co", "allow_duplicate": true});
    check(
        "IPC new patient (dates, phones, names)",
        1,
        mutated(new_patient),
        |v| match deser::<NewPatient>(v) {
            Ok(input) => refused_clearly("create_patient", f.clinic.create_patient(a, &input)),
            Err(_) => Ok(()),
        },
    )?;
    let mut details = PatientDetails {
        given_name: "Base".into(),
        family_name: "Patient".into(),
        ..Default::default()
    };
    details.date_of_birth = Some("1990-01-31".into());
    details.consent_date = Some("2024-05-01".into());
    check(
        "IPC patient details",
        1,
        mutated(example(&details)),
        |v| match deser::<PatientDetails>(v) {
            Ok(d) => refused_clearly(
                "update_patient_details",
                f.clinic.update_patient_details(a, patient.id, &d),
            ),
            Err(_) => Ok(()),
        },
    )?;
    let flags = SafetyFlags {
        pregnant: true,
        pregnancy_trimester: Some(2),
        pregnancy_due_date: Some("2030-01-01".into()),
        ..Default::default()
    };
    check(
        "IPC safety flags",
        1,
        mutated(example(&flags)),
        |v| match deser::<SafetyFlags>(v) {
            Ok(s) => refused_clearly(
                "update_safety_flags",
                f.clinic.update_safety_flags(a, patient.id, &s),
            ),
            Err(_) => Ok(()),
        },
    )?;
    check(
        "IPC medical history",
        1,
        mutated(example(&MedicalHistory {
            allergies: Some("latex".into()),
            ..Default::default()
        })),
        |v| match deser::<MedicalHistory>(v) {
            Ok(m) => refused_clearly(
                "update_patient_medical",
                f.clinic.update_patient_medical(a, patient.id, &m),
            ),
            Err(_) => Ok(()),
        },
    )?;
    let draft = json!({
        "content": {"chief_complaint": "low back pain", "pain_now": 6, "needles_inserted": 4, "needles_removed": 4},
        "points": [{"code": "GB30", "side": "left", "technique": "even", "retention_minutes": 20},
                   {"code": "ub40", "side": "bilateral", "electro_hz": 2.0, "electro_pair": "a"}],
        "pain_regions": [{"region": "thigh_back", "side": "left"}],
        "diagnoses": [{"code": "M54.32", "title": ""}],
        "psfs": [{"activity": "Sitting", "score": 4}],
        "acknowledgements": []
    });
    let draft_strategy = mutated(draft)
        .prop_flat_map(|d| {
            // Mutate one level deeper too: the content and the first point.
            let content = d.get("content").cloned().unwrap_or(Value::Null);
            (Just(d), mutated(content))
        })
        .prop_map(|(mut d, content)| {
            if let Value::Object(m) = &mut d {
                m.insert("content".into(), content);
            }
            d
        });
    check("IPC visit note draft", 1, draft_strategy, |v| {
        match deser::<NoteDraft>(v) {
            Ok(d) => {
                let r = f.clinic.save_visit_note(a, note.id, revision.get(), &d);
                if let Ok(saved) = &r {
                    revision.set(saved.revision);
                }
                refused_clearly("save_visit_note", r)
            }
            Err(_) => Ok(()),
        }
    })?;
    check(
        "IPC start note",
        1,
        mutated(json!({"patient_id": patient.id, "visit_date": "2026-01-05"})),
        |v| match deser::<StartNote>(v) {
            Ok(s) => refused_clearly("start_visit_note", f.clinic.start_visit_note(a, &s)),
            Err(_) => Ok(()),
        },
    )?;
    let protocol = json!({"name": "Sciatica BL", "condition": "sciatica", "shared": false,
        "points": [{"code": "BL40", "side": "affected"}, {"code": "GV4", "side": "midline"}]});
    check("IPC new protocol", 1, mutated(protocol), |v| {
        match deser::<NewProtocol>(v) {
            Ok(p) => refused_clearly("create_protocol", f.clinic.create_protocol(a, &p)),
            Err(_) => Ok(()),
        }
    })?;
    check(
        "IPC backup settings",
        1,
        mutated(example(&BackupSettings::default())),
        |v| {
            match deser::<BackupSettings>(v) {
                // Only the numbers: a random absolute folder would be created on this machine.
                Ok(s) => refused_clearly(
                    "update_backup_settings",
                    f.clinic
                        .update_backup_settings(a, &BackupSettings { folder: None, ..s }),
                ),
                Err(_) => Ok(()),
            }
        },
    )?;
    check(
        "IPC setup and new user payloads (deserialise only)",
        1,
        any_json(),
        |v| {
            let _ = serde_json::from_value::<acuchart_core::vault::SetupInput>(v.clone());
            let _ = serde_json::from_value::<acuchart_core::users::NewUser>(v.clone());
            let _ = serde_json::from_value::<PatientQuery>(v);
            Ok(())
        },
    )?;

    // Whatever was refused, what is stored still reads back and the audit chain holds.
    f.clinic.patient(a, patient.id)?;
    f.clinic.visit_note(a, note.id)?;
    assert_eq!(f.clinic.verify_audit(a)?.first_broken_id, None);
    eprintln!(
        "bad input: {} inputs tried so far in this run; {} IPC payloads deserialised and reached a service",
        TRIED.load(Ordering::Relaxed),
        REACHED.load(Ordering::Relaxed)
    );
    Ok(())
}
