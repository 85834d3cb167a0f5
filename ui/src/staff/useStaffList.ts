import { useCallback, useEffect, useState } from "react";
import { api, toApiError } from "../api";
import type { UserSummary } from "../bindings/UserSummary";
import { useApiErrorHandler } from "../lib/session";

export type StaffList = {
  users: UserSummary[];
  /** False until the first answer arrives, so the table does not flash empty on start-up. */
  loaded: boolean;
  error: string | null;
  refresh: () => void;
};

/** The clinic's staff accounts; `refresh` asks again (after someone was added). */
export function useStaffList(): StaffList {
  const handleError = useApiErrorHandler();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api
      .listUsers()
      .then((found) => {
        if (!current) return;
        setUsers(found);
        setLoaded(true);
        setError(null);
      })
      .catch((reason: unknown) => {
        const apiError = current ? handleError(toApiError(reason)) : null;
        if (apiError) setError(apiError.message);
      });
    return () => {
      current = false;
    };
    // `generation` re-runs the same request after a change.
  }, [generation, handleError]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { users, loaded, error, refresh };
}
