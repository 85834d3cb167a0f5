import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect } from "react";
import { api } from "../api";
import type { PatientQuery } from "../bindings/PatientQuery";
import type { PatientSummary } from "../bindings/PatientSummary";
import { useDelayedFlag } from "../lib/useDelayedFlag";
import { queryKeys } from "../query/keys";
import { useKeptData } from "../query/useKeptData";

export const SEARCH_LIMIT = 50;
const SPINNER_AFTER_MS = 150;
const NO_PATIENTS: PatientSummary[] = [];

export type PatientSearch = {
  results: PatientSummary[];
  /** The text the current results answer (may lag what is typed by one request). */
  resultsQuery: string;
  /** False until the first answer arrives, so empty states do not flash on start-up. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
};

type Answer = { text: string; patients: PatientSummary[] };

/**
 * Type-ahead search, one request per keystroke: the core answers in well under a millisecond,
 * so a debounce would only add delay (docs/PERFORMANCE.md). The typed text renders first
 * (deferred value); the cache shows only the answer for the newest text, so a slow answer for
 * "sm" can never overwrite the answer for "smith", and the previous answer stays on screen
 * until the next one arrives. Writes elsewhere invalidate the search, which then asks again.
 */
export function usePatientSearch(
  text: string,
  onSessionLost: () => void,
  includeArchived = false,
): PatientSearch {
  const query = useDeferredValue(text.trim());
  const request: PatientQuery = { text: query, include_archived: includeArchived, limit: SEARCH_LIMIT };
  const search = useQuery({
    queryKey: queryKeys.patients.search(request),
    queryFn: async (): Promise<Answer> => ({ text: query, patients: await api.searchPatients(request) }),
    placeholderData: keepPreviousData,
  });

  // A failed search leaves the last good list on screen under its error.
  const answer = useKeptData(search.data);

  const sessionEnded = search.error?.code === "not_authenticated";
  useEffect(() => {
    if (sessionEnded) onSessionLost();
  }, [sessionEnded, onSessionLost]);

  const loading = useDelayedFlag(search.isFetching, SPINNER_AFTER_MS);
  return {
    results: answer?.patients ?? NO_PATIENTS,
    resultsQuery: answer?.text ?? "",
    loaded: answer !== undefined,
    loading,
    error: search.error && !sessionEnded ? search.error.message : null,
  };
}
