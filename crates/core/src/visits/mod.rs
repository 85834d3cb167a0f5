//! Clinical charting: the visit note (SOAP + treatment), its points, the body map, safety
//! alerts, signing and addenda, protocols, outcomes.
//!
//! Only practitioners write notes and only admins and practitioners read them; every service
//! here checks that first. A signed note is immutable in the database itself (migration 0004).

mod alerts;
pub mod body_map;
mod chart;
mod content;
pub(crate) mod entry;
pub(crate) mod history;
pub mod icd10;
mod picks;
mod protocols;
mod service;
mod sign;
pub(crate) mod store;
mod today;
mod validate;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AppointmentId, NoteId, PatientId, UserId};

pub use alerts::{alerts_for, AlertKind, SafetyAlert};
pub use body_map::{suggest_protocols, BodyMapRegion, ProtocolSuggestion};
pub use chart::{OutcomePoint, PatientChart, VisitSummary};
pub use content::NoteContent;
pub use entry::{parse_point_entry, PointEntry};
pub use icd10::{search_icd10, Icd10Code};
pub use picks::PointPicks;
pub use protocols::{apply_protocol, NewProtocol, Protocol, ProtocolPoint, ProtocolSide};
pub use today::{DayPatient, TodayAppointment, TodayQuery, TodaySchedule, WalkInNote};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
    Bilateral,
    /// A point on the midline (GV, CV, Yintang): there is only one.
    Midline,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Bilateral => "bilateral",
            Side::Midline => "midline",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        [Side::Left, Side::Right, Side::Bilateral, Side::Midline]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// Needles this point takes on this side.
    pub fn needles(self) -> u32 {
        match self {
            Side::Bilateral => 2,
            _ => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    Tonify,
    Reduce,
    Even,
}

impl Technique {
    pub fn as_str(self) -> &'static str {
        match self {
            Technique::Tonify => "tonify",
            Technique::Reduce => "reduce",
            Technique::Even => "even",
        }
    }

    pub fn parse(s: &str) -> Option<Technique> {
        [Technique::Tonify, Technique::Reduce, Technique::Even]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// One point used in a treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TreatmentPoint {
    /// WHO code; aliases are resolved on save.
    pub code: String,
    pub side: Side,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub technique: Option<Technique>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub depth_mm: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub retention_minutes: Option<u16>,
    /// Electro-acupuncture: the point this one is wired to.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub electro_pair: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub electro_hz: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub electro_minutes: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

impl TreatmentPoint {
    pub fn uses_electro(&self) -> bool {
        self.electro_pair.is_some() || self.electro_hz.is_some() || self.electro_minutes.is_some()
    }
}

/// A painful area marked on the body map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PainRegion {
    /// A code from [`body_map::REGIONS`].
    pub region: String,
    /// `left`, `right` or `midline` (for regions on the midline).
    pub side: Side,
}

#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    pub code: String,
    /// Filled from the code list on save.
    #[serde(default)]
    pub title: String,
}

/// One Patient-Specific Functional Scale item: an activity the patient named, scored 0-10
/// (0 = unable, 10 = as before the problem).
#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PsfsItem {
    pub activity: String,
    pub score: u8,
}

/// The practitioner's reason for going ahead despite a safety alert.
#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AlertAcknowledgement {
    pub alert_key: String,
    pub reason: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub acknowledged_by: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub acknowledged_at: Option<String>,
    /// The alert's basis this acknowledges (see `SafetyAlert::basis`). Stored ones always
    /// carry it; one being given now may leave it out: it then acknowledges the alert as
    /// raised at this moment.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub basis: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Addendum {
    pub id: i64,
    pub author: String,
    pub created_at: String,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteStatus {
    Draft,
    Signed,
}

/// Everything a practitioner edits on a draft, saved as one document (autosave sends it
/// whole; the revision guards against two windows overwriting each other).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoteDraft {
    #[serde(default)]
    pub content: NoteContent,
    #[serde(default)]
    pub points: Vec<TreatmentPoint>,
    #[serde(default)]
    pub pain_regions: Vec<PainRegion>,
    #[serde(default)]
    pub diagnoses: Vec<Diagnosis>,
    #[serde(default)]
    pub psfs: Vec<PsfsItem>,
    /// Acknowledgements of the alerts this draft raises; earlier ones are kept.
    #[serde(default)]
    pub acknowledgements: Vec<AlertAcknowledgement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VisitNote {
    pub id: NoteId,
    pub patient_id: PatientId,
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    #[ts(optional = nullable)]
    pub appointment_id: Option<AppointmentId>,
    pub visit_date: String,
    pub status: NoteStatus,
    pub revision: i64,
    pub draft: NoteDraft,
    /// Alerts this note raises now, each with whether it was acknowledged.
    pub alerts: Vec<SafetyAlert>,
    /// Needles the listed points take (bilateral = 2), as a hint for the count.
    pub needles_expected: u32,
    #[ts(optional = nullable)]
    pub needle_count_explanation: Option<String>,
    #[ts(optional = nullable)]
    pub signed_at: Option<String>,
    #[ts(optional = nullable)]
    pub signed_by: Option<String>,
    pub addenda: Vec<Addendum>,
    pub created_at: String,
    pub updated_at: String,
}

/// Starts (or reopens) the note for a session.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StartNote {
    pub patient_id: PatientId,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub appointment_id: Option<AppointmentId>,
    /// Defaults to today in the clinic's zone (or the appointment's date).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub visit_date: Option<String>,
}

/// The treatment of the visit before, offered as "copy last treatment": what a follow-up
/// usually repeats. Findings and scores are not carried: they are measured again.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PreviousTreatment {
    pub note_id: NoteId,
    pub visit_date: String,
    pub points: Vec<TreatmentPoint>,
    /// Only the carried fields are set: chief complaint, TCM pattern, plan, the modalities
    /// (moxa … herbs), face-to-face minutes and home advice.
    pub content: NoteContent,
    pub diagnoses: Vec<Diagnosis>,
    pub pain_regions: Vec<PainRegion>,
    /// The functional-scale activities the patient named, to score again.
    pub psfs_activities: Vec<String>,
}

impl PreviousTreatment {
    pub(crate) fn from_note(note: VisitNote) -> Self {
        let c = note.draft.content;
        PreviousTreatment {
            note_id: note.id,
            visit_date: note.visit_date,
            points: note.draft.points,
            content: NoteContent {
                chief_complaint: c.chief_complaint,
                tcm_pattern: c.tcm_pattern,
                plan: c.plan,
                moxa: c.moxa,
                cupping: c.cupping,
                gua_sha: c.gua_sha,
                bleeding: c.bleeding,
                tui_na: c.tui_na,
                heat_lamp: c.heat_lamp,
                herbs: c.herbs,
                face_to_face_minutes: c.face_to_face_minutes,
                home_advice: c.home_advice,
                ..Default::default()
            },
            diagnoses: note.draft.diagnoses,
            pain_regions: note.draft.pain_regions,
            psfs_activities: note.draft.psfs.into_iter().map(|p| p.activity).collect(),
        }
    }
}

impl NoteDraft {
    /// This draft with the previous visit's treatment copied in: its points replace the
    /// draft's, and every carried field or list the draft has left empty is filled.
    pub fn with_previous(&self, previous: &PreviousTreatment) -> NoteDraft {
        let mut out = self.clone();
        out.points = previous.points.clone();
        let (c, p) = (&mut out.content, &previous.content);
        macro_rules! fill {
            ($($f:ident),*) => {$( if c.$f.is_none() { c.$f = p.$f.clone(); } )*};
        }
        fill!(
            chief_complaint,
            tcm_pattern,
            plan,
            moxa,
            cupping,
            gua_sha,
            bleeding,
            tui_na,
            heat_lamp,
            herbs,
            face_to_face_minutes,
            home_advice
        );
        if out.diagnoses.is_empty() {
            out.diagnoses = previous.diagnoses.clone();
        }
        if out.pain_regions.is_empty() {
            out.pain_regions = previous.pain_regions.clone();
        }
        out
    }
}

impl TreatmentPoint {
    /// The catalogue entry (names in pinyin, hanzi and English) for this point's code.
    pub fn catalogue_point(&self) -> crate::Result<&'static crate::points::Point> {
        crate::points::resolve_code(&self.code)
    }
}
