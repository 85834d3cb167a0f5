import type { NewUser } from "../bindings/NewUser";
import type { Role } from "../bindings/Role";

/** Same minimum as the backend (`MIN_PASSWORD_LEN`); checked here too so nobody waits for a round trip. */
export const MIN_PASSWORD_LENGTH = 10;

export type NewStaffValues = {
  display_name: string;
  username: string;
  password: string;
  password_confirm: string;
  roles: Role[];
};

/** The fields the backend reports errors for, named as it names them. */
export const NEW_STAFF_FIELDS = ["display_name", "username", "password", "roles"] as const;

export const EMPTY_NEW_STAFF: NewStaffValues = {
  display_name: "",
  username: "",
  password: "",
  password_confirm: "",
  roles: [],
};

/** Quick checks that save a round trip; the backend re-checks everything (user name rules, duplicates). */
export const newStaffRules = {
  display_name: (v: string) => (v.trim() ? null : "Enter the staff member's full name."),
  username: (v: string) => (v.trim() ? null : "Choose a user name for signing in."),
  // Count characters the way the backend does (Unicode scalar values, not UTF-16 units).
  password: (v: string) =>
    [...v].length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  password_confirm: (v: string, values: NewStaffValues) =>
    v === values.password ? null : "The two passwords do not match.",
  roles: (v: Role[]) => (v.length > 0 ? null : "Choose at least one role."),
};

export function toNewUser(values: NewStaffValues): NewUser {
  return {
    display_name: values.display_name.trim(),
    username: values.username.trim(),
    password: values.password,
    roles: values.roles,
  };
}
