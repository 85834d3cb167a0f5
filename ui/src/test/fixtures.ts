import type { PatientSummary } from "../bindings/PatientSummary";

export function patient(overrides: Partial<PatientSummary> & Pick<PatientSummary, "id">): PatientSummary {
  return {
    chart_number: 1000 + overrides.id,
    given_name: "Given",
    family_name: "Family",
    preferred_name: null,
    date_of_birth: null,
    phone: null,
    archived: false,
    ...overrides,
  };
}

export const THREE_PATIENTS: PatientSummary[] = [
  patient({ id: 1, given_name: "Anna", family_name: "Abbott", phone: "555-0101" }),
  patient({
    id: 2,
    given_name: "Bao",
    family_name: "Nguyen",
    preferred_name: "Bobby",
    date_of_birth: "1984-03-07",
  }),
  patient({ id: 3, given_name: "Carla", family_name: "Diaz" }),
];
