// Settings → Backups and Settings → Security: backups, restore and the database key.
import type { Channel } from "@tauri-apps/api/core";
import { commands } from "../client/commands";
import type { BackupProgress } from "../bindings/BackupProgress";
import type { BackupSettings } from "../bindings/BackupSettings";

export const settingsApi = {
  backupOverview: () => commands.backupOverview(),
  /** Makes a backup now; its progress arrives through `onProgress` (see useProgressChannel). */
  createBackup: (onProgress: Channel<BackupProgress>) => commands.createBackup({ onProgress }),
  verifyBackup: (path: string, recoveryKey: string | null) => commands.verifyBackup({ path, recoveryKey }),
  restoreBackup: (path: string, recoveryKey: string | null, onProgress: Channel<BackupProgress>) =>
    commands.restoreBackup({ path, recoveryKey, onProgress }),
  updateBackupSettings: (settings: BackupSettings) => commands.updateBackupSettings({ settings }),
  rotateKey: () => commands.rotateKey(),
};
