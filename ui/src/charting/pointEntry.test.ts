import { describe, expect, it } from "vitest";
import { needlesFor, newTreatmentPoint, sideFor, splitSide } from "./pointEntry";

describe("keyboard point entry", () => {
  it("takes a trailing side word off the query", () => {
    expect(splitSide("gb30 b")).toEqual({ query: "gb30", side: "bilateral" });
    expect(splitSide("  wei zhong  L ")).toEqual({ query: "wei zhong", side: "left" });
    expect(splitSide("st 36")).toEqual({ query: "st 36", side: null });
    expect(splitSide("b")).toEqual({ query: "b", side: null });
  });

  it("gives midline points their one location and others both sides by default", () => {
    expect(sideFor({ channel: "GV", code: "GV20" }, "left")).toBe("midline");
    expect(sideFor({ channel: "EX", code: "EX-HN3" }, null)).toBe("midline");
    expect(sideFor({ channel: "GB", code: "GB30" }, null)).toBe("bilateral");
    expect(sideFor({ channel: "GB", code: "GB30" }, "right")).toBe("right");
  });

  it("counts two needles for a bilateral point", () => {
    expect(needlesFor([newTreatmentPoint("GB30", "bilateral"), newTreatmentPoint("GV20", "midline")])).toBe(
      3,
    );
  });
});
