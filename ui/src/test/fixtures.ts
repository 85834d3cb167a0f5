import type { Operation } from "../bindings/Operation";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Role } from "../bindings/Role";
import type { Session } from "../bindings/Session";
import { NO_FLAGS } from "../lib/safety";

export function patient(overrides: Partial<PatientSummary> & Pick<PatientSummary, "id">): PatientSummary {
  return {
    chart_number: 1000 + overrides.id,
    given_name: "Given",
    family_name: "Family",
    preferred_name: null,
    date_of_birth: null,
    phone: null,
    email: null,
    archived: false,
    ...overrides,
  };
}

export const THREE_PATIENTS: PatientSummary[] = [
  patient({ id: 1, given_name: "Anna", family_name: "Abbott", phone: "555-0101" }),
  patient({
    id: 2,
    given_name: "Bao",
    family_name: "Nguyen",
    preferred_name: "Bobby",
    date_of_birth: "1984-03-07",
  }),
  patient({ id: 3, given_name: "Carla", family_name: "Diaz" }),
];

/** The core's role × operation table, as login reports it. */
const PERMISSIONS: Record<Role, Operation[]> = {
  admin: [
    "read_clinic_settings",
    "create_patient",
    "search_patients",
    "read_patient",
    "update_patient_details",
    "archive_patient",
    "merge_patients",
    "update_safety_flags",
    "read_patient_medical",
    "load_demo_data",
    "verify_audit",
    "list_users",
    "read_visit_notes",
    "read_protocols",
    "create_user",
    "disable_user",
    "reset_user_password",
    "change_user_roles",
    "change_own_password",
    "manage_clinic_settings",
    "read_audit_log",
    "export_audit_log",
    "manage_backups",
    "restore_backup",
    "rotate_key",
    "import_patients",
    "import_appointments",
    "export_clinic_data",
    "manage_schedule_setup",
    "read_schedule",
    "read_all_schedules",
    "book_appointments",
    "update_appointment_status",
    "manage_waitlist",
    "export_schedule",
    "print_clinical_documents",
    "print_billing_documents",
    "list_documents",
    "read_handouts",
    "manage_handouts",
  ],
  practitioner: [
    "read_clinic_settings",
    "create_patient",
    "search_patients",
    "read_patient",
    "update_patient_details",
    "archive_patient",
    "merge_patients",
    "update_safety_flags",
    "read_patient_medical",
    "update_patient_medical",
    "read_visit_notes",
    "write_visit_notes",
    "sign_visit_note",
    "add_addendum",
    "read_protocols",
    "manage_protocols",
    "change_own_password",
    "read_schedule",
    "update_appointment_status",
    "export_schedule",
    "print_clinical_documents",
    "print_billing_documents",
    "list_documents",
    "read_handouts",
    "manage_handouts",
  ],
  receptionist: [
    "read_clinic_settings",
    "create_patient",
    "search_patients",
    "read_patient",
    "update_patient_details",
    "archive_patient",
    "change_own_password",
    "read_schedule",
    "read_all_schedules",
    "book_appointments",
    "update_appointment_status",
    "manage_waitlist",
    "export_schedule",
    "print_billing_documents",
    "list_documents",
  ],
};

export function sessionAs(...roles: Role[]): Session {
  const permissions = [...new Set(roles.flatMap((r) => PERMISSIONS[r]))];
  return {
    user: { user_id: 1, username: "mei", display_name: "Mei Lin", roles },
    clinic: {
      name: "Riverside Acupuncture",
      time_zone: "Europe/London",
      date_format: "dmy",
      idle_lock_seconds: 300,
    },
    permissions,
  };
}

export function profile(overrides: Partial<PatientProfile> = {}): PatientProfile {
  return {
    id: 2,
    chart_number: 1002,
    details: {
      given_name: "Bao",
      family_name: "Nguyen",
      preferred_name: "Bobby",
      date_of_birth: "1984-03-07",
      sex: null,
      gender: null,
      phone: "555-0102",
      phone_alt: null,
      email: "bao@example.com",
      address_line1: null,
      address_line2: null,
      city: null,
      region: null,
      postal_code: null,
      country: null,
      emergency_contact_name: null,
      emergency_contact_relationship: null,
      emergency_contact_phone: null,
      physician_name: null,
      physician_phone: null,
      occupation: null,
      referral_source: null,
      front_desk_notes: null,
      consent_date: null,
      consent_form_version: null,
    },
    safety: NO_FLAGS,
    archived_at: null,
    merged_into: null,
    created_at: "2024-01-05T10:00:00Z",
    updated_at: "2024-01-05T10:00:00Z",
    updated_by: "mei",
    ...overrides,
  };
}
