// The app's own commands, declared here so Tauri generates an allow-permission for each and
// the window can call only those listed in src-tauri/capabilities/.
const COMMANDS: &[&str] = &[
    "app_status",
    "complete_setup",
    "unlock_with_recovery_key",
    "login",
    "logout",
    "time_zones",
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
    "list_users",
    "create_user",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
