import type { Action } from "../bindings/Action";

/** How the audit screen names each action; an action missing here shows its own words. */
const ACTION_LABELS: Partial<Record<Action, string>> = {
  set_up: "Clinic set up",
  login: "Signed in",
  login_failed: "Failed sign-in",
  lock: "Locked (by hand)",
  idle_lock: "Locked (idle)",
  unlock: "Unlocked",
  unlock_failed: "Failed unlock",
  create: "Created",
  read: "Opened",
  update: "Changed",
  archive: "Archived",
  unarchive: "Unarchived",
  merge: "Merged",
  load_demo: "Loaded demo data",
  delete: "Deleted",
  sign: "Signed",
  add_addendum: "Added addendum",
  disable: "Disabled account",
  enable: "Enabled account",
  reset_password: "Reset password",
  change_password: "Changed own password",
  change_roles: "Changed roles",
  generate_document: "Generated document",
  export: "Exported",
  reset_anchor: "Re-anchored log",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as Action] ?? action.replaceAll("_", " ");
}

/** Failures stand out; reads stay quiet; everything else is a change. */
export function actionColor(action: string): string {
  if (action.endsWith("_failed")) return "red";
  if (action === "read") return "gray";
  if (["login", "lock", "idle_lock", "unlock"].includes(action)) return "blue";
  if (action === "export" || action === "generate_document") return "orange";
  return "teal";
}

/** The choices of the action filter, in the order above. */
export const ACTION_CHOICES = (Object.keys(ACTION_LABELS) as Action[]).map((value) => ({
  value,
  label: actionLabel(value),
}));

/** Record types as people say them; an unknown one shows its own words. */
const ENTITY_LABELS: Record<string, string> = {
  user: "staff account",
  patient: "patient record",
  patient_medical: "medical history",
  patient_safety: "safety flags",
  chart: "chart",
  visit_note: "visit note",
  visit_addendum: "addendum",
  protocol: "protocol",
  clinic: "clinic",
  clinic_settings: "clinic settings",
  audit_log: "audit log",
  demo_patients: "demo patients",
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity.replaceAll("_", " ");
}
