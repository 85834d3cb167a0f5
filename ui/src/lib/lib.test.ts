import { describe, expect, it } from "vitest";
import { ageInYears, formatDate } from "./dates";
import { splitServerErrors } from "./formErrors";
import { listName } from "./patientName";

describe("formatDate", () => {
  it("orders the parts as the clinic chose", () => {
    expect(formatDate("1984-03-07", "dmy")).toBe("07/03/1984");
    expect(formatDate("1984-03-07", "mdy")).toBe("03/07/1984");
    expect(formatDate("1984-03-07", "ymd")).toBe("1984-03-07");
  });

  it("leaves unexpected text alone rather than inventing a date", () => {
    expect(formatDate("unknown", "dmy")).toBe("unknown");
  });
});

describe("ageInYears", () => {
  it("counts a birthday only once it has been reached", () => {
    expect(ageInYears("1984-03-07", new Date(2024, 2, 6))).toBe(39);
    expect(ageInYears("1984-03-07", new Date(2024, 2, 7))).toBe(40);
  });

  it("gives no age for a future date", () => {
    expect(ageInYears("2999-01-01", new Date(2024, 0, 1))).toBeNull();
  });
});

describe("splitServerErrors", () => {
  it("routes known fields to the form and the rest to the alert", () => {
    const split = splitServerErrors(
      {
        code: "invalid_input",
        message: "2 fields need attention",
        fields: [
          { field: "phone", message: "Phone number has no digits." },
          { field: "limit", message: "Ask for between 1 and 200 results." },
        ],
      },
      ["phone"],
    );
    expect(split.fieldErrors).toEqual({ phone: "Phone number has no digits." });
    expect(split.generalMessage).toBe("Ask for between 1 and 200 results.");
  });

  it("uses the whole message when there are no field errors", () => {
    const split = splitServerErrors({ code: "conflict", message: "Already set up.", fields: [] }, ["phone"]);
    expect(split).toEqual({ fieldErrors: {}, generalMessage: "Already set up." });
  });
});

describe("listName", () => {
  it("files by family name and shows the preferred name", () => {
    expect(listName({ given_name: "Bao", family_name: "Nguyen", preferred_name: "Bobby" })).toBe(
      "Nguyen, Bao (Bobby)",
    );
    expect(listName({ given_name: "Bao", family_name: "Nguyen", preferred_name: null })).toBe("Nguyen, Bao");
  });
});
