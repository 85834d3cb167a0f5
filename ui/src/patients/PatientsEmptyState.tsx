import { Button, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconUserPlus, IconUserSearch } from "@tabler/icons-react";
import { DemoClinicButton } from "../demo/DemoClinicButton";

type Props = { query: string; onNewPatient: () => void };

/** Two different situations: an empty clinic, or a search that found nobody. */
export function PatientsEmptyState({ query, onNewPatient }: Props) {
  const searching = query !== "";
  return (
    <Stack
      align="center"
      gap="sm"
      py={48}
      mt="md"
      bd="1px dashed light-dark(var(--mantine-color-gray-4), var(--mantine-color-dark-4))"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
      data-testid="patient-empty"
    >
      <ThemeIcon size={44} radius="xl" variant="light">
        {searching ? <IconUserSearch size={24} /> : <IconUserPlus size={24} />}
      </ThemeIcon>
      <Text fw={500}>
        {searching ? `No patient matches “${query}”` : "No patients yet — register the first one"}
      </Text>
      <Text fz="sm" c="dimmed" ta="center" maw={420}>
        {searching
          ? "Check the spelling, or search by phone number, date of birth or chart number."
          : "Registered patients appear here, most recently updated first."}
      </Text>
      <Button variant={searching ? "default" : "filled"} onClick={onNewPatient} mt="xs">
        {searching ? "Register a new patient" : "Register the first patient"}
      </Button>
      {!searching && <DemoClinicButton />}
    </Stack>
  );
}
