//! Names from many cultures (accents, Chinese characters, Arabic, Cyrillic…) and one
//! generated patient's details.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::patients::{PatientDetails, Sex};

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

pub(crate) fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
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
