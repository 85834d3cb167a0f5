import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import type { Session } from "../bindings/Session";
import { SessionProvider } from "../lib/session";
import { createQueryClient } from "../query/client";
import { theme } from "../theme";

/** A cache of its own for each test, so no answer leaks from one test into the next; no retries. */
export function createTestQueryClient(): QueryClient {
  const client = createQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  return client;
}

/**
 * Renders inside the same providers as the app, without transitions so tests need no timers.
 * Pass `queryClient` to look into the cache the component used.
 */
export function renderWithProviders(ui: ReactElement, queryClient = createTestQueryClient()): RenderResult {
  return render(
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} env="test">
        <Notifications />
        {ui}
      </MantineProvider>
    </QueryClientProvider>,
  );
}

/** As `renderWithProviders`, signed in as `session` (see `sessionAs` in fixtures). */
export function renderWithSession(
  ui: ReactElement,
  session: Session,
  onSessionLost: () => void = () => {},
): RenderResult {
  return renderWithProviders(
    <SessionProvider session={session} onSessionLost={onSessionLost}>
      {ui}
    </SessionProvider>,
  );
}
