// The demo clinic, for trying AcuChart out (admins).
import { call } from "../api";
import type { DemoClinic } from "../bindings/DemoClinic";
import type { DemoProgress } from "../bindings/DemoProgress";

export const demoApi = {
  loadDemoClinic: () => call<DemoClinic>("load_demo_clinic"),
  demoProgress: () => call<DemoProgress | null>("demo_progress"),
};
