import { Loader, Stack, Tabs, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { toApiError } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApiErrorHandler } from "../../lib/session";
import { useScheduleSetup } from "../useSchedule";
import { ClinicSchedulePanel } from "./ClinicSchedulePanel";
import { HoursPanel } from "./HoursPanel";
import { PractitionersPanel } from "./PractitionersPanel";
import { RoomsPanel } from "./RoomsPanel";
import { TimeOffPanel } from "./TimeOffPanel";
import { TypesPanel } from "./TypesPanel";

/** What the calendar is built from (admins): practitioners, rooms, types, hours, time off, zone. */
export function ScheduleSetupPage() {
  const { setup, error } = useScheduleSetup();
  const [tab, setTab] = useState<string | null>("practitioners");

  return (
    <Stack gap="md" maw={1100} data-testid="schedule-setup-page">
      <div>
        <Title order={1}>Schedule setup</Title>
        <Text c="dimmed" fz="sm">
          Who can be booked, where, for what, and when. The front desk's calendar is drawn from this.
        </Text>
      </div>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {!setup && !error && <Loader size="sm" aria-label="Loading the schedule setup" />}
      {setup && (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="practitioners" data-testid="setup-tab-practitioners">
              Practitioners
            </Tabs.Tab>
            <Tabs.Tab value="rooms" data-testid="setup-tab-rooms">
              Rooms
            </Tabs.Tab>
            <Tabs.Tab value="types" data-testid="setup-tab-types">
              Appointment types
            </Tabs.Tab>
            <Tabs.Tab value="hours" data-testid="setup-tab-hours">
              Working hours
            </Tabs.Tab>
            <Tabs.Tab value="time-off" data-testid="setup-tab-time-off">
              Time off
            </Tabs.Tab>
            <Tabs.Tab value="clinic" data-testid="setup-tab-clinic">
              Clinic
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="practitioners" pt="md">
            <PractitionersPanel setup={setup} />
          </Tabs.Panel>
          <Tabs.Panel value="rooms" pt="md">
            <RoomsPanel setup={setup} />
          </Tabs.Panel>
          <Tabs.Panel value="types" pt="md">
            <TypesPanel setup={setup} />
          </Tabs.Panel>
          <Tabs.Panel value="hours" pt="md">
            <HoursPanel setup={setup} />
          </Tabs.Panel>
          <Tabs.Panel value="time-off" pt="md">
            <TimeOffPanel setup={setup} />
          </Tabs.Panel>
          <Tabs.Panel value="clinic" pt="md">
            <ClinicSchedulePanel setup={setup} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

/** Shared by the panels: a failed call's message for the screen, or null once handled. */
export function useSetupError() {
  const handleError = useApiErrorHandler();
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback(
    (reason: unknown) => {
      const e = handleError(toApiError(reason));
      setError(e ? e.message : null);
      return e;
    },
    [handleError],
  );
  return { error, setError, fail };
}
