import { Alert, Button, Checkbox, Code, Group, Modal, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { toApiError } from "../api";
import type { IcsExport } from "../bindings/IcsExport";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useSession } from "../lib/session";
import { scheduleApi } from "./api";
import { DateField } from "./fields";
import { addDays } from "./time";

type Props = { opened: boolean; onClose: () => void; setup: ScheduleSetup; date: string };

/**
 * A practitioner's schedule as an .ics file for a phone or shared calendar, written into the
 * clinic's export folder. Patient names leave the encrypted database only when ticked.
 */
export function ExportIcsDialog({ opened, onClose, setup, date }: Props) {
  const session = useSession();
  const handleError = useApiErrorHandler();
  const own = setup.practitioners.find((p) => p.user_id === session?.user.user_id);
  const [who, setWho] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(date);
  const [to, setTo] = useState<string | null>(addDays(date, 30));
  const [names, setNames] = useState(false);
  const [done, setDone] = useState<IcsExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setWho(String(own?.user_id ?? setup.practitioners[0]?.user_id ?? ""));
    setFrom(date);
    setTo(addDays(date, 30));
    setNames(false);
    setDone(null);
    setError(null);
  }, [opened, date, own, setup]);

  const submit = async () => {
    if (!who || !from || !to) {
      setError("Pick the practitioner and both dates.");
      return;
    }
    setBusy(true);
    try {
      setDone(
        await scheduleApi.exportIcs({ practitioner_id: Number(who), from, to, include_patient_names: names }),
      );
      setError(null);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Export a calendar file (.ics)" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="ics-dialog"
      >
        <Stack gap="sm">
          <SimpleGrid cols={3} spacing="sm">
            <Select
              label="Practitioner"
              data={setup.practitioners.map((p) => ({ value: String(p.user_id), label: p.display_name }))}
              value={who}
              onChange={setWho}
              allowDeselect={false}
            />
            <DateField label="From" value={from} onChange={setFrom} today={setup.today} data-autofocus />
            <DateField label="To" value={to} onChange={setTo} today={setup.today} />
          </SimpleGrid>
          <Checkbox
            label="Include patient names (the file leaves the encrypted database: keep it private)"
            checked={names}
            onChange={(e) => setNames(e.currentTarget.checked)}
            data-testid="ics-names"
          />
          {error && <ErrorAlert>{error}</ErrorAlert>}
          {done && (
            <Alert
              color="teal"
              title={`${done.events} appointment${done.events === 1 ? "" : "s"} exported`}
              data-testid="ics-done"
            >
              <Text fz="sm">Saved as</Text>
              <Code block>{done.path}</Code>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={busy} data-testid="ics-export">
              Export
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
