import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../../api";
import type { PatientProfile } from "../../bindings/PatientProfile";
import type { SafetyFlags } from "../../bindings/SafetyFlags";
import { SafetyBadges } from "../../components/SafetyBadges";
import { SectionCard } from "../../components/SectionCard";
import { splitServerErrors } from "../../lib/formErrors";
import { BOOLEAN_FLAGS, FLAG_INFO, activeFlags, type BooleanFlag } from "../../lib/safety";
import { useApiErrorHandler, useCan, useDateFormat } from "../../lib/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useUpdateSafetyFlags } from "../queries";

type Props = { profile: PatientProfile };

/** Needling safety flags: shown to everyone as badges, set by clinicians here. */
export function SafetyFlagsCard({ profile }: Props) {
  const can = useCan();
  const dateFormat = useDateFormat();
  const [editing, setEditing] = useState(false);
  const active = activeFlags(profile.safety, dateFormat);

  const action =
    can("update_safety_flags") && !editing ? (
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => setEditing(true)}
        data-testid="safety-edit"
      >
        Edit
      </Button>
    ) : null;

  return (
    <SectionCard title="Safety flags" action={action}>
      {editing ? (
        <SafetyForm profile={profile} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />
      ) : active.length === 0 ? (
        <Text fz="sm" c="dimmed" data-testid="safety-none">
          No safety flags recorded.
        </Text>
      ) : (
        <Stack gap="sm" data-testid="safety-view">
          <SafetyBadges flags={profile.safety} />
          <Stack gap={4}>
            {active.map((flag) => (
              <Text key={flag.key} fz="sm" style={{ overflowWrap: "anywhere" }}>
                {flag.key === "other" ? `Other: ${flag.tooltip}` : flag.tooltip}
              </Text>
            ))}
          </Stack>
        </Stack>
      )}
    </SectionCard>
  );
}

type SafetyValues = Omit<SafetyFlags, "pregnancy_due_date" | "pregnancy_trimester" | "other"> & {
  pregnancy_due_date: string;
  pregnancy_trimester: number | string;
  other: string;
};

const SAFETY_FIELDS = [...BOOLEAN_FLAGS, "pregnancy_due_date", "pregnancy_trimester", "other"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toValues(f: SafetyFlags): SafetyValues {
  return {
    ...f,
    pregnancy_due_date: f.pregnancy_due_date ?? "",
    pregnancy_trimester: f.pregnancy_trimester ?? "",
    other: f.other ?? "",
  };
}

function toFlags(v: SafetyValues): SafetyFlags {
  const trimester = v.pregnancy_trimester === "" ? null : Number(v.pregnancy_trimester);
  return {
    ...v,
    pregnancy_due_date: v.pregnant ? v.pregnancy_due_date.trim() || null : null,
    pregnancy_trimester: v.pregnant && trimester !== null && !Number.isNaN(trimester) ? trimester : null,
    other: v.other.trim() || null,
  };
}

type FormProps = {
  profile: PatientProfile;
  onCancel: () => void;
  onSaved: () => void;
};

function SafetyForm({ profile, onCancel, onSaved }: FormProps) {
  const handleError = useApiErrorHandler();
  const saveFlags = useUpdateSafetyFlags();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SafetyValues>({
    mode: "controlled",
    initialValues: toValues(profile.safety),
    validate: {
      pregnancy_due_date: (v, values) =>
        !values.pregnant || !v.trim() || ISO_DATE.test(v.trim())
          ? null
          : "Use year-month-day, e.g. 2025-09-14.",
      pregnancy_trimester: (v, values) =>
        !values.pregnant || v === "" || [1, 2, 3].includes(Number(v)) ? null : "Trimester is 1, 2 or 3.",
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const saved = await saveFlags.mutateAsync({ id: profile.id, flags: toFlags(values) });
      setBusy(false);
      notifications.show({
        color: "teal",
        title: "Safety flags saved",
        message: `Chart #${saved.chart_number}`,
      });
      onSaved();
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      const { fieldErrors, generalMessage } = splitServerErrors(error, SAFETY_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
    }
  });

  function checkbox(flag: BooleanFlag) {
    const props = form.getInputProps(flag, { type: "checkbox" });
    return (
      <Checkbox
        key={flag}
        label={FLAG_INFO[flag].formLabel}
        data-testid={`safety-${flag}`}
        autoFocus={flag === "pregnant"}
        {...props}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          form.setFieldValue(flag, checked);
          // Unticking "pregnant" clears its details, so no stale due date is saved.
          if (flag === "pregnant" && !checked) {
            form.setFieldValue("pregnancy_due_date", "");
            form.setFieldValue("pregnancy_trimester", "");
          }
        }}
      />
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="safety-form">
      <Stack gap="sm">
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        {checkbox("pregnant")}
        {form.values.pregnant && (
          <SimpleGrid cols={2} spacing="md" pl={32} maw={560}>
            <TextInput
              label="Expected due date"
              placeholder="YYYY-MM-DD"
              inputMode="numeric"
              autoComplete="off"
              data-testid="safety-pregnancy_due_date"
              {...form.getInputProps("pregnancy_due_date")}
            />
            <NumberInput
              label="Trimester"
              placeholder="1, 2 or 3"
              min={1}
              max={3}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              data-testid="safety-pregnancy_trimester"
              {...form.getInputProps("pregnancy_trimester")}
            />
          </SimpleGrid>
        )}
        {BOOLEAN_FLAGS.filter((f) => f !== "pregnant").map(checkbox)}
        <TextInput
          label="Other"
          description="Anything else to know before needling."
          autoComplete="off"
          data-testid="safety-other"
          {...form.getInputProps("other")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy} data-testid="safety-cancel">
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="safety-save">
            Save safety flags
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
