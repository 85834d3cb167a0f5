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
import { useCallback, useState } from "react";
import type { PatientId } from "../../bindings/PatientId";
import type { PatientProfile as Profile } from "../../bindings/PatientProfile";
import { useCan } from "../../lib/session";
import { useQueryError } from "../../query/useQueryError";
import { usePatientProfile } from "../queries";
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

/** One patient's record: header with safety badges and actions, then tabs. */
export function PatientProfile({ patientId, onBack, onOpenPatient }: Props) {
  const can = useCan();
  const query = usePatientProfile(patientId);
  const error = useQueryError(query.error);
  const profile = query.data;
  const [tab, setTab] = useState<string | null>("details");

  useHotkeys([["alt+ArrowLeft", onBack]], []);

  // Saves and archiving update the cached profile themselves; only a merge may move elsewhere.
  const onMerged = useCallback(
    (kept: Profile) => {
      if (kept.id !== patientId) onOpenPatient(kept.id);
    },
    [patientId, onOpenPatient],
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

      {!profile && !error && <Loader size="sm" aria-label="Loading patient" />}
      {!profile && error && <ErrorAlert>{error.message}</ErrorAlert>}
      {profile && (
        <>
          <ProfileHeader profile={profile} onMerged={onMerged} onOpenPatient={onOpenPatient} />
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
              <DetailsTab profile={profile} />
            </Tabs.Panel>
            {can("read_patient_medical") && (
              <Tabs.Panel value="medical" pt="md">
                <MedicalTab profile={profile} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="appointments" pt="md">
              {tab === "appointments" && <PatientAppointmentsTab patientId={patientId} />}
            </Tabs.Panel>
            {can("read_visit_notes") && (
              <Tabs.Panel value="visits" pt="md">
                {tab === "visits" && (
                  <VisitsTab patientId={patientId} archived={profile.archived_at != null} />
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
