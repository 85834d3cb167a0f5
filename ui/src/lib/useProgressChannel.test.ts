import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ChannelMock } from "../test/tauriMock";
import { useProgressChannel } from "./useProgressChannel";

vi.mock("@tauri-apps/api/core", async () => ({ Channel: (await import("../test/tauriMock")).ChannelMock }));

type Report = { done: number };

function open(result: { current: { open: () => unknown } }): ChannelMock<Report> {
  let channel: unknown;
  act(() => {
    channel = result.current.open();
  });
  if (!(channel instanceof ChannelMock)) throw new Error("no channel");
  return channel as ChannelMock<Report>;
}

describe("useProgressChannel", () => {
  it("shows what the backend pushes, newest run only", () => {
    const { result } = renderHook(() => useProgressChannel<Report>());
    expect(result.current.progress).toBeNull();

    const first = open(result);
    act(() => first.send({ done: 1 }));
    act(() => first.send({ done: 2 }));
    expect(result.current.progress).toEqual({ done: 2 });

    // The next run starts from nothing, and a late report of the last one is dropped.
    const second = open(result);
    expect(result.current.progress).toBeNull();
    act(() => first.send({ done: 3 }));
    expect(result.current.progress).toBeNull();
    act(() => second.send({ done: 7 }));
    expect(result.current.progress).toEqual({ done: 7 });
  });
});
