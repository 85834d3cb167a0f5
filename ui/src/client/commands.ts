// Generated from the command table in crates/api by `make bindings`; do not edit.
// One function per command: the only place the window names a command.
import { call } from "../ipc";
import type { Channel } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentChange } from "../bindings/AppointmentChange";
import type { AppointmentId } from "../bindings/AppointmentId";
import type { AppointmentType } from "../bindings/AppointmentType";
import type { AppointmentTypeInput } from "../bindings/AppointmentTypeInput";
import type { AuditExport } from "../bindings/AuditExport";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditPage } from "../bindings/AuditPage";
import type { AuditVerification } from "../bindings/AuditVerification";
import type { BackupCheck } from "../bindings/BackupCheck";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { BackupProgress } from "../bindings/BackupProgress";
import type { BackupSettings } from "../bindings/BackupSettings";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { BookingPreview } from "../bindings/BookingPreview";
import type { BookingResult } from "../bindings/BookingResult";
import type { CancelInput } from "../bindings/CancelInput";
import type { CancelResult } from "../bindings/CancelResult";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { DataProgress } from "../bindings/DataProgress";
import type { DemoClinic } from "../bindings/DemoClinic";
import type { DemoProgress } from "../bindings/DemoProgress";
import type { DocumentId } from "../bindings/DocumentId";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { DocumentSettings } from "../bindings/DocumentSettings";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { FreeSlot } from "../bindings/FreeSlot";
import type { Handout } from "../bindings/Handout";
import type { HandoutInput } from "../bindings/HandoutInput";
import type { Icd10Code } from "../bindings/Icd10Code";
import type { IcsExport } from "../bindings/IcsExport";
import type { IcsQuery } from "../bindings/IcsQuery";
import type { ImportKind } from "../bindings/ImportKind";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportSummary } from "../bindings/ImportSummary";
import type { KeyRotationResult } from "../bindings/KeyRotationResult";
import type { LockReason } from "../bindings/LockReason";
import type { LogoInfo } from "../bindings/LogoInfo";
import type { MedicalHistory } from "../bindings/MedicalHistory";
import type { NewAppointment } from "../bindings/NewAppointment";
import type { NewPatient } from "../bindings/NewPatient";
import type { NewProtocol } from "../bindings/NewProtocol";
import type { NewUser } from "../bindings/NewUser";
import type { NewWaitlistEntry } from "../bindings/NewWaitlistEntry";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { NoteId } from "../bindings/NoteId";
import type { OutcomePoint } from "../bindings/OutcomePoint";
import type { PainRegion } from "../bindings/PainRegion";
import type { PatientAppointments } from "../bindings/PatientAppointments";
import type { PatientChart } from "../bindings/PatientChart";
import type { PatientDetails } from "../bindings/PatientDetails";
import type { PatientId } from "../bindings/PatientId";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { PatientQuery } from "../bindings/PatientQuery";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Point } from "../bindings/Point";
import type { PointEntry } from "../bindings/PointEntry";
import type { PointFilter } from "../bindings/PointFilter";
import type { PointPicks } from "../bindings/PointPicks";
import type { Practitioner } from "../bindings/Practitioner";
import type { PractitionerInput } from "../bindings/PractitionerInput";
import type { PreviousTreatment } from "../bindings/PreviousTreatment";
import type { Protocol } from "../bindings/Protocol";
import type { ProtocolId } from "../bindings/ProtocolId";
import type { ProtocolSuggestion } from "../bindings/ProtocolSuggestion";
import type { RestoreReport } from "../bindings/RestoreReport";
import type { Role } from "../bindings/Role";
import type { Room } from "../bindings/Room";
import type { RoomInput } from "../bindings/RoomInput";
import type { SafetyAlert } from "../bindings/SafetyAlert";
import type { SafetyFlags } from "../bindings/SafetyFlags";
import type { ScheduleQuery } from "../bindings/ScheduleQuery";
import type { ScheduleSettings } from "../bindings/ScheduleSettings";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import type { ScheduleView } from "../bindings/ScheduleView";
import type { SecuritySettings } from "../bindings/SecuritySettings";
import type { Session } from "../bindings/Session";
import type { SetupInput } from "../bindings/SetupInput";
import type { SetupResult } from "../bindings/SetupResult";
import type { Side } from "../bindings/Side";
import type { SlotQuery } from "../bindings/SlotQuery";
import type { StartNote } from "../bindings/StartNote";
import type { StatusChange } from "../bindings/StatusChange";
import type { SummaryRequest } from "../bindings/SummaryRequest";
import type { SuperbillRequest } from "../bindings/SuperbillRequest";
import type { TimeOff } from "../bindings/TimeOff";
import type { TimeOffId } from "../bindings/TimeOffId";
import type { TimeOffInput } from "../bindings/TimeOffInput";
import type { TodayQuery } from "../bindings/TodayQuery";
import type { TodaySchedule } from "../bindings/TodaySchedule";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";
import type { UserId } from "../bindings/UserId";
import type { UserSummary } from "../bindings/UserSummary";
import type { VisitNote } from "../bindings/VisitNote";
import type { WaitlistEntry } from "../bindings/WaitlistEntry";
import type { WaitlistId } from "../bindings/WaitlistId";
import type { WaitlistOffer } from "../bindings/WaitlistOffer";
import type { WorkingBlock } from "../bindings/WorkingBlock";

export const commands = {
  appStatus: () => call<AppStatus>("app_status"),
  completeSetup: (args: { input: SetupInput, }) => call<SetupResult>("complete_setup", args),
  unlockWithRecoveryKey: (args: { recoveryKey: string, }) => call<null>("unlock_with_recovery_key", args),
  login: (args: { username: string, password: string, }) => call<Session>("login", args),
  logout: () => call<null>("logout"),
  timeZones: () => call<Array<string>>("time_zones"),
  lockSession: (args: { reason: LockReason, }) => call<null>("lock_session", args),
  unlockSession: (args: { password: string, }) => call<null>("unlock_session", args),
  touchSession: () => call<null>("touch_session"),
  changeOwnPassword: (args: { current: string, new: string, }) => call<null>("change_own_password", args),
  createPatient: (args: { input: NewPatient, }) => call<PatientSummary>("create_patient", args),
  searchPatients: (args: { query: PatientQuery, }) => call<Array<PatientSummary>>("search_patients", args),
  findDuplicatePatients: (args: { input: NewPatient, }) => call<Array<PatientSummary>>("find_duplicate_patients", args),
  getPatient: (args: { id: PatientId, }) => call<PatientProfile>("get_patient", args),
  updatePatientDetails: (args: { id: PatientId, details: PatientDetails, }) => call<PatientProfile>("update_patient_details", args),
  updateSafetyFlags: (args: { id: PatientId, flags: SafetyFlags, }) => call<PatientProfile>("update_safety_flags", args),
  getPatientMedical: (args: { id: PatientId, }) => call<MedicalHistory>("get_patient_medical", args),
  updatePatientMedical: (args: { id: PatientId, medical: MedicalHistory, }) => call<MedicalHistory>("update_patient_medical", args),
  setPatientArchived: (args: { id: PatientId, archived: boolean, }) => call<PatientProfile>("set_patient_archived", args),
  mergePatients: (args: { keep: PatientId, merge: PatientId, }) => call<PatientProfile>("merge_patients", args),
  listUsers: () => call<Array<UserSummary>>("list_users"),
  createUser: (args: { input: NewUser, }) => call<UserSummary>("create_user", args),
  setUserDisabled: (args: { id: UserId, disabled: boolean, }) => call<UserSummary>("set_user_disabled", args),
  resetUserPassword: (args: { id: UserId, password: string, }) => call<null>("reset_user_password", args),
  setUserRoles: (args: { id: UserId, roles: Array<Role>, }) => call<UserSummary>("set_user_roles", args),
  listAudit: (args: { filter: AuditFilter, }) => call<AuditPage>("list_audit", args),
  verifyAudit: () => call<AuditVerification>("verify_audit"),
  exportAudit: (args: { filter: AuditFilter, }) => call<AuditExport>("export_audit", args),
  updateSecuritySettings: (args: { input: SecuritySettings, }) => call<ClinicSettings>("update_security_settings", args),
  todaySchedule: (args: { query: TodayQuery, }) => call<TodaySchedule>("today_schedule", args),
  startVisitNote: (args: { input: StartNote, }) => call<VisitNote>("start_visit_note", args),
  getVisitNote: (args: { id: NoteId, }) => call<VisitNote>("get_visit_note", args),
  saveVisitNote: (args: { id: NoteId, revision: number, draft: NoteDraft, }) => call<VisitNote>("save_visit_note", args),
  checkVisitAlerts: (args: { patientId: PatientId, draft: NoteDraft, }) => call<Array<SafetyAlert>>("check_visit_alerts", args),
  discardVisitNote: (args: { id: NoteId, revision: number, }) => call<null>("discard_visit_note", args),
  signVisitNote: (args: { id: NoteId, revision: number, explanation: string | null, }) => call<VisitNote>("sign_visit_note", args),
  addAddendum: (args: { id: NoteId, body: string, }) => call<VisitNote>("add_addendum", args),
  previousTreatment: (args: { id: NoteId, }) => call<PreviousTreatment | null>("previous_treatment", args),
  patientChart: (args: { patientId: PatientId, }) => call<PatientChart>("patient_chart", args),
  patientOutcomes: (args: { patientId: PatientId, }) => call<Array<OutcomePoint>>("patient_outcomes", args),
  searchPoints: (args: { query: string, filter: PointFilter, limit: number, }) => call<Array<Point>>("search_points", args),
  parsePointEntry: (args: { text: string, }) => call<PointEntry>("parse_point_entry", args),
  pointPicks: (args: { limit: number, }) => call<PointPicks>("point_picks", args),
  setPointFavourite: (args: { code: string, favourite: boolean, }) => call<PointPicks>("set_point_favourite", args),
  searchIcd10: (args: { query: string, limit: number, }) => call<Array<Icd10Code>>("search_icd10", args),
  bodyMapRegions: () => call<Array<BodyMapRegion>>("body_map_regions"),
  suggestProtocolsFor: (args: { regions: Array<PainRegion>, }) => call<Array<ProtocolSuggestion>>("suggest_protocols_for", args),
  listProtocols: () => call<Array<Protocol>>("list_protocols"),
  createProtocol: (args: { input: NewProtocol, }) => call<Protocol>("create_protocol", args),
  updateProtocol: (args: { id: ProtocolId, input: NewProtocol, }) => call<Protocol>("update_protocol", args),
  copyProtocol: (args: { id: ProtocolId, }) => call<Protocol>("copy_protocol", args),
  archiveProtocol: (args: { id: ProtocolId, }) => call<null>("archive_protocol", args),
  applyProtocol: (args: { id: ProtocolId, affectedSide: Side, }) => call<Array<TreatmentPoint>>("apply_protocol", args),
  scheduleSetup: () => call<ScheduleSetup>("schedule_setup"),
  getSchedule: (args: { query: ScheduleQuery, }) => call<ScheduleView>("get_schedule", args),
  previewBooking: (args: { input: NewAppointment, }) => call<BookingPreview>("preview_booking", args),
  bookAppointment: (args: { input: NewAppointment, }) => call<BookingResult>("book_appointment", args),
  updateAppointment: (args: { id: AppointmentId, change: AppointmentChange, }) => call<Array<Appointment>>("update_appointment", args),
  cancelAppointment: (args: { id: AppointmentId, input: CancelInput, }) => call<CancelResult>("cancel_appointment", args),
  setAppointmentStatus: (args: { id: AppointmentId, change: StatusChange, }) => call<Appointment>("set_appointment_status", args),
  nextFreeSlots: (args: { query: SlotQuery, }) => call<Array<FreeSlot>>("next_free_slots", args),
  patientAppointments: (args: { patientId: PatientId, }) => call<PatientAppointments>("patient_appointments", args),
  listWaitlist: () => call<Array<WaitlistEntry>>("list_waitlist"),
  addToWaitlist: (args: { entry: NewWaitlistEntry, }) => call<WaitlistEntry>("add_to_waitlist", args),
  resolveWaitlistEntry: (args: { id: WaitlistId, }) => call<null>("resolve_waitlist_entry", args),
  waitlistOffers: (args: { appointmentId: AppointmentId, }) => call<Array<WaitlistOffer>>("waitlist_offers", args),
  savePractitioner: (args: { input: PractitionerInput, }) => call<Practitioner>("save_practitioner", args),
  saveRoom: (args: { input: RoomInput, }) => call<Room>("save_room", args),
  saveAppointmentType: (args: { input: AppointmentTypeInput, }) => call<AppointmentType>("save_appointment_type", args),
  getWorkingHours: (args: { practitionerId: UserId, }) => call<Array<WorkingBlock>>("get_working_hours", args),
  setWorkingHours: (args: { practitionerId: UserId, blocks: Array<WorkingBlock>, }) => call<Array<WorkingBlock>>("set_working_hours", args),
  listTimeOff: (args: { practitionerId: UserId, includePast: boolean, }) => call<Array<TimeOff>>("list_time_off", args),
  addTimeOff: (args: { input: TimeOffInput, }) => call<TimeOff>("add_time_off", args),
  deleteTimeOff: (args: { id: TimeOffId, }) => call<null>("delete_time_off", args),
  updateScheduleSettings: (args: { input: ScheduleSettings, }) => call<ScheduleSettings>("update_schedule_settings", args),
  exportScheduleIcs: (args: { query: IcsQuery, }) => call<IcsExport>("export_schedule_ics", args),
  generateTreatmentSummary: (args: { request: SummaryRequest, }) => call<DocumentInfo>("generate_treatment_summary", args),
  generateVisitNotePdf: (args: { noteId: NoteId, }) => call<DocumentInfo>("generate_visit_note_pdf", args),
  generateSuperbill: (args: { request: SuperbillRequest, }) => call<DocumentInfo>("generate_superbill", args),
  generateDaySheet: (args: { date: string, }) => call<DocumentInfo>("generate_day_sheet", args),
  patientDocuments: (args: { patientId: PatientId, }) => call<Array<DocumentInfo>>("patient_documents", args),
  documentPdf: (args: { documentId: DocumentId, }) => call<ArrayBuffer>("document_pdf", args),
  saveDocumentPdf: (args: { documentId: DocumentId, path: string, }) => call<DocumentInfo>("save_document_pdf", args),
  openDocument: (args: { documentId: DocumentId, }) => call<DocumentInfo>("open_document", args),
  documentSettings: () => call<DocumentSettings>("document_settings"),
  updateDocumentSettings: (args: { settings: DocumentSettings, }) => call<DocumentSettings>("update_document_settings", args),
  listHandouts: (args: { includeArchived: boolean, }) => call<Array<Handout>>("list_handouts", args),
  saveHandout: (args: { handout: HandoutInput, }) => call<Handout>("save_handout", args),
  clinicLogo: () => call<LogoInfo | null>("clinic_logo"),
  chooseClinicLogo: () => call<LogoInfo | null>("choose_clinic_logo"),
  removeClinicLogo: () => call<null>("remove_clinic_logo"),
  backupOverview: () => call<BackupOverview>("backup_overview"),
  createBackup: (args: { onProgress: Channel<BackupProgress>, }) => call<BackupInfo>("create_backup", args),
  verifyBackup: (args: { path: string, recoveryKey: string | null, }) => call<BackupCheck>("verify_backup", args),
  restoreBackup: (args: { path: string, recoveryKey: string | null, onProgress: Channel<BackupProgress>, }) => call<RestoreReport>("restore_backup", args),
  updateBackupSettings: (args: { settings: BackupSettings, }) => call<BackupOverview>("update_backup_settings", args),
  rotateKey: () => call<KeyRotationResult>("rotate_key"),
  loadDemoClinic: (args: { onProgress: Channel<DemoProgress>, }) => call<DemoClinic>("load_demo_clinic", args),
  chooseImportFile: () => call<string | null>("choose_import_file"),
  previewImport: (args: { kind: ImportKind, options: ImportOptions, }) => call<ImportPreview>("preview_import", args),
  runImport: (args: { kind: ImportKind, options: ImportOptions, onProgress: Channel<DataProgress>, }) => call<ImportSummary>("run_import", args),
  exportClinicCsv: (args: { onProgress: Channel<DataProgress>, }) => call<ExportSummary>("export_clinic_csv", args),
  exportClinicFhir: (args: { onProgress: Channel<DataProgress>, }) => call<ExportSummary>("export_clinic_fhir", args),
};
