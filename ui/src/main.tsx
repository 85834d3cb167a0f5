import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/dates/styles.css";
import "./styles/global.css";

import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { queryClient } from "./query/client";
import { theme } from "./theme";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// No ColorSchemeScript: it is an inline script, which the CSP forbids. MantineProvider applies
// the OS scheme in a layout effect, before the first paint, so nothing flashes.
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Notifications position="bottom-right" limit={3} />
        <App />
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
