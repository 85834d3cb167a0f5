//! A deterministic demo clinic for first-run tours and for benchmarks: the same seed gives the
//! same clinic. Scale 1 is about 6,000 patients; the full clinic adds, per unit of scale, a
//! practitioner (at least two), 60,000 appointments over twenty years and about 50,000 signed
//! notes with 500,000 needled points. Rows go in through prepared statements in large
//! transactions, patients through the same search-index code as the app.

mod conditions;
mod history;
mod names;
mod notes;
mod staff;

use chrono::Utc;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};

use crate::patients;
use crate::schedule::time::clinic_zone;

pub use names::random_details;

pub const PATIENTS_PER_SCALE: u32 = 6_000;
pub const APPOINTMENTS_PER_SCALE: u64 = 60_000;
const BATCH: u32 = 5_000;

impl Clinic {
    /// Adds `scale × 6,000` generated patients. `progress(done, total)` is called per batch.
    pub fn generate_demo(
        &self,
        actor: &Actor,
        scale: u32,
        seed: u64,
        mut progress: impl FnMut(u32, u32),
    ) -> Result<u32> {
        actor.require(Operation::LoadDemoData)?;
        if scale == 0 || scale > 100 {
            return Err(Error::invalid(
                "scale",
                "Choose a scale from 1 to 100 (1 is about 6,000 patients).",
            ));
        }
        let total = scale * PATIENTS_PER_SCALE;
        let today = self.today()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let now = Utc::now().to_rfc3339();
        let mut done = 0;
        while done < total {
            let n = BATCH.min(total - done);
            self.write_db(|db| {
                for _ in 0..n {
                    let d = random_details(&mut rng, today);
                    patients::bulk::insert_unaudited(db, actor.user_id(), &d, &now)?;
                }
                Ok(())
            })?;
            done += n;
            progress(done, total);
        }
        self.write_db(|db| {
            crate::audit::record(
                db,
                Some(actor),
                crate::audit::Action::LoadDemo,
                "demo_patients",
                Some(total.to_string()),
            )
        })?;
        Ok(total)
    }

    /// The whole demo clinic: `generate_demo`'s patients, then practitioners, rooms, types and
    /// hours, then twenty years of appointments and signed notes for those patients.
    pub fn generate_demo_clinic(
        &self,
        actor: &Actor,
        scale: u32,
        seed: u64,
        mut progress: impl FnMut(DemoStage, u64, u64),
    ) -> Result<DemoClinic> {
        actor.require(Operation::LoadDemoData)?;
        let first_id = self.read_db(|db| patients::bulk::next_id(db))?;
        let patients = self.generate_demo(actor, scale, seed, |done, total| {
            progress(DemoStage::Patients, u64::from(done), u64::from(total))
        })?;
        let last_id = first_id + i64::from(patients) - 1;
        // A different stream from the patients', so adding history never changes who they are.
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c0de);
        let staff = self.demo_staff(actor, &mut rng, scale.max(2) as usize)?;
        let plan = history::Plan {
            staff: &staff,
            patients: (first_id, last_id),
            appointments: APPOINTMENTS_PER_SCALE * u64::from(scale),
            zone: self.read_db(|db| clinic_zone(db))?,
            today: self.today()?,
        };
        let counts = self.demo_history(actor, &mut rng, &plan, |done, total| {
            progress(DemoStage::History, done, total)
        })?;
        self.write_db(|db| {
            crate::audit::record(
                db,
                Some(actor),
                crate::audit::Action::LoadDemo,
                "demo_history",
                Some(counts.appointments.to_string()),
            )
        })?;
        Ok(DemoClinic {
            patients,
            practitioners: staff.practitioners.len() as u32,
            appointments: counts.appointments,
            notes: counts.notes,
            points: counts.points,
        })
    }
}

/// What the generator is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DemoStage {
    Patients,
    History,
}

/// How far the generator got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DemoProgress {
    pub stage: DemoStage,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// What a demo clinic holds once generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DemoClinic {
    pub patients: u32,
    pub practitioners: u32,
    #[ts(type = "number")]
    pub appointments: u64,
    #[ts(type = "number")]
    pub notes: u64,
    #[ts(type = "number")]
    pub points: u64,
}
