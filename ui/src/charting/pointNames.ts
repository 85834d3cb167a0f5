import { useEffect, useState } from "react";
import type { Point } from "../bindings/Point";
import { chartingApi } from "./api";

// The catalogue never changes while the app runs: a point looked up once is kept.
const known = new Map<string, Point>();

export function rememberPoint(p: Point) {
  known.set(p.code, p);
}

/** Catalogue entries for the codes shown (names in pinyin, characters and English). */
export function usePointNames(codes: string[]): Map<string, Point> {
  const [, setVersion] = useState(0);
  const missing = codes.filter((c) => !known.has(c));
  const key = missing.join(" ");
  useEffect(() => {
    if (!key) return;
    let current = true;
    Promise.all(
      key.split(" ").map((code) =>
        chartingApi
          .parsePointEntry(code)
          .then((e) => rememberPoint(e.point))
          .catch(() => undefined),
      ),
    ).then(() => current && setVersion((v) => v + 1));
    return () => {
      current = false;
    };
  }, [key]);
  return known;
}
