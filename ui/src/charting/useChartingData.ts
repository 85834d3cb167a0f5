import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { NoteId } from "../bindings/NoteId";
import type { PatientChart } from "../bindings/PatientChart";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { Protocol } from "../bindings/Protocol";
import type { VisitNote } from "../bindings/VisitNote";
import { usePatientProfile } from "../patients/queries";
import { useQueryError } from "../query/useQueryError";
import { useBodyMapRegions, usePatientChart, useProtocols, useVisitNote } from "./queries";

export type Loaded = {
  note: VisitNote;
  profile: PatientProfile;
  chart: PatientChart;
  protocols: Protocol[];
  regions: BodyMapRegion[];
};

/**
 * Everything the charting screen needs, or the first failure, or null while loading. The note
 * and the patient's chart are read afresh each time the screen opens (a note just started must
 * be in the chart's visit count); the patient, protocols and body map may come from the cache.
 */
export function useChartingData(noteId: NoteId): Loaded | { failed: string } | null {
  const note = useVisitNote(noteId);
  const patientId = note.data?.patient_id ?? null;
  const profile = usePatientProfile(patientId);
  const chart = usePatientChart(patientId);
  const protocols = useProtocols();
  const regions = useBodyMapRegions();
  const error = useQueryError(
    note.error ?? profile.error ?? chart.error ?? protocols.error ?? regions.error ?? null,
  );

  if (
    note.data &&
    note.isFetchedAfterMount &&
    profile.data &&
    chart.data &&
    chart.isFetchedAfterMount &&
    protocols.data &&
    regions.data
  ) {
    return {
      note: note.data,
      profile: profile.data,
      chart: chart.data,
      protocols: protocols.data,
      regions: regions.data,
    };
  }
  return error ? { failed: error.message } : null;
}
