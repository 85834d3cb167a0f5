import { useCallback, useDeferredValue, useEffect, useRef, useState } from "react";
import { api, toApiError } from "../api";
import type { PatientSummary } from "../bindings/PatientSummary";

export const SEARCH_LIMIT = 50;
const SPINNER_AFTER_MS = 150;

export type PatientSearch = {
  results: PatientSummary[];
  /** The text the current results answer (may lag what is typed by one request). */
  resultsQuery: string;
  /** False until the first answer arrives, so empty states do not flash on start-up. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
  refresh: () => void;
};

/**
 * Type-ahead search, one request per keystroke: the core answers in well under a millisecond,
 * so a debounce would only add delay (docs/PERFORMANCE.md). The typed text renders first
 * (deferred value); only the newest request may update the list, so a slow answer for "sm"
 * can never overwrite the answer for "smith".
 */
export function usePatientSearch(
  text: string,
  onSessionLost: () => void,
  includeArchived = false,
): PatientSearch {
  const query = useDeferredValue(text.trim());
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [resultsQuery, setResultsQuery] = useState("");
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    // The spinner only for a slow answer: one that arrives within a frame or two would make
    // it flicker and cost a render of the whole list per keystroke.
    const slow = window.setTimeout(() => {
      if (request === latest.current) setLoading(true);
    }, SPINNER_AFTER_MS);
    api
      .searchPatients({ text: query, include_archived: includeArchived, limit: SEARCH_LIMIT })
      .then((found) => {
        if (request !== latest.current) return;
        setResults(found);
        setResultsQuery(query);
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
        window.clearTimeout(slow);
        if (request === latest.current) setLoading(false);
      });
    // `generation` re-runs the same query after a change (e.g. a patient was registered).
  }, [query, includeArchived, generation, onSessionLost]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { results, resultsQuery, loaded, loading, error, refresh };
}
