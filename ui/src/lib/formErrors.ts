import type { ApiError } from "../bindings/ApiError";

export type SplitErrors = {
  /** Errors for fields this form shows, keyed by input name, ready for `form.setErrors`. */
  fieldErrors: Record<string, string>;
  /** What to show in the form's Alert: problems with no field on this form, or the whole message. */
  generalMessage: string | null;
};

/**
 * Sorts a server error into per-field messages and a general message. The backend's own message
 * summarises the field errors, so it is only shown when none of them has a place on the form.
 */
export function splitServerErrors(error: ApiError, knownFields: readonly string[]): SplitErrors {
  const fieldErrors: Record<string, string> = {};
  const orphans: string[] = [];
  for (const { field, message } of error.fields) {
    if (knownFields.includes(field)) {
      // Two problems with one field: show both rather than silently dropping one.
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${message}` : message;
    } else {
      orphans.push(message);
    }
  }
  let generalMessage: string | null = null;
  if (error.fields.length === 0) generalMessage = error.message;
  else if (orphans.length > 0) generalMessage = orphans.join(" ");
  return { fieldErrors, generalMessage };
}
