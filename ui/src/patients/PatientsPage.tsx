import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientId } from "../bindings/PatientId";
import type { PatientSummary } from "../bindings/PatientSummary";
import { fullName } from "../lib/patientName";
import { NewPatientModal } from "./NewPatientModal";
import { PatientList } from "./PatientList";
import { PatientProfile } from "./profile/PatientProfile";
import { usePatientSearch } from "./usePatientSearch";
import { queryKeys } from "../query/keys";
import { PatientName } from "../components/PatientName";

type Props = {
  dateFormat: DateFormat;
  searchRef: RefObject<HTMLInputElement | null>;
  onSessionLost: () => void;
  /** The patient whose profile is shown instead of the list, or null for the list. */
  openPatientId: PatientId | null;
  onOpenPatient: (id: PatientId | null) => void;
};

/**
 * The list and a patient's profile share this page, so the search (its text, switch and results)
 * is still there on the way back from a profile.
 */
export function PatientsPage({ dateFormat, searchRef, onSessionLost, openPatientId, onOpenPatient }: Props) {
  const [text, setText] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [highlighted, setHighlighted] = useState(-1);
  const [creating, setCreating] = useState(false);
  // The row to highlight when results next arrive: a patient just registered or just viewed.
  const [highlightId, setHighlightId] = useState<PatientId | null>(null);
  // After a save, the cursor goes back to the search box (new patient highlighted, Enter opens them).
  const focusSearchAfterModal = useRef(false);
  const queryClient = useQueryClient();
  const search = usePatientSearch(text, onSessionLost, includeArchived);
  const { results } = search;

  // New results: start over, except for the patient just registered or viewed.
  useEffect(() => {
    const index = highlightId === null ? -1 : results.findIndex((p) => p.id === highlightId);
    setHighlighted(index);
  }, [results, highlightId]);

  const startNewPatient = () => setCreating(true);
  // Work from the search box too: that is where the cursor usually is.
  useHotkeys(
    [
      ["alt+N", startNewPatient, { preventDefault: true, usePhysicalKeys: true }],
      ["mod+shift+N", startNewPatient, { preventDefault: true, usePhysicalKeys: true }],
    ],
    [],
  );

  function open(patient: PatientSummary) {
    setHighlightId(patient.id);
    onOpenPatient(patient.id);
  }

  // Writes on the profile invalidate the searches themselves; back asks again anyway (one
  // sub-millisecond call), so the list is current even after a change that came from elsewhere.
  const back = useCallback(() => {
    onOpenPatient(null);
    void queryClient.invalidateQueries({ queryKey: queryKeys.patients.searches() });
  }, [onOpenPatient, queryClient]);

  const openById = useCallback(
    (id: PatientId) => {
      setHighlightId(id);
      onOpenPatient(id);
    },
    [onOpenPatient],
  );

  function onCreated(patient: PatientSummary) {
    setCreating(false);
    focusSearchAfterModal.current = true;
    notifications.show({
      color: "teal",
      title: "Patient registered",
      message: (
        <>
          Registered <PatientName>{fullName(patient)}</PatientName> (chart #{patient.chart_number})
        </>
      ),
    });
    // The recently-updated list starts with the new patient, so show that list and highlight them.
    setHighlightId(patient.id);
    onOpenPatient(null);
    setText("");
  }

  function openExisting(patient: PatientSummary) {
    setCreating(false);
    open(patient);
  }

  return (
    <>
      {openPatientId === null ? (
        <PatientList
          dateFormat={dateFormat}
          searchRef={searchRef}
          text={text}
          onTextChange={(value) => {
            setHighlightId(null);
            setText(value);
          }}
          includeArchived={includeArchived}
          onIncludeArchivedChange={setIncludeArchived}
          search={search}
          highlighted={highlighted}
          setHighlighted={setHighlighted}
          onOpen={open}
          onNewPatient={startNewPatient}
        />
      ) : (
        <PatientProfile
          key={openPatientId}
          patientId={openPatientId}
          onBack={back}
          onOpenPatient={openById}
        />
      )}
      <NewPatientModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={onCreated}
        onSessionLost={onSessionLost}
        onOpenExisting={openExisting}
        onClosed={() => {
          if (!focusSearchAfterModal.current) return;
          focusSearchAfterModal.current = false;
          searchRef.current?.focus();
        }}
      />
    </>
  );
}
