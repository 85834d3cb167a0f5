import { Button, Group, Modal, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSparkles } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { DemoProgress } from "../bindings/DemoProgress";
import { ErrorAlert } from "../components/ErrorAlert";
import { useCan } from "../lib/session";
import { useProgressChannel } from "../lib/useProgressChannel";
import { demoApi } from "./api";

const STAGES: Record<DemoProgress["stage"], string> = {
  patients: "Registering patients",
  history: "Booking twenty years of visits and writing their notes",
};

function percent(p: DemoProgress | null): number {
  return p && p.total > 0 ? Math.round((p.done * 100) / p.total) : 0;
}

/**
 * First run, empty clinic: an admin may fill it with a generated demo clinic to see AcuChart
 * with patients, a calendar and charts. Never shown to other roles (the core refuses them too).
 */
export function DemoClinicButton() {
  const can = useCan();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const { progress, open: progressChannel } = useProgressChannel<DemoProgress>();
  const loading = useMutation({
    mutationFn: () => demoApi.loadDemoClinic(progressChannel()),
    onSuccess: (made) => {
      setConfirming(false);
      notifications.show({
        color: "teal",
        title: "Demo clinic ready",
        message: `${made.patients.toLocaleString()} patients, ${made.practitioners} practitioners and ${made.appointments.toLocaleString()} appointments.`,
      });
      // Patients, schedule, notes and settings all changed: every screen reads again.
      void queryClient.invalidateQueries();
    },
  });
  const running = loading.isPending;
  const error = loading.error?.message ?? null;
  if (!can("load_demo_data")) return null;

  const load = () => loading.mutate();

  return (
    <>
      <Button
        variant="subtle"
        leftSection={<IconSparkles size={16} />}
        onClick={() => setConfirming(true)}
        data-testid="demo-clinic-open"
      >
        Explore with a demo clinic
      </Button>
      <Modal
        opened={confirming}
        onClose={() => !running && setConfirming(false)}
        closeOnEscape={!running}
        withCloseButton={!running}
        title="Load a demo clinic"
        centered
      >
        <Stack gap="sm">
          <Text fz="sm">
            Adds about 6,000 fictional patients, two practitioners with their rooms and hours, and twenty
            years of appointments with signed visit notes, so you can try every screen with realistic data.
          </Text>
          <Text fz="sm" c="dimmed">
            Use it on a computer you are trying AcuChart out on, not on the clinic's real database: demo
            patients are ordinary records and stay until archived.
          </Text>
          {running && (
            <Stack gap={4} data-testid="demo-clinic-progress">
              <Text fz="sm">{progress ? STAGES[progress.stage] : "Starting"}…</Text>
              <Progress value={percent(progress)} animated size="lg" aria-label={`${percent(progress)}%`} />
            </Stack>
          )}
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Group justify="flex-end">
            <Button variant="default" disabled={running} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button loading={running} onClick={load} data-autofocus data-testid="demo-clinic-load">
              Load the demo clinic
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
