//! The role × operation table. Every core operation is listed here, once, on one line: its
//! name, the words for a refusal, and the roles that may call it. Services call
//! [`super::Actor::require`] with their operation before touching data.

use serde::Serialize;
use ts_rs::TS;

use super::actor::Role;
use Role::{Admin, Practitioner, Receptionist};

macro_rules! operations {
    ($($op:ident => $describe:literal, [$($role:ident),+];)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum Operation {
            $($op,)+
        }

        impl Operation {
            pub const ALL: &'static [Operation] = &[$(Operation::$op,)+];

            /// Words for the refusal message: "Your role does not allow this: {describe}."
            pub fn describe(self) -> &'static str {
                match self {
                    $(Operation::$op => $describe,)+
                }
            }
        }

        pub fn allowed_roles(op: Operation) -> &'static [Role] {
            match op {
                $(Operation::$op => &[$($role),+],)+
            }
        }
    };
}

operations! {
    ReadClinicSettings => "reading the clinic settings", [Admin, Practitioner, Receptionist];
    CreateUser => "creating staff accounts", [Admin];
    CreatePatient => "registering patients", [Admin, Practitioner, Receptionist];
    SearchPatients => "searching patients", [Admin, Practitioner, Receptionist];
    // Demographics, contact and front-desk notes: the front desk keeps them up to date.
    ReadPatient => "opening patient records", [Admin, Practitioner, Receptionist];
    UpdatePatientDetails => "editing patient details", [Admin, Practitioner, Receptionist];
    ArchivePatient => "archiving patients", [Admin, Practitioner, Receptionist];
    MergePatients => "merging patient records", [Admin, Practitioner];
    // Flags are shown to everyone (the calendar's badges) but set by clinicians.
    UpdateSafetyFlags => "changing needling safety flags", [Admin, Practitioner];
    // Clinical content: never the front desk; admins read, only practitioners write.
    ReadPatientMedical => "reading medical history and clinical notes", [Admin, Practitioner];
    UpdatePatientMedical => "editing medical history and clinical notes", [Practitioner];
    LoadDemoData => "loading the demo clinic", [Admin];
    VerifyAudit => "verifying the audit log", [Admin];
    ListUsers => "listing staff accounts", [Admin];
    DisableUser => "disabling and enabling staff accounts", [Admin];
    ResetUserPassword => "resetting staff passwords", [Admin];
    ChangeUserRoles => "changing staff roles", [Admin];
    // Everyone who signs in may change their own password (knowing the current one).
    ChangeOwnPassword => "changing your own password", [Admin, Practitioner, Receptionist];
    ManageClinicSettings => "changing the clinic settings", [Admin];
    // Who opened which record, when: admins only (it is itself sensitive).
    ReadAuditLog => "reading the audit log", [Admin];
    ExportAuditLog => "exporting the audit log", [Admin];
    // Clinical notes: admins read (records requests, audits); only practitioners chart.
    ReadVisitNotes => "reading visit notes and charts", [Admin, Practitioner];
    WriteVisitNotes => "charting visit notes", [Practitioner];
    SignVisitNote => "signing visit notes", [Practitioner];
    AddAddendum => "adding addenda to signed notes", [Practitioner];
    ReadProtocols => "reading treatment protocols", [Admin, Practitioner];
    ManageProtocols => "creating and changing treatment protocols", [Practitioner];
    // Schedule: the front desk books for everyone; a practitioner sees and updates their own
    // column (the core narrows them to it); admins set the schedule up.
    ManageScheduleSetup => "setting up practitioners, rooms, appointment types and hours", [Admin];
    ReadSchedule => "viewing the schedule", [Admin, Practitioner, Receptionist];
    ReadAllSchedules => "viewing other practitioners' schedules", [Admin, Receptionist];
    BookAppointments => "booking, moving and cancelling appointments", [Admin, Receptionist];
    UpdateAppointmentStatus => "checking patients in and updating appointment status", [Admin, Practitioner, Receptionist];
    ManageWaitlist => "managing the waitlist", [Admin, Receptionist];
    ExportSchedule => "exporting schedules as calendar files", [Admin, Practitioner, Receptionist];
    ManageBackups => "making, checking and scheduling backups", [Admin];
    RestoreBackup => "restoring a backup over the clinic's data", [Admin];
    RotateKey => "changing the database key", [Admin];
    // Data in and out. Receptionists register patients one by one but do not import: an
    // import merges into existing records (not theirs to do) and adds thousands at once.
    ImportPatients => "importing patients from a file", [Admin];
    ImportAppointments => "importing appointments from a file", [Admin];
    // Everything, clinical notes included, leaves the building: admins only.
    ExportClinicData => "exporting the clinic's data (CSV, FHIR)", [Admin];
    // Documents: the front desk prints day sheets and superbills / receipts (codes, units and
    // fees, no notes); treatment summaries and visit notes are clinical content.
    PrintClinicalDocuments => "printing treatment summaries and visit notes", [Admin, Practitioner];
    PrintBillingDocuments => "printing superbills, receipts and day sheets", [Admin, Practitioner, Receptionist];
    ListDocuments => "listing a patient's generated documents", [Admin, Practitioner, Receptionist];
    // Condition handouts are patient education, appended to clinical summaries.
    ReadHandouts => "reading condition handouts", [Admin, Practitioner];
    ManageHandouts => "writing and archiving condition handouts", [Admin, Practitioner];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_listed_once_and_has_a_role() {
        let mut seen = std::collections::HashSet::new();
        for op in Operation::ALL {
            assert!(seen.insert(*op), "{op:?} is listed twice");
            assert!(!allowed_roles(*op).is_empty(), "{op:?} has no role");
            assert!(op.describe().len() > 5, "{op:?} has no description");
        }
    }

    #[test]
    fn the_front_desk_never_reads_clinical_content() {
        for op in [
            Operation::ReadPatientMedical,
            Operation::UpdatePatientMedical,
            Operation::ReadVisitNotes,
            Operation::WriteVisitNotes,
            Operation::SignVisitNote,
            Operation::AddAddendum,
            Operation::ReadProtocols,
            Operation::ManageProtocols,
            Operation::PrintClinicalDocuments,
        ] {
            assert!(!allowed_roles(op).contains(&Role::Receptionist));
        }
    }

    #[test]
    fn only_admins_manage_staff_and_the_audit_log() {
        for op in [
            Operation::CreateUser,
            Operation::ListUsers,
            Operation::DisableUser,
            Operation::ResetUserPassword,
            Operation::ChangeUserRoles,
            Operation::ManageClinicSettings,
            Operation::ReadAuditLog,
            Operation::ExportAuditLog,
            Operation::VerifyAudit,
        ] {
            assert_eq!(allowed_roles(op), [Role::Admin], "{op:?}");
        }
    }
}
