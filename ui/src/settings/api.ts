// Settings → Backups and Settings → Security: backups, restore and the database key.
import { call } from "../api";
import type { BackupCheck } from "../bindings/BackupCheck";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { BackupProgress } from "../bindings/BackupProgress";
import type { BackupSettings } from "../bindings/BackupSettings";
import type { KeyRotationResult } from "../bindings/KeyRotationResult";
import type { RestoreReport } from "../bindings/RestoreReport";

export const settingsApi = {
  backupOverview: () => call<BackupOverview>("backup_overview"),
  backupProgress: () => call<BackupProgress | null>("backup_progress"),
  createBackup: () => call<BackupInfo>("create_backup"),
  verifyBackup: (path: string, recoveryKey: string | null) =>
    call<BackupCheck>("verify_backup", { path, recoveryKey }),
  restoreBackup: (path: string, recoveryKey: string | null) =>
    call<RestoreReport>("restore_backup", { path, recoveryKey }),
  updateBackupSettings: (settings: BackupSettings) =>
    call<BackupOverview>("update_backup_settings", { settings }),
  rotateKey: () => call<KeyRotationResult>("rotate_key"),
};
