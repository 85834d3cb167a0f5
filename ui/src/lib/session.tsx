import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import type { ApiError } from "../bindings/ApiError";
import type { DateFormat } from "../bindings/DateFormat";
import type { Operation } from "../bindings/Operation";
import type { Session } from "../bindings/Session";

type SessionContextValue = {
  session: Session | null;
  onSessionLost: () => void;
  onSessionLocked: () => void;
};

const noop = () => {};
const SessionContext = createContext<SessionContextValue>({
  session: null,
  onSessionLost: noop,
  onSessionLocked: noop,
});

type Props = {
  session: Session;
  onSessionLost: () => void;
  /** The backend answered `session_locked`: show the lock screen. */
  onSessionLocked?: () => void;
  children: ReactNode;
};

/** The signed-in user, the clinic's settings and what the user may do, for every screen below. */
export function SessionProvider({ session, onSessionLost, onSessionLocked = noop, children }: Props) {
  const value = useMemo(
    () => ({ session, onSessionLost, onSessionLocked }),
    [session, onSessionLost, onSessionLocked],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext).session;
}

/** The clinic's date order; ISO order outside a session. */
export function useDateFormat(): DateFormat {
  return useContext(SessionContext).session?.clinic.date_format ?? "ymd";
}

/**
 * Whether the signed-in user may do an operation. Only decides what is shown: the core checks
 * every call again. Outside a session nothing is allowed.
 */
export function useCan(): (operation: Operation) => boolean {
  const session = useSession();
  return useCallback((operation: Operation) => session?.permissions.includes(operation) ?? false, [session]);
}

/**
 * Sorts out a failed call: an expired session signs the user out and a locked one shows the
 * lock screen (both return null, nothing to show); any other error is returned for the screen
 * to display.
 */
export function useApiErrorHandler(): (error: ApiError) => ApiError | null {
  const { onSessionLost, onSessionLocked } = useContext(SessionContext);
  return useCallback(
    (error: ApiError) => {
      if (error.code === "not_authenticated") {
        onSessionLost();
        return null;
      }
      if (error.code === "session_locked") {
        onSessionLocked();
        return null;
      }
      return error;
    },
    [onSessionLost, onSessionLocked],
  );
}

/** Signs the user out when the backend says the session has ended. */
export function useOnSessionLost(): () => void {
  return useContext(SessionContext).onSessionLost;
}
