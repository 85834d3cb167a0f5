import type { DataProgress } from "../bindings/DataProgress";

const PHASES: Record<string, string> = {
  reading: "Reading the file",
  checking: "Checking every row",
  writing: "Writing",
  exporting: "Writing the files",
};

export function dataProgressLabel(p: DataProgress | null): string {
  return p ? (PHASES[p.phase] ?? "Working") : "Starting";
}

export function dataProgressPercent(p: DataProgress | null): number {
  if (!p || p.total === 0) return 0;
  return Math.min(100, Math.round((p.done * 100) / p.total));
}
