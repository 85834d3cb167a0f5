import { act, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../bindings/Session";
import { PatientName } from "../components/PatientName";
import { useApiErrorHandler } from "../lib/session";
import { sessionAs } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { SessionGuard } from "./SessionGuard";
import { TOUCH_EVERY_MS } from "./useIdleLock";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const PASSWORD = "tea and biscuits";

function HalfWrittenNote() {
  const [text, setText] = useState("");
  const handle = useApiErrorHandler();
  return (
    <div>
      <textarea data-testid="note" value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <PatientName data-testid="name">Quist, Morwenna</PatientName>
      <button type="button" onClick={() => handle({ code: "session_locked", message: "Locked", fields: [] })}>
        stale request
      </button>
    </div>
  );
}

function renderGuard(idleSeconds = 60, onSessionLost = () => {}) {
  const base = sessionAs("receptionist");
  const session: Session = { ...base, clinic: { ...base.clinic, idle_lock_seconds: idleSeconds } };
  answerCommands({
    lock_session: () => null,
    touch_session: () => null,
    unlock_session: (args) => {
      if (args?.password === PASSWORD) return null;
      throw {
        code: "invalid_input",
        message: "That password is not correct.",
        fields: [{ field: "password", message: "That password is not correct." }],
      };
    },
  });
  renderWithProviders(
    <SessionGuard session={session} onSignOut={() => {}} onSessionLost={onSessionLost}>
      <HalfWrittenNote />
    </SessionGuard>,
  );
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

describe("SessionGuard", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    window.localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("locks after the idle time, keeps what was typed and unlocks with the password", async () => {
    const user = renderGuard(5);
    await user.type(screen.getByTestId("note"), "Pain eased after the second session");
    expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument();

    act(() => vi.advanceTimersByTime(6_000));
    expect(await screen.findByTestId("lock-screen")).toBeVisible();
    expect(screen.getByTestId("lock-reason")).toHaveTextContent("Locked after 5 seconds without activity");
    expect(callsTo("lock_session").map(([, args]) => args)).toEqual([{ reason: "idle" }]);
    // The form is still there, under the lock.
    expect(screen.getByTestId("note")).toHaveValue("Pain eased after the second session");

    await user.type(screen.getByTestId("lock-password"), "wrong guess{Enter}");
    expect(await screen.findByText("That password is not correct.")).toBeVisible();
    expect(screen.getByTestId("lock-screen")).toBeVisible();

    await user.type(screen.getByTestId("lock-password"), `${PASSWORD}{Enter}`);
    await vi.waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(screen.getByTestId("note")).toHaveValue("Pain eased after the second session");
    expect(callsTo("unlock_session")).toHaveLength(2);
  });

  it("locks at once with Ctrl+Shift+L and lets no shortcut reach the app behind it", async () => {
    const user = renderGuard();
    const behind = vi.fn();
    document.addEventListener("keydown", behind);
    try {
      await user.keyboard("{Control>}{Shift>}L{/Shift}{/Control}");
      expect(await screen.findByTestId("lock-screen")).toBeVisible();
      expect(screen.getByTestId("lock-reason")).toHaveTextContent("Locked by hand");
      expect(callsTo("lock_session").map(([, args]) => args)).toEqual([{ reason: "manual" }]);
      behind.mockClear();
      fireEvent.keyDown(screen.getByTestId("note"), { key: "k", ctrlKey: true });
      fireEvent.keyDown(screen.getByTestId("lock-password"), { key: "k", ctrlKey: true });
      fireEvent.keyDown(screen.getByTestId("lock-password"), { key: "Escape" });
      expect(behind).not.toHaveBeenCalled();
      expect(screen.getByTestId("lock-screen")).toBeVisible();
    } finally {
      document.removeEventListener("keydown", behind);
    }
  });

  it("shows the lock screen when the backend answers session_locked", async () => {
    const user = renderGuard();
    await user.click(screen.getByText("stale request"));
    expect(await screen.findByTestId("lock-screen")).toBeVisible();
    expect(callsTo("lock_session")).toHaveLength(0);
  });

  it("reports activity to the backend at most every few seconds", async () => {
    renderGuard(600);
    for (let i = 0; i < 40; i++) {
      fireEvent.mouseMove(window);
      act(() => vi.advanceTimersByTime(1_000));
    }
    const expected = Math.floor(40_000 / TOUCH_EVERY_MS);
    expect(callsTo("touch_session")).toHaveLength(expected);
    expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument();
  });

  it("blurs patient names in privacy mode, toggled with Ctrl+Shift+P", async () => {
    const user = renderGuard();
    expect(screen.getByTestId("name")).toHaveClass("patient-name");
    expect(document.documentElement.dataset.privacy).toBe("off");
    await user.keyboard("{Control>}{Shift>}P{/Shift}{/Control}");
    expect(document.documentElement.dataset.privacy).toBe("on");
    expect(window.localStorage.getItem("acuchart.privacy-mode")).toBe("on");
    await user.keyboard("{Control>}{Shift>}P{/Shift}{/Control}");
    expect(document.documentElement.dataset.privacy).toBe("off");
  });
});
