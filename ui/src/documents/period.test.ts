import { describe, expect, it } from "vitest";
import type { VisitSummary } from "../bindings/VisitSummary";
import { allSignedVisits, courseOfCare, signedVisitsBetween } from "./period";
import { suggestedFileName } from "./api";

function visit(visit_date: string, status: "draft" | "signed" = "signed"): VisitSummary {
  return { id: 1, visit_date, practitioner_name: "Dr Lee", status, points: [], addenda: 0 };
}

describe("the summary's default period", () => {
  const visits = [
    visit("2025-01-10"),
    visit("2025-02-01"),
    // a gap of more than eight weeks: a new course starts
    visit("2025-06-02"),
    visit("2025-06-09"),
    visit("2025-07-20"),
    visit("2025-07-27", "draft"),
  ];

  it("is the latest run of signed visits without a long gap, drafts left out", () => {
    expect(courseOfCare(visits)).toEqual({ from: "2025-06-02", to: "2025-07-20", visits: 3 });
  });

  it("can cover every signed visit instead", () => {
    expect(allSignedVisits(visits)).toEqual({ from: "2025-01-10", to: "2025-07-20", visits: 5 });
  });

  it("is absent without a signed visit", () => {
    expect(courseOfCare([visit("2025-01-01", "draft")])).toBeNull();
  });

  it("counts the signed visits in a chosen period", () => {
    expect(signedVisitsBetween(visits, "2025-02-01", "2025-06-09")).toBe(3);
  });
});

describe("the file name offered by Save as…", () => {
  it("names the kind and the dates", () => {
    expect(
      suggestedFileName({
        id: 4,
        kind: "summary",
        patient_id: 1,
        title: "Treatment summary, 2025-06-02 – 2025-07-20 (3 visits)",
        pages: 2,
        bytes: 1000,
        created_at: "2025-07-21T10:00:00Z",
        created_by: "Dr Lee",
      }),
    ).toBe("treatment-summary_2025-06-02_2025-07-20.pdf");
  });
});
