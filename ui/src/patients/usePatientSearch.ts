import { useDebouncedValue } from "@mantine/hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, toApiError } from "../api";
import type { PatientSummary } from "../bindings/PatientSummary";

export const SEARCH_LIMIT = 50;
const DEBOUNCE_MS = 80;

export type PatientSearch = {
  results: PatientSummary[];
  /** The text the current results answer (may lag what is typed by one debounce). */
  resultsQuery: string;
  /** False until the first answer arrives, so empty states do not flash on start-up. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
  refresh: () => void;
};

/**
 * Type-ahead search. Only the newest request may update the list, so a slow answer for "sm"
 * can never overwrite the answer for "smith".
 */
export function usePatientSearch(
  text: string,
  onSessionLost: () => void,
  includeArchived = false,
): PatientSearch {
  const [debounced] = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [resultsQuery, setResultsQuery] = useState("");
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    api
      .searchPatients({ text: debounced, include_archived: includeArchived, limit: SEARCH_LIMIT })
      .then((found) => {
        if (request !== latest.current) return;
        setResults(found);
        setResultsQuery(debounced);
        setLoaded(true);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (request !== latest.current) return;
        const apiError = toApiError(reason);
        if (apiError.code === "not_authenticated") onSessionLost();
        else setError(apiError.message);
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
    // `generation` re-runs the same query after a change (e.g. a patient was registered).
  }, [debounced, includeArchived, generation, onSessionLost]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { results, resultsQuery, loaded, loading, error, refresh };
}
