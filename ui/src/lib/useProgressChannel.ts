import { Channel } from "@tauri-apps/api/core";
import { useCallback, useRef, useState } from "react";

/**
 * How far a long job (backup, restore, import, export, the demo clinic) got, pushed by the
 * backend through a channel instead of polled. `open()` makes the channel for a run that is
 * starting — pass it to the command as its `onProgress` — and forgets the earlier run: its
 * last report never greets this one, and a report of it still on its way is dropped.
 * `progress` is the newest report of the run, null before its first.
 */
export function useProgressChannel<T>(): { progress: T | null; open: () => Channel<T> } {
  const [progress, setProgress] = useState<T | null>(null);
  const current = useRef<Channel<T> | null>(null);
  const open = useCallback(() => {
    const channel: Channel<T> = new Channel<T>((report) => {
      if (current.current === channel) setProgress(report);
    });
    current.current = channel;
    setProgress(null);
    return channel;
  }, []);
  return { progress, open };
}
