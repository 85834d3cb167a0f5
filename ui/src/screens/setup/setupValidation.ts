import type { DateFormat } from "../../bindings/DateFormat";
import type { SetupInput } from "../../bindings/SetupInput";

/** Same minimum as the backend (`MIN_PASSWORD_LEN`); checked here too so nobody waits for a round trip. */
export const MIN_PASSWORD_LENGTH = 10;

export type SetupValues = {
  clinic_name: string;
  time_zone: string;
  date_format: DateFormat;
  admin_display_name: string;
  admin_username: string;
  admin_password: string;
  admin_password_confirm: string;
  admin_is_practitioner: boolean;
};

export type SetupErrors = Partial<Record<keyof SetupValues, string>>;

/** Fields on the first step; a server error on any of them sends the user back there. */
export const CLINIC_STEP_FIELDS = ["clinic_name", "time_zone", "date_format"] as const;
export const ADMIN_STEP_FIELDS = [
  "admin_display_name",
  "admin_username",
  "admin_password",
  "admin_password_confirm",
  "admin_is_practitioner",
] as const;
export const ALL_SETUP_FIELDS: readonly string[] = [...CLINIC_STEP_FIELDS, ...ADMIN_STEP_FIELDS];

export function initialSetupValues(defaultTimeZone: string): SetupValues {
  return {
    clinic_name: "",
    time_zone: defaultTimeZone,
    date_format: "dmy",
    admin_display_name: "",
    admin_username: "",
    admin_password: "",
    admin_password_confirm: "",
    admin_is_practitioner: false,
  };
}

export function passwordErrors(password: string, confirm: string): SetupErrors {
  const errors: SetupErrors = {};
  // Count characters the way the backend does (Unicode scalar values, not UTF-16 units).
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    errors.admin_password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (confirm !== password) {
    errors.admin_password_confirm = "The two passwords do not match.";
  }
  return errors;
}

export function clinicStepErrors(values: SetupValues): SetupErrors {
  const errors: SetupErrors = {};
  if (!values.clinic_name.trim()) errors.clinic_name = "Enter the clinic's name.";
  if (!values.time_zone) errors.time_zone = "Choose the clinic's time zone.";
  return errors;
}

export function adminStepErrors(values: SetupValues): SetupErrors {
  const errors: SetupErrors = {};
  if (!values.admin_display_name.trim()) errors.admin_display_name = "Enter your full name.";
  if (!values.admin_username.trim()) errors.admin_username = "Choose a user name for signing in.";
  return { ...errors, ...passwordErrors(values.admin_password, values.admin_password_confirm) };
}

export function toSetupInput(values: SetupValues): SetupInput {
  return {
    clinic_name: values.clinic_name.trim(),
    time_zone: values.time_zone,
    date_format: values.date_format,
    admin_display_name: values.admin_display_name.trim(),
    admin_username: values.admin_username.trim(),
    admin_password: values.admin_password,
    admin_is_practitioner: values.admin_is_practitioner,
  };
}
