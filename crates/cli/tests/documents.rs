//! `acuchart-cli doc …` with the real keyring, on the embedded database and on PostgreSQL: a
//! signed note becomes a visit note PDF, a summary and a superbill; a draft-only period is
//! refused with a message; the audit chain is intact after it all.

#[path = "../../core/tests/pg_support/mod.rs"]
mod pg_support;

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-practitioner-password";

/// Where the clinic under test lives, and the folder its PDFs are written to.
struct Clinic {
    dir: tempfile::TempDir,
    database: Option<pg_support::TempDatabase>,
}

impl Clinic {
    fn file() -> Result<Self, std::io::Error> {
        Ok(Self {
            dir: tempfile::tempdir()?,
            database: None,
        })
    }

    /// `None` when no test server was named outside CI.
    fn server() -> Result<Option<Self>, Box<dyn std::error::Error>> {
        let Some(url) = pg_support::database_url() else {
            return Ok(None);
        };
        Ok(Some(Self {
            dir: tempfile::tempdir()?,
            database: Some(pg_support::TempDatabase::create(&url, "cli_docs")?),
        }))
    }

    fn db_file(&self) -> std::path::PathBuf {
        self.dir.path().join("clinic.db")
    }

    fn location(&self) -> [OsString; 2] {
        match &self.database {
            Some(database) => ["--database-url".into(), database.url().into()],
            None => ["--db".into(), self.db_file().into()],
        }
    }

    fn run(&self, args: &[&str]) -> Result<Output, std::io::Error> {
        Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
            .args(self.location())
            .args(["--json", "--user", "mei"])
            .args(args)
            .env("ACUCHART_PASSWORD", PASSWORD)
            .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
            .env_remove("ACUCHART_RECOVERY_KEY")
            .env_remove("ACUCHART_DATABASE_URL")
            .output()
    }

    fn ok(&self, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
        let out = self.run(args)?;
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(serde_json::from_slice(&out.stdout)?)
    }
}

impl Drop for Clinic {
    fn drop(&mut self) {
        if self.database.is_none() {
            let _ = KeyStore::default().delete(&self.db_file());
        }
    }
}

fn pdftotext(pdf: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output()?;
    Ok(String::from_utf8(out.stdout)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

#[test]
fn doc_commands_write_pdfs_from_the_signed_chart_on_the_embedded_database() -> TestResult {
    doc_commands_write_pdfs_from_the_signed_chart(&Clinic::file()?)
}

#[test]
fn doc_commands_write_pdfs_from_the_signed_chart_on_postgres() -> TestResult {
    match Clinic::server()? {
        Some(clinic) => doc_commands_write_pdfs_from_the_signed_chart(&clinic),
        None => Ok(()),
    }
}

fn doc_commands_write_pdfs_from_the_signed_chart(c: &Clinic) -> TestResult {
    c.ok(&[
        "init",
        "--clinic-name",
        "Harbour",
        "--time-zone",
        "Europe/London",
        "--admin-username",
        "mei",
        "--admin-name",
        "Dr. Lin Mei",
        "--practitioner",
    ])?;
    c.ok(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])?;
    let refused = c.run(&[
        "doc",
        "summary",
        "--patient",
        "1",
        "--out",
        &c.dir.path().join("x.pdf").to_string_lossy(),
    ])?;
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no signed visit notes"));
    let note = c.ok(&["note", "start", "--patient", "1", "--date", "2026-02-03"])?;
    let id = note["id"].to_string();
    let draft = json!({
        "content": {"chief_complaint": "Sciatica", "pain_now": 6, "needles_inserted": 2, "needles_removed": 2, "face_to_face_minutes": 30},
        "points": [{"code": "ub40", "side": "left"}, {"code": "GB30", "side": "left"}],
        "diagnoses": [{"code": "m54.32"}]
    });
    let file = c.dir.path().join("draft.json");
    std::fs::write(&file, draft.to_string())?;
    c.ok(&["note", "save", &id, "--file", &file.to_string_lossy()])?;
    c.ok(&["note", "sign", &id])?;
    let handouts = c.ok(&["doc", "handouts"])?;
    let sciatica = handouts
        .as_array()
        .and_then(|list| {
            list.iter()
                .find(|h| h["title"] == "Acupuncture for sciatica")
        })
        .map(|h| h["id"].to_string())
        .ok_or("the starter sciatica handout is listed")?;
    let out = c.dir.path().join("summary.pdf");
    let info = c.ok(&[
        "doc",
        "summary",
        "--patient",
        "1",
        "--handout",
        &sciatica,
        "--out",
        &out.to_string_lossy(),
    ])?;
    assert_eq!(info["kind"], "summary");
    assert_eq!(info["pages"], 2, "the handout starts its own page");
    let text = pdftotext(&out)?;
    assert!(
        text.contains("Ngozi Okafor") && text.contains("BL40 Weizhong 委中 Middle of the Crook"),
        "{text}"
    );
    assert!(
        text.contains("Acupuncture for sciatica") && text.contains("When to seek help at once"),
        "{text}"
    );
    let bill = c.dir.path().join("bill.pdf");
    c.ok(&[
        "doc",
        "superbill",
        "--patient",
        "1",
        "--date",
        "2026-02-03",
        "--out",
        &bill.to_string_lossy(),
    ])?;
    let text = pdftotext(&bill)?;
    assert!(text.contains("97810") && text.contains("97811"), "{text}");
    let note_pdf = c.dir.path().join("note.pdf");
    c.ok(&["doc", "note", &id, "--out", &note_pdf.to_string_lossy()])?;
    assert!(pdftotext(&note_pdf)?.contains("Electronically signed by Dr. Lin Mei"));
    let sheet = c.dir.path().join("day.pdf");
    let info = c.ok(&[
        "doc",
        "daysheet",
        "--date",
        "2026-02-03",
        "--out",
        &sheet.to_string_lossy(),
    ])?;
    assert_eq!(info["kind"], "day_sheet");
    assert!(pdftotext(&sheet)?.contains("Day sheet"));
    // Every generation was audited, and the chain holds.
    let verified = c.ok(&["audit", "verify"])?;
    assert_eq!(verified["first_broken_id"], Value::Null, "{verified}");
    let generated = c.ok(&["audit", "list", "--action", "generate_document"])?;
    assert_eq!(
        generated["entries"].as_array().map(Vec::len),
        Some(4),
        "{generated}"
    );
    Ok(())
}
