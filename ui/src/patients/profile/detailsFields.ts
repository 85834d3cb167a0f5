import type { PatientDetails } from "../../bindings/PatientDetails";
import type { Sex } from "../../bindings/Sex";

export type DetailsKey = keyof PatientDetails;

/** Every details field as text, the way the edit form holds it ("" for not recorded). */
export type DetailsValues = Record<DetailsKey, string>;

export type FieldKind = "text" | "date" | "phone" | "email" | "sex" | "notes";

export type FieldSpec = {
  key: DetailsKey;
  label: string;
  kind?: FieldKind;
  required?: boolean;
  wide?: boolean;
};

export type Section = { title: string; fields: FieldSpec[] };

/** The details tab's cards, in order; the read view and the edit form both follow this. */
export const DETAIL_SECTIONS: Section[] = [
  {
    title: "Identity",
    fields: [
      { key: "given_name", label: "Given name", required: true },
      { key: "family_name", label: "Family name", required: true },
      { key: "preferred_name", label: "Preferred name" },
      { key: "date_of_birth", label: "Date of birth", kind: "date" },
      { key: "sex", label: "Sex", kind: "sex" },
      { key: "gender", label: "Gender" },
    ],
  },
  {
    title: "Contact",
    fields: [
      { key: "phone", label: "Phone", kind: "phone" },
      { key: "phone_alt", label: "Second phone", kind: "phone" },
      { key: "email", label: "Email", kind: "email", wide: true },
    ],
  },
  {
    title: "Address",
    fields: [
      { key: "address_line1", label: "Address", wide: true },
      { key: "address_line2", label: "Address line 2", wide: true },
      { key: "city", label: "City" },
      { key: "region", label: "Province / state" },
      { key: "postal_code", label: "Postal code" },
      { key: "country", label: "Country" },
    ],
  },
  {
    title: "Emergency contact",
    fields: [
      { key: "emergency_contact_name", label: "Name" },
      { key: "emergency_contact_relationship", label: "Relationship" },
      { key: "emergency_contact_phone", label: "Phone", kind: "phone" },
    ],
  },
  {
    title: "Family physician",
    fields: [
      { key: "physician_name", label: "Name" },
      { key: "physician_phone", label: "Phone", kind: "phone" },
    ],
  },
  {
    title: "Other",
    fields: [
      { key: "occupation", label: "Occupation" },
      { key: "referral_source", label: "How they heard of us" },
    ],
  },
  {
    title: "Consent",
    fields: [
      { key: "consent_date", label: "Consent date", kind: "date" },
      { key: "consent_form_version", label: "Form version" },
    ],
  },
  {
    title: "Front-desk notes",
    fields: [{ key: "front_desk_notes", label: "Front-desk notes", kind: "notes", wide: true }],
  },
];

export const DETAILS_FIELDS: DetailsKey[] = DETAIL_SECTIONS.flatMap((s) => s.fields.map((f) => f.key));

export const SEX_LABELS: Record<Sex, string> = {
  female: "Female",
  male: "Male",
  intersex: "Intersex",
  unknown: "Unknown",
};

const SEXES = Object.keys(SEX_LABELS) as Sex[];

/** The Select's value for "not recorded" (the form holds "" for it, like every empty field). */
export const SEX_NOT_RECORDED = "not_recorded";

export const SEX_OPTIONS = [
  { value: SEX_NOT_RECORDED, label: "Not recorded" },
  ...SEXES.map((value) => ({ value, label: SEX_LABELS[value] })),
];

export function toDetailsValues(details: PatientDetails): DetailsValues {
  const values = {} as DetailsValues;
  for (const key of DETAILS_FIELDS) values[key] = details[key] ?? "";
  return values;
}

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** What the backend expects: trimmed text, null for anything left empty. */
export function toPatientDetails(values: DetailsValues): PatientDetails {
  const details = {} as Record<DetailsKey, string | null>;
  for (const key of DETAILS_FIELDS) details[key] = optional(values[key]);
  const sex = SEXES.find((s) => s === values.sex) ?? null;
  return {
    ...(details as PatientDetails),
    given_name: values.given_name.trim(),
    family_name: values.family_name.trim(),
    sex,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateRule = (v: string) =>
  !v.trim() || ISO_DATE.test(v.trim()) ? null : "Use year-month-day, e.g. 1984-03-07.";

/** Quick checks that save a round trip; the backend checks everything again. */
export const detailsRules = {
  given_name: (v: string) => (v.trim() ? null : "Enter the patient's given name."),
  family_name: (v: string) => (v.trim() ? null : "Enter the patient's family name."),
  date_of_birth: dateRule,
  consent_date: dateRule,
};
