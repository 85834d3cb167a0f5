//! Every IPC command (the list in `src-tauri/ipc_commands.rs`) and what it answers for. A
//! command that acts for the signed-in user names the core services it calls; the matrix then
//! checks those services role by role, and checks that the command's body really calls them.

pub enum Ipc {
    /// Acts for the signed-in user through these `Clinic` methods (names in probes.rs).
    Calls(&'static [&'static str]),
    /// Needs nobody signed in; the reason says why that is safe.
    NoActor(&'static str),
    /// Works on the caller's own session only (lock, unlock, activity), for any role.
    OwnSession,
    /// Needs someone signed in (any role) but no operation: reference data such as the point
    /// catalogue, with no patient in it. The reason says what it returns.
    SignedIn(&'static str),
}

use Ipc::{Calls, NoActor, OwnSession, SignedIn};

pub const IPC: &[(&str, Ipc)] = &[
    // session
    (
        "app_status",
        NoActor("where the app stands before sign-in; no patient data"),
    ),
    (
        "complete_setup",
        NoActor("first run: refused once a clinic exists"),
    ),
    (
        "unlock_with_recovery_key",
        NoActor("opens the database, not a session"),
    ),
    (
        "login",
        NoActor("signing in; argon2id, the same answer for unknown names"),
    ),
    ("logout", NoActor("forgets the caller's own session")),
    ("time_zones", NoActor("a public reference list for setup")),
    ("lock_session", OwnSession),
    ("unlock_session", OwnSession),
    ("touch_session", OwnSession),
    ("change_own_password", Calls(&["change_own_password"])),
    // patients
    ("create_patient", Calls(&["create_patient"])),
    ("search_patients", Calls(&["search_patients"])),
    (
        "find_duplicate_patients",
        Calls(&["find_duplicate_patients"]),
    ),
    ("get_patient", Calls(&["patient"])),
    ("update_patient_details", Calls(&["update_patient_details"])),
    ("update_safety_flags", Calls(&["update_safety_flags"])),
    ("get_patient_medical", Calls(&["patient_medical"])),
    ("update_patient_medical", Calls(&["update_patient_medical"])),
    ("set_patient_archived", Calls(&["set_patient_archived"])),
    ("merge_patients", Calls(&["merge_patients"])),
    // staff
    ("list_users", Calls(&["list_users"])),
    ("create_user", Calls(&["create_user"])),
    ("set_user_disabled", Calls(&["set_user_disabled"])),
    ("reset_user_password", Calls(&["reset_user_password"])),
    ("set_user_roles", Calls(&["set_user_roles"])),
    // audit and settings
    ("list_audit", Calls(&["list_audit"])),
    ("verify_audit", Calls(&["verify_audit"])),
    ("export_audit", Calls(&["export_audit_to"])),
    (
        "update_security_settings",
        Calls(&["update_security_settings"]),
    ),
    // charting
    ("today_schedule", Calls(&["today_schedule"])),
    ("start_visit_note", Calls(&["start_visit_note"])),
    ("get_visit_note", Calls(&["visit_note"])),
    ("save_visit_note", Calls(&["save_visit_note"])),
    ("check_visit_alerts", Calls(&["check_visit_alerts"])),
    ("discard_visit_note", Calls(&["discard_visit_note"])),
    ("sign_visit_note", Calls(&["sign_visit_note"])),
    ("add_addendum", Calls(&["add_addendum"])),
    ("previous_treatment", Calls(&["previous_treatment"])),
    ("patient_chart", Calls(&["patient_chart"])),
    ("patient_outcomes", Calls(&["patient_outcomes"])),
    (
        "search_points",
        SignedIn("the WHO point catalogue, compiled in"),
    ),
    (
        "parse_point_entry",
        SignedIn("parses a typed point code against the catalogue"),
    ),
    ("point_picks", Calls(&["point_picks"])),
    ("set_point_favourite", Calls(&["set_point_favourite"])),
    (
        "search_icd10",
        SignedIn("the ICD-10 code list, compiled in"),
    ),
    ("body_map_regions", SignedIn("the body map's region list")),
    (
        "suggest_protocols_for",
        SignedIn("shipped protocol keys for body regions"),
    ),
    ("list_protocols", Calls(&["list_protocols"])),
    ("create_protocol", Calls(&["create_protocol"])),
    ("update_protocol", Calls(&["update_protocol"])),
    ("copy_protocol", Calls(&["copy_protocol"])),
    ("archive_protocol", Calls(&["archive_protocol"])),
    ("apply_protocol", Calls(&["protocol"])),
    // schedule
    ("schedule_setup", Calls(&["schedule_setup"])),
    ("get_schedule", Calls(&["schedule"])),
    ("preview_booking", Calls(&["preview_booking"])),
    ("book_appointment", Calls(&["book_appointment"])),
    ("update_appointment", Calls(&["update_appointment"])),
    ("cancel_appointment", Calls(&["cancel_appointment"])),
    ("set_appointment_status", Calls(&["set_appointment_status"])),
    ("next_free_slots", Calls(&["next_free_slots"])),
    ("patient_appointments", Calls(&["patient_appointments"])),
    ("list_waitlist", Calls(&["waitlist"])),
    ("add_to_waitlist", Calls(&["add_to_waitlist"])),
    ("resolve_waitlist_entry", Calls(&["resolve_waitlist_entry"])),
    ("waitlist_offers", Calls(&["waitlist_offers"])),
    ("save_practitioner", Calls(&["save_practitioner"])),
    ("save_room", Calls(&["save_room"])),
    ("save_appointment_type", Calls(&["save_appointment_type"])),
    ("get_working_hours", Calls(&["working_hours"])),
    ("set_working_hours", Calls(&["set_working_hours"])),
    ("list_time_off", Calls(&["time_off"])),
    ("add_time_off", Calls(&["add_time_off"])),
    ("delete_time_off", Calls(&["delete_time_off"])),
    (
        "update_schedule_settings",
        Calls(&["update_schedule_settings"]),
    ),
    ("export_schedule_ics", Calls(&["export_schedule_ics_to"])),
    // backups and the database key
    ("backup_overview", Calls(&["backup_overview"])),
    ("create_backup", Calls(&["create_backup"])),
    ("verify_backup", Calls(&["verify_backup"])),
    ("restore_backup", Calls(&["restore_backup"])),
    ("update_backup_settings", Calls(&["update_backup_settings"])),
    ("rotate_key", Calls(&["rotate_key"])),
    // import and export
    (
        "choose_import_file",
        SignedIn("opens the native file dialog and keeps the chosen path; reads nothing"),
    ),
    ("preview_import", Calls(&["preview_import"])),
    ("run_import", Calls(&["run_import"])),
    ("export_clinic_csv", Calls(&["export_csv"])),
    ("export_clinic_fhir", Calls(&["export_fhir"])),
    // the demo clinic
    ("load_demo_clinic", Calls(&["generate_demo_clinic"])),
    // documents
    (
        "generate_treatment_summary",
        Calls(&["generate_treatment_summary"]),
    ),
    (
        "generate_visit_note_pdf",
        Calls(&["generate_visit_note_pdf"]),
    ),
    ("generate_superbill", Calls(&["generate_superbill"])),
    ("generate_day_sheet", Calls(&["generate_day_sheet"])),
    ("patient_documents", Calls(&["patient_documents"])),
    ("document_pdf", Calls(&["document_pdf"])),
    ("save_document_pdf", Calls(&["save_document_pdf"])),
    ("open_document", Calls(&["document_pdf"])),
    ("document_settings", Calls(&["document_settings"])),
    (
        "update_document_settings",
        Calls(&["update_document_settings"]),
    ),
    // handouts and the letterhead's logo
    ("list_handouts", Calls(&["list_handouts"])),
    ("save_handout", Calls(&["save_handout"])),
    ("clinic_logo", Calls(&["clinic_logo"])),
    ("choose_clinic_logo", Calls(&["set_clinic_logo"])),
    ("remove_clinic_logo", Calls(&["remove_clinic_logo"])),
];

pub fn find(command: &str) -> Option<&'static Ipc> {
    IPC.iter().find(|(c, _)| *c == command).map(|(_, m)| m)
}
