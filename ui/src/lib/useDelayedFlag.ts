import { useEffect, useState } from "react";

/**
 * `flag`, but only once it has stayed true for `delayMs`: a spinner for a slow answer, not a
 * flicker for one that arrives within a frame or two.
 */
export function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const timer = window.setTimeout(() => setShown(true), delayMs);
    return () => window.clearTimeout(timer);
  }, [flag, delayMs]);
  return shown;
}
