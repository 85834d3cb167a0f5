//! The demo clinic's people and places: practitioners (staff accounts nobody can sign in to
//! until an admin resets a password), a treatment room each, the two appointment types and
//! a weekly template of working hours. Made through the same services as the setup screens.

use rand::{Rng, RngCore};
use rand_chacha::ChaCha8Rng;

use crate::auth::{Actor, Role};
use crate::clinic::Clinic;
use crate::error::Result;
use crate::ids::{AppointmentTypeId, RoomId, UserId};
use crate::keys::DbKey;
use crate::schedule::{
    AppointmentTypeInput, PractitionerInput, RoomInput, WeekParity, WorkingBlock,
};
use crate::users::NewUser;

/// Minutes after midnight at which each bookable slot starts, and the slot length: a morning
/// and an afternoon session with a lunch break, 15 slots a day.
pub(crate) const SLOT_MINUTES: u32 = 40;
pub(crate) const SLOT_STARTS: [u32; 15] = [
    480, 520, 560, 600, 640, 680, 720, // 08:00 … 12:00, the morning ends 12:40
    800, 840, 880, 920, 960, 1000, 1040, 1080, // 13:20 … 18:00, the day ends 18:40
];

const NAMES: &[&str] = &[
    "Dr. Mei Lin",
    "Samuel Okafor",
    "Aoife Byrne",
    "Rafael Ortiz",
    "Yuki Tanaka",
    "Priya Raman",
    "Jonas Weber",
    "Fatima Haddad",
    "Tomás Novák",
    "Grace Liu",
    "Hemi Walker",
    "Olga Petrova",
];
const COLOURS: &[&str] = &[
    "#2f6f9f", "#2a9d8f", "#8e5ea2", "#c8553d", "#3d7a3d", "#b5838d", "#5c6bc0", "#d08c2a",
    "#00838f", "#6d4c41", "#7b8d42", "#ad1457",
];

pub(crate) struct DemoStaff {
    pub practitioners: Vec<(UserId, RoomId)>,
    pub initial: (AppointmentTypeId, u32),
    pub follow_up: (AppointmentTypeId, u32),
}

fn random_password(rng: &mut ChaCha8Rng) -> Result<String> {
    // From the OS, not the seeded generator: the same seed must not give a known password.
    let key = DbKey::generate()?;
    let salt = rng.next_u64();
    Ok(format!("{}-{salt:x}", hex::encode(&key.as_bytes()[..16])))
}

impl Clinic {
    pub(crate) fn demo_staff(
        &self,
        actor: &Actor,
        rng: &mut ChaCha8Rng,
        count: usize,
    ) -> Result<DemoStaff> {
        let taken = self.read_db(|db| crate::users::count_with_username_prefix(db, "demo-"))?;
        let blocks: Vec<WorkingBlock> = (1..=5)
            .flat_map(|weekday| {
                [("08:00", "12:40"), ("13:20", "18:40")].map(|(start, end)| WorkingBlock {
                    weekday,
                    start: start.into(),
                    end: end.into(),
                    week_parity: WeekParity::Every,
                })
            })
            .collect();
        let mut practitioners = Vec::with_capacity(count);
        for i in 0..count {
            let n = taken as usize + i + 1;
            let name = NAMES
                .get(i)
                .map_or_else(|| format!("Practitioner {n}"), |s| (*s).into());
            let user = self.create_user(
                actor,
                NewUser {
                    username: format!("demo-{n}"),
                    display_name: name.clone(),
                    password: random_password(rng)?,
                    roles: vec![Role::Practitioner],
                },
            )?;
            self.save_practitioner(
                actor,
                &PractitionerInput {
                    user_id: user.id,
                    licence_number: Some(format!("AC-{:05}", rng.random_range(10_000..99_999))),
                    npi: None,
                    signature_line: Some(format!("{name}, Lic. Ac.")),
                    colour: Some(COLOURS[i % COLOURS.len()].into()),
                    sort_order: None,
                    active: true,
                },
            )?;
            self.set_working_hours(actor, user.id, &blocks)?;
            let room = self.save_room(
                actor,
                &RoomInput {
                    id: None,
                    name: format!("Treatment room {n}"),
                    sort_order: None,
                    active: true,
                },
            )?;
            practitioners.push((user.id, room.id));
        }
        let initial = self.demo_type(
            actor,
            "Initial consultation",
            2 * SLOT_MINUTES,
            "#8e5ea2",
            9500,
        )?;
        let follow_up = self.demo_type(actor, "Follow-up", SLOT_MINUTES, "#2a9d8f", 6500)?;
        Ok(DemoStaff {
            practitioners,
            initial,
            follow_up,
        })
    }

    /// The type with this name if the clinic has one (names are unique), or a new one.
    fn demo_type(
        &self,
        actor: &Actor,
        name: &str,
        minutes: u32,
        colour: &str,
        fee_cents: i64,
    ) -> Result<(AppointmentTypeId, u32)> {
        let existing = self.read_db(|db| crate::schedule::appointment_types::by_name(db, name))?;
        if let Some(found) = existing {
            return Ok(found);
        }
        let created = self.save_appointment_type(
            actor,
            &AppointmentTypeInput {
                id: None,
                name: name.into(),
                duration_minutes: minutes,
                colour: colour.into(),
                needs_room: true,
                fee_cents: Some(fee_cents),
                billing_code: Some("97810".into()),
                sort_order: None,
                active: true,
            },
        )?;
        Ok((created.id, created.duration_minutes))
    }
}
