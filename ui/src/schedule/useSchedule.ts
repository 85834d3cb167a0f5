import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import type { ScheduleView } from "../bindings/ScheduleView";
import { useApiErrorHandler } from "../lib/session";
import { scheduleApi } from "./api";
import type { ColumnMode } from "./calendarModel";
import { weekStart } from "./time";

/** The clinic's schedule setup (columns, types, today), loaded once per visit to the page. */
export function useScheduleSetup() {
  const handleError = useApiErrorHandler();
  const [setup, setSetup] = useState<ScheduleSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    scheduleApi
      .setup()
      .then((s) => current && setSetup(s))
      .catch((reason: unknown) => {
        const e = current ? handleError(toApiError(reason)) : null;
        if (e) setError(e.message);
      });
    return () => {
      current = false;
    };
  }, [handleError]);
  return { setup, error };
}

type Query = { date: string; mode: ColumnMode; practitioner: number | null; showCancelled: boolean };

/**
 * The days on screen: one day for the column views, the Monday-to-Sunday week for one
 * practitioner. Only the newest request may replace what is shown, and the old days stay on
 * screen while the next load runs (no flashing).
 */
export function useScheduleView({ date, mode, practitioner, showCancelled }: Query, enabled: boolean) {
  const handleError = useApiErrorHandler();
  const [view, setView] = useState<ScheduleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    const week = mode === "week";
    scheduleApi
      .schedule({
        from: week ? weekStart(date) : date,
        days: week ? 7 : 1,
        practitioner_ids: week && practitioner !== null ? [practitioner] : [],
        include_cancelled: showCancelled,
      })
      .then((v) => {
        if (request !== latest.current) return;
        setView(v);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (request !== latest.current) return;
        const e = handleError(toApiError(reason));
        if (e) setError(e.message);
      });
  }, [date, mode, practitioner, showCancelled, enabled, version, handleError]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { view, error, reload, setView };
}
