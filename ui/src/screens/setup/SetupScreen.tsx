import { Stepper } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo, useState, type FormEvent } from "react";
import { useTimeZones } from "../../lib/useTimeZones";
import { api, toApiError } from "../../api";
import { AuthLayout } from "../../components/AuthLayout";
import { splitServerErrors } from "../../lib/formErrors";
import { AdminStep } from "./AdminStep";
import { ClinicStep } from "./ClinicStep";
import { RecoveryKeyStep } from "./RecoveryKeyStep";
import {
  ALL_SETUP_FIELDS,
  CLINIC_STEP_FIELDS,
  adminStepErrors,
  clinicStepErrors,
  initialSetupValues,
  toSetupInput,
  type SetupValues,
} from "./setupValidation";
import { ErrorAlert } from "../../components/ErrorAlert";

type Props = { defaultTimeZone: string; onFinished: () => void };

const CLINIC = 0;
const ADMIN = 1;
const RECOVERY_KEY = 2;

/** First run: clinic details, the first administrator, then the one-time recovery key. */
export function SetupScreen({ defaultTimeZone, onFinished }: Props) {
  const [step, setStep] = useState(CLINIC);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  // A failed list keeps the default zone alone; setup can still be completed with it.
  const zones = useTimeZones();
  const timeZonesLoading = zones.isPending;
  // The computer's own zone is the default, so it must be selectable even if the list lacks it.
  const timeZones = useMemo(
    () => (zones.data?.includes(defaultTimeZone) ? zones.data : [defaultTimeZone, ...(zones.data ?? [])]),
    [zones.data, defaultTimeZone],
  );
  const form = useForm<SetupValues>({
    mode: "controlled",
    initialValues: initialSetupValues(defaultTimeZone),
  });

  async function createClinic(values: SetupValues) {
    setBusy(true);
    try {
      const result = await api.completeSetup(toSetupInput(values));
      setRecoveryKey(result.recovery_key);
      setStep(RECOVERY_KEY);
    } catch (reason) {
      const error = toApiError(reason);
      const { fieldErrors, generalMessage } = splitServerErrors(error, ALL_SETUP_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(generalMessage);
      // Send the user to the step where the first problem is, so its message is visible.
      if (Object.keys(fieldErrors).some((f) => (CLINIC_STEP_FIELDS as readonly string[]).includes(f))) {
        setStep(CLINIC);
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || step === RECOVERY_KEY) return;
    setFormError(null);
    const values = form.getValues();
    const errors = step === CLINIC ? clinicStepErrors(values) : adminStepErrors(values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (step === CLINIC) setStep(ADMIN);
    else void createClinic(values);
  }

  return (
    <AuthLayout
      title="Set up your clinic"
      subtitle="AcuChart keeps all data encrypted on this computer. This takes a minute."
      width={560}
    >
      {formError && step !== RECOVERY_KEY && (
        <ErrorAlert mb="md" data-testid="setup-error">
          {formError}
        </ErrorAlert>
      )}
      <form onSubmit={submit} noValidate>
        <Stepper
          active={step}
          size="sm"
          allowNextStepsSelect={false}
          onStepClick={(target) => step === ADMIN && target === CLINIC && setStep(CLINIC)}
          classNames={{ steps: "no-print" }}
        >
          <Stepper.Step label="Clinic" allowStepSelect={step === ADMIN}>
            <ClinicStep form={form} timeZones={timeZones} timeZonesLoading={timeZonesLoading} />
          </Stepper.Step>
          <Stepper.Step label="Administrator" allowStepSelect={false}>
            <AdminStep form={form} busy={busy} onBack={() => setStep(CLINIC)} />
          </Stepper.Step>
          <Stepper.Step label="Recovery key" allowStepSelect={false}>
            {recoveryKey && (
              <RecoveryKeyStep
                recoveryKey={recoveryKey}
                clinicName={form.getValues().clinic_name.trim()}
                onContinue={onFinished}
              />
            )}
          </Stepper.Step>
        </Stepper>
      </form>
    </AuthLayout>
  );
}
