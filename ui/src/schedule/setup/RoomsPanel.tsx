import { Badge, Button, Group, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { Room } from "../../bindings/Room";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import { ErrorAlert } from "../../components/ErrorAlert";
import { scheduleApi } from "../api";
import { useScheduleSetupWrite } from "../mutations";
import { useSetupError } from "./ScheduleSetupPage";

type Props = { setup: ScheduleSetup };

/** Treatment rooms and beds: types that need a room get the first free one. */
export function RoomsPanel({ setup }: Props) {
  const { error, setError, fail } = useSetupError();
  const saveRoom = useScheduleSetupWrite(scheduleApi.saveRoom);
  const [name, setName] = useState("");
  const [editing, setEditing] = useState<{ room: Room; name: string } | null>(null);

  const save = async (room: Room | null, newName: string, active = true) => {
    if (!newName.trim()) {
      setError("Give the room a name.");
      return;
    }
    try {
      await saveRoom.mutateAsync({
        id: room?.id ?? null,
        name: newName,
        sort_order: room?.sort_order ?? null,
        active,
      });
      setName("");
      setEditing(null);
      setError(null);
    } catch (reason) {
      fail(reason);
    }
  };

  return (
    <Stack gap="sm" maw={640}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(null, name);
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="New room"
            placeholder="e.g. Room 3 or Bed B"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="setup-room-name"
          />
          <Button type="submit" data-testid="setup-add-room">
            Add room
          </Button>
        </Group>
      </form>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {setup.rooms.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No rooms yet.
        </Text>
      ) : (
        <Table withTableBorder fz="sm" data-testid="setup-rooms">
          <Table.Tbody>
            {setup.rooms.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {editing?.room.id === r.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void save(r, editing.name, r.active);
                      }}
                    >
                      <TextInput
                        size="xs"
                        value={editing.name}
                        onChange={(e) => setEditing({ room: r, name: e.currentTarget.value })}
                        data-autofocus
                        autoFocus
                      />
                    </form>
                  ) : (
                    <Text fw={600} fz="sm">
                      {r.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={120}>
                  {r.active ? <Badge color="teal">In use</Badge> : <Badge color="gray">Closed</Badge>}
                </Table.Td>
                <Table.Td w={220} ta="right">
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing({ room: r, name: r.name })}
                    >
                      Rename
                    </Button>
                    <Switch
                      size="sm"
                      aria-label="In use"
                      checked={r.active}
                      onChange={(e) => void save(r, r.name, e.currentTarget.checked)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
