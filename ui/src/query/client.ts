import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { ErrorCode } from "../bindings/ErrorCode";

// Every query and mutation rejects with what `call` throws, so components read `error.code`
// and `error.message` without a cast.
declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * Codes a second try may cure: the database was busy for a moment, or the clinic's database
 * server did not answer (a network blip). Everything else (bad input,
 * a denied permission, a locked session) would fail the same way again, only later.
 */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["storage", "database_unreachable"]);
const MAX_RETRIES = 2;

export function isTransient(error: unknown): boolean {
  return isApiError(error) && TRANSIENT_CODES.has(error.code);
}

/**
 * Settings for a desktop app whose backend is in the same process: answers take a millisecond,
 * so reading again on every mount is cheap and keeps screens current, while refetching on
 * window focus or reconnect would only fire bursts of calls every time the user alt-tabs.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: (failureCount, error) => isTransient(error) && failureCount < MAX_RETRIES,
        retryDelay: 200,
      },
      mutations: { retry: false },
    },
  });
}

/** The app's one cache. Cleared on sign-out so the next user never sees the last one's records. */
export const queryClient = createQueryClient();
