import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { api, toApiError } from "../api";
import type { PatientSummary } from "../bindings/PatientSummary";
import { splitServerErrors } from "../lib/formErrors";
import {
  EMPTY_NEW_PATIENT,
  NEW_PATIENT_FIELDS,
  newPatientRules,
  toNewPatient,
  type NewPatientValues,
} from "./newPatientForm";

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (patient: PatientSummary) => void;
  onSessionLost: () => void;
  /** Runs once the closing animation has finished, after Mantine has returned focus. */
  onClosed?: () => void;
};

/**
 * Registers a patient. The form state lives outside the Modal, so closing it by accident keeps what
 * was typed; it is cleared only after a successful save.
 */
export function NewPatientModal({ opened, onClose, onCreated, onSessionLost, onClosed }: Props) {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewPatientValues>({
    mode: "controlled",
    initialValues: EMPTY_NEW_PATIENT,
    validate: newPatientRules,
  });

  function close() {
    if (busy) return;
    form.clearErrors();
    setFormError(null);
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const patient = await api.createPatient(toNewPatient(values));
      form.reset();
      setBusy(false);
      onCreated(patient);
    } catch (reason) {
      setBusy(false);
      const error = toApiError(reason);
      if (error.code === "not_authenticated") {
        onSessionLost();
        return;
      }
      const { fieldErrors, generalMessage } = splitServerErrors(error, NEW_PATIENT_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  return (
    <Modal opened={opened} onClose={close} onExitTransitionEnd={onClosed} title="New patient" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              data-testid="patient-form-error"
            >
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label="Given name"
              withAsterisk
              data-autofocus
              autoComplete="off"
              data-testid="patient-given-name"
              {...form.getInputProps("given_name")}
            />
            <TextInput
              label="Family name"
              withAsterisk
              autoComplete="off"
              data-testid="patient-family-name"
              {...form.getInputProps("family_name")}
            />
            <TextInput
              label="Preferred name"
              description="Optional; what the patient likes to be called."
              autoComplete="off"
              data-testid="patient-preferred-name"
              {...form.getInputProps("preferred_name")}
            />
            <TextInput
              label="Date of birth"
              description="Optional; year-month-day."
              placeholder="YYYY-MM-DD"
              autoComplete="off"
              inputMode="numeric"
              data-testid="patient-dob"
              {...form.getInputProps("date_of_birth")}
            />
            <TextInput
              label="Phone"
              description="Optional."
              type="tel"
              autoComplete="off"
              data-testid="patient-phone"
              {...form.getInputProps("phone")}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="patient-save">
              Register patient
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
