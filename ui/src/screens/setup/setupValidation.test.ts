import { describe, expect, it } from "vitest";
import { adminStepErrors, initialSetupValues, passwordErrors, toSetupInput } from "./setupValidation";

describe("setup password checks", () => {
  it("rejects passwords shorter than 10 characters", () => {
    expect(passwordErrors("short123", "short123").admin_password).toMatch(/at least 10/);
  });

  it("accepts exactly 10 characters", () => {
    expect(passwordErrors("0123456789", "0123456789")).toEqual({});
  });

  it("counts characters, not UTF-16 units, like the backend", () => {
    // Nine emoji are 18 UTF-16 units but only 9 characters: too short.
    const nine = "🌿".repeat(9);
    expect(passwordErrors(nine, nine).admin_password).toBeDefined();
  });

  it("reports a mismatched confirmation on the confirmation field", () => {
    const errors = passwordErrors("long enough pass", "long enough pas");
    expect(errors.admin_password).toBeUndefined();
    expect(errors.admin_password_confirm).toMatch(/do not match/);
  });

  it("requires name and user name as well", () => {
    const errors = adminStepErrors({ ...initialSetupValues("UTC"), admin_display_name: "  " });
    expect(Object.keys(errors).sort()).toEqual(["admin_display_name", "admin_password", "admin_username"]);
  });

  it("sends trimmed names but the password exactly as typed", () => {
    const input = toSetupInput({
      ...initialSetupValues("Europe/Paris"),
      clinic_name: "  Riverside  ",
      admin_username: " mei ",
      admin_password: " spaced pass ",
      admin_password_confirm: " spaced pass ",
    });
    expect(input).toMatchObject({
      clinic_name: "Riverside",
      admin_username: "mei",
      admin_password: " spaced pass ",
    });
    expect(input).not.toHaveProperty("admin_password_confirm");
  });
});
