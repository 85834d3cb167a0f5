import { describe, expect, it } from "vitest";
import type { ApiError } from "../bindings/ApiError";
import { createQueryClient } from "./client";

const error = (code: ApiError["code"]): ApiError => ({ code, message: "m", fields: [] });

describe("the app's query client", () => {
  const { queries } = createQueryClient().getDefaultOptions();
  const retry = queries?.retry as (failureCount: number, error: ApiError) => boolean;

  it("does not try again after an error that would only repeat", () => {
    for (const code of [
      "invalid_input",
      "permission_denied",
      "not_authenticated",
      "session_locked",
    ] as const) {
      expect(retry(0, error(code))).toBe(false);
    }
  });

  it("tries a busy database twice more, then gives up", () => {
    expect(retry(0, error("storage"))).toBe(true);
    expect(retry(1, error("storage"))).toBe(true);
    expect(retry(2, error("storage"))).toBe(false);
  });

  it("does not refetch when the window regains focus", () => {
    expect(queries?.refetchOnWindowFocus).toBe(false);
  });
});
