import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconChevronLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { VisitSummary } from "../bindings/VisitSummary";
import { SafetyBadges } from "../components/SafetyBadges";
import { ageInYears, formatDate } from "../lib/dates";
import { displayName } from "../lib/patientName";
import { useDateFormat } from "../lib/session";
import { PatientName } from "../components/PatientName";
import { AllergiesAndMedications } from "./AllergiesAndMedications";

type Props = {
  profile: PatientProfile;
  visitDate: string;
  lastVisit: VisitSummary | null;
  visitCount: number;
  actions: ReactNode;
  onBack: () => void;
};

/** Who is on the table: name, age, safety badges, the last visit at a glance, and actions. */
export function PatientBanner({ profile, visitDate, lastVisit, visitCount, actions, onBack }: Props) {
  const dateFormat = useDateFormat();
  const d = profile.details;
  const age = d.date_of_birth ? ageInYears(d.date_of_birth) : null;
  return (
    // Sticky under the app header: who is on the table and the Sign button stay in view.
    <Stack
      gap={6}
      style={{ position: "sticky", top: "var(--app-shell-header-height)", zIndex: 5 }}
      bg="var(--mantine-color-body)"
      pt={4}
    >
      <Anchor
        component="button"
        type="button"
        fz="sm"
        onClick={onBack}
        aria-keyshortcuts="Alt+ArrowLeft"
        data-testid="chart-back"
        style={{ alignSelf: "flex-start" }}
      >
        <Group gap={4} wrap="nowrap">
          <IconChevronLeft size={16} />
          Back
        </Group>
      </Anchor>
      <Paper withBorder radius="md" px="md" py="sm" shadow="xs" data-testid="chart-patient-header">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm" align="baseline">
              <Title order={2} fz={22} data-testid="chart-patient-name">
                <PatientName>{displayName(d)}</PatientName>
              </Title>
              <Text c="dimmed" fz="sm">
                #{profile.chart_number}
                {age !== null && ` · ${age} y`}
                {d.sex && ` · ${d.sex}`}
              </Text>
              <Badge variant="outline" color="gray" tt="none">
                Visit {visitCount} · {formatDate(visitDate, dateFormat)}
              </Badge>
            </Group>
            <Group gap="xs" wrap="wrap" align="center">
              <SafetyBadges flags={profile.safety} />
              <AllergiesAndMedications patientId={profile.id} />
            </Group>
            <Text fz="sm" c="dimmed" data-testid="last-visit">
              {lastVisit
                ? `Last visit ${formatDate(lastVisit.visit_date, dateFormat)} · pain ${lastVisit.pain_now ?? "–"}/10 · ${
                    lastVisit.points.join(" ") || "no points"
                  }${lastVisit.tcm_pattern ? ` · ${lastVisit.tcm_pattern}` : ""}`
                : "First visit"}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        </Group>
      </Paper>
      {profile.safety.needle_phobia && (
        <Alert
          color="yellow"
          variant="filled"
          icon={<IconAlertTriangle size={18} />}
          p="xs"
          data-testid="needle-phobia-alert"
        >
          Needle phobia or history of fainting: treat lying down, use few needles, and keep the patient in
          view.
        </Alert>
      )}
    </Stack>
  );
}
