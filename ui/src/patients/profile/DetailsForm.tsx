import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm, type UseFormReturnType } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { toApiError } from "../../api";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { SectionCard } from "../../components/SectionCard";
import { splitServerErrors } from "../../lib/formErrors";
import { useApiErrorHandler } from "../../lib/session";
import {
  DETAIL_SECTIONS,
  DETAILS_FIELDS,
  SEX_NOT_RECORDED,
  SEX_OPTIONS,
  detailsRules,
  toDetailsValues,
  toPatientDetails,
  type DetailsValues,
  type FieldSpec,
} from "./detailsFields";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useUpdatePatientDetails } from "../queries";
import { PATIENT_NAME_INPUT } from "../../components/PatientName";

type Props = {
  profile: PatientProfile;
  onCancel: () => void;
  onSaved: () => void;
};

/** Every details field; a refused save keeps everything typed and marks the fields at fault. */
export function DetailsForm({ profile, onCancel, onSaved }: Props) {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const handleError = useApiErrorHandler();
  const saveDetails = useUpdatePatientDetails();
  const form = useForm<DetailsValues>({
    mode: "controlled",
    initialValues: toDetailsValues(profile.details),
    validate: detailsRules,
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const saved = await saveDetails.mutateAsync({ id: profile.id, details: toPatientDetails(values) });
      setBusy(false);
      notifications.show({ color: "teal", title: "Details saved", message: `Chart #${saved.chart_number}` });
      onSaved();
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      const { fieldErrors, generalMessage } = splitServerErrors(error, DETAILS_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  return (
    <form onSubmit={submit} noValidate data-testid="details-form">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Text fz="sm" c="dimmed">
            Editing details. Enter saves; dates are year-month-day.
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onCancel} disabled={busy} data-testid="details-cancel">
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="details-save">
              Save details
            </Button>
          </Group>
        </Group>
        {formError && <ErrorAlert data-testid="details-form-error">{formError}</ErrorAlert>}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
          {DETAIL_SECTIONS.map((section, index) => (
            <SectionCard key={section.title} title={section.title}>
              <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
                {section.fields.map((field) => (
                  <div key={field.key} style={field.wide ? { gridColumn: "1 / -1" } : undefined}>
                    <DetailsInput
                      field={field}
                      form={form}
                      autoFocus={index === 0 && field.key === "given_name"}
                    />
                  </div>
                ))}
              </SimpleGrid>
            </SectionCard>
          ))}
        </SimpleGrid>
      </Stack>
    </form>
  );
}

// The patient's own names, blurred with every other name in privacy mode.
const NAME_FIELDS: ReadonlySet<string> = new Set(["given_name", "family_name", "preferred_name"]);

type InputProps = { field: FieldSpec; form: UseFormReturnType<DetailsValues>; autoFocus: boolean };

function DetailsInput({ field, form, autoFocus }: InputProps) {
  const common = {
    label: field.label,
    withAsterisk: field.required,
    autoComplete: "off",
    "data-testid": `details-${field.key}`,
    ...form.getInputProps(field.key),
  };
  switch (field.kind) {
    case "sex":
      return (
        <Select
          {...common}
          data={SEX_OPTIONS}
          allowDeselect={false}
          value={form.values.sex || SEX_NOT_RECORDED}
          onChange={(value) => form.setFieldValue("sex", !value || value === SEX_NOT_RECORDED ? "" : value)}
        />
      );
    case "notes":
      return <Textarea {...common} autosize minRows={3} maxRows={12} />;
    case "date":
      return <TextInput {...common} placeholder="YYYY-MM-DD" inputMode="numeric" />;
    case "phone":
      return <TextInput {...common} type="tel" />;
    case "email":
      return <TextInput {...common} type="email" spellCheck={false} />;
    default:
      return (
        <TextInput
          {...common}
          autoFocus={autoFocus}
          classNames={NAME_FIELDS.has(field.key) ? PATIENT_NAME_INPUT : undefined}
        />
      );
  }
}
