import type { PatientSummary } from "../bindings/PatientSummary";

type Names = Pick<PatientSummary, "given_name" | "family_name" | "preferred_name">;

/** List form, sorted the way front desks file charts: "Family, Given (Preferred)". */
export function listName(p: Names): string {
  const base = `${p.family_name}, ${p.given_name}`;
  return p.preferred_name ? `${base} (${p.preferred_name})` : base;
}

/** Speaking form for messages: "Given Family". */
export function fullName(p: Names): string {
  return `${p.given_name} ${p.family_name}`;
}

/** Header form: "Bao “Bobby” Nguyen". */
export function displayName(p: Names): string {
  return p.preferred_name
    ? `${p.given_name} “${p.preferred_name}” ${p.family_name}`
    : `${p.given_name} ${p.family_name}`;
}
