//! The role × operation table. Every core operation is listed here, once; services call
//! [`super::Actor::require`] with their operation before touching data.

use serde::Serialize;
use ts_rs::TS;

use super::actor::Role;
use Role::{Admin, Practitioner, Receptionist};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    ReadClinicSettings,
    CreateUser,
    CreatePatient,
    SearchPatients,
    ReadPatient,
    UpdatePatientDetails,
    ArchivePatient,
    MergePatients,
    UpdateSafetyFlags,
    ReadPatientMedical,
    UpdatePatientMedical,
    LoadDemoData,
    VerifyAudit,
    ListUsers,
}

impl Operation {
    pub const ALL: [Operation; 14] = [
        Operation::ReadClinicSettings,
        Operation::CreateUser,
        Operation::CreatePatient,
        Operation::SearchPatients,
        Operation::ReadPatient,
        Operation::UpdatePatientDetails,
        Operation::ArchivePatient,
        Operation::MergePatients,
        Operation::UpdateSafetyFlags,
        Operation::ReadPatientMedical,
        Operation::UpdatePatientMedical,
        Operation::LoadDemoData,
        Operation::VerifyAudit,
        Operation::ListUsers,
    ];

    /// Words for the refusal message: "Your role does not allow this: {describe}."
    pub fn describe(self) -> &'static str {
        match self {
            Operation::ReadClinicSettings => "reading the clinic settings",
            Operation::CreateUser => "creating staff accounts",
            Operation::CreatePatient => "registering patients",
            Operation::SearchPatients => "searching patients",
            Operation::ReadPatient => "opening patient records",
            Operation::UpdatePatientDetails => "editing patient details",
            Operation::ArchivePatient => "archiving patients",
            Operation::MergePatients => "merging patient records",
            Operation::UpdateSafetyFlags => "changing needling safety flags",
            Operation::ReadPatientMedical => "reading medical history and clinical notes",
            Operation::UpdatePatientMedical => "editing medical history and clinical notes",
            Operation::LoadDemoData => "loading the demo clinic",
            Operation::VerifyAudit => "verifying the audit log",
            Operation::ListUsers => "listing staff accounts",
        }
    }
}

pub fn allowed_roles(op: Operation) -> &'static [Role] {
    match op {
        Operation::ReadClinicSettings => &[Admin, Practitioner, Receptionist],
        Operation::CreateUser => &[Admin],
        Operation::CreatePatient => &[Admin, Practitioner, Receptionist],
        Operation::SearchPatients => &[Admin, Practitioner, Receptionist],
        // Demographics, contact and front-desk notes: the front desk keeps them up to date.
        Operation::ReadPatient => &[Admin, Practitioner, Receptionist],
        Operation::UpdatePatientDetails => &[Admin, Practitioner, Receptionist],
        Operation::ArchivePatient => &[Admin, Practitioner, Receptionist],
        Operation::MergePatients => &[Admin, Practitioner],
        // Flags are shown to everyone (the calendar's badges) but set by clinicians.
        Operation::UpdateSafetyFlags => &[Admin, Practitioner],
        // Clinical content: never the front desk; admins read, only practitioners write.
        Operation::ReadPatientMedical => &[Admin, Practitioner],
        Operation::UpdatePatientMedical => &[Practitioner],
        Operation::LoadDemoData => &[Admin],
        Operation::VerifyAudit => &[Admin],
        Operation::ListUsers => &[Admin],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adding an operation without listing it in `ALL` fails to compile here.
    fn position(op: Operation) -> usize {
        match op {
            Operation::ReadClinicSettings => 0,
            Operation::CreateUser => 1,
            Operation::CreatePatient => 2,
            Operation::SearchPatients => 3,
            Operation::ReadPatient => 4,
            Operation::UpdatePatientDetails => 5,
            Operation::ArchivePatient => 6,
            Operation::MergePatients => 7,
            Operation::UpdateSafetyFlags => 8,
            Operation::ReadPatientMedical => 9,
            Operation::UpdatePatientMedical => 10,
            Operation::LoadDemoData => 11,
            Operation::VerifyAudit => 12,
            Operation::ListUsers => 13,
        }
    }

    #[test]
    fn every_operation_is_listed_once_and_has_a_role() {
        for (i, op) in Operation::ALL.into_iter().enumerate() {
            assert_eq!(position(op), i);
            assert!(!allowed_roles(op).is_empty(), "{op:?} has no role");
        }
    }

    #[test]
    fn the_front_desk_never_reads_clinical_content() {
        for op in [
            Operation::ReadPatientMedical,
            Operation::UpdatePatientMedical,
        ] {
            assert!(!allowed_roles(op).contains(&Role::Receptionist));
        }
    }

    #[test]
    fn only_admins_manage_staff() {
        assert_eq!(allowed_roles(Operation::CreateUser), [Role::Admin]);
    }
}
