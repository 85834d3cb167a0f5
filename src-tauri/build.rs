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
    "backup_overview",
    "backup_progress",
    "create_backup",
    "verify_backup",
    "restore_backup",
    "update_backup_settings",
    "rotate_key",
];

/// The window's capability must allow exactly the commands above: a command left out would
/// fail at run time with a permission error, an extra one would widen what the webview can do.
fn check_capability() -> Result<(), String> {
    let path = "src-tauri/capabilities/default.json";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut allowed: Vec<String> = text
        .split('"')
        .filter_map(|s| s.strip_prefix("allow-"))
        .map(|s| s.replace('-', "_"))
        .collect();
    allowed.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
    expected.sort();
    if allowed != expected {
        let missing: Vec<_> = expected.iter().filter(|c| !allowed.contains(c)).collect();
        let extra: Vec<_> = allowed.iter().filter(|c| !expected.contains(c)).collect();
        return Err(format!(
            "{path} does not match build.rs COMMANDS: missing {missing:?}, extra {extra:?}"
        ));
    }
    Ok(())
}

fn main() {
    if let Err(e) = check_capability() {
        println!("cargo:warning={e}");
        std::process::exit(1);
    }
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
