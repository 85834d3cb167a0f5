import {
  Badge,
  Button,
  ColorInput,
  ColorSwatch,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { Practitioner } from "../../bindings/Practitioner";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import type { UserSummary } from "../../bindings/UserSummary";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useQueryError } from "../../query/useQueryError";
import { useUsers } from "../../staff/queries";
import { scheduleApi } from "../api";
import { useScheduleSetupWrite } from "../mutations";
import { useSetupError } from "./ScheduleSetupPage";

type Props = { setup: ScheduleSetup };

type Draft = {
  userId: string | null;
  licence: string;
  signature: string;
  colour: string;
  active: boolean;
  existing: boolean;
};

const NO_USERS: UserSummary[] = [];
const PALETTE = ["#2f6f9f", "#2a9d8f", "#8e44ad", "#c0392b", "#d68910", "#1e8449", "#5d6d7e", "#b03a2e"];

/** Staff with the practitioner role become bookable columns, with licence and colour. */
export function PractitionersPanel({ setup }: Props) {
  const { error: actionError, setError, fail } = useSetupError();
  const staff = useUsers();
  const users = staff.data ?? NO_USERS;
  const loadError = useQueryError(staff.error);
  const error = actionError ?? loadError?.message ?? null;
  const savePractitioner = useScheduleSetupWrite(scheduleApi.savePractitioner);
  const [draft, setDraft] = useState<Draft | null>(null);

  const candidates = users.filter(
    (u) =>
      u.roles.includes("practitioner") &&
      !u.disabled_at &&
      !setup.practitioners.some((p) => p.user_id === u.id),
  );
  const edit = (p: Practitioner) =>
    setDraft({
      userId: String(p.user_id),
      licence: p.licence_number ?? "",
      signature: p.signature_line ?? "",
      colour: p.colour,
      active: p.active,
      existing: true,
    });

  const save = async () => {
    if (!draft?.userId) {
      setError("Pick the staff member.");
      return;
    }
    try {
      const saved = await savePractitioner.mutateAsync({
        user_id: Number(draft.userId),
        licence_number: draft.licence.trim() || null,
        signature_line: draft.signature.trim() || null,
        colour: draft.colour,
        active: draft.active,
      });
      notifications.show({ color: "teal", title: "Practitioner saved", message: saved.display_name });
      setDraft(null);
      setError(null);
    } catch (reason) {
      fail(reason);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          One calendar column each. Staff need the practitioner role (Staff page) to appear here.
        </Text>
        <Button
          onClick={() =>
            setDraft({
              userId: candidates[0] ? String(candidates[0].id) : null,
              licence: "",
              signature: "",
              colour: PALETTE[setup.practitioners.length % PALETTE.length] ?? "#2f6f9f",
              active: true,
              existing: false,
            })
          }
          disabled={candidates.length === 0}
          data-testid="setup-add-practitioner"
        >
          Add practitioner
        </Button>
      </Group>
      {error && !draft && <ErrorAlert>{error}</ErrorAlert>}
      <Table withTableBorder fz="sm" data-testid="setup-practitioners">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Licence</Table.Th>
            <Table.Th>Colour</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {setup.practitioners.map((p) => (
            <Table.Tr key={p.user_id}>
              <Table.Td fw={600}>{p.display_name}</Table.Td>
              <Table.Td>{p.licence_number ?? "—"}</Table.Td>
              <Table.Td>
                <ColorSwatch color={p.colour} size={16} />
              </Table.Td>
              <Table.Td>
                {p.active ? <Badge color="teal">Bookable</Badge> : <Badge color="gray">Inactive</Badge>}
              </Table.Td>
              <Table.Td ta="right">
                <Button size="compact-sm" variant="subtle" onClick={() => edit(p)}>
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
        title={draft?.existing ? "Edit practitioner" : "Add practitioner"}
      >
        {draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Stack gap="sm">
              <Select
                label="Staff member"
                data={(draft.existing ? users.filter((u) => String(u.id) === draft.userId) : candidates).map(
                  (u) => ({
                    value: String(u.id),
                    label: u.display_name,
                  }),
                )}
                value={draft.userId}
                onChange={(userId) => setDraft({ ...draft, userId })}
                disabled={draft.existing}
                allowDeselect={false}
              />
              <SimpleGrid cols={2}>
                <TextInput
                  label="Licence number"
                  value={draft.licence}
                  onChange={(e) => setDraft({ ...draft, licence: e.currentTarget.value })}
                  data-autofocus
                />
                <ColorInput
                  label="Column colour"
                  value={draft.colour}
                  onChange={(colour) => setDraft({ ...draft, colour })}
                  swatches={PALETTE}
                  format="hex"
                />
              </SimpleGrid>
              <TextInput
                label="Signature line (documents)"
                placeholder="e.g. Dr. Hana Ito, L.Ac."
                value={draft.signature}
                onChange={(e) => setDraft({ ...draft, signature: e.currentTarget.value })}
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
