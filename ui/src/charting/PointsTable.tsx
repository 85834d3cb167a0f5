import {
  ActionIcon,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Switch,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconAlertTriangle, IconBolt, IconTrash } from "@tabler/icons-react";
import type { Point } from "../bindings/Point";
import type { Side } from "../bindings/Side";
import type { Technique } from "../bindings/Technique";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";
import { isMidline } from "./pointEntry";

type Props = {
  points: TreatmentPoint[];
  names: Map<string, Point>;
  onChange: (points: TreatmentPoint[]) => void;
  readOnly?: boolean;
};

const SIDES = [
  { value: "left", label: "L" },
  { value: "right", label: "R" },
  { value: "bilateral", label: "Both" },
];
const TECHNIQUES = [
  { value: "even", label: "Even" },
  { value: "tonify", label: "Tonify" },
  { value: "reduce", label: "Reduce" },
];

const num = (v: string | number) => (v === "" ? null : Number(v));

/** The points used, one row each: side, technique, depth, retention and electro pairing. */
export function PointsTable({ points, names, onChange, readOnly }: Props) {
  const set = (i: number, change: Partial<TreatmentPoint>) =>
    onChange(points.map((p, j) => (j === i ? { ...p, ...change } : p)));
  if (points.length === 0) {
    return (
      <Text fz="sm" c="dimmed" py="xs" data-testid="points-empty">
        No points yet: type one above, pick a protocol, or copy the last treatment.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} horizontalSpacing={6} data-testid="points-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Point</Table.Th>
          <Table.Th>Side</Table.Th>
          <Table.Th>Technique</Table.Th>
          <Table.Th>Depth mm</Table.Th>
          <Table.Th>Min</Table.Th>
          <Table.Th>
            <Tooltip label="Electro-acupuncture: pair, frequency, minutes">
              <IconBolt size={16} aria-label="Electro" />
            </Tooltip>
          </Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {points.map((p, i) => {
          const info = names.get(p.code);
          const electro = p.electro_pair !== null && p.electro_pair !== undefined;
          return [
            <Table.Tr key={`${p.code}-${i}`} data-testid={`point-row-${p.code}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text fw={700} ff="monospace" fz="sm">
                    {p.code}
                  </Text>
                  {info && (
                    <Tooltip label={`${info.pinyin} ${info.hanzi} · ${info.english}`} openDelay={200}>
                      <Text fz="sm" c="dimmed" lineClamp={1} maw={130}>
                        {info.pinyin} {info.hanzi}
                      </Text>
                    </Tooltip>
                  )}
                  {info && info.cautions.length > 0 && (
                    <Tooltip label={`Caution: ${info.cautions.join(", ").replace(/_/g, " ")}`}>
                      <IconAlertTriangle
                        size={14}
                        color="var(--mantine-color-orange-6)"
                        aria-label="Caution"
                      />
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {info && isMidline(info) ? (
                  <Text fz="sm" c="dimmed">
                    Midline
                  </Text>
                ) : (
                  <SegmentedControl
                    size="xs"
                    disabled={readOnly}
                    data={SIDES}
                    value={p.side}
                    onChange={(v) => set(i, { side: v as Side })}
                    data-testid={`point-side-${p.code}`}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={92}
                  disabled={readOnly}
                  data={TECHNIQUES}
                  placeholder="—"
                  clearable
                  value={p.technique ?? null}
                  onChange={(v) => set(i, { technique: (v as Technique | null) ?? null })}
                  aria-label={`${p.code} technique`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  w={62}
                  min={1}
                  max={150}
                  disabled={readOnly}
                  value={p.depth_mm ?? ""}
                  onChange={(v) => set(i, { depth_mm: num(v) })}
                  aria-label={`${p.code} depth in mm`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  w={56}
                  min={0}
                  max={120}
                  disabled={readOnly}
                  value={p.retention_minutes ?? ""}
                  onChange={(v) => set(i, { retention_minutes: num(v) })}
                  aria-label={`${p.code} retention minutes`}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  size="xs"
                  disabled={readOnly}
                  checked={electro}
                  onChange={(e) =>
                    set(
                      i,
                      e.currentTarget.checked
                        ? {
                            electro_pair: points.find((_, j) => j !== i)?.code ?? p.code,
                            electro_hz: 2,
                            electro_minutes: 20,
                          }
                        : { electro_pair: null, electro_hz: null, electro_minutes: null },
                    )
                  }
                  aria-label={`${p.code} electro-acupuncture`}
                  data-testid={`point-electro-${p.code}`}
                />
              </Table.Td>
              <Table.Td>
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Remove ${p.code}`}
                    onClick={() => onChange(points.filter((_, j) => j !== i))}
                    data-testid={`point-remove-${p.code}`}
                  >
                    <IconTrash size={15} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>,
            electro && (
              <Table.Tr key={`${p.code}-${i}-electro`}>
                <Table.Td />
                <Table.Td colSpan={6}>
                  <Group gap="xs">
                    <Text fz="xs" c="dimmed">
                      Electro paired with
                    </Text>
                    <Select
                      size="xs"
                      w={100}
                      disabled={readOnly}
                      data={[...new Set(points.filter((_, j) => j !== i).map((q) => q.code))]}
                      value={p.electro_pair ?? null}
                      onChange={(v) => set(i, { electro_pair: v })}
                      aria-label={`${p.code} electro pair`}
                    />
                    <NumberInput
                      size="xs"
                      w={70}
                      min={0.1}
                      max={200}
                      suffix=" Hz"
                      disabled={readOnly}
                      value={p.electro_hz ?? ""}
                      onChange={(v) => set(i, { electro_hz: num(v) })}
                      aria-label={`${p.code} electro frequency`}
                    />
                    <NumberInput
                      size="xs"
                      w={70}
                      min={1}
                      max={120}
                      suffix=" min"
                      disabled={readOnly}
                      value={p.electro_minutes ?? ""}
                      onChange={(v) => set(i, { electro_minutes: num(v) })}
                      aria-label={`${p.code} electro minutes`}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ),
          ];
        })}
      </Table.Tbody>
    </Table>
  );
}
