import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, isApiError, toApiError } from "./api";
import { invokeMock } from "./test/tauriMock";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("./test/tauriMock")).invokeMock }));

describe("toApiError", () => {
  it("keeps a backend ApiError as it is", () => {
    const raw = {
      code: "invalid_input",
      message: "2 fields need attention",
      fields: [{ field: "family_name", message: "Enter the patient's family name." }],
    };
    expect(toApiError(raw)).toEqual(raw);
  });

  it("turns a plain string rejection into an internal error with that message", () => {
    expect(toApiError("command login not found")).toEqual({
      code: "internal",
      message: "command login not found",
      fields: [],
    });
  });

  it("uses a thrown Error's message", () => {
    expect(toApiError(new Error("IPC channel closed"))).toMatchObject({
      code: "internal",
      message: "IPC channel closed",
    });
  });

  it("does not trust an unknown code", () => {
    const error = toApiError({ code: "teapot", message: "short and stout", fields: [] });
    expect(error.code).toBe("internal");
    expect(error.message).toBe("short and stout");
  });

  it("gives a readable fallback for undefined, null, numbers and empty strings", () => {
    for (const reason of [undefined, null, 42, "", {}]) {
      const error = toApiError(reason);
      expect(error.code).toBe("internal");
      expect(error.message).toMatch(/went wrong/);
      expect(error.fields).toEqual([]);
    }
  });

  it("drops malformed field entries and fills a missing message", () => {
    const error = toApiError({
      code: "conflict",
      fields: [{ field: "username", message: "taken" }, { field: 3 }, "junk"],
    });
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/went wrong/);
    expect(error.fields).toEqual([{ field: "username", message: "taken" }]);
  });
});

describe("api wrapper", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("sends camelCase argument keys", async () => {
    invokeMock.mockResolvedValue(null);
    await api.unlockWithRecoveryKey("ABCD-EFGH");
    expect(invokeMock).toHaveBeenCalledWith("unlock_with_recovery_key", { recoveryKey: "ABCD-EFGH" });
    await api.login("mei", "secret");
    expect(invokeMock).toHaveBeenLastCalledWith("login", { username: "mei", password: "secret" });
  });

  it("sends the patient record commands the argument names the backend declares", async () => {
    invokeMock.mockResolvedValue(null);
    await api.mergePatients(5, 2);
    expect(invokeMock).toHaveBeenLastCalledWith("merge_patients", { keep: 5, merge: 2 });
    await api.setPatientArchived(2, true);
    expect(invokeMock).toHaveBeenLastCalledWith("set_patient_archived", { id: 2, archived: true });
    await api.getPatientMedical(2);
    expect(invokeMock).toHaveBeenLastCalledWith("get_patient_medical", { id: 2 });
    await api.findDuplicatePatients({ given_name: "Mei", family_name: "Lin" });
    expect(invokeMock).toHaveBeenLastCalledWith("find_duplicate_patients", {
      input: { given_name: "Mei", family_name: "Lin" },
    });
  });

  it("sends the staff commands the argument names the backend declares", async () => {
    invokeMock.mockResolvedValue([]);
    await api.listUsers();
    expect(invokeMock).toHaveBeenLastCalledWith("list_users", undefined);
    const input = { username: "rita", display_name: "Rita Okafor", password: "x".repeat(10), roles: [] };
    await api.createUser(input);
    expect(invokeMock).toHaveBeenLastCalledWith("create_user", { input });
  });

  it("rejects with a normalised ApiError whatever the backend threw", async () => {
    invokeMock.mockRejectedValue("window not found");
    const error: unknown = await api.appStatus().catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toEqual({ code: "internal", message: "window not found", fields: [] });
  });

  it("passes backend error codes through", async () => {
    invokeMock.mockRejectedValue({ code: "invalid_credentials", message: "Wrong password", fields: [] });
    await expect(api.login("mei", "x")).rejects.toMatchObject({ code: "invalid_credentials" });
  });
});
