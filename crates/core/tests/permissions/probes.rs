//! One probe per core service that acts for someone: the `Clinic` method's name, the
//! operation the permission table lists for it, and a call with valid arguments. The matrix
//! calls each probe as each role: the roles the table allows must succeed, the others must be
//! refused with `permission_denied`.
//!
//! Adding a service? Add one line here; the IPC map then refers to it by name. A probe returns
//! what the service returns, as JSON: the receptionist scan reads it for clinical markers, so
//! for a file (CSV, PDF) return its text (for a PDF, what `pdftotext` extracts), not its bytes.

use acuchart_core::audit::AuditFilter;
use acuchart_core::auth::{Actor, Operation, Role};
use acuchart_core::backup::BackupSettings;
use acuchart_core::documents::{DocumentSettings, HandoutInput, SummaryRequest, SuperbillRequest};
use acuchart_core::files::Overwrite;
use acuchart_core::import::{ImportKind, ImportOptions};
use acuchart_core::patients::{MedicalHistory, NewPatient, PatientQuery, SafetyFlags};
use acuchart_core::schedule::{
    AppointmentChange, AppointmentTypeInput, CancelInput, EditScope, IcsQuery, NewWaitlistEntry,
    PractitionerInput, RoomInput, ScheduleQuery, SlotQuery, StatusChange, TimeOffInput,
};
use acuchart_core::settings::SecuritySettings;
use acuchart_core::visits::StartNote;
use acuchart_core::Error;
use serde_json::Value;

use super::cx::{marked_draft, Cx};

pub type ProbeFn = fn(&mut Cx, &Actor) -> Result<Value, Error>;

pub struct Probe {
    /// The `Clinic` method's name, as IPC commands and CLI operations call it.
    pub service: &'static str,
    pub op: Operation,
    pub call: ProbeFn,
}

fn json<T: serde::Serialize>(value: T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
}

macro_rules! probe {
    ($service:ident, $op:ident, |$cx:ident, $a:ident| $body:expr) => {
        Probe {
            service: stringify!($service),
            op: Operation::$op,
            call: |$cx, $a| json($body),
        }
    };
}

pub const PROBES: &[Probe] = &[
    // settings
    probe!(settings, ReadClinicSettings, |cx, a| cx
        .clinic()
        .settings(a)?),
    probe!(update_security_settings, ManageClinicSettings, |cx, a| cx
        .clinic()
        .update_security_settings(
            a,
            &SecuritySettings {
                idle_lock_seconds: 300
            }
        )?),
    // patients
    probe!(create_patient, CreatePatient, |cx, a| {
        let n = cx.next();
        cx.clinic().create_patient(
            a,
            &NewPatient {
                given_name: format!("Walk{n}"),
                family_name: format!("In{n}"),
                ..Default::default()
            },
        )?
    }),
    probe!(search_patients, SearchPatients, |cx, a| cx
        .clinic()
        .search_patients(
            a,
            &PatientQuery {
                text: "quist".into(),
                include_archived: true,
                limit: None,
            },
        )?),
    probe!(find_duplicate_patients, CreatePatient, |cx, a| cx
        .clinic()
        .find_duplicate_patients(
            a,
            &NewPatient {
                given_name: "Morwenna".into(),
                family_name: "Quist".into(),
                date_of_birth: Some("1971-04-02".into()),
                ..Default::default()
            },
        )?),
    probe!(patient, ReadPatient, |cx, a| {
        let id = cx.marked;
        cx.clinic().patient(a, id)?
    }),
    probe!(update_patient_details, UpdatePatientDetails, |cx, a| {
        let id = cx.marked;
        let mut details = cx.clinic().patient(cx.admin(), id)?.details;
        details.city = Some("Lyon".into());
        cx.clinic().update_patient_details(a, id, &details)?
    }),
    probe!(set_patient_archived, ArchivePatient, |cx, a| {
        let id = cx.fresh_patient()?;
        cx.clinic().set_patient_archived(a, id, true)?
    }),
    probe!(merge_patients, MergePatients, |cx, a| {
        let (keep, merge) = (cx.fresh_patient()?, cx.fresh_patient()?);
        cx.clinic().merge_patients(a, keep, merge)?
    }),
    probe!(update_safety_flags, UpdateSafetyFlags, |cx, a| {
        let id = cx.fresh_patient()?;
        cx.clinic().update_safety_flags(
            a,
            id,
            &SafetyFlags {
                diabetes: true,
                ..Default::default()
            },
        )?
    }),
    probe!(patient_medical, ReadPatientMedical, |cx, a| {
        let id = cx.marked;
        cx.clinic().patient_medical(a, id)?
    }),
    probe!(update_patient_medical, UpdatePatientMedical, |cx, a| {
        let id = cx.fresh_patient()?;
        cx.clinic().update_patient_medical(
            a,
            id,
            &MedicalHistory {
                medications: Some("Ibuprofen".into()),
                ..Default::default()
            },
        )?
    }),
    probe!(generate_demo, LoadDemoData, |cx, a| cx
        .clinic()
        .generate_demo(a, 1, 7, |_, _| {})?),
    probe!(generate_demo_clinic, LoadDemoData, |cx, a| cx
        .clinic()
        .generate_demo_clinic(a, 1, 7, |_, _, _| {})?),
    // staff
    probe!(list_users, ListUsers, |cx, a| cx.clinic().list_users(a)?),
    probe!(user_by_username, ListUsers, |cx, a| cx
        .clinic()
        .user_by_username(a, "setup-prac")?),
    probe!(create_user, CreateUser, |cx, a| {
        let n = cx.next();
        cx.clinic().create_user(
            a,
            acuchart_core::users::NewUser {
                username: format!("made-{n}"),
                display_name: format!("Made {n}"),
                password: "a long enough password".into(),
                roles: vec![Role::Receptionist],
            },
        )?
    }),
    probe!(set_user_disabled, DisableUser, |cx, a| {
        let id = cx.fresh_user()?.id;
        cx.clinic().set_user_disabled(a, id, true)?
    }),
    probe!(reset_user_password, ResetUserPassword, |cx, a| {
        let id = cx.fresh_user()?.id;
        cx.clinic()
            .reset_user_password(a, id, "another long password")?
    }),
    probe!(set_user_roles, ChangeUserRoles, |cx, a| {
        let id = cx.fresh_user()?.id;
        cx.clinic()
            .set_user_roles(a, id, &[Role::Receptionist, Role::Practitioner])?
    }),
    probe!(change_own_password, ChangeOwnPassword, |cx, a| {
        // Changed and changed back, so the actor keeps signing in with the usual password.
        let (usual, other) = (crate::common::PASSWORD, "a temporary password");
        cx.clinic().change_own_password(a, usual, other)?;
        cx.clinic().change_own_password(a, other, usual)?
    }),
    // audit
    probe!(verify_audit, VerifyAudit, |cx, a| cx
        .clinic()
        .verify_audit(a)?),
    probe!(reset_audit_anchor, VerifyAudit, |cx, a| cx
        .clinic()
        .reset_audit_anchor(a)?),
    probe!(list_audit, ReadAuditLog, |cx, a| cx
        .clinic()
        .list_audit(a, &AuditFilter::default())?),
    probe!(export_audit_csv, ExportAuditLog, |cx, a| cx
        .clinic()
        .export_audit_csv(a, &AuditFilter::default())?),
    probe!(export_audit_to, ExportAuditLog, |cx, a| {
        let dir = cx.f.dir.path().join("exports");
        cx.clinic()
            .export_audit_to(a, &AuditFilter::default(), &dir)?
    }),
    // visit notes
    probe!(start_visit_note, WriteVisitNotes, |cx, a| {
        let patient_id = cx.fresh_patient()?;
        cx.clinic().start_visit_note(
            a,
            &StartNote {
                patient_id,
                appointment_id: None,
                visit_date: None,
            },
        )?
    }),
    probe!(visit_note, ReadVisitNotes, |cx, a| {
        let prac = cx.prac.clone();
        let id = cx.draft_by(&prac, None)?.id;
        cx.clinic().visit_note(a, id)?
    }),
    probe!(save_visit_note, WriteVisitNotes, |cx, a| {
        let note = cx.draft_by(a, None)?;
        cx.clinic()
            .save_visit_note(a, note.id, note.revision, &marked_draft())?
    }),
    probe!(check_visit_alerts, WriteVisitNotes, |cx, a| {
        let id = cx.marked;
        cx.clinic().check_visit_alerts(a, id, &marked_draft())?
    }),
    probe!(discard_visit_note, WriteVisitNotes, |cx, a| {
        let note = cx.draft_by(a, None)?;
        cx.clinic().discard_visit_note(a, note.id, note.revision)?
    }),
    probe!(previous_treatment, ReadVisitNotes, |cx, a| {
        let (prac, id) = (cx.prac.clone(), cx.marked);
        let note = cx.draft_by(&prac, Some(id))?;
        cx.clinic().previous_treatment(a, note.id)?
    }),
    probe!(patient_chart, ReadVisitNotes, |cx, a| {
        let id = cx.marked;
        cx.clinic().patient_chart(a, id)?
    }),
    probe!(patient_outcomes, ReadVisitNotes, |cx, a| {
        let id = cx.marked;
        cx.clinic().patient_outcomes(a, id)?
    }),
    probe!(sign_visit_note, SignVisitNote, |cx, a| {
        let note = cx.draft_by(a, None)?;
        cx.clinic()
            .sign_visit_note(a, note.id, note.revision, None)?
    }),
    probe!(add_addendum, AddAddendum, |cx, a| {
        let note = cx.signed_note_by(a, None)?;
        cx.clinic().add_addendum(a, note.id, "Later: no bruising")?
    }),
    probe!(today_schedule, ReadVisitNotes, |cx, a| cx
        .clinic()
        .today_schedule(
            a,
            &acuchart_core::visits::TodayQuery {
                date: None,
                all_practitioners: true,
            },
        )?),
    probe!(point_picks, WriteVisitNotes, |cx, a| cx
        .clinic()
        .point_picks(a, 10)?),
    probe!(set_point_favourite, WriteVisitNotes, |cx, a| cx
        .clinic()
        .set_point_favourite(a, "ST36", true)?),
    // protocols
    probe!(list_protocols, ReadProtocols, |cx, a| cx
        .clinic()
        .list_protocols(a)?),
    probe!(protocol, ReadProtocols, |cx, a| cx
        .clinic()
        .protocol(a, "sciatica-bladder")?),
    probe!(create_protocol, ManageProtocols, |cx, a| {
        let input = cx.new_protocol();
        cx.clinic().create_protocol(a, &input)?
    }),
    probe!(update_protocol, ManageProtocols, |cx, a| {
        let id = cx.protocol_by(a)?;
        let input = cx.new_protocol();
        cx.clinic().update_protocol(a, id, &input)?
    }),
    probe!(copy_protocol, ManageProtocols, |cx, a| {
        let shipped = cx.clinic().protocol(cx.admin(), "sciatica-bladder")?.id;
        cx.clinic().copy_protocol(a, shipped)?
    }),
    probe!(archive_protocol, ManageProtocols, |cx, a| {
        let id = cx.protocol_by(a)?;
        cx.clinic().archive_protocol(a, id)?
    }),
    // schedule
    probe!(save_room, ManageScheduleSetup, |cx, a| {
        let n = cx.next();
        cx.clinic().save_room(
            a,
            &RoomInput {
                id: None,
                name: format!("Room {n}"),
                sort_order: None,
                active: true,
            },
        )?
    }),
    probe!(schedule, ReadSchedule, |cx, a| cx.clinic().schedule(
        a,
        &ScheduleQuery {
            from: "2030-01-01".into(),
            days: 7,
            practitioner_ids: Vec::new(),
            include_cancelled: false,
        },
    )?),
    probe!(practitioner_day, ReadAllSchedules, |cx, a| {
        // Another practitioner's column: only those who see every column may.
        let other = cx.prac.user_id();
        let day =
            chrono::NaiveDate::from_ymd_opt(2030, 1, 1).ok_or(Error::Internal("date".into()))?;
        cx.clinic().practitioner_day(a, other, day)?
    }),
    probe!(book_appointment, BookAppointments, |cx, a| {
        let column = cx.prac.user_id();
        let input = cx.new_appointment(column)?;
        cx.clinic().book_appointment(a, &input)?
    }),
    probe!(set_appointment_status, UpdateAppointmentStatus, |cx, a| {
        let id = cx.booked_for(a)?;
        cx.clinic()
            .set_appointment_status(a, id, StatusChange::Arrived)?
    }),
    probe!(add_to_waitlist, ManageWaitlist, |cx, a| {
        let patient_id = cx.fresh_patient()?;
        cx.clinic().add_to_waitlist(
            a,
            &NewWaitlistEntry {
                patient_id,
                type_id: None,
                practitioner_ids: Vec::new(),
                weekdays: Vec::new(),
                earliest: None,
                latest: None,
                note: None,
            },
        )?
    }),
    probe!(schedule_setup, ReadSchedule, |cx, a| cx
        .clinic()
        .schedule_setup(a)?),
    probe!(update_schedule_settings, ManageScheduleSetup, |cx, a| {
        // The settings as they are: the world's bookings keep their meaning.
        let admin = cx.admin().clone();
        let now = cx.clinic().schedule_setup(&admin)?.settings;
        cx.clinic().update_schedule_settings(a, &now)?
    }),
    probe!(save_practitioner, ManageScheduleSetup, |cx, a| {
        let user_id = cx.prac.user_id();
        cx.clinic().save_practitioner(
            a,
            &PractitionerInput {
                user_id,
                licence_number: Some("AC-PROBE".into()),
                npi: None,
                signature_line: None,
                colour: Some("#2f6f9f".into()),
                sort_order: None,
                active: true,
            },
        )?
    }),
    probe!(save_appointment_type, ManageScheduleSetup, |cx, a| {
        let n = cx.next();
        cx.clinic().save_appointment_type(
            a,
            &AppointmentTypeInput {
                id: None,
                name: format!("Probe type {n}"),
                duration_minutes: 30,
                colour: "#8e44ad".into(),
                needs_room: false,
                fee_cents: Some(6500),
                billing_code: Some("97810".into()),
                sort_order: None,
                active: true,
            },
        )?
    }),
    probe!(working_hours, ReadSchedule, |cx, a| {
        let column = cx.column_for(a)?;
        cx.clinic().working_hours(a, column)?
    }),
    probe!(set_working_hours, ManageScheduleSetup, |cx, a| {
        let column = cx.prac.user_id();
        let admin = cx.admin().clone();
        let same = cx.clinic().working_hours(&admin, column)?;
        cx.clinic().set_working_hours(a, column, &same)?
    }),
    probe!(time_off, ReadSchedule, |cx, a| {
        let column = cx.column_for(a)?;
        cx.clinic().time_off(a, column, true)?
    }),
    // Time off far from the probes' bookings (January 2030), so none of them needs an override.
    probe!(add_time_off, ManageScheduleSetup, |cx, a| {
        let practitioner_id = cx.prac.user_id();
        cx.clinic().add_time_off(
            a,
            &TimeOffInput {
                practitioner_id,
                from: "2031-06-02".into(),
                to: "2031-06-03".into(),
                reason: Some("Course".into()),
            },
        )?
    }),
    probe!(delete_time_off, ManageScheduleSetup, |cx, a| {
        let admin = cx.admin().clone();
        let practitioner_id = cx.prac.user_id();
        let made = cx.clinic().add_time_off(
            &admin,
            &TimeOffInput {
                practitioner_id,
                from: "2031-07-01".into(),
                to: "2031-07-01".into(),
                reason: None,
            },
        )?;
        cx.clinic().delete_time_off(a, made.id)?
    }),
    probe!(preview_booking, BookAppointments, |cx, a| {
        let column = cx.prac.user_id();
        let input = cx.new_appointment(column)?;
        cx.clinic().preview_booking(a, &input)?
    }),
    probe!(update_appointment, BookAppointments, |cx, a| {
        let id = cx.booked_for(a)?;
        cx.clinic().update_appointment(
            a,
            id,
            &AppointmentChange {
                front_desk_note: Some("Prefers the quiet room".into()),
                ..Default::default()
            },
        )?
    }),
    probe!(cancel_appointment, BookAppointments, |cx, a| {
        let id = cx.booked_for(a)?;
        cx.clinic().cancel_appointment(
            a,
            id,
            &CancelInput {
                reason: "Unwell".into(),
                scope: EditScope::This,
            },
        )?
    }),
    probe!(next_free_slots, ReadSchedule, |cx, a| {
        let column = cx.column_for(a)?;
        let kind = cx.schedule.kind;
        cx.clinic().next_free_slots(
            a,
            &SlotQuery {
                type_id: kind,
                practitioner_id: Some(column),
                room_id: None,
                from: Some("2030-02-01".into()),
                weekdays: Vec::new(),
                earliest: None,
                latest: None,
                limit: Some(3),
                duration_minutes: None,
            },
        )?
    }),
    probe!(patient_appointments, ReadSchedule, |cx, a| {
        let marked = cx.marked;
        cx.clinic().patient_appointments(a, marked)?
    }),
    probe!(waitlist, ManageWaitlist, |cx, a| cx.clinic().waitlist(a)?),
    probe!(resolve_waitlist_entry, ManageWaitlist, |cx, a| {
        let patient_id = cx.fresh_patient()?;
        let admin = cx.admin().clone();
        let entry = cx.clinic().add_to_waitlist(
            &admin,
            &NewWaitlistEntry {
                patient_id,
                type_id: None,
                practitioner_ids: Vec::new(),
                weekdays: Vec::new(),
                earliest: None,
                latest: None,
                note: None,
            },
        )?;
        cx.clinic().resolve_waitlist_entry(a, entry.id)?
    }),
    probe!(waitlist_offers, ManageWaitlist, |cx, a| {
        let id = cx.booked_for(a)?;
        cx.clinic().waitlist_offers(a, id)?
    }),
    probe!(export_schedule_ics_to, ExportSchedule, |cx, a| {
        let practitioner_id = cx.column_for(a)?;
        let dir = cx.f.dir.path().join("exports");
        let written = cx.clinic().export_schedule_ics_to(
            a,
            &IcsQuery {
                practitioner_id,
                from: "2030-01-01".into(),
                to: "2030-01-31".into(),
                include_patient_names: true,
            },
            &dir,
        )?;
        // The file's text, for the receptionist scan.
        std::fs::read_to_string(&written.path).map_err(|e| Error::Internal(e.to_string()))?
    }),
    probe!(schedule_ics, ExportSchedule, |cx, a| {
        let practitioner_id = cx.column_for(a)?;
        cx.clinic().schedule_ics(
            a,
            &IcsQuery {
                practitioner_id,
                from: "2030-01-01".into(),
                to: "2030-01-31".into(),
                include_patient_names: false,
            },
        )?
    }),
    // backups and the database key
    probe!(create_backup, ManageBackups, |cx, a| cx
        .clinic()
        .create_backup(a, &mut |_| {})?),
    probe!(backup_overview, ManageBackups, |cx, a| cx
        .clinic()
        .backup_overview(a)?),
    probe!(verify_backup, ManageBackups, |cx, a| {
        let admin = cx.f.admin.clone();
        let made = cx.clinic().create_backup(&admin, &mut |_| {})?;
        cx.clinic()
            .verify_backup(a, std::path::Path::new(&made.path), None)?
    }),
    probe!(update_backup_settings, ManageBackups, |cx, a| cx
        .clinic()
        .update_backup_settings(
        a,
        &BackupSettings::default()
    )?),
    probe!(restore_backup, RestoreBackup, |cx, a| {
        let admin = cx.f.admin.clone();
        let made = cx.clinic().create_backup(&admin, &mut |_| {})?;
        cx.clinic()
            .restore_backup(a, std::path::Path::new(&made.path), None, &mut |_| {})?
            .schema_version_now
    }),
    // data in and out
    probe!(preview_import, ImportAppointments, |cx, a| cx
        .clinic()
        .preview_import(
            a,
            ImportKind::Appointments,
            b"Patient ID,Start,Practitioner\nP-1,02/03/2030 09:00,Nobody\n",
            &ImportOptions::default()
        )?
        .problem_count),
    probe!(run_import, ImportPatients, |cx, a| {
        // A new name each call (letters only), so no call is a duplicate of the one before.
        let tag: String = cx
            .next()
            .to_string()
            .bytes()
            .map(|b| char::from(b'a' + (b - b'0')))
            .collect();
        let row = format!("First Name,Surname,DOB\nAda,Probe{tag},01/02/1980\n");
        cx.clinic()
            .run_import(
                a,
                ImportKind::Patients,
                row.as_bytes(),
                &ImportOptions::default(),
                &mut |_| {},
            )?
            .imported
    }),
    probe!(export_csv, ExportClinicData, |cx, a| {
        let n = cx.next();
        let dir = cx.f.dir.path().join(format!("export-{n}"));
        cx.clinic()
            .export_csv(a, &dir, Overwrite::Refuse, &mut |_| {})?
            .patients
    }),
    probe!(export_fhir, ExportClinicData, |cx, a| {
        let n = cx.next();
        let path = cx.f.dir.path().join(format!("export-{n}.json"));
        cx.clinic()
            .export_fhir(a, &path, None, Overwrite::Refuse, &mut |_| {})?
            .patients
    }),
    probe!(rotate_key, RotateKey, |cx, a| cx
        .f
        .vault
        .rotate_key(&cx.f.clinic, a)?
        .backups_reencrypted),
    // documents (a PDF probe answers with the text pdftotext extracts)
    probe!(document_settings, ReadClinicSettings, |cx, a| cx
        .clinic()
        .document_settings(
        a
    )?),
    probe!(update_document_settings, ManageClinicSettings, |cx, a| cx
        .clinic()
        .update_document_settings(
            a,
            &DocumentSettings {
                currency_symbol: "$".into(),
                ..Default::default()
            }
        )?),
    probe!(
        generate_treatment_summary,
        PrintClinicalDocuments,
        |cx, a| {
            let note = cx.signed_note_by(a, None)?;
            let made = cx.clinic().generate_treatment_summary(
                a,
                &SummaryRequest {
                    patient_id: note.patient_id,
                    ..Default::default()
                },
            )?;
            pdf_text(cx, &made.pdf)?
        }
    ),
    probe!(generate_visit_note_pdf, PrintClinicalDocuments, |cx, a| {
        let note = cx.signed_note_by(a, None)?;
        let made = cx.clinic().generate_visit_note_pdf(a, note.id)?;
        pdf_text(cx, &made.pdf)?
    }),
    probe!(generate_superbill, PrintBillingDocuments, |cx, a| {
        let note = cx.signed_note_by(a, None)?;
        let made = cx.clinic().generate_superbill(
            a,
            &SuperbillRequest {
                patient_id: note.patient_id,
                date: note.visit_date.clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        pdf_text(cx, &made.pdf)?
    }),
    probe!(generate_day_sheet, PrintBillingDocuments, |cx, a| {
        let today = cx.clinic().today()?.to_string();
        let made = cx.clinic().generate_day_sheet(a, &today)?;
        pdf_text(cx, &made.pdf)?
    }),
    probe!(patient_documents, ListDocuments, |cx, a| {
        let id = cx.marked;
        cx.clinic().patient_documents(a, id)?
    }),
    probe!(document_pdf, ListDocuments, |cx, a| {
        let admin = cx.f.admin.clone();
        let note = cx.signed_note_by(&admin, None)?;
        let bill = cx.clinic().generate_superbill(
            &admin,
            &SuperbillRequest {
                patient_id: note.patient_id,
                date: note.visit_date.clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        let (_, pdf) = cx.clinic().document_pdf(a, bill.info.id)?;
        pdf_text(cx, &pdf)?
    }),
    probe!(save_document_pdf, ListDocuments, |cx, a| {
        let admin = cx.f.admin.clone();
        let note = cx.signed_note_by(&admin, None)?;
        let bill = cx.clinic().generate_superbill(
            &admin,
            &SuperbillRequest {
                patient_id: note.patient_id,
                date: note.visit_date.clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        let n = cx.next();
        let path = cx.f.dir.path().join(format!("saved-{n}.pdf"));
        cx.clinic()
            .save_document_pdf(a, bill.info.id, &path, Overwrite::Replace)?;
        let pdf = std::fs::read(&path).map_err(|e| Error::Internal(e.to_string()))?;
        pdf_text(cx, &pdf)?
    }),
    // condition handouts and the letterhead's logo
    probe!(list_handouts, ReadHandouts, |cx, a| cx
        .clinic()
        .list_handouts(a, true)?),
    probe!(save_handout, ManageHandouts, |cx, a| {
        let n = cx.next();
        cx.clinic().save_handout(
            a,
            &HandoutInput {
                title: format!("Probe handout {n}"),
                body: "# Home care\n- Walk daily.".into(),
                ..Default::default()
            },
        )?
    }),
    probe!(clinic_logo, ReadClinicSettings, |cx, a| cx
        .clinic()
        .clinic_logo(a)?
        .map(|l| (l.width, l.height))),
    probe!(set_clinic_logo, ManageClinicSettings, |cx, a| {
        let logo = cx.clinic().set_clinic_logo(a, &probe_png()?)?;
        (logo.width, logo.height)
    }),
    probe!(remove_clinic_logo, ManageClinicSettings, |cx, a| cx
        .clinic()
        .remove_clinic_logo(a)?),
];

/// What `pdftotext` reads from a PDF (poppler-utils).
fn pdf_text(cx: &mut Cx, pdf: &[u8]) -> Result<String, Error> {
    let n = cx.next();
    let path = cx.f.dir.path().join(format!("probe-{n}.pdf"));
    std::fs::write(&path, pdf).map_err(|e| Error::Internal(e.to_string()))?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| Error::Internal(format!("pdftotext: {e}")))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A small logo (a teal bar) as PNG bytes.
fn probe_png() -> Result<Vec<u8>, Error> {
    let img = image::RgbImage::from_pixel(200, 60, image::Rgb([30, 110, 120]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(out)
}

pub fn find(service: &str) -> Option<&'static Probe> {
    PROBES.iter().find(|p| p.service == service)
}
