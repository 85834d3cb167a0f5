//! `acuchart-cli --database-url`: the same commands on a clinic kept on PostgreSQL. Run inside
//! scripts/with-postgres.sh (make test-rust does); under CI a missing server fails the test.

#[path = "../../core/tests/pg_support/mod.rs"]
mod pg_support;

mod pg_cli;

use std::process::Command;

use pg_cli::{answer, cli, INIT, PASSWORD};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_clinic_is_set_up_and_used_on_postgres_from_the_command_line() -> TestResult {
    let Some(url) = pg_support::database_url() else {
        return Ok(());
    };
    let database = pg_support::TempDatabase::create(&url, "cli")?;
    let url = database.url();

    let before = answer(&cli(&url, &["status"])?)?;
    assert_eq!(before["state"], "not_set_up", "{before}");

    let made = cli(&url, INIT)?;
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(answer(&made)?["database_url"].is_string());

    let status = answer(&cli(&url, &["status"])?)?;
    assert_eq!(status["state"], "ready", "{status}");
    assert_eq!(status["schema_version"], status["latest_schema_version"]);

    // Setting up again is refused, with the clinic left as it was.
    let again = cli(&url, INIT)?;
    assert!(!again.status.success());
    assert_eq!(answer(&again)?["code"], "already_initialized");

    // Staff are added and listed as on the embedded database.
    let added = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .args([
            "--database-url",
            &url,
            "--json",
            "--user",
            "admin",
            "user",
            "add",
        ])
        .args([
            "--username",
            "desk",
            "--name",
            "Front Desk",
            "--role",
            "receptionist",
        ])
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", "another-long-password")
        .env_remove("ACUCHART_DATABASE_URL")
        .output()?;
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let users = answer(&cli(&url, &["user", "list"])?)?;
    let names: Vec<&str> = users
        .as_array()
        .ok_or("user list is not an array")?
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, ["admin", "desk"]);

    // Backups and the key belong to the embedded database: refused with a clear message.
    let backup = cli(&url, &["backup", "create"])?;
    assert!(!backup.status.success());
    let refused = answer(&backup)?;
    assert_eq!(refused["code"], "unsupported", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("on the server")),
        "{refused}"
    );
    Ok(())
}

#[test]
fn a_password_in_the_address_is_never_printed() -> TestResult {
    let Some(url) = pg_support::database_url() else {
        return Ok(());
    };
    let database = pg_support::TempDatabase::create(&url, "cli_secret")?;
    // The test server trusts loopback, so any password is accepted and must not be echoed.
    let with_secret = database
        .url()
        .replacen("acuchart@", "acuchart:s3cret-pw@", 1);
    let made = cli(&with_secret, INIT)?;
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&made.stdout),
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(!printed.contains("s3cret-pw"), "{printed}");
    assert!(printed.contains("acuchart:***@"), "{printed}");
    Ok(())
}

#[test]
fn an_unreachable_server_is_one_clear_error() -> TestResult {
    // Port 1 on loopback: nothing listens there.
    let out = cli("postgres://acuchart@127.0.0.1:1/clinic", &["status"])?;
    assert!(!out.status.success());
    let refused = answer(&out)?;
    assert_eq!(refused["code"], "database_unreachable", "{refused}");
    Ok(())
}

/// TLS to the database server: with the clinic's certificate authority the connection is
/// made (the test server's certificate is signed by it); without it the certificate is not
/// trusted and nothing is reached; a file that is not a certificate is named.
#[test]
fn tls_to_the_database_is_used_and_its_certificate_checked() -> TestResult {
    let Some(url) = pg_support::database_url() else {
        return Ok(());
    };
    let ca = std::env::var("ACUCHART_TEST_PG_CA")
        .map_err(|_| "ACUCHART_TEST_PG_CA is not set: run inside scripts/with-postgres.sh")?;
    let database = pg_support::TempDatabase::create(&url, "cli_tls")?;
    let tls_url = format!("{}?sslmode=require", database.url());
    let run = |ca_file: Option<&str>, args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"));
        cmd.args(["--database-url", &tls_url, "--json", "--user", "admin"])
            .args(args)
            .env("ACUCHART_PASSWORD", PASSWORD)
            .env_remove("ACUCHART_DATABASE_URL");
        match ca_file {
            Some(file) => cmd.env("ACUCHART_DATABASE_CA", file),
            None => cmd.env_remove("ACUCHART_DATABASE_CA"),
        };
        cmd.output()
    };

    let untrusted = run(None, &["status"])?;
    assert!(!untrusted.status.success());
    let refused = answer(&untrusted)?;
    assert_eq!(refused["code"], "database_unreachable", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("ACUCHART_DATABASE_CA")),
        "{refused}"
    );

    let made = run(Some(&ca), INIT)?;
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let status = answer(&run(Some(&ca), &["status"])?)?;
    assert_eq!(status["state"], "ready", "{status}");

    let not_a_certificate = tempfile::NamedTempFile::new()?;
    std::fs::write(not_a_certificate.path(), "not a certificate")?;
    let path = not_a_certificate.path().to_string_lossy().into_owned();
    let bad = answer(&run(Some(&path), &["status"])?)?;
    assert_eq!(bad["code"], "invalid_input", "{bad}");
    assert!(
        bad["message"]
            .as_str()
            .is_some_and(|m| m.contains("certificate")),
        "{bad}"
    );
    Ok(())
}
