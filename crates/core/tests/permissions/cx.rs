//! The world every probe runs in: a real clinic database (real keyring), a practitioner who
//! sets things up, and one patient whose every clinical field carries a marker word, so that a
//! receptionist's answers can be searched for clinical content.

use acuchart_core::auth::{Actor, Operation, Role};
use acuchart_core::ids::{PatientId, ProtocolId};
use acuchart_core::patients::{MedicalHistory, NewPatient};
use acuchart_core::users::{NewUser, UserSummary};
use acuchart_core::visits::{
    NewProtocol, NoteDraft, PainRegion, ProtocolPoint, ProtocolSide, PsfsItem, Side, StartNote,
    TreatmentPoint, VisitNote,
};
use acuchart_core::{Clinic, Result};

use crate::common::{fixture, Fixture, PASSWORD};

/// Words that appear only in clinical fields of the marked patient. None may reach the front
/// desk by any path.
pub const CLINICAL_MARKERS: &[&str] = &[
    "Marker-History-Qv",
    "Marker-Medication-Qv",
    "Marker-Allergy-Qv",
    "Marker-Surgery-Qv",
    "Marker-ClinicalNote-Qv",
    "Marker-Complaint-Qv",
    "Marker-Pattern-Qv",
    "Marker-Plan-Qv",
    "Marker-PointNote-Qv",
    "Marker-Activity-Qv",
    "Marker-Addendum-Qv",
];

pub struct Cx {
    pub f: Fixture,
    /// Sets up notes and protocols for probes whose actor may not.
    pub prac: Actor,
    pub marked: PatientId,
    pub schedule: super::schedule::Schedule,
    serial: u32,
}

pub fn marked_draft() -> NoteDraft {
    let mut d = NoteDraft::default();
    d.content.chief_complaint = Some("Marker-Complaint-Qv in the lower back".into());
    d.content.tcm_pattern = Some("Marker-Pattern-Qv".into());
    d.content.plan = Some("Marker-Plan-Qv weekly".into());
    d.content.needles_inserted = Some(2);
    d.content.needles_removed = Some(2);
    d.content.pain_now = Some(5);
    d.points = vec![TreatmentPoint {
        code: "BL40".into(),
        side: Side::Bilateral,
        technique: None,
        depth_mm: None,
        retention_minutes: Some(20),
        electro_pair: None,
        electro_hz: None,
        electro_minutes: None,
        note: Some("Marker-PointNote-Qv".into()),
    }];
    d.pain_regions = vec![PainRegion {
        region: "thigh_back".into(),
        side: Side::Left,
    }];
    d.psfs = vec![PsfsItem {
        activity: "Marker-Activity-Qv".into(),
        score: 3,
    }];
    d
}

impl Cx {
    pub fn new() -> std::result::Result<Cx, Box<dyn std::error::Error>> {
        let f = fixture()?;
        let prac = user(&f, "setup-prac", &[Role::Practitioner])?;
        let marked = f
            .clinic
            .create_patient(
                &f.admin,
                &NewPatient {
                    given_name: "Morwenna".into(),
                    family_name: "Quist".into(),
                    date_of_birth: Some("1971-04-02".into()),
                    phone: Some("555 010 7788".into()),
                    ..Default::default()
                },
            )?
            .id;
        f.clinic.update_patient_medical(
            &prac,
            marked,
            &MedicalHistory {
                medical_history: Some("Marker-History-Qv".into()),
                medications: Some("Marker-Medication-Qv".into()),
                allergies: Some("Marker-Allergy-Qv".into()),
                surgeries: Some("Marker-Surgery-Qv".into()),
                clinical_notes: Some("Marker-ClinicalNote-Qv".into()),
            },
        )?;
        let mut cx = Cx {
            f,
            prac,
            marked,
            schedule: super::schedule::Schedule::placeholder(),
            serial: 0,
        };
        cx.schedule = super::schedule::Schedule::new(&cx)?;
        let prac = cx.prac.clone();
        let note = cx.signed_note_by(&prac, Some(marked))?;
        cx.clinic()
            .add_addendum(&prac, note.id, "Marker-Addendum-Qv")?;
        Ok(cx)
    }

    pub fn clinic(&self) -> &Clinic {
        &self.f.clinic
    }

    pub fn admin(&self) -> &Actor {
        &self.f.admin
    }

    pub fn next(&mut self) -> u32 {
        self.serial += 1;
        self.serial
    }

    pub fn fresh_patient(&mut self) -> Result<PatientId> {
        let n = self.next();
        let admin = self.f.admin.clone();
        Ok(self
            .clinic()
            .create_patient(
                &admin,
                &NewPatient {
                    given_name: format!("Probe{n}"),
                    family_name: format!("Patient{n}"),
                    ..Default::default()
                },
            )?
            .id)
    }

    pub fn fresh_user(&mut self) -> Result<UserSummary> {
        let n = self.next();
        let admin = self.f.admin.clone();
        self.clinic().create_user(
            &admin,
            NewUser {
                username: format!("probe-user-{n}"),
                display_name: format!("Probe User {n}"),
                password: PASSWORD.into(),
                roles: vec![Role::Receptionist],
            },
        )
    }

    /// Who writes set-up data for `a`: `a` itself when it may, else the set-up practitioner.
    fn author(&self, a: &Actor, op: Operation) -> Actor {
        if a.may(op) {
            a.clone()
        } else {
            self.prac.clone()
        }
    }

    /// A new draft note (on a fresh patient unless one is given), written by `a` if it may.
    pub fn draft_by(&mut self, a: &Actor, patient: Option<PatientId>) -> Result<VisitNote> {
        let patient = match patient {
            Some(p) => p,
            None => self.fresh_patient()?,
        };
        let author = self.author(a, Operation::WriteVisitNotes);
        let note = self.clinic().start_visit_note(
            &author,
            &StartNote {
                patient_id: patient,
                appointment_id: None,
                visit_date: None,
            },
        )?;
        self.clinic()
            .save_visit_note(&author, note.id, note.revision, &marked_draft())
    }

    pub fn signed_note_by(&mut self, a: &Actor, patient: Option<PatientId>) -> Result<VisitNote> {
        let draft = self.draft_by(a, patient)?;
        let author = self.author(a, Operation::SignVisitNote);
        self.clinic()
            .sign_visit_note(&author, draft.id, draft.revision, None)
    }

    pub fn new_protocol(&mut self) -> NewProtocol {
        let n = self.next();
        NewProtocol {
            name: format!("Probe protocol {n}"),
            condition: None,
            description: None,
            shared: false,
            points: vec![ProtocolPoint {
                code: "GB30".into(),
                side: ProtocolSide::Affected,
                technique: None,
                retention_minutes: None,
                note: None,
            }],
        }
    }

    pub fn protocol_by(&mut self, a: &Actor) -> Result<ProtocolId> {
        let author = self.author(a, Operation::ManageProtocols);
        let input = self.new_protocol();
        Ok(self.clinic().create_protocol(&author, &input)?.id)
    }
}

pub fn user(
    f: &Fixture,
    username: &str,
    roles: &[Role],
) -> std::result::Result<Actor, Box<dyn std::error::Error>> {
    f.user(username, roles)
}
