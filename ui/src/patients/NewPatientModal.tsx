import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { api, toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { NewPatient } from "../bindings/NewPatient";
import type { PatientSummary } from "../bindings/PatientSummary";
import { splitServerErrors } from "../lib/formErrors";
import { useDateFormat } from "../lib/session";
import { DuplicateWarning } from "./DuplicateWarning";
import { useCreatePatient } from "./queries";
import {
  EMPTY_NEW_PATIENT,
  NEW_PATIENT_FIELDS,
  newPatientRules,
  toNewPatient,
  type NewPatientValues,
} from "./newPatientForm";
import { ErrorAlert } from "../components/ErrorAlert";
import { PATIENT_NAME_INPUT } from "../components/PatientName";

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (patient: PatientSummary) => void;
  onSessionLost: () => void;
  /** "Open" on a possible duplicate: the existing record is wanted instead. */
  onOpenExisting?: (patient: PatientSummary) => void;
  /** Runs once the closing animation has finished, after Mantine has returned focus. */
  onClosed?: () => void;
};

type Duplicates = { matches: PatientSummary[]; message: string | null };

/**
 * Registers a patient, after checking the clinic for the same person (same name and birth date, or
 * the same phone). The form state lives outside the Modal, so closing it by accident keeps what was
 * typed; it is cleared only after a successful save.
 */
export function NewPatientModal({
  opened,
  onClose,
  onCreated,
  onSessionLost,
  onOpenExisting,
  onClosed,
}: Props) {
  const dateFormat = useDateFormat();
  const createPatient = useCreatePatient();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const form = useForm<NewPatientValues>({
    mode: "controlled",
    initialValues: EMPTY_NEW_PATIENT,
    validate: newPatientRules,
    // A changed name or phone needs a fresh check.
    onValuesChange: () => setDuplicates(null),
  });

  function close() {
    if (busy) return;
    form.clearErrors();
    setFormError(null);
    setDuplicates(null);
    onClose();
  }

  function showError(error: ApiError) {
    if (error.code === "not_authenticated") {
      onSessionLost();
      return;
    }
    const { fieldErrors, generalMessage } = splitServerErrors(error, NEW_PATIENT_FIELDS);
    form.setErrors(fieldErrors);
    setFormError(generalMessage);
  }

  async function register(input: NewPatient) {
    try {
      const patient = await createPatient.mutateAsync(input);
      form.reset();
      setDuplicates(null);
      setBusy(false);
      onCreated(patient);
    } catch (reason) {
      const error = toApiError(reason);
      if (error.code !== "conflict") {
        setBusy(false);
        showError(error);
        return;
      }
      // Registered by someone else meanwhile: list who, with the backend's own words.
      const matches = await api.findDuplicatePatients(input).catch(() => []);
      setBusy(false);
      setDuplicates({ matches, message: error.message });
    }
  }

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    setDuplicates(null);
    const input = toNewPatient(values);
    try {
      const matches = await api.findDuplicatePatients(input);
      if (matches.length > 0) {
        setBusy(false);
        setDuplicates({ matches, message: null });
        return;
      }
    } catch (reason) {
      setBusy(false);
      showError(toApiError(reason));
      return;
    }
    await register(input);
  });

  function registerAnyway() {
    if (busy || form.validate().hasErrors) return;
    setBusy(true);
    setFormError(null);
    void register({ ...toNewPatient(form.getValues()), allow_duplicate: true });
  }

  function openExisting(patient: PatientSummary) {
    form.reset();
    setDuplicates(null);
    setFormError(null);
    onOpenExisting?.(patient);
  }

  return (
    <Modal opened={opened} onClose={close} onExitTransitionEnd={onClosed} title="New patient" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && <ErrorAlert data-testid="patient-form-error">{formError}</ErrorAlert>}
          {duplicates && (
            <DuplicateWarning
              matches={duplicates.matches}
              message={duplicates.message}
              dateFormat={dateFormat}
              busy={busy}
              onOpen={openExisting}
              onRegisterAnyway={registerAnyway}
            />
          )}
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label="Given name"
              withAsterisk
              data-autofocus
              autoComplete="off"
              classNames={PATIENT_NAME_INPUT}
              data-testid="patient-given-name"
              {...form.getInputProps("given_name")}
            />
            <TextInput
              label="Family name"
              withAsterisk
              autoComplete="off"
              classNames={PATIENT_NAME_INPUT}
              data-testid="patient-family-name"
              {...form.getInputProps("family_name")}
            />
            <TextInput
              label="Preferred name"
              description="Optional; what the patient likes to be called."
              autoComplete="off"
              classNames={PATIENT_NAME_INPUT}
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
            <TextInput
              label="Email"
              description="Optional."
              type="email"
              autoComplete="off"
              spellCheck={false}
              data-testid="patient-email"
              {...form.getInputProps("email")}
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
