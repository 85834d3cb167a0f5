import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { toApiError } from "../api";
import type { NewProtocol } from "../bindings/NewProtocol";
import type { Protocol } from "../bindings/Protocol";
import type { ProtocolPoint } from "../bindings/ProtocolPoint";
import type { ProtocolSide } from "../bindings/ProtocolSide";
import type { Technique } from "../bindings/Technique";
import { useApiErrorHandler } from "../lib/session";
import { chartingApi } from "./api";
import { isMidline } from "./pointEntry";
import { PointPicker } from "./PointPicker";
import { useProtocolWrite } from "./queries";

const SIDES = [
  { value: "affected", label: "Affected side" },
  { value: "bilateral", label: "Both" },
  { value: "left", label: "Left" },
  { value: "right", label: "Right" },
  { value: "midline", label: "Midline" },
];

type Props = { protocol: Protocol | null; onClose: () => void; onSaved: () => void };

export function ProtocolEditor({ protocol, onClose, onSaved }: Props) {
  const handleError = useApiErrorHandler();
  const saveProtocol = useProtocolWrite((input: NewProtocol) =>
    protocol ? chartingApi.updateProtocol(protocol.id, input) : chartingApi.createProtocol(input),
  );
  const [name, setName] = useState(protocol?.name ?? "");
  const [condition, setCondition] = useState(protocol?.condition ?? "");
  const [description, setDescription] = useState(protocol?.description ?? "");
  const [shared, setShared] = useState(protocol?.shared ?? false);
  const [points, setPoints] = useState<ProtocolPoint[]>(protocol?.points ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = { name, condition: condition || null, description: description || null, shared, points };
    try {
      await saveProtocol.mutateAsync(input);
      onSaved();
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error)
        setErrors(
          error.fields.length
            ? Object.fromEntries(error.fields.map((f) => [f.field, f.message]))
            : { form: error.message },
        );
    } finally {
      setBusy(false);
    }
  };
  const set = (i: number, change: Partial<ProtocolPoint>) =>
    setPoints(points.map((p, j) => (j === i ? { ...p, ...change } : p)));

  return (
    <Modal opened onClose={onClose} title={protocol ? "Edit protocol" : "New protocol"} size="lg">
      <form onSubmit={save} data-testid="protocol-editor">
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="protocol-name"
          />
          <Group grow>
            <TextInput
              label="Condition"
              value={condition}
              onChange={(e) => setCondition(e.currentTarget.value)}
            />
            <Switch
              mt="lg"
              label="Share with colleagues"
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
          </Group>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <PointPicker
            picks={null}
            onPicksChange={() => {}}
            onAdd={(p, side) =>
              setPoints([
                ...points,
                {
                  code: p.code,
                  side: isMidline(p) ? "midline" : side === "bilateral" ? "affected" : side,
                  technique: null,
                  retention_minutes: 20,
                  note: null,
                },
              ])
            }
            onRemoveLast={() => setPoints(points.slice(0, -1))}
          />
          {points.length > 0 && (
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {points.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td fw={700} ff="monospace">
                      {p.code}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        w={130}
                        data={SIDES}
                        value={p.side}
                        onChange={(v) => v && set(i, { side: v as ProtocolSide })}
                        aria-label={`${p.code} side`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        w={100}
                        clearable
                        placeholder="Technique"
                        data={["even", "tonify", "reduce"]}
                        value={p.technique ?? null}
                        onChange={(v) => set(i, { technique: (v as Technique | null) ?? null })}
                        aria-label={`${p.code} technique`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        w={80}
                        suffix=" min"
                        min={0}
                        max={120}
                        value={p.retention_minutes ?? ""}
                        onChange={(v) => set(i, { retention_minutes: v === "" ? null : Number(v) })}
                        aria-label={`${p.code} minutes`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove ${p.code}`}
                        onClick={() => setPoints(points.filter((_, j) => j !== i))}
                      >
                        <IconTrash size={15} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {(errors.points || errors.form) && (
            <Text c="red" fz="sm">
              {errors.points ?? errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="protocol-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
