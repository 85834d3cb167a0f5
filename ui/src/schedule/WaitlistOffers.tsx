import { Group, Stack, Table, Text } from "@mantine/core";
import type { WaitlistOffer } from "../bindings/WaitlistOffer";
import { PatientName } from "../components/PatientName";
import { clockOf, longDate } from "./time";

/** Waiting patients who fit a freed time: call them in this order (first come first). */
export function WaitlistOffers({ offers }: { offers: WaitlistOffer[] }) {
  if (offers.length === 0)
    return (
      <Text fz="sm" c="dimmed" data-testid="waitlist-offers-none">
        Nobody on the waitlist fits this time.
      </Text>
    );
  const first = offers[0];
  return (
    <Stack gap={6} data-testid="waitlist-offers">
      {first && (
        <Text fz="sm">
          {offers.length === 1 ? "One waiting patient fits" : `${offers.length} waiting patients fit`}{" "}
          {longDate(first.local_start.slice(0, 10))}, {clockOf(first.local_start)}–{clockOf(first.local_end)}:
        </Text>
      )}
      <Table withTableBorder fz="sm">
        <Table.Tbody>
          {offers.map((o) => (
            <Table.Tr key={o.entry.id} data-testid={`waitlist-offer-${o.entry.id}`}>
              <Table.Td>
                <Text fw={600} fz="sm">
                  <PatientName>{o.entry.patient_name}</PatientName>
                </Text>
                <Text fz="xs" c="dimmed">
                  Chart #{o.entry.chart_number}
                </Text>
              </Table.Td>
              <Table.Td>{o.entry.phone ?? "—"}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text fz="xs" c="dimmed">
                    {o.entry.type_name ?? "Any type"}
                    {o.entry.note ? ` · ${o.entry.note}` : ""}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
