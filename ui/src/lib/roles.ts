import type { Role } from "../bindings/Role";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  practitioner: "Practitioner",
  receptionist: "Reception",
};

/** What each role is for, in the words the staff form shows next to its checkbox. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Staff accounts and clinic settings.",
  practitioner: "Patient charts and clinical history.",
  receptionist: "Bookings and patient demographics, never clinical notes.",
};

/** The order roles are offered and listed in. */
export const ROLES: readonly Role[] = ["admin", "practitioner", "receptionist"];
