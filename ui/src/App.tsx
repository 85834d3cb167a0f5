import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, toApiError } from "./api";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { Session } from "./bindings/Session";
import { BootError, BootLoader } from "./screens/BootScreens";
import { LoginScreen } from "./screens/LoginScreen";
import { RecoveryScreen } from "./screens/RecoveryScreen";
import { SetupScreen } from "./screens/setup/SetupScreen";
import { MainShell } from "./shell/MainShell";

const unknownError: ApiError = {
  code: "internal",
  message: "The clinic database could not be opened.",
  fields: [],
};

type Boot = { kind: "loading" } | { kind: "failed"; error: ApiError } | { kind: "loaded"; status: AppStatus };

/** Decides which screen the app is on: the vault's state first, then whether someone is signed in. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: "loading" });
  const [session, setSession] = useState<Session | null>(null);
  // The path from the last good status, so a later failure can still tell support where the file is.
  const lastPath = useRef<string | null>(null);
  const latestRequest = useRef(0);

  const loadStatus = useCallback(async () => {
    const request = ++latestRequest.current;
    // Keep the current screen during a re-check (after setup or recovery) instead of flashing a loader.
    setBoot((prev) => (prev.kind === "loaded" ? prev : { kind: "loading" }));
    try {
      const status = await api.appStatus();
      if (request !== latestRequest.current) return;
      lastPath.current = status.database_path;
      // A database that could not be opened arrives as a status with its error and path.
      setBoot(status.error ? { kind: "failed", error: status.error } : { kind: "loaded", status });
    } catch (reason) {
      if (request !== latestRequest.current) return;
      setBoot({ kind: "failed", error: toApiError(reason) });
    }
  }, []);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  const signOut = useCallback(async () => {
    setSession(null);
    try {
      await api.logout();
    } catch {
      // The local session is already gone; the backend forgets its actor on the next sign-in anyway.
    }
  }, []);

  const sessionLost = useCallback(() => {
    setSession(null);
    notifications.show({
      color: "yellow",
      title: "Signed out",
      message: "Your session has ended. Please sign in again.",
    });
  }, []);

  if (boot.kind === "loading") return <BootLoader />;
  if (boot.kind === "failed") {
    return <BootError error={boot.error} databasePath={lastPath.current} onRetry={loadStatus} />;
  }

  const { status } = boot;
  switch (status.state) {
    case "needs_setup":
      return <SetupScreen defaultTimeZone={status.default_time_zone} onFinished={loadStatus} />;
    case "needs_recovery_key":
      return <RecoveryScreen databasePath={status.database_path} onUnlocked={loadStatus} />;
    case "unavailable":
      return (
        <BootError
          error={status.error ?? unknownError}
          databasePath={status.database_path}
          onRetry={loadStatus}
        />
      );
    case "ready":
      return session ? (
        <MainShell
          session={session}
          onSignOut={signOut}
          onSessionLost={sessionLost}
          onSessionChange={setSession}
        />
      ) : (
        <LoginScreen clinicName={status.clinic_name} onSignedIn={setSession} />
      );
  }
}
