import { Badge, Box, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { UserSummary } from "../bindings/UserSummary";
import { useCan } from "../lib/session";
import { toApiError } from "../api";
import { useApiErrorHandler } from "../lib/session";
import { securityApi } from "../security/api";
import { NewStaffModal } from "./NewStaffModal";
import { StaffDialogs } from "./StaffDialogs";
import type { StaffAction } from "./StaffRowActions";
import { StaffTable } from "./StaffTable";
import { useStaffWrite } from "./queries";
import { useStaffList } from "./useStaffList";
import { ErrorAlert } from "../components/ErrorAlert";

/** Who may sign in to this clinic, and with which roles. For admins. */
export function StaffPage() {
  const can = useCan();
  const { users, loaded, error } = useStaffList();
  const staffWrite = useStaffWrite();
  const [adding, setAdding] = useState(false);
  // The account just added, tinted in the table so it is easy to spot.
  const [addedId, setAddedId] = useState<number | null>(null);
  const [pending, setPending] = useState<{ action: StaffAction; user: UserSummary } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const handleError = useApiErrorHandler();

  function done(message: string) {
    setPending(null);
    notifications.show({ color: "teal", title: "Staff account changed", message });
  }

  function onAction(action: StaffAction, user: UserSummary) {
    setActionError(null);
    if (action !== "enable") {
      setPending({ action, user });
      return;
    }
    staffWrite
      .mutateAsync(() => securityApi.setUserDisabled(user.id, false))
      .then(() => done(`${user.display_name} can sign in again.`))
      .catch((reason: unknown) => {
        const error = handleError(toApiError(reason));
        if (error) setActionError(error.message);
      });
  }

  function onCreated(user: UserSummary) {
    setAdding(false);
    setAddedId(user.id);
    notifications.show({ color: "teal", title: "Staff member added", message: `Added ${user.display_name}` });
  }

  return (
    <Stack gap="lg" maw={1100} data-testid="staff-page">
      <Group justify="space-between" align="center">
        <Group gap="sm" align="center">
          <Title order={1}>Staff</Title>
          {loaded && (
            <Badge
              size="lg"
              color="gray"
              variant="light"
              data-testid="staff-count"
              aria-label={`${users.length} staff accounts`}
            >
              {users.length}
            </Badge>
          )}
        </Group>
        {can("create_user") && (
          <Button
            leftSection={<IconUserPlus size={18} />}
            onClick={() => setAdding(true)}
            data-testid="staff-add"
          >
            Add staff member
          </Button>
        )}
      </Group>

      <Text fz="sm" c="dimmed">
        Everyone who signs in to this clinic. Roles decide what each person can see and change. Accounts are
        disabled, never deleted, so notes keep their author.
      </Text>

      {error && <ErrorAlert>{error}</ErrorAlert>}
      {actionError && <ErrorAlert>{actionError}</ErrorAlert>}
      {!loaded && !error && <Loader size="sm" aria-label="Loading staff" />}
      {loaded && (
        <Box>
          <StaffTable users={users} highlightId={addedId} onAction={onAction} />
        </Box>
      )}

      <NewStaffModal opened={adding} onClose={() => setAdding(false)} onCreated={onCreated} />
      <StaffDialogs
        action={pending?.action ?? null}
        user={pending?.user ?? null}
        onClose={() => setPending(null)}
        onDone={done}
      />
    </Stack>
  );
}
