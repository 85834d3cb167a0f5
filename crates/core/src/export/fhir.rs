//! The FHIR R4 (4.0.1) export: one JSON Bundle of type `collection` holding Patient,
//! Practitioner, Appointment, and per signed visit note an Encounter, a Procedure
//! (acupuncture, each needled point a body site coded in AcuChart's point catalogue with the
//! body side), an Observation (pain score, 0–10) and a Condition per ICD-10-CM diagnosis.
//! Entries are written one by one, so a large clinic never sits in memory as one JSON tree.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::files::Staged;
use super::rows::{AppointmentRow, NoteRow, PatientRow, PractitionerRow, Snapshot};
use super::ExportProgress;
use crate::error::{Error, Result};
use crate::points::catalogue;

/// The code system of the catalogue's point codes (WHO standard alphanumeric codes, e.g. LI4).
pub const ACUPOINT_SYSTEM: &str = "https://acuchart.app/fhir/CodeSystem/acupoint";
/// Extension on a point's body site: `left`, `right`, `bilateral` or `midline`.
pub const BODY_SIDE_EXTENSION: &str = "https://acuchart.app/fhir/StructureDefinition/body-side";
const CHART_NUMBER_SYSTEM: &str = "https://acuchart.app/fhir/sid/chart-number";
const FORMER_ID_SYSTEM: &str = "https://acuchart.app/fhir/sid/former-system-id";
const BASE: &str = "https://acuchart.app/fhir/";

fn entry(resource: Value) -> Value {
    let kind = resource["resourceType"].as_str().unwrap_or_default();
    let id = resource["id"].as_str().unwrap_or_default();
    json!({ "fullUrl": format!("{BASE}{kind}/{id}"), "resource": resource })
}

/// Drops absent (null) and empty values: FHIR forbids empty elements.
fn clean(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, clean(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => {
            Value::Array(a.into_iter().map(clean).filter(|v| !is_empty(v)).collect())
        }
        other => other,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn gender(sex: Option<&str>) -> Option<&'static str> {
    match sex? {
        "female" => Some("female"),
        "male" => Some("male"),
        "intersex" => Some("other"),
        _ => Some("unknown"),
    }
}

fn patient(p: &PatientRow) -> Value {
    let mut identifier = vec![json!({
        "use": "usual", "system": CHART_NUMBER_SYSTEM, "value": p.chart_number.to_string()
    })];
    identifier.extend(
        p.former_ids
            .iter()
            .map(|id| json!({ "use": "old", "system": FORMER_ID_SYSTEM, "value": id })),
    );
    json!({
        "resourceType": "Patient",
        "id": format!("patient-{}", p.id),
        "identifier": identifier,
        "active": !p.archived,
        "name": [
            { "use": "official", "family": p.family_name, "given": [p.given_name] },
            p.preferred_name.as_ref().map(|n| json!({ "use": "usual", "given": [n] })),
        ],
        "telecom": [
            p.phone.as_ref().map(|v| json!({ "system": "phone", "value": v, "rank": 1 })),
            p.phone_alt.as_ref().map(|v| json!({ "system": "phone", "value": v, "rank": 2 })),
            p.email.as_ref().map(|v| json!({ "system": "email", "value": v })),
        ],
        "gender": gender(p.sex.as_deref()),
        "birthDate": p.date_of_birth,
        "address": [{
            "line": [p.address_line1, p.address_line2],
            "city": p.city, "state": p.region, "postalCode": p.postal_code, "country": p.country,
        }],
        "contact": [p.emergency_contact_name.as_ref().map(|n| json!({
            "relationship": [{ "text": p.emergency_contact_relationship.as_deref().unwrap_or("Emergency contact") }],
            "name": { "text": n },
            "telecom": [p.emergency_contact_phone.as_ref().map(|v| json!({ "system": "phone", "value": v }))],
        }))],
    })
}

fn practitioner(p: &PractitionerRow) -> Value {
    json!({
        "resourceType": "Practitioner",
        "id": format!("practitioner-{}", p.id),
        "identifier": [
            p.npi.as_ref().map(|v| json!({ "system": "http://hl7.org/fhir/sid/us-npi", "value": v })),
            p.licence_number.as_ref().map(|v| json!({ "type": { "text": "Licence number" }, "value": v })),
        ],
        "active": p.active,
        "name": [{ "text": p.name }],
    })
}

fn appointment_status(status: &str) -> &'static str {
    match status {
        "arrived" => "arrived",
        "in_treatment" => "checked-in",
        "completed" => "fulfilled",
        "cancelled" => "cancelled",
        "no_show" => "noshow",
        _ => "booked",
    }
}

fn appointment(a: &AppointmentRow) -> Value {
    json!({
        "resourceType": "Appointment",
        "id": format!("appointment-{}", a.id),
        "status": appointment_status(&a.status),
        "cancelationReason": a.cancel_reason.as_ref().map(|r| json!({ "text": r })),
        "appointmentType": { "text": a.type_name },
        "start": a.starts_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "end": a.ends_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "comment": a.front_desk_note,
        "participant": [
            { "actor": { "reference": format!("Patient/patient-{}", a.patient_id) }, "status": "accepted" },
            { "actor": { "reference": format!("Practitioner/practitioner-{}", a.practitioner_id) }, "status": "accepted" },
            a.room.as_ref().map(|r| json!({ "actor": { "display": format!("Room {r}") }, "status": "accepted" })),
        ],
    })
}

fn note_resources(n: &NoteRow, point_names: &std::collections::HashMap<&str, &str>) -> Vec<Value> {
    let subject = json!({ "reference": format!("Patient/patient-{}", n.patient_id) });
    let practitioner =
        json!({ "reference": format!("Practitioner/practitioner-{}", n.practitioner_id) });
    let encounter_id = format!("encounter-{}", n.id);
    let encounter_ref = json!({ "reference": format!("Encounter/{encounter_id}") });
    let mut out = vec![json!({
        "resourceType": "Encounter",
        "id": encounter_id,
        "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory" },
        "subject": subject,
        "participant": [{ "individual": practitioner }],
        "appointment": [n.appointment_id.map(|a| json!({ "reference": format!("Appointment/appointment-{a}") }))],
        "period": { "start": n.visit_date, "end": n.visit_date },
        "reasonCode": [n.chief_complaint.as_ref().map(|c| json!({ "text": c }))],
    })];
    let body_sites: Vec<Value> = n
        .points
        .iter()
        .map(|p| {
            let name = point_names.get(p.code.as_str()).copied().unwrap_or("");
            json!({
                "extension": [{ "url": BODY_SIDE_EXTENSION, "valueCode": p.side }],
                "coding": [{ "system": ACUPOINT_SYSTEM, "code": p.code, "display": name }],
                "text": format!("{} {} ({})", p.code, name, p.side),
            })
        })
        .collect();
    let technique: Vec<Value> = n
        .points
        .iter()
        .filter(|p| p.technique.is_some() || p.depth_mm.is_some() || p.retention_minutes.is_some())
        .map(|p| {
            let mut parts = vec![format!("{} {}", p.code, p.side)];
            parts.extend(p.technique.clone());
            parts.extend(p.depth_mm.map(|d| format!("{d} mm")));
            parts.extend(p.retention_minutes.map(|m| format!("{m} min retained")));
            json!({ "text": parts.join(", ") })
        })
        .collect();
    out.push(json!({
        "resourceType": "Procedure",
        "id": format!("procedure-{}", n.id),
        "status": "completed",
        "code": {
            "coding": [{ "system": "http://snomed.info/sct", "code": "44868003", "display": "Acupuncture" }],
            "text": "Acupuncture",
        },
        "subject": subject,
        "encounter": encounter_ref,
        "performedDateTime": n.visit_date,
        "performer": [{ "actor": practitioner }],
        "bodySite": body_sites,
        "note": technique,
    }));
    if let Some(score) = n.pain_now {
        out.push(json!({
            "resourceType": "Observation",
            "id": format!("pain-{}", n.id),
            "status": "final",
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey" }] }],
            "code": {
                "coding": [{ "system": "http://loinc.org", "code": "72514-3", "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported" }],
                "text": "Pain now (0-10)",
            },
            "subject": subject,
            "encounter": encounter_ref,
            "effectiveDateTime": n.visit_date,
            "performer": [practitioner],
            "valueInteger": score,
        }));
    }
    for (i, (code, title)) in n.diagnoses.iter().enumerate() {
        out.push(json!({
            "resourceType": "Condition",
            "id": format!("condition-{}-{}", n.id, i + 1),
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "encounter-diagnosis" }] }],
            "code": {
                "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code, "display": title }],
                "text": title,
            },
            "subject": subject,
            "encounter": encounter_ref,
            "recordedDate": n.visit_date,
            "recorder": practitioner,
        }));
    }
    out
}

pub(super) fn write(
    snap: &Snapshot,
    staged: Staged,
    progress: &mut ExportProgress<'_>,
) -> Result<()> {
    let file = std::fs::File::create(staged.part(0)?)?;
    let mut out = std::io::BufWriter::new(file);
    let names: std::collections::HashMap<&str, &str> = catalogue()?
        .iter()
        .map(|p| (p.code.as_str(), p.pinyin.as_str()))
        .collect();
    let timestamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    write!(
        out,
        "{{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\"{timestamp}\",\"entry\":["
    )?;
    let mut first = true;
    let mut put = |out: &mut std::io::BufWriter<std::fs::File>, resource: Value| -> Result<()> {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, &entry(clean(resource)))
            .map_err(|e| Error::Internal(format!("writing the FHIR bundle: {e}")))
    };
    for p in &snap.patients {
        put(&mut out, patient(p))?;
        progress.step();
    }
    for p in &snap.practitioners {
        put(&mut out, practitioner(p))?;
        progress.step();
    }
    for a in &snap.appointments {
        put(&mut out, appointment(a))?;
        progress.step();
    }
    for n in &snap.notes {
        for r in note_resources(n, &names) {
            put(&mut out, r)?;
        }
        progress.step();
    }
    out.write_all(b"]}\n")?;
    out.flush()?;
    drop(out);
    staged.commit()
}
