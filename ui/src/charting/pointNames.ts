import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Point } from "../bindings/Point";
import { queryKeys } from "../query/keys";
import { chartingApi } from "./api";

// The catalogue never changes while the app runs: a point looked up once is kept.
const CATALOGUE = { staleTime: Infinity, gcTime: Infinity, retry: false } as const;

/** Keeps a point already in hand (just picked), so its names show without asking again. */
export function useRememberPoint(): (point: Point) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (point: Point) => queryClient.setQueryData(queryKeys.charting.point(point.code), point),
    [queryClient],
  );
}

/** Catalogue entries for the codes shown (names in pinyin, characters and English). */
export function usePointNames(codes: string[]): Map<string, Point> {
  return useQueries({
    queries: [...new Set(codes)].map((code) => ({
      queryKey: queryKeys.charting.point(code),
      queryFn: async () => (await chartingApi.parsePointEntry(code)).point,
      ...CATALOGUE,
    })),
    combine: byCode,
  });
}

// Module level, so the cache hands back the same map until an answer changes (PointsTable
// re-renders only then). A code the catalogue does not know simply shows without names.
function byCode(results: { data?: Point }[]): Map<string, Point> {
  return new Map(results.flatMap(({ data }) => (data ? [[data.code, data] as const] : [])));
}
