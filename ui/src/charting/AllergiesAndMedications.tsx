import { Group, Text } from "@mantine/core";
import type { PatientId } from "../bindings/PatientId";
import { usePatientMedical } from "../patients/queries";

/** One recorded fact, clamped to a line; the whole text shows on hover. */
function Fact({
  label,
  text,
  warn,
  testId,
}: {
  label: string;
  text: string | null;
  warn: boolean;
  testId: string;
}) {
  return (
    <Text fz="sm" lineClamp={1} maw={420} title={text ?? undefined} data-testid={testId}>
      <Text span fw={600} c={warn && text ? "red.8" : undefined}>
        {label}:
      </Text>{" "}
      {text ?? (
        <Text span c="dimmed">
          none recorded
        </Text>
      )}
    </Text>
  );
}

/**
 * Allergies and current medications from the clinical history, beside the safety badges
 * wherever a practitioner charts, so a latex or adhesive allergy or a blood thinner is in view
 * when choosing needles, cupping or moxa. Shown only to those who may read the history.
 */
export function AllergiesAndMedications({ patientId }: { patientId: PatientId }) {
  const medical = usePatientMedical(patientId).data;
  if (!medical) return null;
  return (
    <Group gap="md" wrap="wrap" data-testid="chart-clinical-facts">
      <Fact label="Allergies" text={medical.allergies} warn testId="chart-allergies" />
      <Fact label="Medications" text={medical.medications} warn={false} testId="chart-medications" />
    </Group>
  );
}
