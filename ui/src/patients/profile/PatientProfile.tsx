import { Anchor, Group, Loader, Stack, Tabs } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import {
  IconCalendar,
  IconChevronLeft,
  IconFileText,
  IconId,
  IconNotes,
  IconStethoscope,
} from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { api, toApiError } from "../../api";
import type { PatientId } from "../../bindings/PatientId";
import type { PatientProfile as Profile } from "../../bindings/PatientProfile";
import { useApiErrorHandler, useCan } from "../../lib/session";
import { DetailsTab } from "./DetailsTab";
import { MedicalTab } from "./MedicalTab";
import { ProfileHeader } from "./ProfileHeader";
import { ErrorAlert } from "../../components/ErrorAlert";
import { VisitsTab } from "../../charting/VisitsTab";
import { PatientAppointmentsTab } from "../../schedule/PatientAppointmentsTab";
import { DocumentsTab } from "../../documents/DocumentsTab";

type Props = {
  patientId: PatientId;
  onBack: () => void;
  onOpenPatient: (id: PatientId) => void;
};

type Load = { kind: "loading" } | { kind: "failed"; message: string } | { kind: "loaded"; profile: Profile };

/** One patient's record: header with safety badges and actions, then tabs. */
export function PatientProfile({ patientId, onBack, onOpenPatient }: Props) {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [tab, setTab] = useState<string | null>("details");

  useHotkeys([["alt+ArrowLeft", onBack]], []);

  useEffect(() => {
    let current = true;
    setLoad({ kind: "loading" });
    api
      .getPatient(patientId)
      .then((profile) => current && setLoad({ kind: "loaded", profile }))
      .catch((reason: unknown) => {
        const error = current ? handleError(toApiError(reason)) : null;
        if (error) setLoad({ kind: "failed", message: error.message });
      });
    return () => {
      current = false;
    };
  }, [patientId, handleError]);

  const setProfile = useCallback((profile: Profile) => setLoad({ kind: "loaded", profile }), []);
  const onMerged = useCallback(
    (kept: Profile) => (kept.id === patientId ? setProfile(kept) : onOpenPatient(kept.id)),
    [patientId, setProfile, onOpenPatient],
  );

  return (
    <Stack gap="lg" maw={1100} data-testid="patient-profile" data-patient-id={patientId}>
      <Group>
        <Anchor
          component="button"
          type="button"
          fz="sm"
          onClick={onBack}
          aria-keyshortcuts="Alt+ArrowLeft"
          data-testid="profile-back"
        >
          <Group gap={4} wrap="nowrap">
            <IconChevronLeft size={16} />
            Back to patients
          </Group>
        </Anchor>
      </Group>

      {load.kind === "loading" && <Loader size="sm" aria-label="Loading patient" />}
      {load.kind === "failed" && <ErrorAlert>{load.message}</ErrorAlert>}
      {load.kind === "loaded" && (
        <>
          <ProfileHeader
            profile={load.profile}
            onChanged={setProfile}
            onMerged={onMerged}
            onOpenPatient={onOpenPatient}
          />
          <Tabs value={tab} onChange={setTab} keepMounted>
            <Tabs.List>
              <Tabs.Tab value="details" leftSection={<IconId size={16} />} data-testid="tab-details">
                Details
              </Tabs.Tab>
              {can("read_patient_medical") && (
                <Tabs.Tab
                  value="medical"
                  leftSection={<IconStethoscope size={16} />}
                  data-testid="tab-medical"
                >
                  Medical
                </Tabs.Tab>
              )}
              <Tabs.Tab
                value="appointments"
                leftSection={<IconCalendar size={16} />}
                data-testid="tab-appointments"
              >
                Appointments
              </Tabs.Tab>
              {can("read_visit_notes") && (
                <Tabs.Tab value="visits" leftSection={<IconNotes size={16} />} data-testid="tab-visits">
                  Visits
                </Tabs.Tab>
              )}
              <Tabs.Tab
                value="documents"
                leftSection={<IconFileText size={16} />}
                data-testid="tab-documents"
              >
                Documents
              </Tabs.Tab>
            </Tabs.List>

            <Tabs.Panel value="details" pt="md">
              <DetailsTab profile={load.profile} onSaved={setProfile} />
            </Tabs.Panel>
            {can("read_patient_medical") && (
              <Tabs.Panel value="medical" pt="md">
                <MedicalTab profile={load.profile} onSaved={setProfile} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="appointments" pt="md">
              {tab === "appointments" && <PatientAppointmentsTab patientId={patientId} />}
            </Tabs.Panel>
            {can("read_visit_notes") && (
              <Tabs.Panel value="visits" pt="md">
                {tab === "visits" && (
                  <VisitsTab patientId={patientId} archived={load.profile.archived_at != null} />
                )}
              </Tabs.Panel>
            )}
            <Tabs.Panel value="documents" pt="md">
              {tab === "documents" && <DocumentsTab patientId={patientId} />}
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
