//! What an export reads: every patient (merged-away duplicates left out: their data lives on
//! in the record they were merged into), every practitioner, every appointment, and the
//! signed visit notes with their points, diagnoses and pain scores. Drafts are not exported:
//! a draft is not yet part of the record.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::db::{Db, Row};
use crate::error::Result;
use crate::schedule::time::{clinic_zone, parse_utc};
use crate::sql_params;

pub(super) struct PatientRow {
    pub id: i64,
    pub chart_number: i64,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<String>,
    pub phone: Option<String>,
    pub phone_alt: Option<String>,
    pub email: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_relationship: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub physician_name: Option<String>,
    pub physician_phone: Option<String>,
    pub occupation: Option<String>,
    pub referral_source: Option<String>,
    pub front_desk_notes: Option<String>,
    pub archived: bool,
    /// Identifiers in the system the clinic moved from.
    pub former_ids: Vec<String>,
}

pub(super) struct PractitionerRow {
    pub id: i64,
    pub name: String,
    pub licence_number: Option<String>,
    pub npi: Option<String>,
    pub active: bool,
}

pub(super) struct AppointmentRow {
    pub id: i64,
    pub patient_id: i64,
    pub practitioner_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub type_name: String,
    pub room: Option<String>,
    pub status: String,
    pub front_desk_note: Option<String>,
    pub cancel_reason: Option<String>,
}

pub(super) struct PointRow {
    pub code: String,
    pub side: String,
    pub technique: Option<String>,
    pub depth_mm: Option<i64>,
    pub retention_minutes: Option<i64>,
}

pub(super) struct NoteRow {
    pub id: i64,
    pub patient_id: i64,
    pub practitioner_id: i64,
    pub appointment_id: Option<i64>,
    pub visit_date: String,
    pub signed_at: String,
    pub chief_complaint: Option<String>,
    pub pain_now: Option<i64>,
    pub tcm_pattern: Option<String>,
    pub plan: Option<String>,
    pub home_advice: Option<String>,
    pub points: Vec<PointRow>,
    /// ICD-10-CM code and title.
    pub diagnoses: Vec<(String, String)>,
}

pub(super) struct Snapshot {
    pub zone: Tz,
    pub patients: Vec<PatientRow>,
    pub practitioners: Vec<PractitionerRow>,
    pub appointments: Vec<AppointmentRow>,
    pub notes: Vec<NoteRow>,
}

impl Snapshot {
    pub fn point_count(&self) -> usize {
        self.notes.iter().map(|n| n.points.len()).sum()
    }
}

fn patient(r: &Row) -> Result<PatientRow> {
    Ok(PatientRow {
        id: r.get("id")?,
        chart_number: r.get("chart_number")?,
        given_name: r.get("given_name")?,
        family_name: r.get("family_name")?,
        preferred_name: r.get("preferred_name")?,
        date_of_birth: r.get("date_of_birth")?,
        sex: r.get("sex")?,
        phone: r.get("phone")?,
        phone_alt: r.get("phone_alt")?,
        email: r.get("email")?,
        address_line1: r.get("address_line1")?,
        address_line2: r.get("address_line2")?,
        city: r.get("city")?,
        region: r.get("region")?,
        postal_code: r.get("postal_code")?,
        country: r.get("country")?,
        emergency_contact_name: r.get("emergency_contact_name")?,
        emergency_contact_relationship: r.get("emergency_contact_relationship")?,
        emergency_contact_phone: r.get("emergency_contact_phone")?,
        physician_name: r.get("physician_name")?,
        physician_phone: r.get("physician_phone")?,
        occupation: r.get("occupation")?,
        referral_source: r.get("referral_source")?,
        front_desk_notes: r.get("front_desk_notes")?,
        archived: r.get::<Option<String>>("archived_at")?.is_some(),
        former_ids: Vec::new(),
    })
}

fn load_patients(db: &Db<'_>) -> Result<Vec<PatientRow>> {
    let mut former: HashMap<i64, Vec<String>> = HashMap::new();
    db.for_each(
        "SELECT coalesce(p.merged_into, p.id) AS patient_id, e.external_id FROM patient_external_ids e
         JOIN patients p ON p.id = e.patient_id ORDER BY e.external_id",
        sql_params![],
        |r| {
            former
                .entry(r.get("patient_id")?)
                .or_default()
                .push(r.get("external_id")?);
            Ok(())
        },
    )?;
    let mut patients = Vec::new();
    db.for_each(
        "SELECT id, chart_number, given_name, family_name, preferred_name, date_of_birth, sex,
                phone, phone_alt, email, address_line1, address_line2, city, region, postal_code,
                country, emergency_contact_name, emergency_contact_relationship,
                emergency_contact_phone, physician_name, physician_phone, occupation,
                referral_source, front_desk_notes, archived_at
         FROM patients WHERE merged_into IS NULL ORDER BY id",
        sql_params![],
        |r| {
            patients.push(patient(&r)?);
            Ok(())
        },
    )?;
    for p in &mut patients {
        p.former_ids = former.remove(&p.id).unwrap_or_default();
    }
    Ok(patients)
}

fn load_practitioners(db: &Db<'_>) -> Result<Vec<PractitionerRow>> {
    db.query(
        "SELECT p.user_id, u.display_name, p.licence_number, p.npi,
                p.active = 1 AND u.disabled_at IS NULL AS active
         FROM practitioners p JOIN users u ON u.id = p.user_id ORDER BY p.sort_order, u.id",
        sql_params![],
    )?
    .iter()
    .map(|r| {
        Ok(PractitionerRow {
            id: r.get("user_id")?,
            name: r.get("display_name")?,
            licence_number: r.get("licence_number")?,
            npi: r.get("npi")?,
            active: r.get("active")?,
        })
    })
    .collect()
}

fn load_appointments(db: &Db<'_>) -> Result<Vec<AppointmentRow>> {
    let mut out = Vec::new();
    db.for_each(
        "SELECT a.id, coalesce(p.merged_into, p.id) AS patient_id, a.practitioner_id, a.starts_at, a.ends_at,
                t.name AS type_name, r.name AS room_name, a.status, a.front_desk_note, a.cancel_reason
         FROM appointments a
         JOIN patients p ON p.id = a.patient_id
         JOIN appointment_types t ON t.id = a.type_id
         LEFT JOIN rooms r ON r.id = a.room_id
         ORDER BY a.starts_at, a.id",
        sql_params![],
        |r| {
        let id: i64 = r.get("id")?;
        let label = format!("appointment {id}");
        out.push(AppointmentRow {
            id,
            patient_id: r.get("patient_id")?,
            practitioner_id: r.get("practitioner_id")?,
            starts_at: parse_utc(&r.get::<String>("starts_at")?, &label)?,
            ends_at: parse_utc(&r.get::<String>("ends_at")?, &label)?,
            type_name: r.get("type_name")?,
            room: r.get("room_name")?,
            status: r.get("status")?,
            front_desk_note: r.get("front_desk_note")?,
            cancel_reason: r.get("cancel_reason")?,
        });
        Ok(())
        },
    )?;
    Ok(out)
}

fn load_notes(db: &Db<'_>) -> Result<Vec<NoteRow>> {
    let mut points: HashMap<i64, Vec<PointRow>> = HashMap::new();
    db.for_each(
        "SELECT vp.note_id, vp.point_code, vp.side, vp.technique, vp.depth_mm, vp.retention_minutes
         FROM visit_points vp JOIN visit_notes n ON n.id = vp.note_id
         WHERE n.signed_at IS NOT NULL ORDER BY vp.note_id, vp.position",
        sql_params![],
        |r| {
            points.entry(r.get("note_id")?).or_default().push(PointRow {
                code: r.get("point_code")?,
                side: r.get("side")?,
                technique: r.get("technique")?,
                depth_mm: r.get("depth_mm")?,
                retention_minutes: r.get("retention_minutes")?,
            });
            Ok(())
        },
    )?;
    let mut diagnoses: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    db.for_each(
        "SELECT d.note_id, d.code, d.title FROM visit_diagnoses d
         JOIN visit_notes n ON n.id = d.note_id
         WHERE n.signed_at IS NOT NULL ORDER BY d.note_id, d.position",
        sql_params![],
        |r| {
            diagnoses
                .entry(r.get("note_id")?)
                .or_default()
                .push((r.get("code")?, r.get("title")?));
            Ok(())
        },
    )?;
    let mut notes = Vec::new();
    db.for_each(
        "SELECT n.id, coalesce(p.merged_into, p.id) AS patient_id, n.practitioner_id, n.appointment_id,
                n.visit_date, n.signed_at, n.chief_complaint, n.pain_now, n.tcm_pattern, n.plan,
                n.home_advice
         FROM visit_notes n JOIN patients p ON p.id = n.patient_id
         WHERE n.signed_at IS NOT NULL ORDER BY n.visit_date, n.id",
        sql_params![],
        |r| {
        let id: i64 = r.get("id")?;
        notes.push(NoteRow {
            id,
            patient_id: r.get("patient_id")?,
            practitioner_id: r.get("practitioner_id")?,
            appointment_id: r.get("appointment_id")?,
            visit_date: r.get("visit_date")?,
            signed_at: r.get("signed_at")?,
            chief_complaint: r.get("chief_complaint")?,
            pain_now: r.get("pain_now")?,
            tcm_pattern: r.get("tcm_pattern")?,
            plan: r.get("plan")?,
            home_advice: r.get("home_advice")?,
            points: Vec::new(),
            diagnoses: Vec::new(),
        });
        Ok(())
        },
    )?;
    for n in &mut notes {
        n.points = points.remove(&n.id).unwrap_or_default();
        n.diagnoses = diagnoses.remove(&n.id).unwrap_or_default();
    }
    Ok(notes)
}

/// Everything, or (with `first_patients`) the first patients by record order with their
/// appointments and notes: a sample of a large clinic, every practitioner kept.
pub(super) fn load(db: &Db<'_>, first_patients: Option<u32>) -> Result<Snapshot> {
    let mut snap = Snapshot {
        zone: clinic_zone(db)?,
        patients: load_patients(db)?,
        practitioners: load_practitioners(db)?,
        appointments: load_appointments(db)?,
        notes: load_notes(db)?,
    };
    if let Some(n) = first_patients {
        snap.patients.truncate(n as usize);
        let kept: std::collections::HashSet<i64> = snap.patients.iter().map(|p| p.id).collect();
        snap.appointments.retain(|a| kept.contains(&a.patient_id));
        snap.notes.retain(|n| kept.contains(&n.patient_id));
    }
    Ok(snap)
}
