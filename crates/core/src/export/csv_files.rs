//! The CSV export: one file per table, in UTF-8, with headers another system (and AcuChart's
//! own import) recognises. Patients are keyed by their chart number in the "Patient ID"
//! column, which the appointments, notes and points files repeat; times are the clinic's local
//! wall-clock time, dates ISO.

use super::files::Staged;
use super::rows::Snapshot;
use super::ExportProgress;
use crate::error::Result;
use crate::files::spreadsheet::SafeCsv;
use crate::points::catalogue;

pub(super) const FILES: [&str; 6] = [
    "patients.csv",
    "practitioners.csv",
    "appointments.csv",
    "visit_notes.csv",
    "visit_points.csv",
    "visit_diagnoses.csv",
];

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

fn num(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

pub(super) fn write(
    snap: &Snapshot,
    staged: Staged,
    progress: &mut ExportProgress<'_>,
) -> Result<()> {
    let chart: std::collections::HashMap<i64, i64> = snap
        .patients
        .iter()
        .map(|p| (p.id, p.chart_number))
        .collect();
    let chart_of = |id: i64| chart.get(&id).map(i64::to_string).unwrap_or_default();
    let practitioner: std::collections::HashMap<i64, &str> = snap
        .practitioners
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let name_of = |id: i64| practitioner.get(&id).copied().unwrap_or("");

    let mut w = SafeCsv::create(&staged.part(0)?)?;
    w.write_record([
        "Patient ID",
        "Given name",
        "Family name",
        "Preferred name",
        "Date of birth",
        "Sex",
        "Phone",
        "Other phone",
        "Email",
        "Address",
        "Address line 2",
        "City",
        "Region",
        "Postal code",
        "Country",
        "Emergency contact",
        "Emergency relationship",
        "Emergency phone",
        "GP",
        "GP phone",
        "Occupation",
        "Referral source",
        "Notes",
        "Archived",
        "Former IDs",
    ])?;
    for p in &snap.patients {
        w.write_record([
            p.chart_number.to_string().as_str(),
            &p.given_name,
            &p.family_name,
            opt(&p.preferred_name),
            opt(&p.date_of_birth),
            opt(&p.sex),
            opt(&p.phone),
            opt(&p.phone_alt),
            opt(&p.email),
            opt(&p.address_line1),
            opt(&p.address_line2),
            opt(&p.city),
            opt(&p.region),
            opt(&p.postal_code),
            opt(&p.country),
            opt(&p.emergency_contact_name),
            opt(&p.emergency_contact_relationship),
            opt(&p.emergency_contact_phone),
            opt(&p.physician_name),
            opt(&p.physician_phone),
            opt(&p.occupation),
            opt(&p.referral_source),
            opt(&p.front_desk_notes),
            if p.archived { "yes" } else { "" },
            &p.former_ids.join(" "),
        ])?;
        progress.step();
    }
    w.flush()?;

    let mut w = SafeCsv::create(&staged.part(1)?)?;
    w.write_record(["Practitioner", "Licence number", "NPI", "Active"])?;
    for p in &snap.practitioners {
        w.write_record([
            p.name.as_str(),
            opt(&p.licence_number),
            opt(&p.npi),
            if p.active { "yes" } else { "no" },
        ])?;
        progress.step();
    }
    w.flush()?;

    let mut w = SafeCsv::create(&staged.part(2)?)?;
    w.write_record([
        "Appointment ID",
        "Patient ID",
        "Start",
        "End",
        "Practitioner",
        "Type",
        "Room",
        "Status",
        "Note",
        "Cancel reason",
    ])?;
    let local = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&snap.zone)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    for a in &snap.appointments {
        w.write_record([
            a.id.to_string(),
            chart_of(a.patient_id),
            local(a.starts_at),
            local(a.ends_at),
            name_of(a.practitioner_id).to_owned(),
            a.type_name.clone(),
            opt(&a.room).to_owned(),
            a.status.clone(),
            opt(&a.front_desk_note).to_owned(),
            opt(&a.cancel_reason).to_owned(),
        ])?;
        progress.step();
    }
    w.flush()?;

    let mut notes = SafeCsv::create(&staged.part(3)?)?;
    notes.write_record([
        "Note ID",
        "Patient ID",
        "Appointment ID",
        "Visit date",
        "Practitioner",
        "Signed at",
        "Chief complaint",
        "Pain now (0-10)",
        "TCM pattern",
        "Plan",
        "Home advice",
    ])?;
    let mut points = SafeCsv::create(&staged.part(4)?)?;
    points.write_record([
        "Note ID",
        "Patient ID",
        "Visit date",
        "Point",
        "Pinyin",
        "Side",
        "Technique",
        "Depth (mm)",
        "Retention (minutes)",
    ])?;
    let mut diagnoses = SafeCsv::create(&staged.part(5)?)?;
    diagnoses.write_record(["Note ID", "Patient ID", "Visit date", "ICD-10-CM", "Title"])?;
    let pinyin: std::collections::HashMap<&str, &str> = catalogue()?
        .iter()
        .map(|p| (p.code.as_str(), p.pinyin.as_str()))
        .collect();
    for n in &snap.notes {
        let (id, patient) = (n.id.to_string(), chart_of(n.patient_id));
        notes.write_record([
            id.as_str(),
            &patient,
            &num(n.appointment_id),
            &n.visit_date,
            name_of(n.practitioner_id),
            &n.signed_at,
            opt(&n.chief_complaint),
            &num(n.pain_now),
            opt(&n.tcm_pattern),
            opt(&n.plan),
            opt(&n.home_advice),
        ])?;
        for p in &n.points {
            points.write_record([
                id.as_str(),
                &patient,
                &n.visit_date,
                &p.code,
                pinyin.get(p.code.as_str()).copied().unwrap_or(""),
                &p.side,
                opt(&p.technique),
                &num(p.depth_mm),
                &num(p.retention_minutes),
            ])?;
        }
        for (code, title) in &n.diagnoses {
            diagnoses.write_record([id.as_str(), &patient, &n.visit_date, code, title])?;
        }
        progress.step();
    }
    notes.flush()?;
    points.flush()?;
    diagnoses.flush()?;
    drop((notes, points, diagnoses));
    staged.commit()
}
