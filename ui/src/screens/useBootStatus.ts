import { useQuery } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { api } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { AppStatus } from "../bindings/AppStatus";
import { queryKeys } from "../query/keys";

export type Boot =
  { kind: "loading" } | { kind: "failed"; error: ApiError } | { kind: "loaded"; status: AppStatus };

/**
 * The vault's state, read once at start and again on `recheck` (after setup, recovery or a
 * retry). A re-check keeps the current screen instead of flashing a loader, except after a
 * failure, where the loader shows the retry is under way.
 */
export function useBootStatus() {
  const query = useQuery({
    queryKey: queryKeys.appStatus(),
    queryFn: api.appStatus,
    // Only an explicit re-check asks again: the answer decides which screen the app is on.
    staleTime: Infinity,
    retry: false,
  });
  // The path from the last status, so a later failure can still tell support where the file is.
  const lastPath = useRef<string | null>(null);
  if (query.data) lastPath.current = query.data.database_path;

  const { data, error, isFetching, refetch } = query;
  // A database that could not be opened arrives as a status with its error and path.
  const failure = error ?? data?.error ?? null;
  const boot: Boot =
    failure && isFetching
      ? { kind: "loading" }
      : failure
        ? { kind: "failed", error: failure }
        : data
          ? { kind: "loaded", status: data }
          : { kind: "loading" };

  const recheck = useCallback(() => void refetch(), [refetch]);
  return { boot, lastPath: lastPath.current, recheck };
}
