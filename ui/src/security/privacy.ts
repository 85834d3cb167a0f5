import { useCallback, useEffect, useState } from "react";

const STORAGE_KEY = "acuchart.privacy-mode";

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

/**
 * Privacy mode for a front desk seen from the waiting room: while on, every patient name
 * (see `PatientName`) is blurred. Remembered on this computer, since it belongs to the desk.
 */
export function usePrivacyMode(): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(stored);
  useEffect(() => {
    document.documentElement.dataset.privacy = on ? "on" : "off";
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    } catch {
      // Storage can be unavailable; the mode then lasts for this session only.
    }
  }, [on]);
  useEffect(() => () => void delete document.documentElement.dataset.privacy, []);
  const toggle = useCallback(() => setOn((v) => !v), []);
  return { on, toggle };
}
