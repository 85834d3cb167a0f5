// The app-wide calls (setup, sign-in, patients, staff) over the generated client; the error
// helpers live in ./ipc and are re-exported here for the screens that use them.
import { commands } from "./client/commands";
import type { MedicalHistory } from "./bindings/MedicalHistory";
import type { NewPatient } from "./bindings/NewPatient";
import type { NewUser } from "./bindings/NewUser";
import type { PatientDetails } from "./bindings/PatientDetails";
import type { PatientId } from "./bindings/PatientId";
import type { PatientQuery } from "./bindings/PatientQuery";
import type { SafetyFlags } from "./bindings/SafetyFlags";
import type { SetupInput } from "./bindings/SetupInput";

export { call, isApiError, toApiError } from "./ipc";

export const api = {
  appStatus: () => commands.appStatus(),
  timeZones: () => commands.timeZones(),
  completeSetup: (input: SetupInput) => commands.completeSetup({ input }),
  unlockWithRecoveryKey: (recoveryKey: string) => commands.unlockWithRecoveryKey({ recoveryKey }),
  login: (username: string, password: string) => commands.login({ username, password }),
  logout: () => commands.logout(),
  createPatient: (input: NewPatient) => commands.createPatient({ input }),
  searchPatients: (query: PatientQuery) => commands.searchPatients({ query }),
  findDuplicatePatients: (input: NewPatient) => commands.findDuplicatePatients({ input }),
  getPatient: (id: PatientId) => commands.getPatient({ id }),
  updatePatientDetails: (id: PatientId, details: PatientDetails) =>
    commands.updatePatientDetails({ id, details }),
  updateSafetyFlags: (id: PatientId, flags: SafetyFlags) => commands.updateSafetyFlags({ id, flags }),
  getPatientMedical: (id: PatientId) => commands.getPatientMedical({ id }),
  updatePatientMedical: (id: PatientId, medical: MedicalHistory) =>
    commands.updatePatientMedical({ id, medical }),
  setPatientArchived: (id: PatientId, archived: boolean) => commands.setPatientArchived({ id, archived }),
  mergePatients: (keep: PatientId, merge: PatientId) => commands.mergePatients({ keep, merge }),
  listUsers: () => commands.listUsers(),
  createUser: (input: NewUser) => commands.createUser({ input }),
};
