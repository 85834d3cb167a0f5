// Charting calls to the core: the day list, visit notes, the chart, protocols and the
// reference lists (points, diagnoses, body map) the charting screen searches.
import { commands } from "../client/commands";
import type { NewProtocol } from "../bindings/NewProtocol";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { NoteId } from "../bindings/NoteId";
import type { PainRegion } from "../bindings/PainRegion";
import type { PatientId } from "../bindings/PatientId";
import type { PointFilter } from "../bindings/PointFilter";
import type { ProtocolId } from "../bindings/ProtocolId";
import type { Side } from "../bindings/Side";
import type { StartNote } from "../bindings/StartNote";
import type { TodayQuery } from "../bindings/TodayQuery";

export const chartingApi = {
  todaySchedule: (query: TodayQuery) => commands.todaySchedule({ query }),
  startVisitNote: (input: StartNote) => commands.startVisitNote({ input }),
  getVisitNote: (id: NoteId) => commands.getVisitNote({ id }),
  saveVisitNote: (id: NoteId, revision: number, draft: NoteDraft) =>
    commands.saveVisitNote({ id, revision, draft }),
  checkVisitAlerts: (patientId: PatientId, draft: NoteDraft) =>
    commands.checkVisitAlerts({ patientId, draft }),
  discardVisitNote: (id: NoteId, revision: number) => commands.discardVisitNote({ id, revision }),
  signVisitNote: (id: NoteId, revision: number, explanation: string | null) =>
    commands.signVisitNote({ id, revision, explanation }),
  addAddendum: (id: NoteId, body: string) => commands.addAddendum({ id, body }),
  previousTreatment: (id: NoteId) => commands.previousTreatment({ id }),
  patientChart: (patientId: PatientId) => commands.patientChart({ patientId }),
  patientOutcomes: (patientId: PatientId) => commands.patientOutcomes({ patientId }),
  searchPoints: (query: string, filter: PointFilter = {}, limit = 12) =>
    commands.searchPoints({ query, filter, limit }),
  parsePointEntry: (text: string) => commands.parsePointEntry({ text }),
  pointPicks: (limit = 12) => commands.pointPicks({ limit }),
  setPointFavourite: (code: string, favourite: boolean) => commands.setPointFavourite({ code, favourite }),
  searchIcd10: (query: string, limit = 12) => commands.searchIcd10({ query, limit }),
  bodyMapRegions: () => commands.bodyMapRegions(),
  suggestProtocols: (regions: PainRegion[]) => commands.suggestProtocolsFor({ regions }),
  listProtocols: () => commands.listProtocols(),
  createProtocol: (input: NewProtocol) => commands.createProtocol({ input }),
  updateProtocol: (id: ProtocolId, input: NewProtocol) => commands.updateProtocol({ id, input }),
  copyProtocol: (id: ProtocolId) => commands.copyProtocol({ id }),
  archiveProtocol: (id: ProtocolId) => commands.archiveProtocol({ id }),
  applyProtocol: (id: ProtocolId, affectedSide: Side) => commands.applyProtocol({ id, affectedSide }),
};
