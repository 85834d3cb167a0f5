import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NoteId } from "../bindings/NoteId";
import type { PainRegion } from "../bindings/PainRegion";
import type { PatientId } from "../bindings/PatientId";
import type { StartNote } from "../bindings/StartNote";
import type { TodayQuery } from "../bindings/TodayQuery";
import { queryKeys } from "../query/keys";
import { chartingApi } from "./api";

export function useTodaySchedule(query: TodayQuery) {
  return useQuery({
    queryKey: queryKeys.charting.today(query),
    queryFn: () => chartingApi.todaySchedule(query),
    // The day shown stays while the next day loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * The note as stored when the charting screen opens. The editor owns it from then on and saves
 * newer revisions without telling the cache, so nothing is kept once the screen closes: a
 * cached copy would reopen the note at an old revision.
 */
export function useVisitNote(id: NoteId) {
  return useQuery({
    queryKey: queryKeys.charting.note(id),
    queryFn: () => chartingApi.getVisitNote(id),
    gcTime: 0,
  });
}

export function usePatientChart(patientId: PatientId | null) {
  return useQuery({
    queryKey: queryKeys.charting.chart(patientId),
    queryFn: patientId === null ? skipToken : () => chartingApi.patientChart(patientId),
  });
}

export function usePatientOutcomes(patientId: PatientId) {
  return useQuery({
    queryKey: queryKeys.charting.outcomes(patientId),
    queryFn: () => chartingApi.patientOutcomes(patientId),
  });
}

export function useProtocols() {
  return useQuery({ queryKey: queryKeys.protocols.all, queryFn: chartingApi.listProtocols });
}

/** The body map's outlines ship with the app: read once. */
export function useBodyMapRegions() {
  return useQuery({
    queryKey: queryKeys.charting.bodyMapRegions(),
    queryFn: chartingApi.bodyMapRegions,
    staleTime: Infinity,
  });
}

export function usePointPicks(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.charting.pointPicks(),
    queryFn: () => chartingApi.pointPicks(14),
    enabled,
  });
}

/** A new note shows on Today and in the patient's visits. */
export function useStartVisitNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartNote) => chartingApi.startVisitNote(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.charting.all }),
  });
}

/** Created, edited, copied, shared or archived: the protocol lists read again. */
export function useProtocolWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.protocols.all }),
  });
}

// Reference searches (points, codes, suggestions) answer from built-in lists; a failed one
// shows nothing rather than an error, and the last answer stays while the next is typed.

export function usePointSearch(text: string) {
  return useQuery({
    queryKey: queryKeys.charting.points(text),
    queryFn: text ? () => chartingApi.searchPoints(text, {}, 8) : skipToken,
    placeholderData: keepPreviousData,
  });
}

export function useIcd10Search(text: string) {
  return useQuery({
    queryKey: queryKeys.charting.icd10(text),
    queryFn: () => chartingApi.searchIcd10(text, 10),
    placeholderData: keepPreviousData,
  });
}

export function useProtocolSuggestions(regions: PainRegion[]) {
  return useQuery({
    queryKey: queryKeys.charting.protocolSuggestions(regions),
    queryFn: () => chartingApi.suggestProtocols(regions),
    placeholderData: keepPreviousData,
  });
}
