import { Button, Checkbox, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState, type KeyboardEvent } from "react";
import { toApiError } from "../api";
import type { UserSummary } from "../bindings/UserSummary";
import { splitServerErrors } from "../lib/formErrors";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "../lib/roles";
import { useApiErrorHandler } from "../lib/session";
import {
  EMPTY_NEW_STAFF,
  MIN_PASSWORD_LENGTH,
  NEW_STAFF_FIELDS,
  newStaffRules,
  toNewUser,
  type NewStaffValues,
} from "./staffForm";
import { ErrorAlert } from "../components/ErrorAlert";
import { useCreateUser } from "./queries";

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: UserSummary) => void;
};

/**
 * Adds a staff account. Names and roles survive an accidental close; the passwords do not, so
 * they never wait in a closed dialog on a shared front-desk computer.
 */
export function NewStaffModal({ opened, onClose, onCreated }: Props) {
  const handleError = useApiErrorHandler();
  const createUser = useCreateUser();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewStaffValues>({
    mode: "controlled",
    initialValues: EMPTY_NEW_STAFF,
    validate: newStaffRules,
  });

  function close() {
    if (busy) return;
    form.clearErrors();
    form.setValues({ password: "", password_confirm: "" });
    setFormError(null);
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const user = await createUser.mutateAsync(toNewUser(values));
      form.reset();
      setBusy(false);
      onCreated(user);
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      const { fieldErrors, generalMessage } = splitServerErrors(error, NEW_STAFF_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  // Enter completes the dialog from a role checkbox too (browsers only submit from text fields).
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target;
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type !== "checkbox") return;
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  return (
    <Modal opened={opened} onClose={close} title="Add staff member" size="lg">
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <Stack gap="md">
          {formError && <ErrorAlert data-testid="staff-form-error">{formError}</ErrorAlert>}
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label="Full name"
              placeholder="e.g. Rita Okafor"
              withAsterisk
              data-autofocus
              autoComplete="off"
              data-testid="staff-name"
              {...form.getInputProps("display_name")}
            />
            <TextInput
              label="User name"
              description="Used to sign in. Letters, digits and . _ - @"
              withAsterisk
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-testid="staff-username"
              {...form.getInputProps("username")}
            />
            <PasswordInput
              label="Password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
              withAsterisk
              autoComplete="new-password"
              data-testid="staff-password"
              {...form.getInputProps("password")}
            />
            <PasswordInput
              label="Confirm password"
              description="Type it again."
              withAsterisk
              autoComplete="new-password"
              data-testid="staff-password-confirm"
              {...form.getInputProps("password_confirm")}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Roles"
            description="What this person can see and change. Choose one or more."
            withAsterisk
            {...form.getInputProps("roles")}
          >
            <Stack gap="sm" mt="xs">
              {ROLES.map((role) => (
                <Checkbox
                  key={role}
                  value={role}
                  label={ROLE_LABELS[role]}
                  description={ROLE_DESCRIPTIONS[role]}
                  data-testid={`staff-role-${role}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="staff-save">
              Add staff member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
