// Charting calls to the core: the day list, visit notes, the chart, protocols and the
// reference lists (points, diagnoses, body map) the charting screen searches.
import { call } from "../api";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { Icd10Code } from "../bindings/Icd10Code";
import type { NewProtocol } from "../bindings/NewProtocol";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { NoteId } from "../bindings/NoteId";
import type { OutcomePoint } from "../bindings/OutcomePoint";
import type { PainRegion } from "../bindings/PainRegion";
import type { PatientChart } from "../bindings/PatientChart";
import type { PatientId } from "../bindings/PatientId";
import type { Point } from "../bindings/Point";
import type { PointEntry } from "../bindings/PointEntry";
import type { PointFilter } from "../bindings/PointFilter";
import type { PointPicks } from "../bindings/PointPicks";
import type { PreviousTreatment } from "../bindings/PreviousTreatment";
import type { Protocol } from "../bindings/Protocol";
import type { ProtocolId } from "../bindings/ProtocolId";
import type { ProtocolSuggestion } from "../bindings/ProtocolSuggestion";
import type { SafetyAlert } from "../bindings/SafetyAlert";
import type { Side } from "../bindings/Side";
import type { StartNote } from "../bindings/StartNote";
import type { TodayQuery } from "../bindings/TodayQuery";
import type { TodaySchedule } from "../bindings/TodaySchedule";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";
import type { VisitNote } from "../bindings/VisitNote";

export const chartingApi = {
  todaySchedule: (query: TodayQuery) => call<TodaySchedule>("today_schedule", { query }),
  startVisitNote: (input: StartNote) => call<VisitNote>("start_visit_note", { input }),
  getVisitNote: (id: NoteId) => call<VisitNote>("get_visit_note", { id }),
  saveVisitNote: (id: NoteId, revision: number, draft: NoteDraft) =>
    call<VisitNote>("save_visit_note", { id, revision, draft }),
  checkVisitAlerts: (patientId: PatientId, draft: NoteDraft) =>
    call<SafetyAlert[]>("check_visit_alerts", { patientId, draft }),
  discardVisitNote: (id: NoteId, revision: number) => call<null>("discard_visit_note", { id, revision }),
  signVisitNote: (id: NoteId, revision: number, explanation: string | null) =>
    call<VisitNote>("sign_visit_note", { id, revision, explanation }),
  addAddendum: (id: NoteId, body: string) => call<VisitNote>("add_addendum", { id, body }),
  previousTreatment: (id: NoteId) => call<PreviousTreatment | null>("previous_treatment", { id }),
  patientChart: (patientId: PatientId) => call<PatientChart>("patient_chart", { patientId }),
  patientOutcomes: (patientId: PatientId) => call<OutcomePoint[]>("patient_outcomes", { patientId }),
  searchPoints: (query: string, filter: PointFilter = {}, limit = 12) =>
    call<Point[]>("search_points", { query, filter, limit }),
  parsePointEntry: (text: string) => call<PointEntry>("parse_point_entry", { text }),
  pointPicks: (limit = 12) => call<PointPicks>("point_picks", { limit }),
  setPointFavourite: (code: string, favourite: boolean) =>
    call<PointPicks>("set_point_favourite", { code, favourite }),
  searchIcd10: (query: string, limit = 12) => call<Icd10Code[]>("search_icd10", { query, limit }),
  bodyMapRegions: () => call<BodyMapRegion[]>("body_map_regions"),
  suggestProtocols: (regions: PainRegion[]) =>
    call<ProtocolSuggestion[]>("suggest_protocols_for", { regions }),
  listProtocols: () => call<Protocol[]>("list_protocols"),
  createProtocol: (input: NewProtocol) => call<Protocol>("create_protocol", { input }),
  updateProtocol: (id: ProtocolId, input: NewProtocol) => call<Protocol>("update_protocol", { id, input }),
  copyProtocol: (id: ProtocolId) => call<Protocol>("copy_protocol", { id }),
  archiveProtocol: (id: ProtocolId) => call<null>("archive_protocol", { id }),
  applyProtocol: (id: ProtocolId, affectedSide: Side) =>
    call<TreatmentPoint[]>("apply_protocol", { id, affectedSide }),
};
