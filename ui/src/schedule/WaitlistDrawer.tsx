import {
  ActionIcon,
  Button,
  Chip,
  Divider,
  Drawer,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import type { WaitlistEntry } from "../bindings/WaitlistEntry";
import { ErrorAlert } from "../components/ErrorAlert";
import { PatientName } from "../components/PatientName";
import { useApiErrorHandler } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { useAddToWaitlist, useResolveWaitlistEntry } from "./mutations";
import { useWaitlist } from "./useSchedule";
import { TimeField } from "./fields";
import { PatientPicker, type PickedPatient } from "./PatientPicker";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function preferences(e: WaitlistEntry, setup: ScheduleSetup): string {
  const who = e.practitioner_ids
    .map((id) => setup.practitioners.find((p) => p.user_id === id)?.display_name)
    .filter(Boolean)
    .join(", ");
  const days = e.weekdays.map((d) => DAYS[d - 1]).join(", ");
  const times = e.earliest || e.latest ? `${e.earliest ?? "open"}–${e.latest ?? "close"}` : "";
  return [e.type_name, who || "any practitioner", days || "any day", times].filter(Boolean).join(" · ");
}

type Props = { opened: boolean; onClose: () => void; setup: ScheduleSetup };

/** Patients waiting for an earlier or a better time; cancellations offer them the freed slot. */
export function WaitlistDrawer({ opened, onClose, setup }: Props) {
  const handleError = useApiErrorHandler();
  const waitlist = useWaitlist(opened);
  const entries = waitlist.data ?? null;
  const loadError = useQueryError(waitlist.error);
  const addToWaitlist = useAddToWaitlist();
  const resolveEntry = useResolveWaitlistEntry();
  // What the last action was refused for; a failed read shows when no action has failed since.
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError?.message ?? null;
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [who, setWho] = useState<string[]>([]);
  const [days, setDays] = useState<string[]>([]);
  const [earliest, setEarliest] = useState<string | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  const [note, setNote] = useState("");

  const add = async () => {
    if (!patient) {
      setError("Pick the patient who is waiting.");
      return;
    }
    try {
      await addToWaitlist.mutateAsync({
        patient_id: patient.id,
        type_id: typeId ? Number(typeId) : null,
        practitioner_ids: who.map(Number),
        weekdays: days.map(Number),
        earliest,
        latest,
        note: note.trim() || null,
      });
      setPatient(null);
      setNote("");
      setError(null);
      notifications.show({ color: "teal", title: "Added to the waitlist", message: patient.name });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  };

  const resolve = async (entry: WaitlistEntry) => {
    try {
      await resolveEntry.mutateAsync(entry.id);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title="Waitlist"
      position="right"
      size={560}
      data-testid="waitlist-drawer"
    >
      <Stack gap="sm">
        {entries && entries.length === 0 && (
          <Text fz="sm" c="dimmed">
            Nobody is waiting.
          </Text>
        )}
        {entries && entries.length > 0 && (
          <Table fz="sm" verticalSpacing={6} data-testid="waitlist-entries">
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text fw={600} fz="sm">
                      <PatientName>{e.patient_name}</PatientName>
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {preferences(e, setup)}
                    </Text>
                    {e.note && <Text fz="xs">{e.note}</Text>}
                  </Table.Td>
                  <Table.Td w={120}>{e.phone ?? "—"}</Table.Td>
                  <Table.Td w={40}>
                    <Tooltip label="Booked or no longer waiting: take off the list">
                      <ActionIcon
                        variant="subtle"
                        aria-label="Take off the waitlist"
                        onClick={() => void resolve(e)}
                      >
                        <IconCheck size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Divider label="Add a waiting patient" labelPosition="left" />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Stack gap="xs">
            <PatientPicker value={patient} onChange={setPatient} />
            <Group grow>
              <Select
                label="Type"
                placeholder="Any"
                clearable
                data={setup.types
                  .filter((t) => t.active)
                  .map((t) => ({ value: String(t.id), label: t.name }))}
                value={typeId}
                onChange={setTypeId}
              />
              <MultiSelect
                label="Practitioners"
                placeholder="Any"
                data={setup.practitioners
                  .filter((p) => p.active)
                  .map((p) => ({ value: String(p.user_id), label: p.display_name }))}
                value={who}
                onChange={setWho}
              />
            </Group>
            <Chip.Group multiple value={days} onChange={setDays}>
              <Group gap={6}>
                {DAYS.map((d, i) => (
                  <Chip key={d} value={String(i + 1)} size="sm">
                    {d}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Group grow>
              <TimeField label="From" placeholder="Any" value={earliest} onChange={setEarliest} />
              <TimeField label="Done by" placeholder="Any" value={latest} onChange={setLatest} />
            </Group>
            <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <Group justify="flex-end">
              <Button type="submit">Add to waitlist</Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Drawer>
  );
}
