import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupOverview } from "../bindings/BackupOverview";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, ChannelMock, invokeMock, progressOf } from "../test/tauriMock";
import { SettingsPage } from "./SettingsPage";

vi.mock("@tauri-apps/api/core", async () => {
  const { ChannelMock, invokeMock } = await import("../test/tauriMock");
  return { invoke: invokeMock, Channel: ChannelMock };
});

const AUTO: BackupInfo = {
  file_name: "acuchart-20260504T030000000Z-auto.acuchart-backup",
  path: "/data/backups/acuchart-20260504T030000000Z-auto.acuchart-backup",
  kind: "automatic",
  created_at: "2026-05-04T03:00:00Z",
  size_bytes: 3_700_000,
};
const MANUAL: BackupInfo = { ...AUTO, file_name: "m", path: "/data/backups/m", kind: "manual" };

function overview(backups: BackupInfo[] = [MANUAL, AUTO]): BackupOverview {
  return {
    settings: { enabled: true, folder: null, interval_hours: 24, keep_daily: 7, keep_weekly: 4 },
    folder: "/data/backups",
    backups,
    next_automatic_at: "2026-05-05T03:00:00Z",
  };
}

const RECOVERY = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";

async function renderPage(onSessionLost = () => {}) {
  renderWithSession(<SettingsPage />, sessionAs("admin"), onSessionLost);
  const user = userEvent.setup({ delay: null });
  await user.click(screen.getByTestId("settings-tab-backups"));
  return user;
}

describe("SettingsPage: backups and the database key", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("lists the backups with their kind, and backs up now", async () => {
    let made = false;
    answerCommands({
      backup_overview: () => overview(made ? [{ ...MANUAL, file_name: "new" }, MANUAL, AUTO] : undefined),
      create_backup: (args) => {
        progressOf(args).send({ phase: "copying", done: 5, total: 10 });
        made = true;
        return MANUAL;
      },
    });
    const user = await renderPage();
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByTestId("backup-kind")).toHaveTextContent("Automatic");
    expect(screen.getByTestId("backup-folder-shown")).toHaveTextContent("/data/backups");
    await user.click(screen.getByTestId("backup-now"));
    expect(callsTo("create_backup")).toHaveLength(1);
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(3);
  });

  it("shows the backup's progress as the backend pushes it", async () => {
    let finish: (made: BackupInfo) => void = () => {};
    answerCommands({
      backup_overview: () => overview(),
      create_backup: () => new Promise<BackupInfo>((resolve) => (finish = resolve)),
    });
    const user = await renderPage();
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByTestId("backup-now"));
    const shown = await screen.findByTestId("backup-progress");
    expect(shown).toHaveTextContent("Starting…");
    const channel = progressOf(callsTo("create_backup")[0]?.[1]);
    act(() => channel.send({ phase: "copying", done: 3, total: 4 }));
    expect(shown).toHaveTextContent("Copying the database…");
    expect(shown).toHaveTextContent("75%");
    act(() => finish(MANUAL));
    expect(await screen.findByText("Backup made")).toBeInTheDocument();
  });

  it("restores after confirmation, then asks everyone to sign in again", async () => {
    const onSessionLost = vi.fn();
    answerCommands({
      backup_overview: () => overview(),
      restore_backup: () => ({
        restored: {
          file_name: "m",
          schema_version: 4,
          latest_schema_version: 4,
          clinic_name: "R",
          patients: 12,
        },
        previous_database: { ...AUTO, kind: "pre_restore", file_name: "before.acuchart-backup" },
        schema_version_now: 4,
      }),
    });
    const user = await renderPage(onSessionLost);
    const [first] = await screen.findAllByTestId("backup-restore");
    await user.click(first!);
    await user.click(await screen.findByTestId("restore-confirm"));
    expect(callsTo("restore_backup")[0]?.[1]).toEqual({
      path: MANUAL.path,
      recoveryKey: null,
      onProgress: expect.any(ChannelMock),
    });
    const done = await screen.findByTestId("restore-done");
    expect(done).toHaveTextContent("12 patients");
    expect(done).toHaveTextContent("before.acuchart-backup");
    await user.click(screen.getByTestId("restore-sign-in"));
    expect(onSessionLost).toHaveBeenCalled();
  });

  it("asks for the recovery key when a backup was made under another key", async () => {
    answerCommands({
      backup_overview: () => overview(),
      restore_backup: (args) => {
        if (!args?.recoveryKey) {
          throw {
            code: "invalid_recovery_key",
            message: "m was made with another database key.",
            fields: [],
          };
        }
        throw { code: "invalid_recovery_key", message: "Still the wrong key.", fields: [] };
      },
    });
    const user = await renderPage();
    const [first] = await screen.findAllByTestId("backup-restore");
    await user.click(first!);
    await user.click(await screen.findByTestId("restore-confirm"));
    const keyField = await screen.findByTestId("restore-recovery-key");
    expect(await screen.findByText("m was made with another database key.")).toBeInTheDocument();
    await user.click(keyField);
    await user.paste(RECOVERY);
    await user.click(screen.getByTestId("restore-confirm"));
    expect(callsTo("restore_backup")[1]?.[1]).toEqual({
      path: MANUAL.path,
      recoveryKey: RECOVERY,
      onProgress: expect.any(ChannelMock),
    });
    expect(await screen.findByText("Still the wrong key.")).toBeInTheDocument();
  });

  it("shows a settings error next to its field", async () => {
    answerCommands({
      backup_overview: () => overview(),
      update_backup_settings: () => {
        throw {
          code: "invalid_input",
          message: "Back up every 1 to 168 hours.",
          fields: [{ field: "interval_hours", message: "Back up every 1 to 168 hours." }],
        };
      },
    });
    const user = await renderPage();
    const interval = await screen.findByTestId("backup-interval");
    await user.clear(interval);
    await user.type(interval, "200");
    await user.click(screen.getByTestId("backup-settings-save"));
    expect(await screen.findByText("Back up every 1 to 168 hours.")).toBeInTheDocument();
  });

  it("changes the key and shows the new recovery key once, closable only once stored", async () => {
    answerCommands({
      backup_overview: () => overview(),
      rotate_key: () => ({ recovery_key: RECOVERY, backups_reencrypted: 2, backups_left: [] }),
    });
    const user = await renderPage();
    await user.click(await screen.findByTestId("settings-tab-security"));
    await user.click(await screen.findByTestId("rotate-key"));
    await user.click(await screen.findByTestId("rotate-key-confirm"));
    const done = await screen.findByTestId("rotate-key-done");
    expect(within(done).getByTestId("recovery-key").textContent).toBe(RECOVERY);
    expect(done).toHaveTextContent("2 backups were re-encrypted");
    const finish = within(done).getByTestId("recovery-key-continue");
    expect(finish).toBeDisabled();
    await user.click(within(done).getByTestId("recovery-key-stored"));
    await user.click(finish);
    expect(screen.queryByTestId("rotate-key-done")).not.toBeInTheDocument();
  });

  it("hides the section from those who may not use it", async () => {
    renderWithSession(<SettingsPage />, sessionAs("receptionist"));
    expect(screen.queryByTestId("settings-tab-backups")).not.toBeInTheDocument();
    expect(screen.queryByTestId("backups-panel")).not.toBeInTheDocument();
  });
});
