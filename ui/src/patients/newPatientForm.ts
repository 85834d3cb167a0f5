import type { NewPatient } from "../bindings/NewPatient";

export type NewPatientValues = {
  given_name: string;
  family_name: string;
  preferred_name: string;
  date_of_birth: string;
  phone: string;
  email: string;
};

export const NEW_PATIENT_FIELDS = [
  "given_name",
  "family_name",
  "preferred_name",
  "date_of_birth",
  "phone",
  "email",
] as const;

export const EMPTY_NEW_PATIENT: NewPatientValues = {
  given_name: "",
  family_name: "",
  preferred_name: "",
  date_of_birth: "",
  phone: "",
  email: "",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Quick checks that save a round trip; the backend re-checks everything (real dates, future dates). */
export const newPatientRules = {
  given_name: (v: string) => (v.trim() ? null : "Enter the patient's given name."),
  family_name: (v: string) => (v.trim() ? null : "Enter the patient's family name."),
  date_of_birth: (v: string) =>
    !v.trim() || ISO_DATE.test(v.trim()) ? null : "Use year-month-day, e.g. 1984-03-07.",
};

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

export function toNewPatient(values: NewPatientValues): NewPatient {
  return {
    given_name: values.given_name.trim(),
    family_name: values.family_name.trim(),
    preferred_name: optional(values.preferred_name),
    date_of_birth: optional(values.date_of_birth),
    phone: optional(values.phone),
    email: optional(values.email),
  };
}
