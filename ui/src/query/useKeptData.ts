import { useRef } from "react";

/**
 * The newest data a query has had, kept through a later failure: screens that used to leave
 * the last good answer on screen under an error still do, while the cache itself holds no data
 * for a key whose read failed.
 */
export function useKeptData<T>(data: T | undefined): T | undefined {
  const kept = useRef<T | undefined>(undefined);
  if (data !== undefined) kept.current = data;
  return data ?? kept.current;
}
