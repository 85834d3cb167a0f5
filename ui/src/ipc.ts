// The one place that talks to the Rust backend: every command goes through `call` (used by the
// generated client in ./client/commands.ts, which alone names commands). Every command rejects
// with an ApiError, whatever went wrong underneath (a Rust ApiError, a Tauri string error, a
// thrown JS error).
import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { FieldError } from "./bindings/FieldError";

// Every code the backend sends: a Record, so a code added in Rust fails the typecheck until it
// is listed here (an unlisted code would arrive as "internal").
const KNOWN_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  permission_denied: true,
  not_authenticated: true,
  session_locked: true,
  invalid_credentials: true,
  too_many_attempts: true,
  not_found: true,
  conflict: true,
  needs_acknowledgement: true,
  already_initialized: true,
  not_initialized: true,
  wrong_key: true,
  not_encrypted: true,
  database_too_new: true,
  invalid_recovery_key: true,
  keyring_unavailable: true,
  key_missing: true,
  storage: true,
  database_unreachable: true,
  unsupported: true,
  internal: true,
};
const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(KNOWN_CODES));

const FALLBACK_MESSAGE = "Something went wrong. Please try again.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function normaliseFields(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): FieldError[] =>
    isRecord(item) && typeof item.field === "string" && typeof item.message === "string"
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

/** Turns any rejection value into an ApiError; unknown shapes become code `internal`. */
export function toApiError(reason: unknown): ApiError {
  if (isRecord(reason) && typeof reason.code === "string" && ERROR_CODES.has(reason.code)) {
    const message = typeof reason.message === "string" && reason.message ? reason.message : FALLBACK_MESSAGE;
    return { code: reason.code as ErrorCode, message, fields: normaliseFields(reason.fields) };
  }
  if (typeof reason === "string" && reason.trim()) {
    return { code: "internal", message: reason, fields: [] };
  }
  if (reason instanceof Error && reason.message) {
    return { code: "internal", message: reason.message, fields: [] };
  }
  if (isRecord(reason) && typeof reason.message === "string" && reason.message) {
    return { code: "internal", message: reason.message, fields: normaliseFields(reason.fields) };
  }
  return { code: "internal", message: FALLBACK_MESSAGE, fields: [] };
}

export function isApiError(value: unknown): value is ApiError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    ERROR_CODES.has(value.code) &&
    typeof value.message === "string" &&
    Array.isArray(value.fields)
  );
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}
