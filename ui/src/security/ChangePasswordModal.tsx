import { Button, Group, Modal, PasswordInput, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { toApiError } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { splitServerErrors } from "../lib/formErrors";
import { useApiErrorHandler } from "../lib/session";
import { MIN_PASSWORD_LENGTH } from "../staff/staffForm";
import { securityApi } from "./api";

type Props = { opened: boolean; onClose: () => void };

const FIELDS = ["current_password", "new_password"] as const;
const EMPTY = { current_password: "", new_password: "", confirm: "" };

/** Changes the signed-in person's own password; the current one is asked for first. */
export function ChangePasswordModal({ opened, onClose }: Props) {
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: EMPTY,
    validate: {
      current_password: (v) => (v ? null : "Enter your current password."),
      new_password: (v) =>
        v.length >= MIN_PASSWORD_LENGTH
          ? null
          : `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
      confirm: (v, values) => (v === values.new_password ? null : "The two passwords do not match."),
    },
  });

  function close() {
    if (busy) return;
    form.setValues(EMPTY);
    form.clearErrors();
    setFormError(null);
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await securityApi.changeOwnPassword(values.current_password, values.new_password);
      setBusy(false);
      form.setValues(EMPTY);
      notifications.show({ color: "teal", title: "Password changed", message: "Use the new one next time." });
      onClose();
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      if (error.code === "too_many_attempts") {
        form.setErrors({ current_password: error.message });
        return;
      }
      const { fieldErrors, generalMessage } = splitServerErrors(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Change your password">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            data-autofocus
            data-testid="passwd-current"
            {...form.getInputProps("current_password")}
          />
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            autoComplete="new-password"
            data-testid="passwd-new"
            {...form.getInputProps("new_password")}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            data-testid="passwd-confirm"
            {...form.getInputProps("confirm")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="passwd-save">
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
