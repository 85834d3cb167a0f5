import { Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { toApiError } from "../api";
import type { Role } from "../bindings/Role";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { useStaffWrite } from "./queries";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "../lib/roles";
import { useApiErrorHandler } from "../lib/session";
import { securityApi } from "../security/api";
import type { StaffAction } from "./StaffRowActions";
import { MIN_PASSWORD_LENGTH } from "./staffForm";

type Props = {
  action: StaffAction | null;
  user: UserSummary | null;
  onClose: () => void;
  onDone: (message: string) => void;
};

/** The dialogs behind a staff row's menu: roles, password reset, disabling. */
export function StaffDialogs({ action, user, onClose, onDone }: Props) {
  const handleError = useApiErrorHandler();
  const staffWrite = useStaffWrite();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);

  useEffect(() => {
    setError(null);
    setPassword("");
    setRoles(user?.roles ?? []);
  }, [action, user]);

  if (!user) return null;
  const name = user.display_name;

  async function run(work: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await staffWrite.mutateAsync(work);
      setBusy(false);
      onDone(message);
    } catch (reason) {
      setBusy(false);
      const apiError = handleError(toApiError(reason));
      if (apiError) setError(apiError.fields[0]?.message ?? apiError.message);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    if (action === "reset") {
      if ([...password].length < MIN_PASSWORD_LENGTH) {
        setError(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
        return;
      }
      void run(
        () => securityApi.resetUserPassword(user.id, password),
        `${name}'s password was reset; they sign in with the new one.`,
      );
    } else if (action === "roles") {
      if (roles.length === 0) {
        setError("Give the account at least one role.");
        return;
      }
      void run(() => securityApi.setUserRoles(user.id, roles), `${name}'s roles were changed.`);
    } else if (action === "disable") {
      void run(() => securityApi.setUserDisabled(user.id, true), `${name} can no longer sign in.`);
    }
  }

  const titles: Record<StaffAction, string> = {
    roles: `Roles of ${name}`,
    reset: `Reset ${name}'s password`,
    disable: `Disable ${name}?`,
    enable: `Enable ${name}`,
  };
  const opened = action !== null && action !== "enable";

  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title={action ? titles[action] : ""}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {action === "disable" && (
            <Text fz="sm">
              {name} will no longer be able to sign in, and a session they have open ends at once. Nothing
              they wrote changes: their notes keep their name. You can enable the account again later.
            </Text>
          )}
          {action === "reset" && (
            <PasswordInput
              label="New password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to ${name} in person; their open session ends.`}
              autoComplete="new-password"
              data-autofocus
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={error}
              data-testid="staff-new-password"
            />
          )}
          {action === "roles" && (
            <Checkbox.Group value={roles} onChange={(v) => setRoles(v as Role[])} error={error}>
              <Stack gap="sm">
                {ROLES.map((role) => (
                  <Checkbox
                    key={role}
                    value={role}
                    label={ROLE_LABELS[role]}
                    description={ROLE_DESCRIPTIONS[role]}
                    data-testid={`staff-edit-role-${role}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {error && action === "disable" && <ErrorAlert>{error}</ErrorAlert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={action === "disable" ? "red" : undefined}
              loading={busy}
              data-testid="staff-dialog-confirm"
            >
              {action === "disable"
                ? "Disable account"
                : action === "reset"
                  ? "Reset password"
                  : "Save roles"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
