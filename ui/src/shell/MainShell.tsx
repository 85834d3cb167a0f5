import { AppShell } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PatientId } from "../bindings/PatientId";
import type { Session } from "../bindings/Session";
import { SessionProvider } from "../lib/session";
import { PatientsPage } from "../patients/PatientsPage";
import { AppHeader } from "./AppHeader";
import { AppNavbar } from "./AppNavbar";

type Props = { session: Session; onSignOut: () => void; onSessionLost: () => void };

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** The signed-in frame. Patients is the only section so far, so it is always the page shown. */
export function MainShell({ session, onSignOut, onSessionLost }: Props) {
  const searchRef = useRef<HTMLInputElement>(null);
  const [openPatientId, setOpenPatientId] = useState<PatientId | null>(null);
  // Set when the search was asked for while a profile was open: focus it once the list is back.
  const focusWhenListShown = useRef(false);

  const focusSearch = useCallback(() => {
    if (!searchRef.current) {
      focusWhenListShown.current = true;
      setOpenPatientId(null);
      return;
    }
    searchRef.current.focus();
    searchRef.current.select();
  }, []);

  useEffect(() => {
    if (openPatientId !== null || !focusWhenListShown.current) return;
    focusWhenListShown.current = false;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [openPatientId]);

  // Ctrl+K works everywhere, even while typing in another field.
  useHotkeys([["mod+K", focusSearch]], []);

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
    <SessionProvider session={session} onSessionLost={onSessionLost}>
      <AppShell layout="alt" header={{ height: 56 }} navbar={{ width: 232, breakpoint: "xs" }} padding="lg">
        <AppShell.Header>
          <AppHeader session={session} onSignOut={onSignOut} />
        </AppShell.Header>
        <AppShell.Navbar bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
          <AppNavbar onPatients={focusSearch} />
        </AppShell.Navbar>
        <AppShell.Main>
          <PatientsPage
            dateFormat={session.clinic.date_format}
            searchRef={searchRef}
            onSessionLost={onSessionLost}
            openPatientId={openPatientId}
            onOpenPatient={setOpenPatientId}
          />
        </AppShell.Main>
      </AppShell>
    </SessionProvider>
  );
}
