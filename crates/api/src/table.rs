//! The command table: every command the window may call, once. A core command names the
//! operation it runs; a shell command is implemented by each host (it needs the host's native
//! dialogs, its sign-in state, or a way back to the window for its long work's progress: a
//! [`ProgressChannel`] argument). Adding a command is one line here (then `make bindings`); see
//! docs/ARCHITECTURE.md.

use std::path::PathBuf;

use crate::ProgressChannel;
use acuchart_core::api::{AppStatus, KeyRotationResult, Session as SignedIn, SetupResult};
use acuchart_core::audit::{AuditExport, AuditFilter, AuditPage, AuditVerification};
use acuchart_core::auth::Role;
use acuchart_core::backup::{
    BackupCheck, BackupInfo, BackupOverview, BackupProgress, BackupSettings, RestoreReport,
};
use acuchart_core::demo::{DemoClinic, DemoProgress};
use acuchart_core::documents::{
    DocumentInfo, DocumentSettings, Handout, HandoutInput, LogoInfo, SummaryRequest,
    SuperbillRequest,
};
use acuchart_core::export::ExportSummary;
use acuchart_core::files::Overwrite;
use acuchart_core::ids::{
    AppointmentId, DocumentId, NoteId, PatientId, ProtocolId, TimeOffId, UserId, WaitlistId,
};
use acuchart_core::import::{
    DataProgress, ImportKind, ImportOptions, ImportPreview, ImportSummary,
};
use acuchart_core::patients::{
    MedicalHistory, NewPatient, PatientDetails, PatientProfile, PatientQuery, PatientSummary,
    SafetyFlags,
};
use acuchart_core::points::{search_points as find_points, Point, PointFilter};
use acuchart_core::schedule::{
    Appointment, AppointmentChange, AppointmentType, AppointmentTypeInput, BookingPreview,
    BookingResult, CancelInput, CancelResult, FreeSlot, IcsExport, IcsQuery, NewAppointment,
    NewWaitlistEntry, PatientAppointments, Practitioner, PractitionerInput, Room, RoomInput,
    ScheduleQuery, ScheduleSettings, ScheduleSetup, ScheduleView, SlotQuery, StatusChange, TimeOff,
    TimeOffInput, WaitlistEntry, WaitlistOffer, WorkingBlock,
};
use acuchart_core::session::LockReason;
use acuchart_core::settings::{self, ClinicSettings, SecuritySettings};
use acuchart_core::users::{NewUser, UserSummary};
use acuchart_core::vault::SetupInput;
use acuchart_core::visits::{
    apply_protocol as apply, body_map, parse_point_entry as parse_entry,
    search_icd10 as find_icd10, suggest_protocols, BodyMapRegion, Icd10Code, NewProtocol,
    NoteDraft, OutcomePoint, PainRegion, PatientChart, PointEntry, PointPicks, PreviousTreatment,
    Protocol, ProtocolSuggestion, SafetyAlert, Side, StartNote, TodayQuery, TodaySchedule,
    TreatmentPoint, VisitNote,
};

/// Longest list a search returns to the window.
pub const MAX_RESULTS: usize = 100;

/// The table itself, for hosts: `for_each_command!(my_macro)` expands `my_macro!` with every
/// line below (see `define_commands!` for the grammar).
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            // First run, unlocking and signing in (the host keeps who is signed in).
            shell app_status() -> AppStatus;
            shell complete_setup(input: SetupInput) -> SetupResult;
            shell unlock_with_recovery_key(recovery_key: String) -> ();
            shell login(username: String, password: String) -> SignedIn;
            shell logout() -> ();
            core time_zones() -> Vec<String> => |_s| {
                Ok(settings::time_zone_names().into_iter().map(str::to_owned).collect())
            };
            shell lock_session(reason: LockReason) -> ();
            shell unlock_session(password: String) -> ();
            core touch_session() -> () => |s| s.actor().map(|_| ());
            core change_own_password(current: String, new: String) -> () =>
                |s| s.clinic()?.change_own_password(&s.actor()?, &current, &new);

            // Patients
            core create_patient(input: NewPatient) -> PatientSummary =>
                |s| s.clinic()?.create_patient(&s.actor()?, &input);
            core search_patients(query: PatientQuery) -> Vec<PatientSummary> =>
                |s| s.clinic()?.search_patients(&s.actor()?, &query);
            core find_duplicate_patients(input: NewPatient) -> Vec<PatientSummary> =>
                |s| s.clinic()?.find_duplicate_patients(&s.actor()?, &input);
            core get_patient(id: PatientId) -> PatientProfile =>
                |s| s.clinic()?.patient(&s.actor()?, id);
            core update_patient_details(id: PatientId, details: PatientDetails) -> PatientProfile =>
                |s| s.clinic()?.update_patient_details(&s.actor()?, id, &details);
            core update_safety_flags(id: PatientId, flags: SafetyFlags) -> PatientProfile =>
                |s| s.clinic()?.update_safety_flags(&s.actor()?, id, &flags);
            core get_patient_medical(id: PatientId) -> MedicalHistory =>
                |s| s.clinic()?.patient_medical(&s.actor()?, id);
            core update_patient_medical(id: PatientId, medical: MedicalHistory) -> MedicalHistory =>
                |s| s.clinic()?.update_patient_medical(&s.actor()?, id, &medical);
            core set_patient_archived(id: PatientId, archived: bool) -> PatientProfile =>
                |s| s.clinic()?.set_patient_archived(&s.actor()?, id, archived);
            core merge_patients(keep: PatientId, merge: PatientId) -> PatientProfile =>
                |s| s.clinic()?.merge_patients(&s.actor()?, keep, merge);

            // Staff, audit and settings
            core list_users() -> Vec<UserSummary> => |s| s.clinic()?.list_users(&s.actor()?);
            core create_user(input: NewUser) -> UserSummary =>
                |s| s.clinic()?.create_user(&s.actor()?, input);
            core set_user_disabled(id: UserId, disabled: bool) -> UserSummary =>
                |s| s.clinic()?.set_user_disabled(&s.actor()?, id, disabled);
            core reset_user_password(id: UserId, password: String) -> () =>
                |s| s.clinic()?.reset_user_password(&s.actor()?, id, &password);
            core set_user_roles(id: UserId, roles: Vec<Role>) -> UserSummary =>
                |s| s.clinic()?.set_user_roles(&s.actor()?, id, &roles);
            core list_audit(filter: AuditFilter) -> AuditPage =>
                |s| s.clinic()?.list_audit(&s.actor()?, &filter);
            core verify_audit() -> AuditVerification => |s| s.clinic()?.verify_audit(&s.actor()?);
            core export_audit(filter: AuditFilter) -> AuditExport => |s| {
                let dir = acuchart_core::paths::export_dir()?;
                s.clinic()?.export_audit_to(&s.actor()?, &filter, &dir)
            };
            core update_security_settings(input: SecuritySettings) -> ClinicSettings =>
                |s| s.clinic()?.update_security_settings(&s.actor()?, &input);

            // Charting
            core today_schedule(query: TodayQuery) -> TodaySchedule =>
                |s| s.clinic()?.today_schedule(&s.actor()?, &query);
            core start_visit_note(input: StartNote) -> VisitNote =>
                |s| s.clinic()?.start_visit_note(&s.actor()?, &input);
            core get_visit_note(id: NoteId) -> VisitNote => |s| s.clinic()?.visit_note(&s.actor()?, id);
            core save_visit_note(id: NoteId, revision: i64, draft: NoteDraft) -> VisitNote =>
                |s| s.clinic()?.save_visit_note(&s.actor()?, id, revision, &draft);
            core check_visit_alerts(patient_id: PatientId, draft: NoteDraft) -> Vec<SafetyAlert> =>
                |s| s.clinic()?.check_visit_alerts(&s.actor()?, patient_id, &draft);
            core discard_visit_note(id: NoteId, revision: i64) -> () =>
                |s| s.clinic()?.discard_visit_note(&s.actor()?, id, revision);
            core sign_visit_note(id: NoteId, revision: i64, explanation: Option<String>) -> VisitNote =>
                |s| s.clinic()?.sign_visit_note(&s.actor()?, id, revision, explanation.as_deref());
            core add_addendum(id: NoteId, body: String) -> VisitNote =>
                |s| s.clinic()?.add_addendum(&s.actor()?, id, &body);
            core previous_treatment(id: NoteId) -> Option<PreviousTreatment> =>
                |s| s.clinic()?.previous_treatment(&s.actor()?, id);
            core patient_chart(patient_id: PatientId) -> PatientChart =>
                |s| s.clinic()?.patient_chart(&s.actor()?, patient_id);
            core patient_outcomes(patient_id: PatientId) -> Vec<OutcomePoint> =>
                |s| s.clinic()?.patient_outcomes(&s.actor()?, patient_id);
            core search_points(query: String, filter: PointFilter, limit: usize) -> Vec<Point> => |s| {
                s.actor()?;
                Ok(find_points(&query, &filter, limit.min(MAX_RESULTS)).into_iter().cloned().collect())
            };
            core parse_point_entry(text: String) -> PointEntry => |s| {
                s.actor()?;
                parse_entry(&text)
            };
            core point_picks(limit: usize) -> PointPicks =>
                |s| s.clinic()?.point_picks(&s.actor()?, limit.min(MAX_RESULTS));
            core set_point_favourite(code: String, favourite: bool) -> PointPicks =>
                |s| s.clinic()?.set_point_favourite(&s.actor()?, &code, favourite);
            core search_icd10(query: String, limit: usize) -> Vec<Icd10Code> => |s| {
                s.actor()?;
                find_icd10(&query, limit.min(MAX_RESULTS))
            };
            core body_map_regions() -> Vec<BodyMapRegion> => |s| {
                s.actor()?;
                Ok(body_map::REGIONS.to_vec())
            };
            core suggest_protocols_for(regions: Vec<PainRegion>) -> Vec<ProtocolSuggestion> => |s| {
                s.actor()?;
                Ok(suggest_protocols(&regions))
            };
            core list_protocols() -> Vec<Protocol> => |s| s.clinic()?.list_protocols(&s.actor()?);
            core create_protocol(input: NewProtocol) -> Protocol =>
                |s| s.clinic()?.create_protocol(&s.actor()?, &input);
            core update_protocol(id: ProtocolId, input: NewProtocol) -> Protocol =>
                |s| s.clinic()?.update_protocol(&s.actor()?, id, &input);
            core copy_protocol(id: ProtocolId) -> Protocol => |s| s.clinic()?.copy_protocol(&s.actor()?, id);
            core archive_protocol(id: ProtocolId) -> () => |s| s.clinic()?.archive_protocol(&s.actor()?, id);
            core apply_protocol(id: ProtocolId, affected_side: Side) -> Vec<TreatmentPoint> => |s| {
                let protocol = s.clinic()?.protocol(&s.actor()?, &id.to_string())?;
                Ok(apply(&protocol, affected_side))
            };

            // Schedule
            core schedule_setup() -> ScheduleSetup => |s| s.clinic()?.schedule_setup(&s.actor()?);
            core get_schedule(query: ScheduleQuery) -> ScheduleView =>
                |s| s.clinic()?.schedule(&s.actor()?, &query);
            core preview_booking(input: NewAppointment) -> BookingPreview =>
                |s| s.clinic()?.preview_booking(&s.actor()?, &input);
            core book_appointment(input: NewAppointment) -> BookingResult =>
                |s| s.clinic()?.book_appointment(&s.actor()?, &input);
            core update_appointment(id: AppointmentId, change: AppointmentChange) -> Vec<Appointment> =>
                |s| s.clinic()?.update_appointment(&s.actor()?, id, &change);
            core cancel_appointment(id: AppointmentId, input: CancelInput) -> CancelResult =>
                |s| s.clinic()?.cancel_appointment(&s.actor()?, id, &input);
            core set_appointment_status(id: AppointmentId, change: StatusChange) -> Appointment =>
                |s| s.clinic()?.set_appointment_status(&s.actor()?, id, change);
            core next_free_slots(query: SlotQuery) -> Vec<FreeSlot> =>
                |s| s.clinic()?.next_free_slots(&s.actor()?, &query);
            core patient_appointments(patient_id: PatientId) -> PatientAppointments =>
                |s| s.clinic()?.patient_appointments(&s.actor()?, patient_id);
            core list_waitlist() -> Vec<WaitlistEntry> => |s| s.clinic()?.waitlist(&s.actor()?);
            core add_to_waitlist(entry: NewWaitlistEntry) -> WaitlistEntry =>
                |s| s.clinic()?.add_to_waitlist(&s.actor()?, &entry);
            core resolve_waitlist_entry(id: WaitlistId) -> () =>
                |s| s.clinic()?.resolve_waitlist_entry(&s.actor()?, id);
            core waitlist_offers(appointment_id: AppointmentId) -> Vec<WaitlistOffer> =>
                |s| s.clinic()?.waitlist_offers(&s.actor()?, appointment_id);
            core save_practitioner(input: PractitionerInput) -> Practitioner =>
                |s| s.clinic()?.save_practitioner(&s.actor()?, &input);
            core save_room(input: RoomInput) -> Room => |s| s.clinic()?.save_room(&s.actor()?, &input);
            core save_appointment_type(input: AppointmentTypeInput) -> AppointmentType =>
                |s| s.clinic()?.save_appointment_type(&s.actor()?, &input);
            core get_working_hours(practitioner_id: UserId) -> Vec<WorkingBlock> =>
                |s| s.clinic()?.working_hours(&s.actor()?, practitioner_id);
            core set_working_hours(practitioner_id: UserId, blocks: Vec<WorkingBlock>) -> Vec<WorkingBlock> =>
                |s| s.clinic()?.set_working_hours(&s.actor()?, practitioner_id, &blocks);
            core list_time_off(practitioner_id: UserId, include_past: bool) -> Vec<TimeOff> =>
                |s| s.clinic()?.time_off(&s.actor()?, practitioner_id, include_past);
            core add_time_off(input: TimeOffInput) -> TimeOff => |s| s.clinic()?.add_time_off(&s.actor()?, &input);
            core delete_time_off(id: TimeOffId) -> () => |s| s.clinic()?.delete_time_off(&s.actor()?, id);
            core update_schedule_settings(input: ScheduleSettings) -> ScheduleSettings =>
                |s| s.clinic()?.update_schedule_settings(&s.actor()?, &input);
            core export_schedule_ics(query: IcsQuery) -> IcsExport => |s| {
                let dir = acuchart_core::paths::export_dir()?;
                s.clinic()?.export_schedule_ics_to(&s.actor()?, &query, &dir)
            };

            // Documents and handouts
            core generate_treatment_summary(request: SummaryRequest) -> DocumentInfo =>
                |s| Ok(s.clinic()?.generate_treatment_summary(&s.actor()?, &request)?.info);
            core generate_visit_note_pdf(note_id: NoteId) -> DocumentInfo =>
                |s| Ok(s.clinic()?.generate_visit_note_pdf(&s.actor()?, note_id)?.info);
            core generate_superbill(request: SuperbillRequest) -> DocumentInfo =>
                |s| Ok(s.clinic()?.generate_superbill(&s.actor()?, &request)?.info);
            core generate_day_sheet(date: String) -> DocumentInfo =>
                |s| Ok(s.clinic()?.generate_day_sheet(&s.actor()?, &date)?.info);
            core patient_documents(patient_id: PatientId) -> Vec<DocumentInfo> =>
                |s| s.clinic()?.patient_documents(&s.actor()?, patient_id);
            core #[raw] document_pdf(document_id: DocumentId) -> Vec<u8> =>
                |s| Ok(s.clinic()?.document_pdf(&s.actor()?, document_id)?.1);
            // `path` is what the native save dialog returned: it already asked before replacing.
            core save_document_pdf(document_id: DocumentId, path: String) -> DocumentInfo => |s| {
                let path = PathBuf::from(path);
                s.clinic()?.save_document_pdf(&s.actor()?, document_id, &path, Overwrite::Replace)
            };
            shell open_document(document_id: DocumentId) -> DocumentInfo;
            core document_settings() -> DocumentSettings => |s| s.clinic()?.document_settings(&s.actor()?);
            core update_document_settings(settings: DocumentSettings) -> DocumentSettings =>
                |s| s.clinic()?.update_document_settings(&s.actor()?, &settings);
            core list_handouts(include_archived: bool) -> Vec<Handout> =>
                |s| s.clinic()?.list_handouts(&s.actor()?, include_archived);
            core save_handout(handout: HandoutInput) -> Handout =>
                |s| s.clinic()?.save_handout(&s.actor()?, &handout);
            core clinic_logo() -> Option<LogoInfo> => |s| s.clinic()?.clinic_logo(&s.actor()?);
            shell choose_clinic_logo() -> Option<LogoInfo>;
            core remove_clinic_logo() -> () => |s| s.clinic()?.remove_clinic_logo(&s.actor()?);

            // Backups, keys, the demo clinic, import and export: long work pushes its progress
            // through the channel the window opens for the run (`on_progress`).
            core backup_overview() -> BackupOverview => |s| s.clinic()?.backup_overview(&s.actor()?);
            shell create_backup(on_progress: ProgressChannel<BackupProgress>) -> BackupInfo;
            core verify_backup(path: String, recovery_key: Option<String>) -> BackupCheck => |s| {
                let path = PathBuf::from(path);
                s.clinic()?.verify_backup(&s.actor()?, &path, recovery_key.as_deref())
            };
            shell restore_backup(
                path: String,
                recovery_key: Option<String>,
                on_progress: ProgressChannel<BackupProgress>,
            ) -> RestoreReport;
            core update_backup_settings(settings: BackupSettings) -> BackupOverview =>
                |s| s.clinic()?.update_backup_settings(&s.actor()?, &settings);
            shell rotate_key() -> KeyRotationResult;
            shell load_demo_clinic(on_progress: ProgressChannel<DemoProgress>) -> DemoClinic;
            shell choose_import_file() -> Option<String>;
            shell preview_import(kind: ImportKind, options: ImportOptions) -> ImportPreview;
            shell run_import(
                kind: ImportKind,
                options: ImportOptions,
                on_progress: ProgressChannel<DataProgress>,
            ) -> ImportSummary;
            shell export_clinic_csv(on_progress: ProgressChannel<DataProgress>) -> ExportSummary;
            shell export_clinic_fhir(on_progress: ProgressChannel<DataProgress>) -> ExportSummary;
        }
    };
}

for_each_command!(define_commands);
