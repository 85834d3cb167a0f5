import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { NoteContent } from "../bindings/NoteContent";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { SafetyAlert } from "../bindings/SafetyAlert";
import type { VisitNote } from "../bindings/VisitNote";
import { chartingApi } from "./api";

/** How long typing may pause before the draft is saved. */
export const AUTOSAVE_MS = 700;

export type SaveState =
  | { kind: "saved"; at: string }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "blocked"; message: string }
  | { kind: "failed"; error: ApiError };

export type NoteEditor = {
  note: VisitNote;
  draft: NoteDraft;
  alerts: SafetyAlert[];
  save: SaveState;
  /** Field errors from the last refused save, by field name. */
  errors: Record<string, string>;
  setContent: <K extends keyof NoteContent>(key: K, value: NoteContent[K]) => void;
  update: (change: (draft: NoteDraft) => NoteDraft) => void;
  /** Saves now (waiting for a save under way); resolves to the stored note, or null if refused. */
  flush: () => Promise<VisitNote | null>;
  replaceNote: (note: VisitNote) => void;
};

function fieldErrors(error: ApiError): Record<string, string> {
  return Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
}

/**
 * The draft being edited and its autosave: every change is saved after a short pause; a draft
 * that raises a safety alert not yet acknowledged is held (the core would refuse it) and the
 * alert is shown instead. The revision guards against another window's edits.
 */
export function useNoteEditor(initial: VisitNote, onError: (e: ApiError) => ApiError | null): NoteEditor {
  const [note, setNote] = useState(initial);
  const [draft, setDraft] = useState<NoteDraft>(initial.draft);
  const [alerts, setAlerts] = useState<SafetyAlert[]>(initial.alerts);
  const [save, setSave] = useState<SaveState>({ kind: "saved", at: initial.updated_at });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const latest = useRef({ note: initial, draft: initial.draft, changes: 0, savedChanges: 0 });
  const running = useRef<Promise<VisitNote | null> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const saveNow = useCallback(async (): Promise<VisitNote | null> => {
    if (running.current) await running.current;
    const state = latest.current;
    if (state.changes === state.savedChanges) return state.note;
    const changes = state.changes;
    const toSave = state.draft;
    const job = (async () => {
      setSave({ kind: "saving" });
      try {
        const raised = await chartingApi.checkVisitAlerts(state.note.patient_id, toSave);
        setAlerts(raised);
        const pending = raised.filter((a) => !a.acknowledged);
        if (pending.length > 0) {
          setSave({ kind: "blocked", message: "Not saved yet: acknowledge the safety alert to save." });
          return null;
        }
        const saved = await chartingApi.saveVisitNote(state.note.id, latest.current.note.revision, toSave);
        latest.current.note = saved;
        latest.current.savedChanges = changes;
        setNote(saved);
        setAlerts(saved.alerts);
        setErrors({});
        setSave({ kind: "saved", at: saved.updated_at });
        return saved;
      } catch (reason) {
        const error = onError(toApiError(reason));
        if (error) {
          setErrors(fieldErrors(error));
          setSave({ kind: "failed", error });
        }
        return null;
      }
    })();
    running.current = job;
    try {
      return await job;
    } finally {
      running.current = null;
    }
  }, [onError]);

  const update = useCallback(
    (change: (draft: NoteDraft) => NoteDraft) => {
      setDraft((current) => {
        const next = change(current);
        latest.current.draft = next;
        latest.current.changes += 1;
        return next;
      });
      setSave({ kind: "pending" });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [saveNow],
  );

  const setContent = useCallback(
    <K extends keyof NoteContent>(key: K, value: NoteContent[K]) =>
      update((d) => ({ ...d, content: { ...d.content, [key]: value } })),
    [update],
  );

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    return saveNow();
  }, [saveNow]);

  const replaceNote = useCallback((next: VisitNote) => {
    latest.current = { note: next, draft: next.draft, changes: 0, savedChanges: 0 };
    setNote(next);
    setDraft(next.draft);
    setAlerts(next.alerts);
    setSave({ kind: "saved", at: next.updated_at });
  }, []);

  // Leaving the screen saves what was typed in the last moment.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void saveNow();
      }
    },
    [saveNow],
  );

  return { note, draft, alerts, save, errors, setContent, update, flush, replaceNote };
}
