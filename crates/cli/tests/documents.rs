//! `acuchart-cli doc …` on a real database with the real keyring: a signed note becomes a
//! visit note PDF, a summary and a superbill; a draft-only period is refused with a message.

use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-practitioner-password";

fn run(db: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", "mei"])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

fn ok(db: &Path, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let out = run(db, args)?;
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

struct Db(tempfile::TempDir);

impl Drop for Db {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.0.path().join("clinic.db"));
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
fn doc_commands_write_pdfs_from_the_signed_chart() -> TestResult {
    let dir = Db(tempfile::tempdir()?);
    let db = dir.0.path().join("clinic.db");
    ok(
        &db,
        &[
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
        ],
    )?;
    ok(
        &db,
        &["patient", "add", "--given", "Ngozi", "--family", "Okafor"],
    )?;
    let refused = run(
        &db,
        &[
            "doc",
            "summary",
            "--patient",
            "1",
            "--out",
            &dir.0.path().join("x.pdf").to_string_lossy(),
        ],
    )?;
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no signed visit notes"));
    let note = ok(
        &db,
        &["note", "start", "--patient", "1", "--date", "2026-02-03"],
    )?;
    let id = note["id"].to_string();
    let draft = json!({
        "content": {"chief_complaint": "Sciatica", "pain_now": 6, "needles_inserted": 2, "needles_removed": 2, "face_to_face_minutes": 30},
        "points": [{"code": "ub40", "side": "left"}, {"code": "GB30", "side": "left"}],
        "diagnoses": [{"code": "m54.32"}]
    });
    let file = dir.0.path().join("draft.json");
    std::fs::write(&file, draft.to_string())?;
    ok(
        &db,
        &["note", "save", &id, "--file", &file.to_string_lossy()],
    )?;
    ok(&db, &["note", "sign", &id])?;
    let handouts = ok(&db, &["doc", "handouts"])?;
    let sciatica = handouts
        .as_array()
        .and_then(|list| {
            list.iter()
                .find(|h| h["title"] == "Acupuncture for sciatica")
        })
        .map(|h| h["id"].to_string())
        .ok_or("the starter sciatica handout is listed")?;
    let out = dir.0.path().join("summary.pdf");
    let info = ok(
        &db,
        &[
            "doc",
            "summary",
            "--patient",
            "1",
            "--handout",
            &sciatica,
            "--out",
            &out.to_string_lossy(),
        ],
    )?;
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
    let bill = dir.0.path().join("bill.pdf");
    ok(
        &db,
        &[
            "doc",
            "superbill",
            "--patient",
            "1",
            "--date",
            "2026-02-03",
            "--out",
            &bill.to_string_lossy(),
        ],
    )?;
    let text = pdftotext(&bill)?;
    assert!(text.contains("97810") && text.contains("97811"), "{text}");
    let note_pdf = dir.0.path().join("note.pdf");
    ok(
        &db,
        &["doc", "note", &id, "--out", &note_pdf.to_string_lossy()],
    )?;
    assert!(pdftotext(&note_pdf)?.contains("Electronically signed by Dr. Lin Mei"));
    let sheet = dir.0.path().join("day.pdf");
    let info = ok(
        &db,
        &[
            "doc",
            "daysheet",
            "--date",
            "2026-02-03",
            "--out",
            &sheet.to_string_lossy(),
        ],
    )?;
    assert_eq!(info["kind"], "day_sheet");
    assert!(pdftotext(&sheet)?.contains("Day sheet"));
    Ok(())
}
