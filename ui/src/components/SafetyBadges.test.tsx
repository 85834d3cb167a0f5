import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SafetyFlags } from "../bindings/SafetyFlags";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { NO_FLAGS } from "../lib/safety";
import { SafetyBadges } from "./SafetyBadges";

function renderBadges(flags: Partial<SafetyFlags>) {
  return renderWithSession(<SafetyBadges flags={{ ...NO_FLAGS, ...flags }} />, sessionAs("receptionist"));
}

function badgeIds(): string[] {
  return Array.from(document.querySelectorAll("[data-testid^='safety-badge-']")).map(
    (el) => el.getAttribute("data-testid") ?? "",
  );
}

describe("SafetyBadges", () => {
  it("renders nothing at all when no flag is set", () => {
    const { container } = renderBadges({ other: "   " });
    expect(screen.queryByTestId("safety-badges")).not.toBeInTheDocument();
    expect(container.querySelector("[data-testid^='safety-badge']")).toBeNull();
  });

  it("shows one badge per set flag, most serious first, and no others", () => {
    renderBadges({ diabetes: true, pacemaker: true, metal_allergy: true, other: "Keloid scarring" });
    expect(screen.getByTestId("safety-badges")).toBeInTheDocument();
    expect(badgeIds()).toEqual([
      "safety-badge-pacemaker",
      "safety-badge-diabetes",
      "safety-badge-metal_allergy",
      "safety-badge-other",
    ]);
    expect(screen.getByTestId("safety-badge-other")).toHaveTextContent("Keloid scarring");
    expect(screen.getByTestId("safety-badge-pacemaker")).toHaveTextContent("Pacemaker / implant");
  });

  it("colours contraindications, cautions and notes differently", () => {
    renderBadges({ anticoagulants: true, epilepsy: true, metal_allergy: true });
    expect(screen.getByTestId("safety-badge-anticoagulants")).toHaveAttribute(
      "data-severity",
      "contraindication",
    );
    expect(screen.getByTestId("safety-badge-epilepsy")).toHaveAttribute("data-severity", "caution");
    expect(screen.getByTestId("safety-badge-metal_allergy")).toHaveAttribute("data-severity", "note");
  });

  it("gives pregnancy its trimester, and the due date in the clinic's format", () => {
    renderBadges({ pregnant: true, pregnancy_trimester: 2, pregnancy_due_date: "2025-09-14" });
    const badge = screen.getByTestId("safety-badge-pregnant");
    expect(badge).toHaveTextContent("Pregnant · 2nd trimester");
    expect(badge).toHaveAttribute("aria-label", expect.stringContaining("due 14/09/2025"));
    expect(badgeIds()).toEqual(["safety-badge-pregnant"]);
  });
});
