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

export function callsTo(command: string) {
  return invokeMock.mock.calls.filter(([name]) => name === command);
}
