import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" || name === "test" ? [] : sources(path);
    return path.endsWith(".tsx") && !path.endsWith(".test.tsx") ? [path] : [];
  });
}

describe("patient names on screen", () => {
  it("are always rendered inside <PatientName>, so privacy mode blurs every one", () => {
    const root = join(__dirname, "..");
    // A name formatted straight into JSX: {listName(p)}, {displayName(d)}, {fullName(p)}.
    const bare = /(?<!\$)\{\s*(listName|displayName|fullName)\(/;
    const offenders = sources(root).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${file.slice(root.length + 1)}:${i + 1}` }))
        .filter(({ line }) => bare.test(line) && !line.includes("<PatientName>"))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders, "wrap these in <PatientName>…</PatientName> (components/PatientName.tsx)").toEqual([]);
  });
});
