import { ActionIcon, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import type { TimeOff } from "../../bindings/TimeOff";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useQueryError } from "../../query/useQueryError";
import { DateField } from "../fields";
import { useAddTimeOff, useDeleteTimeOff } from "../mutations";
import { useTimeOff } from "../useSchedule";
import { useSetupError } from "./ScheduleSetupPage";

const NO_TIME_OFF: TimeOff[] = [];

/** Holidays, courses, sick days: bookings then need a recorded reason. */
export function TimeOffPanel({ setup }: { setup: ScheduleSetup }) {
  const { error: actionError, setError, fail } = useSetupError();
  const [who, setWho] = useState<string | null>(
    setup.practitioners[0] ? String(setup.practitioners[0].user_id) : null,
  );
  const [past, setPast] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState("");

  const practitionerId = who ? Number(who) : null;
  const timeOff = useTimeOff(practitionerId, past);
  const list = timeOff.data ?? NO_TIME_OFF;
  const loadError = useQueryError(timeOff.error);
  const error = actionError ?? loadError?.message ?? null;
  const addTimeOff = useAddTimeOff(practitionerId);
  const deleteTimeOff = useDeleteTimeOff(practitionerId);

  const add = async () => {
    if (!who || !from || !to) {
      setError("Type the first and last day.");
      return;
    }
    try {
      await addTimeOff.mutateAsync({ practitioner_id: Number(who), from, to, reason: reason.trim() || null });
      setFrom(null);
      setTo(null);
      setReason("");
      setError(null);
    } catch (r) {
      fail(r);
    }
  };

  return (
    <Stack gap="sm" maw={760}>
      <Group align="flex-end">
        <Select
          label="Practitioner"
          w={280}
          data={setup.practitioners.map((p) => ({ value: String(p.user_id), label: p.display_name }))}
          value={who}
          onChange={setWho}
          allowDeselect={false}
        />
        <Switch
          label="Show past time off"
          checked={past}
          onChange={(e) => setPast(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Group align="flex-start">
          <DateField label="First day" w={160} value={from} onChange={setFrom} today={setup.today} />
          <DateField label="Last day" w={160} value={to} onChange={setTo} today={setup.today} />
          <TextInput
            label="Reason"
            placeholder="e.g. Conference"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button type="submit" mt={25}>
            Add time off
          </Button>
        </Group>
      </form>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {list.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No time off {past ? "recorded" : "coming up"}.
        </Text>
      ) : (
        <Table withTableBorder fz="sm">
          <Table.Tbody>
            {list.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  {t.local_start.replace("T", " ")} → {t.local_end.replace("T", " ")}
                </Table.Td>
                <Table.Td>{t.reason ?? "—"}</Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label="Remove time off"
                    onClick={() => void deleteTimeOff.mutateAsync(t.id).catch(fail)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
