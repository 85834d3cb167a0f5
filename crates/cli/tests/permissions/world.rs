//! The database every CLI case runs on, and the placeholders of the cases' arguments.

use std::path::PathBuf;

use acuchart_core::auth::{Actor, Operation, Role};
use acuchart_core::ids::PatientId;
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{MedicalHistory, NewPatient, SafetyFlags};
use acuchart_core::settings::DateFormat;
use acuchart_core::users::NewUser;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::visits::{NoteDraft, StartNote, VisitNote};
use acuchart_core::Clinic;

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub const PASSWORD: &str = "matrix password 2026";
pub const OTHER_PASSWORD: &str = "another matrix password";
pub const MARKERS: &[&str] = &["Marker-History-Cli", "Marker-Complaint-Cli"];

pub struct World {
    pub dir: tempfile::TempDir,
    pub clinic: Clinic,
    pub admin: Actor,
    pub prac: Actor,
    pub marked: PatientId,
    pub serial: u32,
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.db());
    }
}

impl World {
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("clinic.db")
    }

    pub fn new() -> Res<World> {
        let dir = tempfile::tempdir()?;
        let vault = Vault::new(dir.path().join("clinic.db"), KeyStore::default());
        let (clinic, _) = vault.set_up(&SetupInput {
            clinic_name: "Matrix Clinic".into(),
            time_zone: "Europe/Lisbon".into(),
            date_format: DateFormat::Ymd,
            admin_display_name: "Owner".into(),
            admin_username: "owner".into(),
            admin_password: PASSWORD.into(),
            admin_is_practitioner: true,
        })?;
        let admin = clinic.login("owner", PASSWORD)?;
        for role in Role::ALL {
            add_user(&clinic, &admin, &format!("only-{}", role.as_str()), role)?;
        }
        let prac = clinic.login("only-practitioner", PASSWORD)?;
        let marked = clinic
            .create_patient(
                &admin,
                &NewPatient {
                    given_name: "Morwenna".into(),
                    family_name: "Quist".into(),
                    ..Default::default()
                },
            )?
            .id;
        clinic.update_patient_medical(
            &prac,
            marked,
            &MedicalHistory {
                medical_history: Some(MARKERS[0].into()),
                ..Default::default()
            },
        )?;
        let note = clinic.start_visit_note(
            &prac,
            &StartNote {
                patient_id: marked,
                appointment_id: None,
                visit_date: None,
            },
        )?;
        let mut draft = NoteDraft::default();
        draft.content.chief_complaint = Some(MARKERS[1].into());
        draft.content.needles_inserted = Some(0);
        draft.content.needles_removed = Some(0);
        let saved = clinic.save_visit_note(&prac, note.id, note.revision, &draft)?;
        // Signed, so that a later draft for this patient is a new note with a visit before it.
        clinic.sign_visit_note(&prac, note.id, saved.revision, None)?;
        let world = World {
            dir,
            clinic,
            admin,
            prac,
            marked,
            serial: 0,
        };
        super::schedule::prepare(&world)?;
        Ok(world)
    }

    pub fn fresh_patient(&mut self) -> Res<PatientId> {
        self.serial += 1;
        Ok(self
            .clinic
            .create_patient(
                &self.admin,
                &NewPatient {
                    given_name: format!("Fresh{}", self.serial),
                    family_name: "Matrix".into(),
                    ..Default::default()
                },
            )?
            .id)
    }

    pub fn fresh_user(&mut self, role: Role) -> Res<String> {
        self.serial += 1;
        let name = format!("fresh-{}", self.serial);
        add_user(&self.clinic, &self.admin, &name, role)?;
        Ok(name)
    }

    /// Who writes set-up data for `signer`: the signer when its role may, else the practitioner.
    pub fn author(&self, signer: &Actor, op: Operation) -> Actor {
        if signer.may(op) {
            signer.clone()
        } else {
            self.prac.clone()
        }
    }

    fn draft(
        &mut self,
        signer: &Actor,
        patient: Option<PatientId>,
        signable: bool,
    ) -> Res<VisitNote> {
        let patient = match patient {
            Some(p) => p,
            None => self.fresh_patient()?,
        };
        let author = self.author(signer, Operation::WriteVisitNotes);
        let note = self.clinic.start_visit_note(
            &author,
            &StartNote {
                patient_id: patient,
                appointment_id: None,
                visit_date: None,
            },
        )?;
        if !signable {
            return Ok(note);
        }
        let mut d = NoteDraft::default();
        d.content.chief_complaint = Some("Low back pain".into());
        d.content.needles_inserted = Some(0);
        d.content.needles_removed = Some(0);
        Ok(self
            .clinic
            .save_visit_note(&author, note.id, note.revision, &d)?)
    }

    /// A draft with LI4 for a patient flagged pregnant after it was saved: it raises the
    /// `pregnancy:LI4` alert, which `note acknowledge` answers.
    fn alerting_draft(&mut self, signer: &Actor) -> Res<VisitNote> {
        let patient = self.fresh_patient()?;
        let note = self.draft(signer, Some(patient), false)?;
        let author = self.author(signer, Operation::WriteVisitNotes);
        let d = NoteDraft {
            points: vec![serde_json::from_value(
                serde_json::json!({ "code": "LI4", "side": "bilateral" }),
            )?],
            ..NoteDraft::default()
        };
        let note = self
            .clinic
            .save_visit_note(&author, note.id, note.revision, &d)?;
        let clinician = self.author(signer, Operation::UpdateSafetyFlags);
        let pregnant = SafetyFlags {
            pregnant: true,
            ..SafetyFlags::default()
        };
        self.clinic
            .update_safety_flags(&clinician, patient, &pregnant)?;
        Ok(note)
    }

    fn file(&mut self, name: &str, text: &str) -> Res<String> {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text)?;
        Ok(path.display().to_string())
    }

    pub fn fill(&mut self, arg: &str, signer: &Actor) -> Res<String> {
        Ok(match arg {
            "{draft}" => self.draft(signer, None, false)?.id.to_string(),
            "{draft_marked}" => self.draft(signer, Some(self.marked), false)?.id.to_string(),
            "{alerting_draft}" => self.alerting_draft(signer)?.id.to_string(),
            "{signable}" => self.draft(signer, None, true)?.id.to_string(),
            "{signed}" => {
                let note = self.draft(signer, None, true)?;
                let author = self.author(signer, Operation::SignVisitNote);
                self.clinic
                    .sign_visit_note(&author, note.id, note.revision, None)?
                    .id
                    .to_string()
            }
            "{own_protocol}" => {
                let author = self.author(signer, Operation::ManageProtocols);
                let copy = self.clinic.protocol(&self.admin, "sciatica-bladder")?.id;
                self.clinic.copy_protocol(&author, copy)?.id.to_string()
            }
            "{draft_file}" => self.file(
                "draft.json",
                r#"{"content": {"chief_complaint": "Stiff neck", "pain_now": 4}}"#,
            )?,
            "{protocol_file}" => self.file(
                "protocol.json",
                r#"{"name": "Neck", "shared": false, "points": [{"code": "GB20", "side": "bilateral"}]}"#,
            )?,
            "{backup}" => self.clinic.create_backup(&self.admin, &mut |_| {})?.path,
            "{marked}" => self.marked.to_string(),
            "{today}" => self.clinic.today()?.to_string(),
            "{out}" => {
                self.serial += 1;
                let path = self.dir.path().join(format!("doc-{}.pdf", self.serial));
                path.to_string_lossy().into_owned()
            }
            "{patients_csv}" => self.file(
                "patients.csv",
                "First Name,Surname,DOB,Mobile\nMira,Kovac,1984-03-02,555 0190\n",
            )?,
            "{export_dir}" | "{fhir}" => {
                self.serial += 1;
                let name = format!("export-{}{}", self.serial, if arg == "{fhir}" { ".json" } else { "" });
                self.dir.path().join(name).to_string_lossy().into_owned()
            }
            "{patient}" | "{patient2}" => self.fresh_patient()?.to_string(),
            "{archived}" => {
                let id = self.fresh_patient()?;
                self.clinic.set_patient_archived(&self.admin, id, true)?;
                id.to_string()
            }
            "{user}" => self.fresh_user(Role::Receptionist)?,
            other if other.starts_with("{s:") => self.fill_schedule(other, signer)?,
            other if other.contains("{n}") => {
                self.serial += 1;
                other.replace("{n}", &self.serial.to_string())
            }
            other => other.to_owned(),
        })
    }
}

pub fn add_user(clinic: &Clinic, admin: &Actor, name: &str, role: Role) -> Res<()> {
    clinic.create_user(
        admin,
        NewUser {
            username: name.into(),
            display_name: format!("{name} (matrix)"),
            password: PASSWORD.into(),
            roles: vec![role],
        },
    )?;
    Ok(())
}
