import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditFilter } from "../bindings/AuditFilter";
import { queryKeys } from "../query/keys";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { securityApi } from "../security/api";

const PAGE = 100;
const NO_ENTRIES: AuditEntry[] = [];

export type AuditLog = {
  entries: AuditEntry[];
  loaded: boolean;
  hasMore: boolean;
  error: string | null;
  loadMore: () => void;
};

/**
 * The log's rows for `filter`, newest first, a page at a time (each page starts before the last
 * row of the one above). The rows shown stay while another filter's rows load. Actions that
 * write to the log (verify, export) invalidate `queryKeys.audit.all`.
 */
export function useAuditLog(filter: AuditFilter): AuditLog {
  const log = useInfiniteQuery({
    queryKey: queryKeys.audit.page(filter),
    queryFn: ({ pageParam }) => securityApi.listAudit({ ...filter, before_id: pageParam, limit: PAGE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.has_more ? (last.entries[last.entries.length - 1]?.id ?? null) : null),
    placeholderData: keepPreviousData,
  });
  const pages = useKeptData(log.data)?.pages;
  const error = useQueryError(log.error);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return {
    entries: pages?.flatMap((page) => page.entries) ?? NO_ENTRIES,
    loaded: pages !== undefined,
    hasMore: pages?.[pages.length - 1]?.has_more ?? false,
    error: error?.message ?? null,
    loadMore,
  };
}
