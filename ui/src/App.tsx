import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./api";
import type { ApiError } from "./bindings/ApiError";
import type { Session } from "./bindings/Session";
import { BootError, BootLoader } from "./screens/BootScreens";
import { LoginScreen } from "./screens/LoginScreen";
import { RecoveryScreen } from "./screens/RecoveryScreen";
import { SetupScreen } from "./screens/setup/SetupScreen";
import { MainShell } from "./shell/MainShell";
import { queryKeys } from "./query/keys";
import { useBootStatus } from "./screens/useBootStatus";

const unknownError: ApiError = {
  code: "internal",
  message: "The clinic database could not be opened.",
  fields: [],
};

/** Decides which screen the app is on: the vault's state first, then whether someone is signed in. */
export function App() {
  const { boot, lastPath, recheck: loadStatus } = useBootStatus();
  const [session, setSession] = useState<Session | null>(null);
  const queryClient = useQueryClient();

  // Cached records belong to the user who read them; the next one to sign in starts empty.
  // Dropped once the signed-in screens have unmounted (after sign-out, not before the first
  // sign-in), so no screen is left watching a query that was removed. The vault's status
  // stays: this component draws the sign-in screen from it.
  const signedIn = useRef(false);
  useEffect(() => {
    if (session !== null) signedIn.current = true;
    else if (signedIn.current) {
      signedIn.current = false;
      queryClient.getMutationCache().clear();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.appStatus()[0] });
    }
  }, [session, queryClient]);

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
    return <BootError error={boot.error} databasePath={lastPath} onRetry={loadStatus} />;
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
