import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditFilter } from "../bindings/AuditFilter";
import { useApiErrorHandler } from "../lib/session";
import { securityApi } from "../security/api";

const PAGE = 100;

export type AuditLog = {
  entries: AuditEntry[];
  loaded: boolean;
  hasMore: boolean;
  error: string | null;
  loadMore: () => void;
  refresh: () => void;
};

/** The log's rows for `filter`, newest first, a page at a time. */
export function useAuditLog(filter: AuditFilter): AuditLog {
  const handleError = useApiErrorHandler();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const request = useRef(0);

  const fetchPage = useCallback(
    async (beforeId: number | null, append: boolean) => {
      const mine = ++request.current;
      try {
        const page = await securityApi.listAudit({ ...filter, before_id: beforeId, limit: PAGE });
        if (mine !== request.current) return;
        setEntries((prev) => (append ? [...prev, ...page.entries] : page.entries));
        setHasMore(page.has_more);
        setLoaded(true);
        setError(null);
      } catch (reason) {
        if (mine !== request.current) return;
        const apiError = handleError(toApiError(reason));
        if (apiError) setError(apiError.message);
      }
    },
    [filter, handleError],
  );

  useEffect(() => {
    void fetchPage(null, false);
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    const last = entries[entries.length - 1];
    if (last) void fetchPage(last.id, true);
  }, [entries, fetchPage]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { entries, loaded, hasMore, error, loadMore, refresh };
}
