// Every IPC command the window may call. The one list: `build.rs` turns it into the app's
// permission manifest and checks the capability against it, and the permission matrix test
// (crates/core/tests/permissions) walks it, so a command added here without a permission
// mapping fails that test with a message saying what to add. Keep each area's commands in
// its own block.
pub const COMMANDS: &[&str] = &[
    // session
    "app_status",
    "complete_setup",
    "unlock_with_recovery_key",
    "login",
    "logout",
    "time_zones",
    "lock_session",
    "unlock_session",
    "touch_session",
    "change_own_password",
    // patients
    "create_patient",
    "search_patients",
    "find_duplicate_patients",
    "get_patient",
    "update_patient_details",
    "update_safety_flags",
    "get_patient_medical",
    "update_patient_medical",
    "set_patient_archived",
    "merge_patients",
    // staff
    "list_users",
    "create_user",
    "set_user_disabled",
    "reset_user_password",
    "set_user_roles",
    // audit and settings
    "list_audit",
    "verify_audit",
    "export_audit",
    "update_security_settings",
];
