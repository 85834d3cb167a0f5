import type { BackupProgress } from "../bindings/BackupProgress";

const PHASES: Record<BackupProgress["phase"], string> = {
  copying: "Copying the database",
  checking: "Checking the backup",
  migrating: "Upgrading the backup's format",
  saving_current: "Keeping the current data as a backup",
  restoring: "Restoring",
};

export function progressLabel(p: BackupProgress | null): string {
  return p ? PHASES[p.phase] : "Starting";
}

export function progressPercent(p: BackupProgress | null): number {
  if (!p || p.total === 0) return 0;
  return Math.round((p.done * 100) / p.total);
}
