import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertOctagon, IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import type { SafetyAlert } from "../bindings/SafetyAlert";

type Props = {
  alerts: SafetyAlert[];
  onAcknowledge: (key: string, reason: string) => void;
  readOnly?: boolean;
};

/** Safety alerts the draft raises, inline: each needs a reason before the note can be saved. */
export function AlertsPanel({ alerts, onAcknowledge, readOnly }: Props) {
  if (alerts.length === 0) return null;
  return (
    <Stack gap={6} data-testid="safety-alerts">
      {alerts.map((a) => (
        <AlertRow key={a.key} alert={a} onAcknowledge={onAcknowledge} readOnly={readOnly} />
      ))}
    </Stack>
  );
}

function AlertRow({
  alert,
  onAcknowledge,
  readOnly,
}: {
  alert: SafetyAlert;
  onAcknowledge: Props["onAcknowledge"];
  readOnly?: boolean;
}) {
  const [reason, setReason] = useState("");
  const done = alert.acknowledged;
  return (
    <Alert
      color={done ? "gray" : "red"}
      variant={done ? "light" : "filled"}
      icon={done ? <IconCircleCheck size={18} /> : <IconAlertOctagon size={18} />}
      p="xs"
      data-testid={`safety-alert-${alert.key}`}
      data-acknowledged={done || undefined}
    >
      <Text fz="sm" fw={600}>
        {alert.message}
      </Text>
      {done ? (
        <Text fz="sm">Acknowledged: {alert.reason}</Text>
      ) : (
        !readOnly && (
          <Group gap={6} mt={6} wrap="nowrap">
            <TextInput
              flex={1}
              size="xs"
              placeholder="Why you are going ahead (recorded with the note)"
              aria-label="Reason for going ahead"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && reason.trim()) onAcknowledge(alert.key, reason.trim());
              }}
              data-testid={`alert-reason-${alert.key}`}
            />
            <Button
              size="xs"
              color="dark"
              disabled={!reason.trim()}
              onClick={() => onAcknowledge(alert.key, reason.trim())}
              data-testid={`alert-ack-${alert.key}`}
            >
              Acknowledge
            </Button>
          </Group>
        )
      )}
    </Alert>
  );
}
