import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "../api";
import type { MedicalHistory } from "../bindings/MedicalHistory";
import type { NewPatient } from "../bindings/NewPatient";
import type { PatientDetails } from "../bindings/PatientDetails";
import type { PatientId } from "../bindings/PatientId";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { SafetyFlags } from "../bindings/SafetyFlags";
import { queryKeys } from "../query/keys";

export function usePatientProfile(id: PatientId | null) {
  return useQuery({
    queryKey: queryKeys.patients.detail(id),
    queryFn: id === null ? skipToken : () => api.getPatient(id),
  });
}

export function usePatientMedical(id: PatientId) {
  return useQuery({
    queryKey: queryKeys.patients.medical(id),
    queryFn: () => api.getPatientMedical(id),
  });
}

/** The saved profile is the new truth for its page; names and flags may also show in any search. */
function profileSaved(queryClient: QueryClient, saved: PatientProfile) {
  queryClient.setQueryData(queryKeys.patients.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: queryKeys.patients.searches() });
}

function useProfileWrite<Variables>(write: (variables: Variables) => Promise<PatientProfile>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: (saved) => profileSaved(queryClient, saved) });
}

export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPatient) => api.createPatient(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.patients.searches() }),
  });
}

export function useUpdatePatientDetails() {
  return useProfileWrite(({ id, details }: { id: PatientId; details: PatientDetails }) =>
    api.updatePatientDetails(id, details),
  );
}

export function useUpdateSafetyFlags() {
  return useProfileWrite(({ id, flags }: { id: PatientId; flags: SafetyFlags }) =>
    api.updateSafetyFlags(id, flags),
  );
}

export function useSetPatientArchived() {
  return useProfileWrite(({ id, archived }: { id: PatientId; archived: boolean }) =>
    api.setPatientArchived(id, archived),
  );
}

export function useUpdatePatientMedical() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, medical }: { id: PatientId; medical: MedicalHistory }) =>
      api.updatePatientMedical(id, medical),
    onSuccess: (saved, { id }) => queryClient.setQueryData(queryKeys.patients.medical(id), saved),
  });
}

/**
 * A merge moves appointments, notes and documents onto the kept record and archives the other,
 * so everything read about either patient is out of date.
 */
export function useMergePatients() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keep, merge }: { keep: PatientId; merge: PatientId }) => api.mergePatients(keep, merge),
    onSuccess: (kept) => {
      queryClient.setQueryData(queryKeys.patients.detail(kept.id), kept);
      for (const queryKey of [
        queryKeys.patients.all,
        queryKeys.schedule.all,
        queryKeys.charting.all,
        queryKeys.documents.all,
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
