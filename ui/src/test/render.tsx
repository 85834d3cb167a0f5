import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
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
