import { Alert, Button, Group, Select, Text } from "@mantine/core";
import { IconBulb, IconListCheck } from "@tabler/icons-react";
import { useState } from "react";
import type { PainRegion } from "../bindings/PainRegion";
import type { Protocol } from "../bindings/Protocol";
import type { ProtocolSuggestion } from "../bindings/ProtocolSuggestion";
import type { Side } from "../bindings/Side";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";
import { chartingApi } from "./api";
import { useProtocolSuggestions } from "./queries";

const NO_SUGGESTIONS: ProtocolSuggestion[] = [];

type Props = {
  protocols: Protocol[];
  painRegions: PainRegion[];
  onApply: (points: TreatmentPoint[], protocol: Protocol) => void;
  disabled?: boolean;
};

/** The side of the body the marked pain is on, for a protocol's "affected side" points. */
function painSide(regions: PainRegion[]): Side {
  const left = regions.some((r) => r.side === "left");
  const right = regions.some((r) => r.side === "right");
  return left && !right ? "left" : right && !left ? "right" : "bilateral";
}

/**
 * Protocols: the one the body map suggests (pain down the back of the leg → Bladder channel)
 * as a banner the practitioner accepts or ignores, and any other from the list.
 */
export function ProtocolBar({ protocols, painRegions, onApply, disabled }: Props) {
  const suggested = useProtocolSuggestions(painRegions);
  const suggestions = suggested.data ?? NO_SUGGESTIONS;
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [picked, setPicked] = useState<string | null>(null);

  const apply = async (protocol: Protocol, side: Side) => {
    onApply(await chartingApi.applyProtocol(protocol.id, side), protocol);
    if (protocol.key) setDismissed((d) => [...d, protocol.key as string]);
  };

  const shown = suggestions
    .map((s) => ({ s, protocol: protocols.find((p) => p.key === s.protocol_key) }))
    .filter(
      (x): x is { s: ProtocolSuggestion; protocol: Protocol } =>
        !!x.protocol && !dismissed.includes(x.s.protocol_key),
    );

  return (
    <>
      {!disabled &&
        shown.slice(0, 2).map(({ s, protocol }) => (
          <Alert
            key={s.protocol_key}
            color="teal"
            variant="light"
            icon={<IconBulb size={18} />}
            p="xs"
            data-testid={`protocol-suggestion-${s.protocol_key}`}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div>
                <Text fz="sm" fw={600}>
                  Suggested: {protocol.name}
                </Text>
                <Text fz="sm">{s.reason}</Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <Button
                  size="xs"
                  onClick={() => void apply(protocol, s.affected_side)}
                  data-testid="protocol-suggestion-apply"
                >
                  Use ({s.affected_side === "bilateral" ? "both sides" : `${s.affected_side} side`})
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => setDismissed([...dismissed, s.protocol_key])}
                >
                  Not now
                </Button>
              </Group>
            </Group>
          </Alert>
        ))}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          flex={1}
          label="Protocol"
          placeholder="Choose a protocol to add its points"
          searchable
          disabled={disabled}
          leftSection={<IconListCheck size={16} />}
          data={protocols.map((p) => ({ value: String(p.id), label: p.name }))}
          value={picked}
          onChange={setPicked}
          data-testid="protocol-select"
        />
        <Button
          variant="light"
          disabled={disabled || picked === null}
          onClick={() => {
            const p = protocols.find((x) => String(x.id) === picked);
            if (p) void apply(p, painSide(painRegions)).then(() => setPicked(null));
          }}
          data-testid="protocol-apply"
        >
          Add points
        </Button>
      </Group>
    </>
  );
}
