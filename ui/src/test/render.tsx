import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import type { Session } from "../bindings/Session";
import { SessionProvider } from "../lib/session";
import { theme } from "../theme";

/** Renders inside the same providers as the app, without transitions so tests need no timers. */
export function renderWithProviders(ui: ReactElement): RenderResult {
  return render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      {ui}
    </MantineProvider>,
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
