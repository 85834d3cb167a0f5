import { Button, Checkbox, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconArrowLeft } from "@tabler/icons-react";
import { MIN_PASSWORD_LENGTH, type SetupValues } from "./setupValidation";

type Props = {
  form: UseFormReturnType<SetupValues>;
  busy: boolean;
  onBack: () => void;
};

/** The first account. The parent form's submit (Enter or the button) creates the clinic. */
export function AdminStep({ form, busy, onBack }: Props) {
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        This account manages the clinic's users and settings. You can add staff accounts later.
      </Text>
      <TextInput
        label="Full name"
        placeholder="e.g. Dr. Mei Lin"
        autoFocus
        autoComplete="name"
        data-testid="setup-admin-name"
        {...form.getInputProps("admin_display_name")}
      />
      <TextInput
        label="User name"
        description="Used to sign in. Letters, digits and . _ - @"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        data-testid="setup-admin-username"
        {...form.getInputProps("admin_username")}
      />
      <PasswordInput
        label="Password"
        description={`At least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`}
        autoComplete="new-password"
        data-testid="setup-admin-password"
        {...form.getInputProps("admin_password")}
      />
      <PasswordInput
        label="Confirm password"
        autoComplete="new-password"
        data-testid="setup-admin-password-confirm"
        {...form.getInputProps("admin_password_confirm")}
      />
      <Checkbox
        label="I also treat patients (practitioner role)"
        data-testid="setup-admin-practitioner"
        {...form.getInputProps("admin_is_practitioner", { type: "checkbox" })}
      />
      <Group justify="space-between" mt="xs">
        <Button
          type="button"
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
          onClick={onBack}
          disabled={busy}
        >
          Back
        </Button>
        <Button type="submit" loading={busy} data-testid="setup-submit">
          Create clinic
        </Button>
      </Group>
    </Stack>
  );
}
