import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { IconArchive, IconCake, IconMail, IconPhone } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { PatientId } from "../../bindings/PatientId";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { SafetyBadges } from "../../components/SafetyBadges";
import { birthDateWithAge, formatDate } from "../../lib/dates";
import { displayName } from "../../lib/patientName";
import { useDateFormat } from "../../lib/session";
import { usePatientProfile } from "../queries";
import { PatientActions } from "./PatientActions";
import { PatientName } from "../../components/PatientName";

type Props = {
  profile: PatientProfile;
  onMerged: (kept: PatientProfile) => void;
  onOpenPatient: (id: PatientId) => void;
};

/** Who this is at a glance: name, chart number, birth date, contact, safety flags, status. */
export function ProfileHeader({ profile, onMerged, onOpenPatient }: Props) {
  const dateFormat = useDateFormat();
  const { details } = profile;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="md" align="baseline" wrap="wrap">
            <Title order={1} data-testid="profile-name">
              <PatientName>{displayName(details)}</PatientName>
            </Title>
            <Text
              fz="md"
              c="dimmed"
              fw={500}
              data-testid="profile-chart-number"
              style={{ whiteSpace: "nowrap" }}
            >
              Chart #{profile.chart_number}
            </Text>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Fact icon={<IconCake size={16} />} label="Date of birth" testId="profile-dob">
              {details.date_of_birth && birthDateWithAge(details.date_of_birth, dateFormat)}
            </Fact>
            <Fact icon={<IconPhone size={16} />} label="Phone" testId="profile-phone">
              {details.phone}
            </Fact>
            <Fact icon={<IconMail size={16} />} label="Email" testId="profile-email">
              {details.email}
            </Fact>
          </Group>
        </Stack>
        <PatientActions profile={profile} onMerged={onMerged} />
      </Group>
      <SafetyBadges flags={profile.safety} />
      {profile.archived_at !== null && <ArchivedBanner profile={profile} onOpenPatient={onOpenPatient} />}
    </Stack>
  );
}

type FactProps = { icon: ReactNode; label: string; testId: string; children: ReactNode };

function Fact({ icon, label, testId, children }: FactProps) {
  const empty = children === null || children === undefined || children === "";
  return (
    <Group gap={6} wrap="nowrap" c="dimmed" aria-label={label}>
      {icon}
      <Text fz="sm" c={empty ? "dimmed" : "var(--mantine-color-text)"} data-testid={testId}>
        {empty ? `No ${label.toLowerCase()}` : children}
      </Text>
    </Group>
  );
}

type BannerProps = { profile: PatientProfile; onOpenPatient: (id: PatientId) => void };

function ArchivedBanner({ profile, onOpenPatient }: BannerProps) {
  const dateFormat = useDateFormat();
  const keptId = profile.merged_into;
  // The kept record's chart number, for the link; the link works without it.
  const kept = usePatientProfile(keptId);
  const keptChart = kept.data?.chart_number ?? null;

  const archivedOn = profile.archived_at ? formatDate(profile.archived_at.slice(0, 10), dateFormat) : "";
  return (
    <Alert color="gray" variant="light" icon={<IconArchive size={18} />} data-testid="archived-banner">
      <Text fz="sm" span>
        {keptId === null ? "This record is archived" : "This record was merged and is archived"}
        {archivedOn && ` (since ${archivedOn})`}.{" "}
      </Text>
      {keptId !== null && (
        <Anchor
          component="button"
          type="button"
          fz="sm"
          fw={500}
          onClick={() => onOpenPatient(keptId)}
          data-testid="merged-into-link"
        >
          {keptChart === null ? "Open the record it was merged into" : `Merged into chart #${keptChart}`}
        </Anchor>
      )}
    </Alert>
  );
}
