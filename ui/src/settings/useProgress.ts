import { useEffect, useState } from "react";
import type { BackupProgress } from "../bindings/BackupProgress";
import { settingsApi } from "./api";

const POLL_MS = 150;

/** While `running`, asks the backend for the backup or restore's progress a few times a second. */
export function useProgress(running: boolean): BackupProgress | null {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => {
    if (!running) {
      setProgress(null);
      return;
    }
    let current = true;
    const tick = () => {
      settingsApi
        .backupProgress()
        .then((p) => {
          if (current && p) setProgress(p);
        })
        .catch(() => {});
    };
    tick();
    const timer = window.setInterval(tick, POLL_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [running]);
  return progress;
}

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
