import { Button, Group, SimpleGrid, Stack } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import type { DateFormat } from "../../bindings/DateFormat";
import type { PatientDetails } from "../../bindings/PatientDetails";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { InfoField } from "../../components/InfoField";
import { SectionCard } from "../../components/SectionCard";
import { birthDateWithAge, formatDate } from "../../lib/dates";
import { useDateFormat } from "../../lib/session";
import { DetailsForm } from "./DetailsForm";
import { DETAIL_SECTIONS, SEX_LABELS, type FieldSpec } from "./detailsFields";

type Props = { profile: PatientProfile };

/** Demographics and contact details: a read view, and an edit form for every field. */
export function DetailsTab({ profile }: Props) {
  const [editing, setEditing] = useState(false);

  if (editing) {
    return (
      <DetailsForm profile={profile} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />
    );
  }

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={() => setEditing(true)}
          data-testid="details-edit"
        >
          Edit details
        </Button>
      </Group>
      <DetailsView details={profile.details} />
    </Stack>
  );
}

function DetailsView({ details }: { details: PatientDetails }) {
  const dateFormat = useDateFormat();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md" data-testid="details-view">
      {DETAIL_SECTIONS.map((section) => (
        <SectionCard key={section.title} title={section.title}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            {section.fields.map((field) => (
              <div key={field.key} style={field.wide ? { gridColumn: "1 / -1" } : undefined}>
                <InfoField label={field.label} multiline={field.kind === "notes"}>
                  {shown(field, details, dateFormat)}
                </InfoField>
              </div>
            ))}
          </SimpleGrid>
        </SectionCard>
      ))}
    </SimpleGrid>
  );
}

function shown(field: FieldSpec, details: PatientDetails, dateFormat: DateFormat): string | null {
  const value = details[field.key];
  if (value === null || value === "") return null;
  if (field.key === "date_of_birth") return birthDateWithAge(value, dateFormat);
  if (field.kind === "date") return formatDate(value, dateFormat);
  if (field.key === "sex" && details.sex) return SEX_LABELS[details.sex];
  return value;
}
