// The demo clinic, for trying AcuChart out (admins).
import type { Channel } from "@tauri-apps/api/core";
import { commands } from "../client/commands";
import type { DemoProgress } from "../bindings/DemoProgress";

export const demoApi = {
  /** Generates the demo clinic; its progress arrives through `onProgress` (see useProgressChannel). */
  loadDemoClinic: (onProgress: Channel<DemoProgress>) => commands.loadDemoClinic({ onProgress }),
};
