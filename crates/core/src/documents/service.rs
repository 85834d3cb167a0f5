//! Generating documents: role check, the data (signed notes only) read in one snapshot, the
//! PDF rendered with no transaction open, then one row in `documents` and one audit row
//! written together — so a slow PDF never holds up another computer's or window's write.

use chrono::{NaiveDate, Utc};

use super::settings::{load as load_document_settings, DocumentSettings};
use super::{DocumentInfo, DocumentKind, Generated, SummaryRequest, SuperbillRequest};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::{DocumentId, NoteId, PatientId, UserId};
use crate::schedule::time::{clinic_zone, parse_date};
use crate::settings::DateFormat;
use crate::sql_params;
use crate::text;
use crate::visits::store::load_note;
use crate::visits::VisitNote;

/// What every document needs from the clinic.
pub(crate) struct Context {
    pub clinic_name: String,
    pub date_format: DateFormat,
    pub settings: DocumentSettings,
    /// The letterhead's logo (a PNG made by `normalise_logo`), if the clinic has one.
    pub logo_png: Option<Vec<u8>>,
    /// Today in the clinic's zone (the issue date).
    pub today: NaiveDate,
}

pub(crate) struct PatientHead {
    pub id: PatientId,
    /// Given and family name (with the preferred name in quotes when it differs).
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub chart_number: i64,
}

pub(crate) struct PractitionerHead {
    pub name: String,
    pub licence: Option<String>,
    pub npi: Option<String>,
    pub signature_line: Option<String>,
}

impl PractitionerHead {
    /// The lines under the signature: credentials, licence, NPI.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = &self.signature_line {
            out.push(s.clone());
        }
        if let Some(l) = &self.licence {
            out.push(format!("Licence no. {l}"));
        }
        if let Some(n) = &self.npi {
            out.push(format!("NPI {n}"));
        }
        out
    }
}

pub(crate) fn context(db: &Db<'_>) -> Result<Context> {
    let s = crate::settings::load(db)?;
    let tz = clinic_zone(db)?;
    Ok(Context {
        clinic_name: s.name,
        date_format: s.date_format,
        settings: load_document_settings(db)?,
        logo_png: super::logo::stored(db)?,
        today: Utc::now().with_timezone(&tz).date_naive(),
    })
}

pub(crate) fn patient_head(db: &Db<'_>, id: PatientId) -> Result<PatientHead> {
    let r = db
        .query_opt(
            "SELECT given_name, family_name, preferred_name, date_of_birth, chart_number
             FROM patients WHERE id = ?1",
            sql_params![id],
        )?
        .ok_or_else(|| Error::NotFound(format!("Patient {id}")))?;
    let given: String = r.get("given_name")?;
    let family: String = r.get("family_name")?;
    let preferred: Option<String> = r.get("preferred_name")?;
    let dob: Option<String> = r.get("date_of_birth")?;
    let chart_number: i64 = r.get("chart_number")?;
    let name = match preferred.filter(|p| !p.trim().is_empty() && *p != given) {
        Some(p) => format!("{given} \u{201c}{p}\u{201d} {family}"),
        None => format!("{given} {family}"),
    };
    Ok(PatientHead {
        id,
        name,
        date_of_birth: dob.and_then(|d| d.parse().ok()),
        chart_number,
    })
}

pub(crate) fn practitioner_head(db: &Db<'_>, id: UserId) -> Result<PractitionerHead> {
    let r = db
        .query_opt(
            "SELECT u.display_name, p.licence_number, p.npi, p.signature_line
             FROM users u LEFT JOIN practitioners p ON p.user_id = u.id WHERE u.id = ?1",
            sql_params![id],
        )?
        .ok_or_else(|| Error::NotFound(format!("Staff member {id}")))?;
    Ok(PractitionerHead {
        name: r.get("display_name")?,
        licence: r.get("licence_number")?,
        npi: r.get("npi")?,
        signature_line: r.get("signature_line")?,
    })
}

/// The patient's signed notes (with addenda) dated within `from..=to`, oldest first.
pub(crate) fn signed_notes(
    db: &Db<'_>,
    patient: PatientId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<VisitNote>> {
    let from = from.map_or("0000-01-01".to_owned(), |d| d.to_string());
    let to = to.map_or("9999-12-31".to_owned(), |d| d.to_string());
    let ids = db
        .query(
            "SELECT id FROM visit_notes
             WHERE patient_id = ?1 AND signed_at IS NOT NULL
               AND visit_date >= ?2 AND visit_date <= ?3
             ORDER BY visit_date, id",
            sql_params![patient, from, to],
        )?
        .iter()
        .map(|r| r.get::<NoteId>("id"))
        .collect::<Result<Vec<_>>>()?;
    ids.into_iter().map(|id| load_note(db, id)).collect()
}

fn optional_date(field: &str, text: &Option<String>) -> Result<Option<NaiveDate>> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Ok(Some(parse_date(field, t)?)),
        None => Ok(None),
    }
}

/// Stores the PDF and audits its generation; returns what the Documents tab lists.
fn record(
    db: &Db<'_>,
    actor: &Actor,
    kind: DocumentKind,
    patient: Option<PatientId>,
    title: &str,
    request: &impl serde::Serialize,
    (pdf, pages): (Vec<u8>, u32),
) -> Result<Generated> {
    let request = serde_json::to_string(request).map_err(|e| Error::Internal(e.to_string()))?;
    let now = Utc::now().to_rfc3339();
    let id = DocumentId(db.insert_returning_id(
        "INSERT INTO documents (kind, patient_id, title, request, pages, pdf, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        sql_params![kind.as_str(), patient, title, request, pages, pdf, now, actor.user_id()],
    )?);
    audit::record_for_patient(
        db,
        Some(actor),
        Action::GenerateDocument,
        &format!("document:{}", kind.as_str()),
        Some(id.to_string()),
        patient,
    )?;
    Ok(Generated {
        info: DocumentInfo {
            id,
            kind,
            patient_id: patient,
            title: title.to_owned(),
            pages,
            bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
            created_at: now,
            created_by: actor.display_name().to_owned(),
        },
        pdf,
    })
}

fn info_row(r: &Row) -> Result<DocumentInfo> {
    let id: DocumentId = r.get("id")?;
    let kind: String = r.get("kind")?;
    Ok(DocumentInfo {
        id,
        kind: DocumentKind::parse(&kind).ok_or_else(|| {
            Error::Internal(format!("document {id} has an unknown kind {kind:?}"))
        })?,
        patient_id: r.get("patient_id")?,
        title: r.get("title")?,
        pages: r.get("pages")?,
        bytes: r.get("bytes")?,
        created_at: r.get("created_at")?,
        created_by: r.get("display_name")?,
    })
}

const INFO_SQL: &str = "SELECT d.id, d.kind, d.patient_id, d.title, d.pages, length(d.pdf) AS bytes, d.created_at, u.display_name
     FROM documents d JOIN users u ON u.id = d.created_by";
/// The largest payment a superbill records, in cents (1,000,000.00).
const MAX_PAID_CENTS: i64 = 100_000_000;

impl Clinic {
    /// The patient's treatment summary over a period, from signed notes only.
    pub fn generate_treatment_summary(
        &self,
        actor: &Actor,
        req: &SummaryRequest,
    ) -> Result<Generated> {
        actor.require(Operation::PrintClinicalDocuments)?;
        // Printed as the summary's "Next steps" and kept with the request: the one text policy.
        let next = req.next_steps.as_deref().unwrap_or("");
        let req = &SummaryRequest {
            next_steps: text::check("Next steps", next, text::NOTE)
                .map_err(|problem| Error::invalid("next_steps", problem))?,
            ..req.clone()
        };
        let from = optional_date("from", &req.from)?;
        let to = optional_date("to", &req.to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(Error::invalid(
                    "to",
                    "The period ends before it starts: choose an end date on or after the start.",
                ));
            }
        }
        let (ctx, patient, practitioner, notes, handouts) = self.read_snapshot(|db| {
            let ctx = context(db)?;
            let patient = patient_head(db, req.patient_id)?;
            let notes = signed_notes(db, req.patient_id, from, to)?;
            let Some(latest) = notes.last() else {
                return Err(Error::invalid(
                    "from",
                    format!("{} has no signed visit notes in this period; a summary is made from signed notes only. Sign the notes, or choose another period.", patient.name),
                ));
            };
            let practitioner = practitioner_head(db, latest.practitioner_id)?;
            let handouts = super::handouts::for_summary(db, &req.handouts)?;
            Ok((ctx, patient, practitioner, notes, handouts))
        })?;
        let pdf = super::summary::render(&ctx, &patient, &practitioner, &notes, req, &handouts)?;
        let title = format!(
            "Treatment summary, {} – {} ({} visits)",
            notes.first().map_or("", |n| n.visit_date.as_str()),
            notes.last().map_or("", |n| n.visit_date.as_str()),
            notes.len()
        );
        self.write_db(|db| {
            record(
                db,
                actor,
                DocumentKind::Summary,
                Some(patient.id),
                &title,
                req,
                pdf,
            )
        })
    }

    /// One signed visit note with its addenda, for referrals and records requests.
    pub fn generate_visit_note_pdf(&self, actor: &Actor, note: NoteId) -> Result<Generated> {
        actor.require(Operation::PrintClinicalDocuments)?;
        let (ctx, note, patient, practitioner) = self.read_snapshot(|db| {
            let ctx = context(db)?;
            let note = load_note(db, note)?;
            if note.signed_at.is_none() {
                return Err(Error::invalid(
                    "note_id",
                    "This visit note is still a draft: sign it before printing it.",
                ));
            }
            let patient = patient_head(db, note.patient_id)?;
            let practitioner = practitioner_head(db, note.practitioner_id)?;
            Ok((ctx, note, patient, practitioner))
        })?;
        let pdf = super::note::render(&ctx, &patient, &practitioner, &note)?;
        let title = format!("Visit note, {}", note.visit_date);
        self.write_db(|db| {
            record(
                db,
                actor,
                DocumentKind::VisitNote,
                Some(patient.id),
                &title,
                &note.id,
                pdf,
            )
        })
    }

    /// The superbill / receipt for one date of service: ICD-10 codes and CPT units from the
    /// signed notes of that day, fees from their appointment types.
    pub fn generate_superbill(&self, actor: &Actor, req: &SuperbillRequest) -> Result<Generated> {
        actor.require(Operation::PrintBillingDocuments)?;
        let date = parse_date("date", req.date.trim())?;
        if req.amount_paid_cents.is_some_and(|p| p < 0) {
            return Err(Error::invalid(
                "amount_paid_cents",
                "The amount paid cannot be negative.",
            ));
        }
        // One day's visits never cost a million; a larger figure is a typo (or an overflow).
        if req.amount_paid_cents.is_some_and(|p| p > MAX_PAID_CENTS) {
            return Err(Error::invalid(
                "amount_paid_cents",
                "The amount paid is far more than a day's treatment: check the figure (in cents).",
            ));
        }
        // Printed on the receipt and kept with the document's request: the one text policy.
        let method = req.payment_method.as_deref().unwrap_or("");
        let req = &SuperbillRequest {
            payment_method: text::check("The payment method", method, text::LINE)
                .map_err(|problem| Error::invalid("payment_method", problem))?,
            ..req.clone()
        };
        let (ctx, patient, bill) = self.read_snapshot(|db| {
            let ctx = context(db)?;
            let patient = patient_head(db, req.patient_id)?;
            let bill = super::superbill::gather(db, &patient, date)?;
            Ok((ctx, patient, bill))
        })?;
        let pdf = super::superbill::render(&ctx, &patient, &bill, req)?;
        let title = format!("Superbill, {date}");
        self.write_db(|db| {
            record(
                db,
                actor,
                DocumentKind::Superbill,
                Some(patient.id),
                &title,
                req,
                pdf,
            )
        })
    }

    /// The reception's day sheet: the day's appointments by practitioner, no clinical content.
    pub fn generate_day_sheet(&self, actor: &Actor, date: &str) -> Result<Generated> {
        actor.require(Operation::PrintBillingDocuments)?;
        let day = parse_date("date", date.trim())?;
        let sheet = self.day_sheet(actor, day)?;
        let ctx = self.read_db(context)?;
        let pdf = super::daysheet::render(&ctx, &sheet, day)?;
        let title = format!("Day sheet, {day}");
        self.write_db(|db| {
            record(
                db,
                actor,
                DocumentKind::DaySheet,
                None,
                &title,
                &day.to_string(),
                pdf,
            )
        })
    }

    /// The documents generated for a patient, newest first.
    pub fn patient_documents(
        &self,
        actor: &Actor,
        patient: PatientId,
    ) -> Result<Vec<DocumentInfo>> {
        actor.require(Operation::ListDocuments)?;
        self.read_db(|db| {
            db.query(
                &format!("{INFO_SQL} WHERE d.patient_id = ?1 ORDER BY d.id DESC"),
                sql_params![patient],
            )?
            .iter()
            .map(info_row)
            .collect()
        })
    }

    /// A stored document's PDF. Treatment summaries and visit notes need the clinical
    /// permission; opening one is audited like reading a note.
    pub fn document_pdf(&self, actor: &Actor, id: DocumentId) -> Result<(DocumentInfo, Vec<u8>)> {
        actor.require(Operation::ListDocuments)?;
        self.write_db(|db| {
            let found = db
                .query_opt(&format!("{INFO_SQL} WHERE d.id = ?1"), sql_params![id])?
                .ok_or_else(|| Error::NotFound(format!("Document {id}")))?;
            let info = info_row(&found)?;
            if info.kind.is_clinical() {
                actor.require(Operation::PrintClinicalDocuments)?;
            } else {
                actor.require(Operation::PrintBillingDocuments)?;
            }
            let pdf: Vec<u8> = db
                .query_one("SELECT pdf FROM documents WHERE id = ?1", sql_params![id])?
                .get("pdf")?;
            audit::record_for_patient(
                db,
                Some(actor),
                Action::Read,
                &format!("document:{}", info.kind.as_str()),
                Some(id.to_string()),
                info.patient_id,
            )?;
            Ok((info, pdf))
        })
    }
}
