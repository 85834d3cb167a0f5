//! A deterministic demo clinic for first-run tours and for benchmarks: the same seed gives the
//! same patients. Scale 1 is about 6,000 patients. Rows go in through prepared statements in
//! one transaction per batch, through the same search-index code as the app.

use chrono::{Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::patients::{index_patient, PatientDetails, Sex};

pub const PATIENTS_PER_SCALE: u32 = 6_000;
const BATCH: u32 = 5_000;

/// (given names, family names) of one naming culture.
const CULTURES: &[(&[&str], &[&str])] = &[
    (
        &[
            "James",
            "Emma",
            "Oliver",
            "Charlotte",
            "Liam",
            "Amelia",
            "Noah",
            "Grace",
            "Jack",
            "Chloe",
        ],
        &[
            "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Anderson", "Thompson", "White",
            "Harris", "Clarke",
        ],
    ),
    (
        &[
            "José", "María", "Lucía", "Andrés", "Sofía", "Martín", "Inés", "Raúl", "Camila",
            "Íñigo",
        ],
        &[
            "García",
            "Martínez",
            "López",
            "Hernández",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Núñez",
            "Álvarez",
        ],
    ),
    (
        &[
            "Zoë",
            "Élodie",
            "Benoît",
            "Anaïs",
            "François",
            "Hélène",
            "Jérôme",
            "Céline",
            "Noël",
            "Maëlle",
        ],
        &[
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Laurent",
            "Girard",
            "Bézier",
            "Rousseau",
            "Fournier",
            "Lemaître",
            "Chevalier",
        ],
    ),
    (
        &[
            "Jürgen", "Anna", "Lukas", "Sophie", "Jörg", "Leonie", "Björn", "Mia", "Günter", "Lena",
        ],
        &[
            "Müller",
            "Schmidt",
            "Schröder",
            "Weiß",
            "Krüger",
            "Hoffmann",
            "Köhler",
            "Bäcker",
            "Wagner",
            "Schäfer",
        ],
    ),
    (
        &["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"],
        &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"],
    ),
    (
        &[
            "Wei", "Mei", "Jun", "Xiu", "Hao", "Lan", "Ming", "Yan", "Bo", "Ling",
        ],
        &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        ],
    ),
    (
        &[
            "محمد",
            "فاطمة",
            "أحمد",
            "مريم",
            "علي",
            "ليلى",
            "يوسف",
            "نور",
            "عمر",
            "سارة",
        ],
        &[
            "الحسن",
            "العلي",
            "الخطيب",
            "النجار",
            "حداد",
            "منصور",
            "الفارسي",
            "عيسى",
            "سليمان",
            "قاسم",
        ],
    ),
    (
        &[
            "Иван",
            "Ольга",
            "Дмитрий",
            "Анна",
            "Сергей",
            "Наталья",
            "Алексей",
            "Елена",
            "Михаил",
            "Татьяна",
        ],
        &[
            "Иванов",
            "Петрова",
            "Смирнов",
            "Кузнецова",
            "Попов",
            "Соколова",
            "Лебедев",
            "Козлова",
            "Новиков",
            "Морозова",
        ],
    ),
    (
        &[
            "Minh", "Linh", "Huy", "Thảo", "Dũng", "Hương", "Quang", "Ngọc", "Tuấn", "Trang",
        ],
        &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
        ],
    ),
    (
        &[
            "Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Isha", "Rahul",
            "Diya",
        ],
        &[
            "Sharma", "Patel", "Singh", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Kapoor",
            "Joshi",
        ],
    ),
    (
        &[
            "Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura", "Kaito", "Mio",
        ],
        &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ],
    ),
    (
        &[
            "Siobhán", "Seán", "Aoife", "Pádraig", "Niamh", "Ciarán", "Róisín", "Eoin", "Caoimhe",
            "Darragh",
        ],
        &[
            "Ó Briain",
            "Murphy",
            "Kelly",
            "O'Sullivan",
            "Walsh",
            "Ó Néill",
            "Byrne",
            "Ryan",
            "O'Connor",
            "Mac Giolla",
        ],
    ),
];

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// One patient's details, drawn from `rng`.
pub fn random_details(rng: &mut ChaCha8Rng, today: NaiveDate) -> PatientDetails {
    let (given, family) = CULTURES[rng.random_range(0..CULTURES.len())];
    let age_days = rng.random_range(365 * 3..365 * 95);
    let dob = today - Duration::days(age_days);
    // 555-01xx is reserved for fiction in North America; area codes vary.
    let phone = format!(
        "({}) 555-01{:02}",
        rng.random_range(201..990),
        rng.random_range(0..100)
    );
    let given = pick(rng, given);
    let family = pick(rng, family);
    let ascii: String = given
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    PatientDetails {
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        date_of_birth: Some(dob.format("%Y-%m-%d").to_string()),
        sex: Some(if rng.random_bool(0.6) {
            Sex::Female
        } else {
            Sex::Male
        }),
        phone: Some(phone),
        email: (!ascii.is_empty() && rng.random_bool(0.7))
            .then(|| format!("{ascii}{}@example.com", rng.random_range(1..999))),
        ..PatientDetails::default()
    }
}

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
            self.write(|tx| {
                let mut counter = tx.prepare_cached("UPDATE counters SET value = value + 1 WHERE name = 'chart_number' RETURNING value")?;
                let mut insert = tx.prepare_cached(
                    "INSERT INTO patients (chart_number, given_name, family_name, date_of_birth, sex, phone,
                         email, created_at, created_by, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
                )?;
                for _ in 0..n {
                    let d = random_details(&mut rng, today);
                    let chart: i64 = counter.query_row([], |r| r.get(0))?;
                    insert.execute(rusqlite::params![
                        chart, d.given_name, d.family_name, d.date_of_birth, d.sex.map(Sex::as_str),
                        d.phone, d.email, now, actor.user_id()
                    ])?;
                    index_patient(tx, PatientId(tx.last_insert_rowid()), chart, &d)?;
                }
                Ok(())
            })?;
            done += n;
            progress(done, total);
        }
        self.write(|tx| {
            crate::audit::record(
                tx,
                Some(actor),
                crate::audit::Action::LoadDemo,
                "demo_patients",
                Some(total.to_string()),
            )
        })?;
        Ok(total)
    }
}
