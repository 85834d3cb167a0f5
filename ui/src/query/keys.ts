import type { AuditFilter } from "../bindings/AuditFilter";
import type { DocumentId } from "../bindings/DocumentId";
import type { NewAppointment } from "../bindings/NewAppointment";
import type { NoteId } from "../bindings/NoteId";
import type { PainRegion } from "../bindings/PainRegion";
import type { PatientId } from "../bindings/PatientId";
import type { PatientQuery } from "../bindings/PatientQuery";
import type { ScheduleQuery } from "../bindings/ScheduleQuery";
import type { SlotQuery } from "../bindings/SlotQuery";
import type { TodayQuery } from "../bindings/TodayQuery";
import type { UserId } from "../bindings/UserId";

/**
 * Every cache key, one branch per aggregate. Keys nest, so a write invalidates a whole branch
 * with its prefix (`queryKeys.schedule.all` refreshes every day, week and waitlist on screen)
 * or one record with its full key.
 */
export const queryKeys = {
  /** The vault's state before anyone signs in; kept across sign-outs. */
  appStatus: () => ["app-status"] as const,
  patients: {
    all: ["patients"] as const,
    searches: () => [...queryKeys.patients.all, "search"] as const,
    search: (query: PatientQuery) => [...queryKeys.patients.searches(), query] as const,
    /** The audit filter's picker: its own shape (a plain list), so never under `search`'s key. */
    lookup: (text: string) => [...queryKeys.patients.searches(), "lookup", text] as const,
    detail: (id: PatientId | null) => [...queryKeys.patients.all, "detail", id] as const,
    medical: (id: PatientId) => [...queryKeys.patients.detail(id), "medical"] as const,
  },
  schedule: {
    all: ["schedule"] as const,
    setup: () => [...queryKeys.schedule.all, "setup"] as const,
    days: () => [...queryKeys.schedule.all, "days"] as const,
    range: (query: ScheduleQuery) => [...queryKeys.schedule.days(), query] as const,
    patients: () => [...queryKeys.schedule.all, "patient"] as const,
    patientAppointments: (patientId: PatientId) => [...queryKeys.schedule.patients(), patientId] as const,
    waitlist: () => [...queryKeys.schedule.all, "waitlist"] as const,
    allFreeSlots: () => [...queryKeys.schedule.all, "free-slots"] as const,
    freeSlots: (query: SlotQuery | null) => [...queryKeys.schedule.allFreeSlots(), query] as const,
    previews: () => [...queryKeys.schedule.all, "preview"] as const,
    preview: (input: NewAppointment | null) => [...queryKeys.schedule.previews(), input] as const,
    workingHours: (practitionerId: UserId | null) =>
      [...queryKeys.schedule.all, "working-hours", practitionerId] as const,
    timeOffOf: (practitionerId: UserId | null) =>
      [...queryKeys.schedule.all, "time-off", practitionerId] as const,
    timeOff: (practitionerId: UserId | null, includePast: boolean) =>
      [...queryKeys.schedule.timeOffOf(practitionerId), includePast] as const,
  },
  charting: {
    all: ["charting"] as const,
    todays: () => [...queryKeys.charting.all, "today"] as const,
    today: (query: TodayQuery) => [...queryKeys.charting.todays(), query] as const,
    note: (id: NoteId) => [...queryKeys.charting.all, "note", id] as const,
    previousTreatment: (id: NoteId) => [...queryKeys.charting.note(id), "previous"] as const,
    patient: (patientId: PatientId | null) => [...queryKeys.charting.all, "patient", patientId] as const,
    chart: (patientId: PatientId | null) => [...queryKeys.charting.patient(patientId), "chart"] as const,
    outcomes: (patientId: PatientId) => [...queryKeys.charting.patient(patientId), "outcomes"] as const,
    bodyMapRegions: () => [...queryKeys.charting.all, "body-map-regions"] as const,
    pointPicks: () => [...queryKeys.charting.all, "point-picks"] as const,
    point: (code: string) => [...queryKeys.charting.all, "point", code] as const,
    points: (text: string) => [...queryKeys.charting.all, "points", text] as const,
    icd10: (text: string) => [...queryKeys.charting.all, "icd10", text] as const,
    protocolSuggestions: (regions: PainRegion[]) =>
      [...queryKeys.charting.all, "protocol-suggestions", regions] as const,
  },
  protocols: {
    all: ["protocols"] as const,
  },
  documents: {
    all: ["documents"] as const,
    patient: (patientId: PatientId) => [...queryKeys.documents.all, "patient", patientId] as const,
  },
  /**
   * A stored document's PDF bytes, for the preview. They never change, so this is outside
   * `documents.all`: making a new document does not read (and audit) an open one again.
   */
  documentPdf: (id: DocumentId) => ["document-pdf", id] as const,
  documentSettings: () => ["document-settings"] as const,
  handouts: {
    all: ["handouts"] as const,
    list: (includeArchived: boolean) => [...queryKeys.handouts.all, "list", includeArchived] as const,
    logo: () => [...queryKeys.handouts.all, "logo"] as const,
  },
  users: {
    all: ["users"] as const,
  },
  audit: {
    all: ["audit"] as const,
    page: (filter: AuditFilter) => [...queryKeys.audit.all, "page", filter] as const,
  },
  backups: {
    all: ["backups"] as const,
    overview: () => [...queryKeys.backups.all, "overview"] as const,
  },
  setup: {
    timeZones: () => ["setup", "time-zones"] as const,
  },
} as const;
