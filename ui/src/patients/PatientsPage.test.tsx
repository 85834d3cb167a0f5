import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PatientId } from "../bindings/PatientId";
import type { PatientQuery } from "../bindings/PatientQuery";
import type { PatientSummary } from "../bindings/PatientSummary";
import { THREE_PATIENTS, patient, profile, sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock, progressOf } from "../test/tauriMock";
import { PatientsPage } from "./PatientsPage";

vi.mock("@tauri-apps/api/core", async () => {
  const { ChannelMock, invokeMock } = await import("../test/tauriMock");
  return { invoke: invokeMock, Channel: ChannelMock };
});

function Page() {
  const [openId, setOpenId] = useState<PatientId | null>(null);
  return (
    <PatientsPage
      dateFormat="dmy"
      searchRef={createRef<HTMLInputElement>()}
      onSessionLost={() => {}}
      openPatientId={openId}
      onOpenPatient={setOpenId}
    />
  );
}

function renderPage() {
  renderWithSession(<Page />, sessionAs("receptionist"));
}

function answerSearch(answer: (query: PatientQuery) => PatientSummary[]) {
  answerCommands({ search_patients: (args) => answer((args as { query: PatientQuery }).query) });
}

describe("PatientsPage", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("opens the second row with ↓ ↓ Enter from the search box", async () => {
    answerCommands({ search_patients: () => THREE_PATIENTS, get_patient: () => profile() });
    const user = userEvent.setup({ delay: null });
    renderPage();
    expect(await screen.findAllByTestId("patient-row")).toHaveLength(3);

    await user.click(screen.getByTestId("patient-search"));
    await user.keyboard("{ArrowDown}{ArrowDown}");
    const rows = screen.getAllByTestId("patient-row");
    expect(rows[1]).toHaveAttribute("data-highlighted");
    expect(rows[0]).not.toHaveAttribute("data-highlighted");
    await user.keyboard("{Enter}");

    expect(await screen.findByTestId("profile-name")).toHaveTextContent("Bao “Bobby” Nguyen");
    expect(callsTo("get_patient")[0]?.[1]).toEqual({ id: 2 });
    expect(screen.getByTestId("profile-chart-number")).toHaveTextContent("Chart #1002");
    expect(screen.getByTestId("profile-dob")).toHaveTextContent("07/03/1984");
    expect(screen.queryByTestId("patient-search")).not.toBeInTheDocument();
  });

  it("goes back from a profile to the list with the search text kept and the list asked again", async () => {
    answerCommands({
      search_patients: (args) =>
        (args as { query: PatientQuery }).query.text === "" ? THREE_PATIENTS : THREE_PATIENTS.slice(1, 2),
      get_patient: () => profile(),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.type(screen.getByTestId("patient-search"), "Nguyen");
    await vi.waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(1));
    await user.click(screen.getByTestId("patient-row"));
    await screen.findByTestId("profile-name");
    const searchesBefore = callsTo("search_patients").length;

    await user.click(screen.getByTestId("profile-back"));
    expect(await screen.findByTestId("patient-search")).toHaveValue("Nguyen");
    await vi.waitFor(() => expect(callsTo("search_patients").length).toBeGreaterThan(searchesBefore));
    expect(screen.getByTestId("patient-row")).toHaveAttribute("data-highlighted");
  });

  it("shows archived patients, dimmed and labelled, only with the switch on", async () => {
    const archived = patient({ id: 4, given_name: "Dora", family_name: "Old", archived: true });
    answerSearch((q) => (q.include_archived ? [...THREE_PATIENTS, archived] : THREE_PATIENTS));
    const user = userEvent.setup({ delay: null });
    renderPage();
    expect(await screen.findAllByTestId("patient-row")).toHaveLength(3);
    expect(screen.queryByTestId("archived-badge")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("show-archived"));
    await vi.waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(4));
    const row = screen.getAllByTestId("patient-row")[3]!;
    expect(row).toHaveAttribute("data-archived");
    expect(within(row).getByTestId("archived-badge")).toHaveTextContent("Archived");
    expect(screen.getAllByTestId("patient-row")[0]).not.toHaveAttribute("data-archived");
    const lastQuery = callsTo("search_patients").at(-1)?.[1] as { query: PatientQuery };
    expect(lastQuery.query.include_archived).toBe(true);
  });

  it("does not move past the last row", async () => {
    answerSearch(() => THREE_PATIENTS);
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId("patient-row");
    await user.click(screen.getByTestId("patient-search"));
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}");
    expect(screen.getAllByTestId("patient-row")[1]).toHaveAttribute("data-highlighted");
  });

  it("lists recent patients with the query shape the backend expects, then searches as you type", async () => {
    answerSearch((q) =>
      q.text === "" ? THREE_PATIENTS : THREE_PATIENTS.filter((p) => p.family_name.startsWith("Di")),
    );
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId("patient-row");
    expect(callsTo("search_patients")[0]?.[1]).toEqual({
      query: { text: "", include_archived: false, limit: 50 },
    });

    await user.type(screen.getByTestId("patient-search"), "Di");
    await vi.waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(1));
    expect(screen.getByTestId("patient-row")).toHaveAttribute("data-patient-id", "3");
    // No debounce: a keystroke asks at once (the core answers in under a millisecond), and the
    // newest text is the last asked.
    const asked = callsTo("search_patients").map(([, a]) => (a as { query: PatientQuery }).query.text);
    expect(asked[0]).toBe("");
    expect(asked.at(-1)).toBe("Di");
    expect(asked.every((text) => "Di".startsWith(text))).toBe(true);
  });

  it("never lets a late answer for an older query replace the newest one", async () => {
    let releaseD: () => void = () => {};
    invokeMock.mockImplementation(async (_command, args) => {
      const text = (args as { query: PatientQuery }).query.text;
      if (text === "D") await new Promise<void>((resolve) => (releaseD = resolve));
      return text === "" || text === "D"
        ? THREE_PATIENTS
        : THREE_PATIENTS.filter((p) => p.family_name === "Diaz");
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId("patient-row");
    await user.type(screen.getByTestId("patient-search"), "D");
    await user.type(screen.getByTestId("patient-search"), "i");
    await vi.waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(1));
    releaseD();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getAllByTestId("patient-row")).toHaveLength(1);
  });

  it("distinguishes an empty clinic from a search with no match", async () => {
    answerSearch(() => []);
    const user = userEvent.setup({ delay: null });
    renderPage();
    expect(await screen.findByTestId("patient-empty")).toHaveTextContent(
      "No patients yet — register the first one",
    );

    await user.type(screen.getByTestId("patient-search"), "zzz");
    await vi.waitFor(() =>
      expect(screen.getByTestId("patient-empty")).toHaveTextContent("No patient matches “zzz”"),
    );
  });

  it("offers an admin of an empty clinic a demo clinic, then lists its patients", async () => {
    let loaded = false;
    answerCommands({
      search_patients: () => (loaded ? THREE_PATIENTS : []),
      load_demo_clinic: async (args) => {
        progressOf(args).send({ stage: "history", done: 10, total: 20 });
        loaded = true;
        return { patients: 6000, practitioners: 2, appointments: 60000, notes: 50000, points: 500000 };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(<Page />, sessionAs("admin"));
    await user.click(await screen.findByTestId("demo-clinic-open"));
    await user.click(await screen.findByTestId("demo-clinic-load"));
    expect(await screen.findAllByTestId("patient-row")).toHaveLength(3);
    expect(callsTo("load_demo_clinic")).toHaveLength(1);
  });

  it("does not offer the demo clinic to the front desk", async () => {
    answerSearch(() => []);
    renderPage();
    await screen.findByTestId("patient-empty");
    expect(screen.queryByTestId("demo-clinic-open")).not.toBeInTheDocument();
  });

  it("registers a patient, announces the chart number and shows them in the list", async () => {
    const created = patient({ id: 9, chart_number: 1042, given_name: "Mei", family_name: "Lin" });
    let registered = false;
    answerCommands({
      search_patients: () => (registered ? [created, ...THREE_PATIENTS] : THREE_PATIENTS),
      find_duplicate_patients: () => [],
      create_patient: () => {
        registered = true;
        return created;
      },
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId("patient-row");

    await user.click(screen.getByTestId("new-patient"));
    await user.type(await screen.findByTestId("patient-given-name"), "Mei");
    await user.type(screen.getByTestId("patient-family-name"), "Lin");
    await user.click(screen.getByTestId("patient-save"));

    const name = await screen.findByText("Mei Lin");
    // The name in the announcement is blurred like every other patient name in privacy mode.
    expect(name).toHaveClass("patient-name");
    expect(name.parentElement).toHaveTextContent("Registered Mei Lin (chart #1042)");
    await vi.waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(4));
    const first = screen.getAllByTestId("patient-row")[0];
    expect(first).toHaveAttribute("data-patient-id", "9");
    expect(first).toHaveAttribute("data-highlighted");
    expect(screen.queryByTestId("patient-save")).not.toBeInTheDocument();
  });

  it("opens the new-patient form with Alt+N even while typing in the search box", async () => {
    answerSearch(() => THREE_PATIENTS);
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId("patient-row");
    await user.click(screen.getByTestId("patient-search"));
    await user.keyboard("{Alt>}n{/Alt}");
    expect(await screen.findByTestId("patient-given-name")).toBeInTheDocument();
  });
});
