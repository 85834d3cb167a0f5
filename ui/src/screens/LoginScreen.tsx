import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { api, toApiError } from "../api";
import type { Session } from "../bindings/Session";
import { AuthLayout } from "../components/AuthLayout";
import { splitServerErrors } from "../lib/formErrors";
import { ErrorAlert } from "../components/ErrorAlert";

type Props = { clinicName: string | null; onSignedIn: (session: Session) => void };

const FIELDS = ["username", "password"] as const;

export function LoginScreen({ clinicName, onSignedIn }: Props) {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { username: "", password: "" },
    validate: {
      username: (v) => (v.trim() ? null : "Enter your user name."),
      password: (v) => (v ? null : "Enter your password."),
    },
  });

  const submit = form.onSubmit(async ({ username, password }) => {
    setBusy(true);
    setFormError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (reason) {
      const error = toApiError(reason);
      const { fieldErrors, generalMessage } = splitServerErrors(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
      // A wrong password is retyped from scratch; the user name usually was right.
      if (error.code === "invalid_credentials") form.setFieldValue("password", "");
      setBusy(false);
    }
  });

  return (
    <AuthLayout
      title={clinicName ?? "Sign in"}
      subtitle={clinicName ? "Sign in to continue" : undefined}
      width={400}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && <ErrorAlert data-testid="login-error">{formError}</ErrorAlert>}
          <TextInput
            label="User name"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            data-testid="login-username"
            {...form.getInputProps("username")}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            data-testid="login-password"
            {...form.getInputProps("password")}
          />
          <Button type="submit" fullWidth loading={busy} data-testid="login-submit" mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
