import { useEffect, useState } from "react";
import type { DataProgress } from "../bindings/DataProgress";
import { dataApi } from "./api";

const POLL_MS = 150;

/** While `running`, asks the backend how far an import or export got, a few times a second. */
export function useDataProgress(running: boolean): DataProgress | null {
  const [progress, setProgress] = useState<DataProgress | null>(null);
  useEffect(() => {
    if (!running) {
      setProgress(null);
      return;
    }
    let current = true;
    const tick = () => {
      dataApi
        .dataProgress()
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
