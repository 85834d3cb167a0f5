import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { PatientId } from "../bindings/PatientId";
import { queryKeys } from "../query/keys";
import { documentsApi } from "./api";

export function usePatientDocuments(patientId: PatientId) {
  return useQuery({
    queryKey: queryKeys.documents.patient(patientId),
    queryFn: () => documentsApi.patientDocuments(patientId),
  });
}

/**
 * Makes one document (summary, superbill, visit note, day sheet: each its own command) and
 * lists it: every generated document is kept in its patient's Documents tab.
 */
export function useGenerateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (generate: () => Promise<DocumentInfo>) => generate(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.documents.all }),
  });
}
