import { Button, Group, Loader, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPencil } from "@tabler/icons-react";
import { useState, type KeyboardEvent } from "react";
import { toApiError } from "../../api";
import type { MedicalHistory } from "../../bindings/MedicalHistory";
import type { PatientId } from "../../bindings/PatientId";
import { InfoField } from "../../components/InfoField";
import { SectionCard } from "../../components/SectionCard";
import { splitServerErrors } from "../../lib/formErrors";
import { useApiErrorHandler, useCan } from "../../lib/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useQueryError } from "../../query/useQueryError";
import { usePatientMedical, useUpdatePatientMedical } from "../queries";

type MedicalKey = keyof MedicalHistory;
type MedicalValues = Record<MedicalKey, string>;

const MEDICAL_FIELDS: { key: MedicalKey; label: string }[] = [
  { key: "medical_history", label: "Medical history" },
  { key: "medications", label: "Medications" },
  { key: "allergies", label: "Allergies" },
  { key: "surgeries", label: "Surgeries" },
  { key: "clinical_notes", label: "Clinical notes" },
];
const MEDICAL_KEYS = MEDICAL_FIELDS.map((f) => f.key);

function toValues(m: MedicalHistory): MedicalValues {
  const values = {} as MedicalValues;
  for (const key of MEDICAL_KEYS) values[key] = m[key] ?? "";
  return values;
}

function toMedical(values: MedicalValues): MedicalHistory {
  const medical = {} as MedicalHistory;
  for (const key of MEDICAL_KEYS) medical[key] = values[key].trim() || null;
  return medical;
}

/** Clinical history. Read by admins and practitioners; edited by practitioners only. */
export function MedicalHistoryCard({ patientId }: { patientId: PatientId }) {
  const can = useCan();
  const query = usePatientMedical(patientId);
  const error = useQueryError(query.error);
  const medical = query.data;
  const [editing, setEditing] = useState(false);

  const editable = can("update_patient_medical") && medical !== undefined;
  const action =
    editable && !editing ? (
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => setEditing(true)}
        data-testid="medical-edit"
      >
        Edit
      </Button>
    ) : null;

  return (
    <SectionCard title="Medical history" action={action}>
      {!medical && !error && <Loader size="sm" />}
      {!medical && error && <ErrorAlert>{error.message}</ErrorAlert>}
      {medical &&
        (editing ? (
          <MedicalForm
            patientId={patientId}
            medical={medical}
            onCancel={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm" data-testid="medical-view">
            {MEDICAL_FIELDS.map(({ key, label }) => (
              <InfoField key={key} label={label} multiline>
                {medical[key]}
              </InfoField>
            ))}
          </SimpleGrid>
        ))}
    </SectionCard>
  );
}

type FormProps = {
  patientId: PatientId;
  medical: MedicalHistory;
  onCancel: () => void;
  onSaved: () => void;
};

function MedicalForm({ patientId, medical, onCancel, onSaved }: FormProps) {
  const handleError = useApiErrorHandler();
  const saveMedical = useUpdatePatientMedical();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MedicalValues>({ mode: "controlled", initialValues: toValues(medical) });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await saveMedical.mutateAsync({ id: patientId, medical: toMedical(values) });
      setBusy(false);
      notifications.show({ color: "teal", title: "Medical history saved", message: "Changes recorded." });
      onSaved();
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      const { fieldErrors, generalMessage } = splitServerErrors(error, MEDICAL_KEYS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  // Enter is a new line in these notes; Ctrl+Enter saves.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="sm">
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        {MEDICAL_FIELDS.map(({ key, label }, index) => (
          <Textarea
            key={key}
            label={label}
            autosize
            minRows={2}
            maxRows={14}
            autoFocus={index === 0}
            data-testid={`medical-${key}`}
            {...form.getInputProps(key)}
          />
        ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy} data-testid="medical-cancel">
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="medical-save" aria-keyshortcuts="Control+Enter">
            Save medical history
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
