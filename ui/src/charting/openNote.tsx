import { createContext, useContext } from "react";
import type { NoteId } from "../bindings/NoteId";

/** Opens a visit note full-screen from anywhere below the shell (Today, a patient's visits). */
export const OpenNoteContext = createContext<(id: NoteId) => void>(() => {});

/** Goes up each time a note closes, so lists that show notes load them again. */
export const NotesVersionContext = createContext(0);

export function useNotesVersion(): number {
  return useContext(NotesVersionContext);
}

export function useOpenNote(): (id: NoteId) => void {
  return useContext(OpenNoteContext);
}
