//! Input surface 4, property-tested on one real SQLCipher clinic: note drafts as JSON, as the
//! app and `note save --file` send them, with unknown fields at every level, values at and
//! past their type's limits, wrong types and hostile text. An unknown field is refused by
//! name; a refused draft stores nothing; an accepted one is stored in canonical form within
//! every limit and reads back as saved.

mod common;
mod hostile;

use acuchart_core::patients::NewPatient;
use acuchart_core::points::resolve_code;
use acuchart_core::visits::{NoteDraft, StartNote};
use common::*;
use hostile::*;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

const CASES: u32 = 256;

/// A draft that saves: two points (one wired for electro), a painful region, a diagnosis and a
/// functional-scale item.
fn valid_draft() -> Value {
    json!({
        "content": {"chief_complaint": "Low back pain", "pain_now": 6, "pain_best": 2,
                    "pain_worst": 8, "needles_inserted": 6, "needles_removed": 6,
                    "face_to_face_minutes": 45, "plan": "Weekly for four weeks"},
        "points": [
            {"code": "GB30", "side": "left", "technique": "even", "retention_minutes": 20,
             "depth_mm": 40, "note": "deqi"},
            {"code": "ub40", "side": "bilateral", "electro_pair": "GB30", "electro_hz": 2.0,
             "electro_minutes": 20}
        ],
        "pain_regions": [{"region": "thigh_back", "side": "left"}],
        "diagnoses": [{"code": "M54.32"}],
        "psfs": [{"activity": "Sitting", "score": 4}],
        "acknowledgements": []
    })
}

/// Paths to every object and every leaf of a JSON tree.
fn walk(v: &Value, at: Vec<String>, objects: &mut Vec<Vec<String>>, leaves: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            objects.push(at.clone());
            for (k, child) in m {
                let mut p = at.clone();
                p.push(k.clone());
                walk(child, p, objects, leaves);
            }
        }
        Value::Array(items) => {
            leaves.push(at.clone());
            for (i, child) in items.iter().enumerate() {
                let mut p = at.clone();
                p.push(i.to_string());
                walk(child, p, objects, leaves);
            }
        }
        _ => leaves.push(at),
    }
}

fn slot<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, k| match k.parse::<usize>() {
        Ok(i) => v.get_mut(i),
        Err(_) => v.get_mut(k.as_str()),
    })
}

/// Values at and past the limits of every type a draft holds, and wrong types.
/// Numbers at and past the limits of every numeric field a draft holds (u8 scores, u16
/// minutes and millimetres, f64 hertz), and in range as often as not, so that saved drafts
/// are checked too.
fn odd_number() -> impl Strategy<Value = Value> {
    let limits = [
        json!(-1),
        json!(0),
        json!(10),
        json!(11),
        json!(120),
        json!(121),
        json!(150),
        json!(151),
        json!(255),
        json!(256),
        json!(480),
        json!(481),
        json!(500),
        json!(501),
        json!(65_535),
        json!(65_536),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(0.5),
        json!(1e308),
        json!(-0.0),
        json!(200.0),
        json!(200.000_001),
        json!(1e-300),
    ];
    prop_oneof![
        2 => (0i64..=12).prop_map(|n| json!(n)),
        3 => prop::sample::select(limits.to_vec()),
    ]
}

/// Text for a text leaf: hostile, or a value that is valid somewhere else in a draft.
fn odd_text() -> impl Strategy<Value = String> {
    let elsewhere = vec![
        "left",
        "midline",
        "bilateral",
        "ST36",
        "GV20",
        "M54.32",
        "even",
        "",
    ];
    prop_oneof![
        3 => hostile_text(),
        1 => prop::sample::select(elsewhere).prop_map(str::to_owned),
    ]
}

/// A replacement for one leaf: text for text, a number for a number, and now and then a
/// value of the wrong type.
#[derive(Debug, Clone)]
struct Odd {
    text: String,
    number: Value,
    wrong_type: Option<Value>,
}

fn odd() -> impl Strategy<Value = Odd> {
    let wrong = prop::sample::select(vec![
        json!("5"),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
    ]);
    (
        odd_text(),
        odd_number(),
        prop::option::weighted(0.15, wrong),
    )
        .prop_map(|(text, number, wrong_type)| Odd {
            text,
            number,
            wrong_type,
        })
}

impl Odd {
    fn for_leaf(&self, leaf: &Value) -> Value {
        match (&self.wrong_type, leaf) {
            (Some(w), _) => w.clone(),
            (None, Value::Number(_)) => self.number.clone(),
            (None, _) => Value::String(self.text.clone()),
        }
    }
}

/// A known field name misspelt the way people misspell them (case, a letter dropped or
/// added), or a name no draft has.
fn unknown_key() -> impl Strategy<Value = String> {
    let known = vec![
        "content",
        "points",
        "psfs",
        "code",
        "side",
        "note",
        "activity",
        "score",
        "region",
        "plan",
        "chief_complaint",
        "pain_now",
        "electro_hz",
        "acknowledgements",
        "title",
    ];
    prop_oneof![
        (prop::sample::select(known.clone()), "[a-z_]").prop_map(|(k, c)| format!("{k}{c}")),
        prop::sample::select(known.clone()).prop_map(|k| k[1..].to_owned()),
        prop::sample::select(known).prop_map(|k| k.to_uppercase()),
        "[a-z]{1,6}_[a-z]{1,6}x",
        hostile_text(),
    ]
}

#[derive(Debug, Clone)]
enum Change {
    Unknown(Index, String, Odd),
    Replace(Index, Odd),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        1 => (any::<Index>(), unknown_key(), odd()).prop_map(|(i, k, v)| Change::Unknown(i, k, v)),
        3 => (any::<Index>(), odd()).prop_map(|(i, v)| Change::Replace(i, v)),
    ]
}

/// Every limit a stored draft must be within, whatever was sent.
fn within_limits(d: &NoteDraft) -> Result<(), TestCaseError> {
    let c = &d.content;
    for (n, max) in [(c.pain_now, 10), (c.pain_best, 10), (c.pain_worst, 10)] {
        prop_assert!(n.is_none_or(|n| n <= max));
    }
    for (n, max) in [
        (c.needles_inserted, 500),
        (c.needles_removed, 500),
        (c.face_to_face_minutes, 480),
    ] {
        prop_assert!(n.is_none_or(|n| n <= max));
    }
    prop_assert!(d.points.len() <= 120 && d.psfs.len() <= 3);
    for p in &d.points {
        let canonical = resolve_code(&p.code)
            .map(|q| q.code == p.code)
            .unwrap_or(false);
        prop_assert!(canonical, "stored code {:?}", p.code);
        prop_assert!(p.retention_minutes.is_none_or(|m| m <= 120));
        prop_assert!(p.depth_mm.is_none_or(|m| (1..=150).contains(&m)));
        prop_assert!(p.electro_hz.is_none_or(|h| h > 0.0 && h <= 200.0));
        prop_assert!(p.electro_minutes.is_none_or(|m| (1..=120).contains(&m)));
        if let Some(n) = &p.note {
            tidy_text(n, false, 200)?;
        }
    }
    for s in &d.psfs {
        prop_assert!(s.score <= 10);
        tidy_text(&s.activity, false, 200)?;
    }
    Ok(())
}

#[test]
fn note_drafts_as_json_are_refused_by_field_or_stored_canonical() -> TestResult {
    let f = fixture()?;
    let a = &f.admin;
    let conn = raw(&f)?;
    let patient = f.clinic.create_patient(
        a,
        &NewPatient {
            given_name: "Draft".into(),
            family_name: "Patient".into(),
            ..Default::default()
        },
    )?;
    let start = StartNote {
        patient_id: patient.id,
        appointment_id: None,
        visit_date: None,
    };
    let note = f.clinic.start_visit_note(a, &start)?;
    let revision = std::cell::Cell::new(note.revision);
    // Drafts that deserialised and so reached the service (the rest serde refused).
    let reached = std::cell::Cell::new(0u32);
    let base = valid_draft();
    let (mut objects, mut leaves) = (Vec::new(), Vec::new());
    walk(&base, Vec::new(), &mut objects, &mut leaves);
    check(
        "note drafts (JSON)",
        CASES,
        prop::collection::vec(change(), 1..3),
        |changes| {
            let mut draft = base.clone();
            // Values first, then unknown fields: a replaced list must not take an added
            // field away with it.
            for c in &changes {
                if let Change::Replace(i, v) = c {
                    if let Some(s) = slot(&mut draft, &leaves[i.index(leaves.len())]) {
                        *s = v.for_leaf(s);
                    }
                }
            }
            let mut unknown = Vec::new();
            for c in &changes {
                if let Change::Unknown(i, key, v) = c {
                    let at = &objects[i.index(objects.len())];
                    if let Some(Value::Object(m)) = slot(&mut draft, at) {
                        if !m.contains_key(key) {
                            m.insert(key.clone(), Value::String(v.text.clone()));
                            unknown.push(key.clone());
                        }
                    }
                }
            }
            let before = digest(&conn)?;
            let parsed: NoteDraft = match serde_json::from_value(draft) {
                Ok(d) => d,
                Err(e) => {
                    tally::<(), _>(&Err(()));
                    // The misspelt field is named, so the person can fix it.
                    let text = e.to_string();
                    if text.contains("unknown field") {
                        let named = unknown.iter().any(|k| text.contains(&format!("`{k}`")));
                        prop_assert!(named, "{text}");
                    }
                    return Ok(());
                }
            };
            prop_assert!(unknown.is_empty(), "unknown fields {unknown:?} were read");
            reached.set(reached.get() + 1);
            let saved = f
                .clinic
                .save_visit_note(a, note.id, revision.get(), &parsed);
            tally(&saved);
            match saved {
                Ok(saved) => {
                    revision.set(saved.revision);
                    within_limits(&saved.draft)?;
                    let reread = f
                        .clinic
                        .visit_note(a, note.id)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert!(
                        reread.draft == saved.draft,
                        "stored draft differs from reply"
                    );
                }
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?, "a refused draft stored something");
                }
            }
            Ok(())
        },
    )?;
    eprintln!(
        "hostile input: note drafts (JSON): {} reached the service",
        reached.get()
    );
    intact(&f)
}
