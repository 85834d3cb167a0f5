import { useEffect, useRef } from "react";

/** The window reports activity to the backend at most this often (its own lock waits 30 s longer). */
export const TOUCH_EVERY_MS = 15_000;
const CHECK_EVERY_MS = 1_000;
const ACTIVITY_EVENTS = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] as const;

type Options = {
  idleSeconds: number;
  locked: boolean;
  onIdle: () => void;
  onActive: () => void;
};

/**
 * Calls `onIdle` once nobody has touched the keyboard or mouse for `idleSeconds`, and
 * `onActive` (throttled) while they do, so the backend knows the session is in use.
 */
export function useIdleLock({ idleSeconds, locked, onIdle, onActive }: Options) {
  const lastActivity = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const callbacks = useRef({ onIdle, onActive });
  callbacks.current = { onIdle, onActive };

  useEffect(() => {
    if (locked) return;
    lastActivity.current = Date.now();
    const onActivity = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastTouch.current >= TOUCH_EVERY_MS) {
        lastTouch.current = now;
        callbacks.current.onActive();
      }
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= idleSeconds * 1000) callbacks.current.onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleSeconds, locked]);
}
