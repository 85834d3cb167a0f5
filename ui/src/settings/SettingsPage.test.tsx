import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { SettingsPage } from "./SettingsPage";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

describe("SettingsPage", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("saves the idle lock time in seconds and hands the new settings back", async () => {
    const session = sessionAs("admin");
    answerCommands({
      update_security_settings: (args) => ({
        ...session.clinic,
        idle_lock_seconds: (args as { input: { idle_lock_seconds: number } }).input.idle_lock_seconds,
      }),
    });
    const saved: ClinicSettings[] = [];
    renderWithSession(<SettingsPage onSaved={(s) => saved.push(s)} />, session);
    const user = userEvent.setup({ delay: null });
    const minutes = screen.getByTestId("idle-minutes");
    expect(minutes).toHaveValue("5");
    await user.clear(minutes);
    await user.type(minutes, "15");
    await user.click(screen.getByTestId("security-save"));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(callsTo("update_security_settings")[0]?.[1]).toEqual({ input: { idle_lock_seconds: 900 } });
    expect(saved[0]?.idle_lock_seconds).toBe(900);
  });

  it("refuses an idle time outside 1 to 240 minutes without asking the backend", async () => {
    answerCommands({});
    renderWithSession(<SettingsPage onSaved={() => {}} />, sessionAs("admin"));
    const user = userEvent.setup({ delay: null });
    await user.clear(screen.getByTestId("idle-minutes"));
    await user.click(screen.getByTestId("security-save"));
    expect(await screen.findByText("Choose from 1 to 240 minutes.")).toBeVisible();
    expect(callsTo("update_security_settings")).toHaveLength(0);
  });
});
