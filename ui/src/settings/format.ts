import type { BackupKind } from "../bindings/BackupKind";

export const KIND_LABEL: Record<BackupKind, string> = {
  automatic: "Automatic",
  manual: "Manual",
  pre_migration: "Before upgrade",
  pre_restore: "Before restore",
};

export const KIND_COLOR: Record<BackupKind, string> = {
  automatic: "gray",
  manual: "teal",
  pre_migration: "grape",
  pre_restore: "orange",
};

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A backend UTC instant in this computer's local time, e.g. "4 May 2026, 03:00". */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
