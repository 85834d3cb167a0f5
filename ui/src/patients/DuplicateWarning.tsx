import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";
import { PatientName } from "../components/PatientName";

type Props = {
  matches: PatientSummary[];
  /** The backend's own words, when it refused the registration. */
  message: string | null;
  dateFormat: DateFormat;
  busy: boolean;
  onOpen: (patient: PatientSummary) => void;
  onRegisterAnyway: () => void;
};

/** Shown in the registration form when the person may already have a chart. */
export function DuplicateWarning({ matches, message, dateFormat, busy, onOpen, onRegisterAnyway }: Props) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      role="alert"
      title="This patient may already be registered"
      data-testid="duplicate-warning"
    >
      <Stack gap="sm">
        <Text fz="sm">
          {message ??
            (matches.length === 1
              ? "A patient with the same name and date of birth, or the same phone, exists:"
              : "Patients with the same name and date of birth, or the same phone, exist:")}
        </Text>
        {matches.map((p) => (
          <Group key={p.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="duplicate-match">
            <Stack gap={0}>
              <Text fz="sm" fw={600}>
                <PatientName>{listName(p)}</PatientName> · chart #{p.chart_number}
              </Text>
              <Text fz="sm" c="dimmed">
                {p.date_of_birth ? `Born ${formatDate(p.date_of_birth, dateFormat)}` : "No date of birth"}
                {" · "}
                {p.phone ?? "no phone"}
                {p.archived && " · archived"}
              </Text>
            </Stack>
            <Button size="xs" variant="default" onClick={() => onOpen(p)} data-testid="duplicate-open">
              Open
            </Button>
          </Group>
        ))}
        <Group gap="sm">
          <Button
            size="xs"
            color="orange"
            variant="light"
            loading={busy}
            onClick={onRegisterAnyway}
            data-testid="duplicate-register-anyway"
          >
            Register anyway — it is someone else
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
