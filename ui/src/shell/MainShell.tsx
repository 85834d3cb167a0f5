import { AppShell } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PatientId } from "../bindings/PatientId";
import type { Session } from "../bindings/Session";
import { PatientsPage } from "../patients/PatientsPage";
import { SettingsPage } from "../settings/SettingsPage";
import { StaffPage } from "../staff/StaffPage";
import { AuditPage } from "../audit/AuditPage";
import { SessionGuard } from "../security/SessionGuard";
import { ChartingScreen } from "../charting/ChartingScreen";
import { OpenNoteContext } from "../charting/openNote";
import { queryKeys } from "../query/keys";
import { ProtocolsPage } from "../charting/ProtocolsPage";
import { HandoutsPage } from "../handouts/HandoutsPage";
import { TodayPage } from "../charting/TodayPage";
import { SchedulePage } from "../schedule/SchedulePage";
import { ScheduleSetupPage } from "../schedule/setup/ScheduleSetupPage";
import type { NoteId } from "../bindings/NoteId";
import { AppHeader } from "./AppHeader";
import { AppNavbar, type Section } from "./AppNavbar";

type Props = {
  session: Session;
  onSignOut: () => void;
  onSessionLost: () => void;
  /** An admin changed the clinic's settings: the session carries the new ones. */
  onSessionChange?: (session: Session) => void;
};

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * The signed-in frame: the navbar's section on the right. Patients is the home section; the
 * patient search shortcuts (Ctrl+K, "/") bring it back from anywhere.
 */
export function MainShell({ session, onSignOut, onSessionLost, onSessionChange }: Props) {
  const searchRef = useRef<HTMLInputElement>(null);
  const [section, setSection] = useState<Section>("patients");
  const [openPatientId, setOpenPatientId] = useState<PatientId | null>(null);
  // A visit note opens over whichever section it was opened from; closing returns there.
  const [openNoteId, setOpenNoteId] = useState<NoteId | null>(null);
  // Alt+B books from anywhere: it opens the schedule with its booking dialog.
  const [bookRequest, setBookRequest] = useState(0);
  const queryClient = useQueryClient();
  // A closed note may have been saved, signed or discarded: lists that show notes read again.
  const closeNote = useCallback(() => {
    setOpenNoteId(null);
    void queryClient.invalidateQueries({ queryKey: queryKeys.charting.all });
  }, [queryClient]);
  // Set when the search was asked for while it was not on screen (a profile or another section
  // was shown): focus it once the list is back.
  const focusWhenListShown = useRef(false);

  const focusSearch = useCallback(() => {
    if (!searchRef.current) {
      focusWhenListShown.current = true;
      setOpenNoteId(null);
      setSection("patients");
      setOpenPatientId(null);
      return;
    }
    searchRef.current.focus();
    searchRef.current.select();
  }, []);

  const select = useCallback(
    (next: Section) => {
      if (next === "patients") {
        focusSearch();
        return;
      }
      setOpenPatientId(null);
      setOpenNoteId(null);
      setSection(next);
    },
    [focusSearch],
  );

  useEffect(() => {
    if (section !== "patients" || openPatientId !== null || !focusWhenListShown.current) return;
    focusWhenListShown.current = false;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [section, openPatientId]);

  // Ctrl+K works everywhere, even while typing in another field.
  useHotkeys(
    [
      ["mod+K", focusSearch],
      [
        "alt+B",
        () => {
          if (!session.permissions.includes("book_appointments")) return;
          setOpenPatientId(null);
          setOpenNoteId(null);
          setSection("schedule");
          setBookRequest((n) => n + 1);
        },
      ],
    ],
    [],
  );

  // "/" only when not typing, and matched on the character so it works on any keyboard layout.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextEntry(event.target) || event.defaultPrevented) return;
      event.preventDefault();
      focusSearch();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [focusSearch]);

  return (
    <SessionGuard session={session} onSignOut={onSignOut} onSessionLost={onSessionLost}>
      <AppShell layout="alt" header={{ height: 56 }} navbar={{ width: 232, breakpoint: "xs" }} padding="lg">
        <AppShell.Header>
          <AppHeader session={session} onSignOut={onSignOut} />
        </AppShell.Header>
        <AppShell.Navbar bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
          <AppNavbar section={section} onSelect={select} />
        </AppShell.Navbar>
        <AppShell.Main>
          <OpenNoteContext.Provider value={setOpenNoteId}>
            {openNoteId !== null && <ChartingScreen noteId={openNoteId} onClose={closeNote} />}
            <div hidden={openNoteId !== null}>
              {section === "schedule" && <SchedulePage bookRequest={bookRequest} />}
              {section === "schedule-setup" && <ScheduleSetupPage />}
              {section === "today" && openNoteId === null && <TodayPage />}
              {section === "protocols" && <ProtocolsPage />}
              {section === "handouts" && <HandoutsPage />}
              {section === "staff" && <StaffPage />}
              {section === "audit" && <AuditPage />}
              {section === "settings" && (
                <SettingsPage onSaved={(clinic) => onSessionChange?.({ ...session, clinic })} />
              )}
              {section === "patients" && (
                <PatientsPage
                  dateFormat={session.clinic.date_format}
                  searchRef={searchRef}
                  onSessionLost={onSessionLost}
                  openPatientId={openPatientId}
                  onOpenPatient={setOpenPatientId}
                />
              )}
            </div>
          </OpenNoteContext.Provider>
        </AppShell.Main>
      </AppShell>
    </SessionGuard>
  );
}
