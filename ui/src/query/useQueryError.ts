import { useEffect } from "react";
import type { ApiError } from "../bindings/ApiError";
import { useApiErrorHandler } from "../lib/session";

function endsSession(error: ApiError): boolean {
  return error.code === "not_authenticated" || error.code === "session_locked";
}

/**
 * The error a screen should show for a failed query, or null. An ended or locked session is
 * handed to the session instead (sign-out or lock screen), once per failure: the handler
 * changes app state, so it runs after render, not during it.
 */
export function useQueryError(error: ApiError | null): ApiError | null {
  const handleError = useApiErrorHandler();
  useEffect(() => {
    if (error && endsSession(error)) handleError(error);
  }, [error, handleError]);
  return error && !endsSession(error) ? error : null;
}
