import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MedicalHistory } from "../../bindings/MedicalHistory";
import type { PatientProfile as Profile } from "../../bindings/PatientProfile";
import type { Role } from "../../bindings/Role";
import { patient, profile, sessionAs } from "../../test/fixtures";
import { renderWithSession } from "../../test/render";
import { answerCommands, callsTo, invokeMock } from "../../test/tauriMock";
import { wrapperOf } from "../../test/wrapperOf";
import { PatientProfile } from "./PatientProfile";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../../test/tauriMock")).invokeMock }));

const MEDICAL: MedicalHistory = {
  medical_history: "Migraines since 2010.",
  medications: "Warfarin 5 mg",
  allergies: null,
  surgeries: null,
  clinical_notes: null,
};

function renderProfile(role: Role, onOpenPatient = vi.fn()) {
  renderWithSession(
    <PatientProfile patientId={2} onBack={() => {}} onOpenPatient={onOpenPatient} />,
    sessionAs(role),
  );
  return onOpenPatient;
}

function withArgs<T>(command: string, index = 0): T {
  return callsTo(command)[index]?.[1] as T;
}

describe("PatientProfile", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("does not render the Medical tab for reception, nor ask for medical history", async () => {
    answerCommands({ get_patient: () => profile() });
    renderProfile("receptionist");
    expect(await screen.findByTestId("profile-name")).toHaveTextContent("Bao “Bobby” Nguyen");
    expect(screen.getByTestId("tab-details")).toBeInTheDocument();
    expect(screen.getByTestId("tab-appointments")).toBeInTheDocument();
    expect(screen.queryByTestId("tab-medical")).not.toBeInTheDocument();
    expect(screen.queryByTestId("medical-view")).not.toBeInTheDocument();
    expect(callsTo("get_patient_medical")).toHaveLength(0);
  });

  it("shows the Medical tab to a practitioner, with history they can edit", async () => {
    answerCommands({ get_patient: () => profile(), get_patient_medical: () => MEDICAL });
    const user = userEvent.setup({ delay: null });
    renderProfile("practitioner");
    await user.click(await screen.findByTestId("tab-medical"));
    expect(await screen.findByTestId("medical-view")).toHaveTextContent("Warfarin 5 mg");
    expect(screen.getByTestId("medical-edit")).toBeInTheDocument();
    expect(withArgs("get_patient_medical")).toEqual({ id: 2 });
  });

  it("lets an admin read medical history but not edit it", async () => {
    answerCommands({ get_patient: () => profile(), get_patient_medical: () => MEDICAL });
    renderProfile("admin");
    expect(await screen.findByTestId("medical-view")).toHaveTextContent("Migraines since 2010.");
    expect(screen.queryByTestId("medical-edit")).not.toBeInTheDocument();
    expect(screen.getByTestId("safety-edit")).toBeInTheDocument();
  });

  it("shows a server field error next to its field and keeps what was typed", async () => {
    answerCommands({
      get_patient: () => profile(),
      update_patient_details: () => {
        throw {
          code: "invalid_input",
          message: "1 field needs attention",
          fields: [{ field: "email", message: 'Email "bao@" is not a valid address.' }],
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderProfile("receptionist");
    await user.click(await screen.findByTestId("details-edit"));
    const email = screen.getByTestId("details-email");
    await user.clear(email);
    await user.type(email, "bao@");
    await user.type(screen.getByTestId("details-city"), "Leeds");
    await user.click(screen.getByTestId("details-save"));

    expect(
      await within(wrapperOf(email)).findByText('Email "bao@" is not a valid address.'),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(within(wrapperOf(screen.getByTestId("details-city"))).queryByText(/not a valid/)).toBeNull();
    expect(screen.getByTestId("details-email")).toHaveValue("bao@");
    expect(screen.getByTestId("details-city")).toHaveValue("Leeds");
    expect(screen.getByTestId("details-given_name")).toHaveValue("Bao");
    const sent = withArgs<{ id: number; details: Profile["details"] }>("update_patient_details");
    expect(sent.id).toBe(2);
    expect(sent.details).toMatchObject({ email: "bao@", city: "Leeds", given_name: "Bao", sex: null });
  });

  it("saves details and shows them in the header", async () => {
    const saved = profile({ details: { ...profile().details, given_name: "Bảo", sex: "male" } });
    answerCommands({ get_patient: () => profile(), update_patient_details: () => saved });
    const user = userEvent.setup({ delay: null });
    renderProfile("receptionist");
    await user.click(await screen.findByTestId("details-edit"));
    await user.click(screen.getByTestId("details-save"));
    await vi.waitFor(() =>
      expect(screen.getByTestId("profile-name")).toHaveTextContent("Bảo “Bobby” Nguyen"),
    );
    expect(screen.queryByTestId("details-save")).not.toBeInTheDocument();
    expect(screen.getByTestId("details-view")).toHaveTextContent("Male");
  });

  it("archives only after confirmation, then shows the archived banner", async () => {
    answerCommands({
      get_patient: () => profile(),
      set_patient_archived: () => profile({ archived_at: "2024-06-01T09:00:00Z" }),
    });
    const user = userEvent.setup({ delay: null });
    renderProfile("receptionist");
    await user.click(await screen.findByTestId("patient-actions"));
    await user.click(await screen.findByTestId("patient-archive"));
    expect(await screen.findByTestId("archive-confirm")).toBeInTheDocument();
    expect(callsTo("set_patient_archived")).toHaveLength(0);
    expect(screen.queryByTestId("archived-banner")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("archive-confirm"));
    expect(await screen.findByTestId("archived-banner")).toHaveTextContent("archived (since 01/06/2024)");
    expect(withArgs("set_patient_archived")).toEqual({ id: 2, archived: true });
    expect(screen.queryByTestId("archive-confirm")).not.toBeInTheDocument();
  });

  it("links a merged record to the one it was merged into", async () => {
    answerCommands({
      get_patient: (args) =>
        (args as { id: number }).id === 9
          ? profile({ id: 9, chart_number: 1009 })
          : profile({ archived_at: "2024-06-01T09:00:00Z", merged_into: 9 }),
    });
    const user = userEvent.setup({ delay: null });
    const onOpenPatient = renderProfile("practitioner");
    const banner = await screen.findByTestId("archived-banner");
    await vi.waitFor(() => expect(banner).toHaveTextContent("Merged into chart #1009"));
    await user.click(within(banner).getByTestId("merged-into-link"));
    expect(onOpenPatient).toHaveBeenCalledWith(9);
    // A merged record cannot be un-archived or merged again.
    expect(screen.queryByTestId("patient-actions")).not.toBeInTheDocument();
  });

  it("merges a duplicate, keeping the record chosen, and opens the kept record", async () => {
    const other = patient({ id: 5, chart_number: 1005, given_name: "Bao", family_name: "Nguyen" });
    answerCommands({
      get_patient: () => profile(),
      search_patients: () => [patient({ id: 2, chart_number: 1002 }), other],
      merge_patients: () => profile({ id: 5, chart_number: 1005 }),
    });
    const user = userEvent.setup({ delay: null });
    const onOpenPatient = renderProfile("practitioner");
    await user.click(await screen.findByTestId("patient-actions"));
    await user.click(await screen.findByTestId("patient-merge"));
    await user.type(await screen.findByTestId("merge-search"), "Nguyen");
    await vi.waitFor(() => expect(screen.getAllByTestId("merge-candidate")).toHaveLength(1));
    expect(screen.getByTestId("merge-confirm")).toBeDisabled();

    await user.click(screen.getByTestId("merge-candidate"));
    await user.click(screen.getByTestId("merge-keep-other"));
    await user.click(screen.getByTestId("merge-confirm"));
    await vi.waitFor(() => expect(onOpenPatient).toHaveBeenCalledWith(5));
    expect(withArgs("merge_patients")).toEqual({ keep: 5, merge: 2 });
  });

  it("edits safety flags: pregnancy details only while pregnant is ticked, cleared when unticked", async () => {
    answerCommands({
      get_patient: () => profile(),
      get_patient_medical: () => MEDICAL,
      update_safety_flags: (args) => profile({ safety: (args as { flags: Profile["safety"] }).flags }),
    });
    const user = userEvent.setup({ delay: null });
    renderProfile("practitioner");
    await user.click(await screen.findByTestId("tab-medical"));
    await user.click(screen.getByTestId("safety-edit"));
    expect(screen.queryByTestId("safety-pregnancy_due_date")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("safety-pregnant"));
    await user.type(screen.getByTestId("safety-pregnancy_due_date"), "2025-09-14");
    await user.click(screen.getByTestId("safety-pregnant"));
    expect(screen.queryByTestId("safety-pregnancy_due_date")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("safety-pregnant"));
    expect(screen.getByTestId("safety-pregnancy_due_date")).toHaveValue("");

    await user.type(screen.getByTestId("safety-pregnancy_trimester"), "2");
    await user.click(screen.getByTestId("safety-anticoagulants"));
    await user.type(screen.getByTestId("safety-other"), "Faints easily");
    await user.click(screen.getByTestId("safety-save"));

    await vi.waitFor(() => expect(callsTo("update_safety_flags")).toHaveLength(1));
    expect(withArgs("update_safety_flags")).toEqual({
      id: 2,
      flags: {
        pregnant: true,
        pregnancy_due_date: null,
        pregnancy_trimester: 2,
        pacemaker: false,
        anticoagulants: true,
        needle_phobia: false,
        diabetes: false,
        metal_allergy: false,
        epilepsy: false,
        other: "Faints easily",
      },
    });
    expect(await screen.findAllByTestId("safety-badge-anticoagulants")).not.toHaveLength(0);
  });
});
