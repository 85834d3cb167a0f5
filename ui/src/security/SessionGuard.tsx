import { useHotkeys } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { toApiError } from "../api";
import type { LockReason } from "../bindings/LockReason";
import type { Session } from "../bindings/Session";
import { SessionProvider } from "../lib/session";
import { securityApi } from "./api";
import { LockScreen } from "./LockScreen";
import { usePrivacyMode } from "./privacy";
import { useIdleLock } from "./useIdleLock";

type SecurityControls = {
  lockNow: () => void;
  privacy: boolean;
  togglePrivacy: () => void;
};

const SecurityContext = createContext<SecurityControls>({
  lockNow: () => {},
  privacy: false,
  togglePrivacy: () => {},
});

/** "Lock now" and privacy mode, for the header's buttons. */
export function useSecurityControls(): SecurityControls {
  return useContext(SecurityContext);
}

type Props = { session: Session; onSignOut: () => void; onSessionLost: () => void; children: ReactNode };

/**
 * Guards a signed-in window: locks it after the clinic's idle time, on "Lock now"
 * (Ctrl+Shift+L) or when the backend answers `session_locked`; toggles privacy mode
 * (Ctrl+Shift+P). The app stays mounted under the lock screen.
 */
export function SessionGuard({ session, onSignOut, onSessionLost, children }: Props) {
  const [lock, setLock] = useState<LockReason | null>(null);
  // Set at once (state follows on the next render), so a second idle tick does not lock twice.
  const lockedRef = useRef(false);
  const privacy = usePrivacyMode();
  const show = useCallback((reason: LockReason) => {
    lockedRef.current = true;
    setLock((current) => current ?? reason);
  }, []);

  const fail = useCallback(
    (reason: unknown) => {
      const error = toApiError(reason);
      if (error.code === "not_authenticated") onSessionLost();
      else if (error.code === "session_locked") show("idle");
    },
    [onSessionLost, show],
  );

  const lockNow = useCallback(
    (reason: LockReason) => {
      if (lockedRef.current) return;
      show(reason);
      securityApi.lockSession(reason).catch(fail);
    },
    [fail, show],
  );
  const lockedByBackend = useCallback(() => show("idle"), [show]);
  const queryClient = useQueryClient();
  const unlocked = useCallback(() => {
    lockedRef.current = false;
    setLock(null);
    // Reads the backend refused while locked are asked again for the screens showing them.
    void queryClient.refetchQueries({ type: "active", predicate: (query) => query.state.status === "error" });
  }, [queryClient]);

  useIdleLock({
    idleSeconds: session.clinic.idle_lock_seconds,
    locked: lock !== null,
    onIdle: () => lockNow("idle"),
    onActive: () => void securityApi.touchSession().catch(fail),
  });
  useHotkeys(
    [
      ["mod+shift+L", () => lockNow("manual")],
      ["mod+shift+P", privacy.toggle],
    ],
    [],
  );

  const controls = useMemo(
    () => ({ lockNow: () => lockNow("manual"), privacy: privacy.on, togglePrivacy: privacy.toggle }),
    [lockNow, privacy.on, privacy.toggle],
  );

  return (
    <SecurityContext.Provider value={controls}>
      <SessionProvider session={session} onSessionLost={onSessionLost} onSessionLocked={lockedByBackend}>
        {children}
        <LockScreen
          opened={lock !== null}
          reason={lock ?? "manual"}
          idleSeconds={session.clinic.idle_lock_seconds}
          userName={session.user.display_name}
          clinicName={session.clinic.name}
          onUnlocked={unlocked}
          onSignOut={onSignOut}
          onSessionLost={onSessionLost}
        />
      </SessionProvider>
    </SecurityContext.Provider>
  );
}
