//! First run → recovery key → sign in → register a patient → find them by typing.

use crate::harness::{files_under, App, TestResult};

const CLINIC: &str = "Riverside Acupuncture";
const ADMIN_PASSWORD: &str = "needles-and-moxa-2026";
const GIVEN: &str = "Eloïse";
const FAMILY: &str = "Brightwater";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn complete_setup(app: &App) -> Result<String, Box<dyn std::error::Error>> {
    app.fill("setup-clinic-name", CLINIC).await?;
    app.click("setup-next").await?;
    app.fill("setup-admin-name", "Dr. Hana Ito").await?;
    app.fill("setup-admin-username", "hana").await?;
    app.fill("setup-admin-password", ADMIN_PASSWORD).await?;
    app.fill("setup-admin-password-confirm", ADMIN_PASSWORD)
        .await?;
    app.click("setup-admin-practitioner").await?;
    app.click("setup-submit").await?;
    let key = app.el("recovery-key").await?.text().await?;
    let groups: Vec<&str> = key.split('-').map(str::trim).collect();
    assert_eq!(
        groups.len(),
        14,
        "recovery key {key:?} should have 14 groups"
    );
    assert!(groups
        .iter()
        .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())));
    app.screenshot("setup-recovery-key").await?;
    app.click("recovery-key-stored").await?;
    app.click("recovery-key-continue").await?;
    Ok(key)
}

async fn sign_in(app: &App, password: &str) -> TestResult {
    app.fill("login-username", "hana").await?;
    app.fill("login-password", password).await?;
    app.click("login-submit").await?;
    Ok(())
}

#[tokio::test]
async fn first_run_sign_in_register_and_find_a_patient() -> TestResult {
    let data = tempfile::tempdir()?;
    let app = App::launch(data.path()).await?;
    complete_setup(&app).await?;

    // A wrong password is refused with a message; the right one signs in.
    sign_in(&app, "wrong-password-123").await?;
    app.wait_for_el_text("login-error", "not correct").await?;
    sign_in(&app, ADMIN_PASSWORD).await?;
    let who = app.el("current-user").await?.text().await?;
    assert!(who.contains("Hana Ito"), "header shows {who:?}");

    // A missing family name is named next to its field, and what was typed stays.
    app.click("new-patient").await?;
    app.fill("patient-given-name", GIVEN).await?;
    app.fill("patient-dob", "1979-05-21").await?;
    app.click("patient-save").await?;
    app.wait_for_text("Enter the patient's family name").await?;
    let kept = app.el("patient-given-name").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some(GIVEN));

    app.fill("patient-family-name", FAMILY).await?;
    app.fill("patient-phone", "(555) 014-2871").await?;
    app.click("patient-save").await?;
    app.wait_for_text("Registered").await?;

    // Type part of the name, without the accent: the patient is found.
    app.fill("patient-search", "elo bright").await?;
    let mut found = false;
    for _ in 0..100 {
        for row in app.all("patient-row").await? {
            if row.text().await?.contains(FAMILY) {
                found = true;
            }
        }
        if found {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        found,
        "the new patient should be listed when typing part of the name"
    );
    app.fill("patient-search", "5550142871").await?;
    app.wait_for_text(FAMILY).await?;
    app.fill("patient-search", "").await?;
    app.screenshot("patients").await?;
    app.quit().await?;

    // What the app wrote is encrypted: no name bytes, no plaintext SQLite header.
    // The scan goes into subfolders: the app's log lives in one.
    let mut files = Vec::new();
    files_under(data.path(), &mut files);
    for path in &files {
        let bytes = std::fs::read(path)?;
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{path:?} is plaintext"
        );
        assert!(
            !contains(&bytes, FAMILY.as_bytes()),
            "{path:?} holds the name"
        );
        assert!(
            !contains(&bytes, CLINIC.as_bytes()),
            "{path:?} holds the clinic"
        );
    }
    assert!(
        files.iter().any(|p| p.ends_with("acuchart.db")),
        "the database should be among {files:?}"
    );

    // The next start finds the key in the keyring and goes straight to sign-in.
    let app = App::launch(data.path()).await?;
    app.wait_for_text(CLINIC).await?;
    sign_in(&app, ADMIN_PASSWORD).await?;
    app.fill("patient-search", "brightw").await?;
    app.wait_for_text(FAMILY).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_damaged_database_shows_a_clear_error_and_is_left_untouched() -> TestResult {
    let data = tempfile::tempdir()?;
    let db = data.path().join("acuchart.db");
    let damaged: Vec<u8> = (0..16_384u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&db, &damaged)?;
    let keys = acuchart_core::keys::KeyStore::default();
    keys.save(&db, &acuchart_core::keys::DbKey::generate()?)?;

    let app = App::launch(data.path()).await?;
    app.wait_for_el_text("boot-error", "key is wrong or the file is damaged")
        .await?;
    app.wait_for_text(&db.display().to_string()).await?;
    app.wait_for_text("wrong_key").await?;
    app.quit().await?;
    assert_eq!(
        std::fs::read(&db)?,
        damaged,
        "the damaged file must not be overwritten"
    );
    keys.delete(&db)?;
    Ok(())
}
