import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { PainRegion } from "../bindings/PainRegion";
import type { Point } from "../bindings/Point";
import type { Side } from "../bindings/Side";
import { renderWithProviders } from "../test/render";
import { answerCommands, callsTo } from "../test/tauriMock";
import { AlertsPanel } from "./AlertsPanel";
import { BodyMap } from "./BodyMap";
import { PointPicker } from "./PointPicker";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const REGIONS = [
  { code: "thigh_back", label: "Back of thigh", view: "back" as const, sided: true },
  { code: "sacrum", label: "Sacrum", view: "back" as const, sided: false },
];

function point(code: string, pinyin: string, channel = code.replace(/\d+$/, "")): Point {
  return { code, channel, number: 1, pinyin, hanzi: "", english: "", region: "lower_limb", cautions: [] };
}

function MapHarness({ onChange }: { onChange: (r: PainRegion[]) => void }) {
  const [value, setValue] = useState<PainRegion[]>([]);
  return (
    <BodyMap
      regions={REGIONS}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

describe("body map", () => {
  it("marks a region with its side on click and clears it on a second click or by keyboard", async () => {
    const changes = vi.fn();
    renderWithProviders(<MapHarness onChange={changes} />);
    fireEvent.click(screen.getByTestId("bodymap-thigh_back-left"));
    expect(changes).toHaveBeenLastCalledWith([{ region: "thigh_back", side: "left" }]);
    expect(screen.getByTestId("pain-regions")).toHaveTextContent("Back of thigh (left)");
    fireEvent.keyDown(screen.getByTestId("bodymap-sacrum-midline"), { key: "Enter" });
    expect(changes).toHaveBeenLastCalledWith([
      { region: "thigh_back", side: "left" },
      { region: "sacrum", side: "midline" },
    ]);
    fireEvent.click(screen.getByTestId("bodymap-thigh_back-left"));
    expect(changes).toHaveBeenLastCalledWith([{ region: "sacrum", side: "midline" }]);
    expect(screen.getByTestId("bodymap-sacrum-midline")).toHaveAttribute("aria-pressed", "true");
  });
});

describe("point picker", () => {
  it("adds a typed code with its side, a pinyin name by its best match, and Backspace removes the last", async () => {
    const added: [string, Side][] = [];
    const removed = vi.fn();
    answerCommands({
      search_points: (args) => {
        const q = String(args?.query ?? "").toLowerCase();
        if (q.startsWith("gb30")) return [point("GB30", "Huantiao")];
        if (q.startsWith("weizhong")) return [point("BL40", "Weizhong")];
        return [];
      },
      parse_point_entry: (args) => {
        if (args?.text === "gb30 b") return { point: point("GB30", "Huantiao"), side: "bilateral" };
        throw { code: "invalid_input", message: "not a code", fields: [] };
      },
    });
    renderWithProviders(
      <PointPicker
        picks={null}
        onPicksChange={() => {}}
        onAdd={(p, s) => added.push([p.code, s])}
        onRemoveLast={removed}
      />,
    );
    const box = screen.getByTestId("point-entry");
    const user = userEvent.setup();
    await user.type(box, "gb30 b");
    await waitFor(() => expect(callsTo("search_points").length).toBeGreaterThan(0));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(added).toEqual([["GB30", "bilateral"]]));
    expect(box).toHaveValue("");

    await user.type(box, "weizhong l");
    await screen.findByTestId("point-option-BL40");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(added[1]).toEqual(["BL40", "left"]));

    await user.keyboard("{Backspace}");
    expect(removed).toHaveBeenCalledTimes(1);
  });
});

const ALERT = {
  key: "pregnancy:LI4",
  kind: "pregnancy_point" as const,
  message: "LI4 Hegu is a pregnancy-caution point and this patient is pregnant.",
  basis: "pregnant@2026-12-07T09:30:00+00:00",
  acknowledged: false,
};

describe("safety alerts", () => {
  it("asks for a reason before acknowledging", async () => {
    const acknowledge = vi.fn();
    renderWithProviders(<AlertsPanel alerts={[ALERT]} onAcknowledge={acknowledge} />);
    const button = screen.getByTestId("alert-ack-pregnancy:LI4");
    expect(button).toBeDisabled();
    const user = userEvent.setup();
    await user.type(
      screen.getByTestId("alert-reason-pregnancy:LI4"),
      "Labour induction at term, obstetrician agreed",
    );
    await user.click(button);
    expect(acknowledge).toHaveBeenCalledWith(
      "pregnancy:LI4",
      "Labour induction at term, obstetrician agreed",
    );
  });

  it("shows the recorded reason once acknowledged, with nothing left to do", () => {
    renderWithProviders(
      <AlertsPanel
        alerts={[{ ...ALERT, acknowledged: true, reason: "Labour induction at term" }]}
        onAcknowledge={vi.fn()}
      />,
    );
    expect(screen.getByTestId("safety-alert-pregnancy:LI4")).toHaveTextContent(
      "Acknowledged: Labour induction",
    );
    expect(screen.queryByTestId("alert-ack-pregnancy:LI4")).toBeNull();
  });
});
