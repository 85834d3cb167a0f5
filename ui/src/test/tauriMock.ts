import { vi } from "vitest";

type Handler = (args: Record<string, unknown> | undefined) => unknown;

/**
 * A stand-in for Tauri's `invoke`: each test says how each command answers. Answers may be values,
 * promises, or thrown errors (a rejection, as the backend's ApiError would be).
 */
export const invokeMock = vi.fn<(command: string, args?: Record<string, unknown>) => Promise<unknown>>();

export function answerCommands(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (command, args) => {
    const handler = handlers[command];
    if (!handler) throw new Error(`unexpected command ${command}`);
    return handler(args);
  });
}

/**
 * A stand-in for Tauri's `Channel`, through which a long job pushes its progress: a test's
 * handler pushes a report with `send`, as the backend would.
 */
export class ChannelMock<T = unknown> {
  onmessage: (message: T) => void;

  constructor(onmessage?: (message: T) => void) {
    this.onmessage = onmessage ?? (() => {});
  }

  send(message: T) {
    this.onmessage(message);
  }
}

/** The `onProgress` channel a command was called with. */
export function progressOf(args: Record<string, unknown> | undefined): ChannelMock {
  const channel = args?.onProgress;
  if (!(channel instanceof ChannelMock)) throw new Error("the command was called without a progress channel");
  return channel;
}

export function callsTo(command: string) {
  return invokeMock.mock.calls.filter(([name]) => name === command);
}
