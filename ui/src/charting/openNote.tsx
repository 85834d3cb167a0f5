import { createContext, useContext } from "react";
import type { NoteId } from "../bindings/NoteId";

/** Opens a visit note full-screen from anywhere below the shell (Today, a patient's visits). */
export const OpenNoteContext = createContext<(id: NoteId) => void>(() => {});

export function useOpenNote(): (id: NoteId) => void {
  return useContext(OpenNoteContext);
}
