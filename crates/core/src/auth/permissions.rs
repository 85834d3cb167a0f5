//! The role × operation table. Every core operation is listed here, once; services call
//! [`super::Actor::require`] with their operation before touching data.

use super::actor::Role;
use Role::{Admin, Practitioner, Receptionist};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    ReadClinicSettings,
    CreateUser,
    CreatePatient,
    SearchPatients,
}

impl Operation {
    pub const ALL: [Operation; 4] = [
        Operation::ReadClinicSettings,
        Operation::CreateUser,
        Operation::CreatePatient,
        Operation::SearchPatients,
    ];

    /// Words for the refusal message: "Your role does not allow this: {describe}."
    pub fn describe(self) -> &'static str {
        match self {
            Operation::ReadClinicSettings => "reading the clinic settings",
            Operation::CreateUser => "creating staff accounts",
            Operation::CreatePatient => "registering patients",
            Operation::SearchPatients => "searching patients",
        }
    }
}

pub fn allowed_roles(op: Operation) -> &'static [Role] {
    match op {
        Operation::ReadClinicSettings => &[Admin, Practitioner, Receptionist],
        Operation::CreateUser => &[Admin],
        Operation::CreatePatient => &[Admin, Practitioner, Receptionist],
        Operation::SearchPatients => &[Admin, Practitioner, Receptionist],
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
    fn only_admins_manage_staff() {
        assert_eq!(allowed_roles(Operation::CreateUser), [Role::Admin]);
    }
}
