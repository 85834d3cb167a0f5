import {
  Badge,
  Button,
  Checkbox,
  ColorInput,
  ColorSwatch,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import type { AppointmentType } from "../../bindings/AppointmentType";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import { ErrorAlert } from "../../components/ErrorAlert";
import { scheduleApi } from "../api";
import { useScheduleSetupWrite } from "../mutations";
import { useSetupError } from "./ScheduleSetupPage";

type Props = { setup: ScheduleSetup };

type Draft = {
  id: number | null;
  name: string;
  minutes: number | string;
  colour: string;
  needsRoom: boolean;
  fee: number | string;
  billingCode: string;
  active: boolean;
};

const fresh = (): Draft => ({
  id: null,
  name: "",
  minutes: 45,
  colour: "#2a9d8f",
  needsRoom: true,
  fee: "",
  billingCode: "",
  active: true,
});

function money(cents: number | null): string {
  return cents === null ? "—" : (cents / 100).toFixed(2);
}

/** Appointment types: length, calendar colour, whether a room is needed, default fee and code. */
export function TypesPanel({ setup }: Props) {
  const { error, setError, fail } = useSetupError();
  const saveType = useScheduleSetupWrite(scheduleApi.saveType);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const edit = (t: AppointmentType) =>
    setDraft({
      id: t.id,
      name: t.name,
      minutes: t.duration_minutes,
      colour: t.colour,
      needsRoom: t.needs_room,
      fee: t.fee_cents === null ? "" : t.fee_cents / 100,
      billingCode: t.billing_code ?? "",
      active: t.active,
    });

  const save = async () => {
    if (!draft) return;
    try {
      await saveType.mutateAsync({
        id: draft.id,
        name: draft.name,
        duration_minutes: Number(draft.minutes) || 0,
        colour: draft.colour,
        needs_room: draft.needsRoom,
        fee_cents: draft.fee === "" ? null : Math.round(Number(draft.fee) * 100),
        billing_code: draft.billingCode.trim() || null,
        active: draft.active,
      });
      setDraft(null);
      setError(null);
      setFieldErrors({});
    } catch (reason) {
      const e = fail(reason);
      if (e) setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setDraft(fresh())} data-testid="setup-add-type">
          Add type
        </Button>
      </Group>
      <Table withTableBorder fz="sm" data-testid="setup-types">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Minutes</Table.Th>
            <Table.Th>Room</Table.Th>
            <Table.Th>Fee</Table.Th>
            <Table.Th>Billing code</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {setup.types.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Group gap={8} wrap="nowrap">
                  <ColorSwatch color={t.colour} size={14} />
                  <b>{t.name}</b>
                </Group>
              </Table.Td>
              <Table.Td>{t.duration_minutes}</Table.Td>
              <Table.Td>{t.needs_room ? "Needs a room" : "No room"}</Table.Td>
              <Table.Td>{money(t.fee_cents)}</Table.Td>
              <Table.Td>{t.billing_code ?? "—"}</Table.Td>
              <Table.Td>
                {t.active ? <Badge color="teal">Bookable</Badge> : <Badge color="gray">Retired</Badge>}
              </Table.Td>
              <Table.Td ta="right">
                <Button size="compact-sm" variant="subtle" onClick={() => edit(t)}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={draft !== null}
        onClose={() => setDraft(null)}
        title={draft?.id ? "Edit appointment type" : "New appointment type"}
        size="lg"
      >
        {draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Stack gap="sm">
              <SimpleGrid cols={2}>
                <TextInput
                  label="Name"
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                  error={fieldErrors.name}
                  data-autofocus
                />
                <NumberInput
                  label="Minutes"
                  min={5}
                  max={480}
                  step={5}
                  value={draft.minutes}
                  onChange={(minutes) => setDraft({ ...draft, minutes })}
                  error={fieldErrors.duration_minutes}
                />
                <ColorInput
                  label="Calendar colour"
                  format="hex"
                  value={draft.colour}
                  onChange={(colour) => setDraft({ ...draft, colour })}
                  error={fieldErrors.colour}
                />
                <NumberInput
                  label="Default fee"
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  value={draft.fee}
                  onChange={(fee) => setDraft({ ...draft, fee })}
                  error={fieldErrors.fee_cents}
                />
                <TextInput
                  label="Billing code"
                  placeholder="e.g. 97810"
                  value={draft.billingCode}
                  onChange={(e) => setDraft({ ...draft, billingCode: e.currentTarget.value })}
                  error={fieldErrors.billing_code}
                />
              </SimpleGrid>
              <Checkbox
                label="Needs a treatment room"
                checked={draft.needsRoom}
                onChange={(e) => setDraft({ ...draft, needsRoom: e.currentTarget.checked })}
              />
              <Switch
                label="Bookable"
                checked={draft.active}
                onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
              />
              {error && <ErrorAlert>{error}</ErrorAlert>}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDraft(null)}>
                  Close
                </Button>
                <Button type="submit">Save</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
