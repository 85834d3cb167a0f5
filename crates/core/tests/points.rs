//! The point catalogue against the reference tables, code aliases, search and cautions.
//! The reference tables live beside the repository (`../shared/reference/acupoints/`).

use std::collections::{BTreeMap, BTreeSet};

use acuchart_core::points::{
    catalogue, resolve_code, search_points, BodyRegion, Caution, Point, PointFilter,
};
use acuchart_core::{ApiError, ErrorCode};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/acupoints/"
);

/// `(code, [channel, number, pinyin, hanzi, english])`.
type Row = (String, [String; 5]);

/// The rows of one reference CSV.
fn reference_rows(file: &str) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(format!("{REFERENCE}{file}"))?;
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("code,meridian,number,pinyin,hanzi,english")
    );
    let mut rows = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        assert!(!line.contains('"'), "quoted CSV is not expected: {line}");
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "{line}");
        let channel = if f[1] == "Extra" { "EX" } else { f[1] };
        rows.push((
            f[0].to_owned(),
            [channel, f[2], f[3], f[4], f[5]].map(str::to_owned),
        ));
    }
    Ok(rows)
}

fn codes(points: &[&Point]) -> Vec<String> {
    points.iter().map(|p| p.code.clone()).collect()
}

fn search(query: &str) -> Vec<String> {
    codes(&search_points(query, &PointFilter::default(), 50))
}

fn first(query: &str) -> Option<String> {
    search(query).into_iter().next()
}

#[test]
fn catalogue_equals_the_reference_tables_field_by_field() -> TestResult {
    let mut expected = reference_rows("points.csv")?;
    expected.extend(reference_rows("extra_points.csv")?);
    assert_eq!(expected.len(), 410);
    let points = catalogue()?;
    assert_eq!(points.len(), 410);

    let ours: BTreeMap<&str, &Point> = points.iter().map(|p| (p.code.as_str(), p)).collect();
    let theirs: BTreeSet<&str> = expected.iter().map(|(c, _)| c.as_str()).collect();
    let missing: Vec<_> = theirs.iter().filter(|c| !ours.contains_key(*c)).collect();
    let extra: Vec<_> = ours.keys().filter(|c| !theirs.contains(*c)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    for (code, [channel, number, pinyin, hanzi, english]) in &expected {
        let p = ours[code.as_str()];
        assert_eq!(&p.channel, channel, "{code} channel");
        assert_eq!(&p.number.to_string(), number, "{code} number");
        assert_eq!(&p.pinyin, pinyin, "{code} pinyin");
        assert_eq!(&p.hanzi, hanzi, "{code} hanzi");
        assert_eq!(&p.english, english, "{code} english");
    }
    Ok(())
}

#[test]
fn every_alias_and_spelling_resolves_to_the_who_code() -> TestResult {
    let cases = [
        ("SJ5", "TE5"),
        ("TH5", "TE5"),
        ("TB5", "TE5"),
        ("TW5", "TE5"),
        ("LIV3", "LR3"),
        ("LV3", "LR3"),
        ("DU20", "GV20"),
        ("REN12", "CV12"),
        ("UB40", "BL40"),
        ("K3", "KI3"),
        ("P6", "PC6"),
        ("H7", "HT7"),
        ("ST 36", "ST36"),
        ("ST-36", "ST36"),
        ("st36", "ST36"),
        ("ST036", "ST36"),
        ("St.36", "ST36"),
        ("L.I.4", "LI4"),
        ("lu7", "LU7"),
        ("S.I.3", "SI3"),
        ("gb30", "GB30"),
        ("Kid 1", "KI1"),
        ("HE7", "HT7"),
        ("GV29", "GV29"),
        ("EX-HN3", "EX-HN3"),
        ("exhn3", "EX-HN3"),
        ("EX HN 3", "EX-HN3"),
        ("EX-LE-7", "EX-LE7"),
        ("ex-b2", "EX-B2"),
        ("EX-UE09", "EX-UE9"),
        ("EX-CA1", "EX-CA1"),
    ];
    for (typed, code) in cases {
        assert_eq!(resolve_code(typed)?.code, code, "{typed}");
    }
    // Yintang has two codes; each keeps its own entry.
    let (gv29, ex) = (resolve_code("GV29")?, resolve_code("EX-HN3")?);
    assert!(gv29.pinyin == "Yintang" && ex.pinyin == "Yintang");
    assert_eq!((gv29.channel.as_str(), ex.channel.as_str()), ("GV", "EX"));
    Ok(())
}

#[test]
fn unknown_codes_say_what_was_typed_and_how_to_write_one() {
    let cases = [
        ("XY3", "XY is not a channel"),
        ("ST46", "Stomach points are numbered ST1 to ST45"),
        ("GV30", "GV1 to GV29"),
        ("EX-HN16", "EX-HN1 to EX-HN15"),
        ("EX-ZZ1", "needs its area"),
        ("ST", "no point number"),
        ("zusanli", "search for it"),
        ("36", "not a point code"),
        ("  ", "Type a point code"),
    ];
    for (typed, expected) in cases {
        let Err(err) = resolve_code(typed) else {
            panic!("{typed:?} resolved");
        };
        let api = ApiError::from(err);
        assert_eq!(api.code, ErrorCode::InvalidInput, "{typed}");
        assert_eq!(api.fields.first().map(|f| f.field.as_str()), Some("point"));
        assert!(api.message.contains(expected), "{typed}: {}", api.message);
        assert!(
            api.message.contains(typed.trim()),
            "names what was typed: {}",
            api.message
        );
        assert!(
            api.message.contains("ST36") || api.message.contains(" to "),
            "shows the format: {}",
            api.message
        );
    }
}

#[test]
fn search_finds_codes_and_aliases_first() {
    assert_eq!(first("ST36").as_deref(), Some("ST36"));
    assert_eq!(first("sj 5").as_deref(), Some("TE5"));
    assert_eq!(first("ex-hn-3").as_deref(), Some("EX-HN3"));
    // A channel alone lists its points first (then names containing the letters: Dubi).
    let bl = codes(&search_points("UB", &PointFilter::default(), 100));
    assert!(bl[..67].iter().all(|c| c.starts_with("BL")), "{bl:?}");
    assert!(bl[67..].iter().all(|c| !c.starts_with("BL")), "{bl:?}");
    // A code prefix: ST3 itself, then ST30–ST39.
    let st3 = search("st3");
    assert_eq!(st3.first().map(String::as_str), Some("ST3"));
    assert!(
        st3.contains(&"ST36".to_owned()) && st3.len() == 11,
        "{st3:?}"
    );
}

#[test]
fn search_by_pinyin_with_or_without_tones_spaces_and_case() {
    for typed in [
        "zusanli",
        "Zusanli",
        "Zu San Li",
        "ZUSANLI",
        "zú sān lǐ",
        "zu3 san1 li3",
    ] {
        assert_eq!(first(typed).as_deref(), Some("ST36"), "{typed}");
    }
    let sanli = search("sanli");
    assert!(sanli.contains(&"ST36".to_owned()) && sanli.contains(&"LI10".to_owned()));
    // Two points share the pinyin Futu: both come before anything that merely starts so.
    assert_eq!(&search("futu")[..2], ["LI18", "ST32"]);
    let yintang = search("yintang");
    assert_eq!(&yintang[..2], ["GV29", "EX-HN3"]);
}

#[test]
fn search_by_chinese_characters_whole_or_in_part() {
    assert_eq!(first("足三里").as_deref(), Some("ST36"));
    assert_eq!(search("三里"), ["LI10", "ST36"]);
    assert_eq!(first("合谷").as_deref(), Some("LI4"));
}

#[test]
fn search_by_english_words() {
    let miles = search("three miles");
    assert!(miles.contains(&"ST36".to_owned()) && miles.contains(&"LI10".to_owned()));
    let crook = search("crook");
    assert!(crook.contains(&"BL40".to_owned()), "{crook:?}");
    assert!(crook.contains(&"LI11".to_owned()), "{crook:?}");
    assert_eq!(first("Middle of the Crook").as_deref(), Some("BL40"));
    assert_eq!(first("heaven's tripod").as_deref(), Some("LI17"));
    assert!(search("no such point name").is_empty());
}

#[test]
fn search_ranks_exact_then_prefix_then_substring() -> TestResult {
    let results = search_points("qu", &PointFilter::default(), 500);
    let starts: Vec<bool> = results
        .iter()
        .map(|p| p.pinyin.to_lowercase().starts_with("qu"))
        .collect();
    let first_inside = starts.iter().position(|s| !s).ok_or("no substring match")?;
    assert!(first_inside > 0, "prefix matches exist");
    assert!(
        starts[first_inside..].iter().all(|s| !s),
        "all prefix matches come first: {:?}",
        codes(&results)
    );
    // The exact pinyin beats a longer pinyin it starts.
    assert_eq!(first("quchi").as_deref(), Some("LI11"));
    assert_eq!(first("zhongdu").map(|c| c.len()), Some(4), "GB32 or LR6");
    Ok(())
}

#[test]
fn search_filters_by_channel_and_region() {
    let filter = PointFilter {
        channel: Some("UB".into()),
        region: Some(BodyRegion::LowerLimb),
    };
    let found = search_points("", &filter, 100);
    assert!(found.len() >= 10, "{:?}", codes(&found));
    assert!(found
        .iter()
        .all(|p| p.channel == "BL" && p.region == BodyRegion::LowerLimb));
    assert!(codes(&found).contains(&"BL40".to_owned()));
    assert!(!codes(&found).contains(&"BL23".to_owned()));

    let st_only = PointFilter {
        channel: Some("st".into()),
        region: None,
    };
    assert_eq!(codes(&search_points("sanli", &st_only, 10)), ["ST36"]);
    let hands = PointFilter {
        channel: None,
        region: Some(BodyRegion::Hand),
    };
    let in_hand = codes(&search_points("gu", &hands, 50));
    assert!(in_hand.contains(&"LI4".to_owned()) && !in_hand.contains(&"SP7".to_owned()));
    let extra = PointFilter {
        channel: Some("EX".into()),
        region: None,
    };
    assert_eq!(search_points("", &extra, 100).len(), 48);
    let nonsense = PointFilter {
        channel: Some("XX".into()),
        region: None,
    };
    assert!(search_points("zusanli", &nonsense, 10).is_empty());
    assert_eq!(search_points("", &PointFilter::default(), 5).len(), 5);
    assert!(search_points("zusanli", &PointFilter::default(), 0).is_empty());
}

#[test]
fn regions_are_assigned_as_expected_for_landmark_points() -> TestResult {
    let cases = [
        ("ST36", BodyRegion::LowerLimb),
        ("LI4", BodyRegion::Hand),
        ("BL23", BodyRegion::LowerBackSacrum),
        ("GB30", BodyRegion::LowerLimb),
        ("CV4", BodyRegion::Abdomen),
        ("GV20", BodyRegion::HeadFace),
        ("EX-B2", BodyRegion::UpperBack),
        ("LU1", BodyRegion::Chest),
        ("GV14", BodyRegion::Neck),
        ("KI1", BodyRegion::Foot),
        ("PC6", BodyRegion::UpperLimb),
    ];
    for (code, region) in cases {
        assert_eq!(resolve_code(code)?.region, region, "{code}");
    }
    let used: BTreeSet<&str> = catalogue()?.iter().map(|p| p.region.as_str()).collect();
    assert_eq!(used.len(), BodyRegion::ALL.len(), "every region is used");
    Ok(())
}

#[test]
fn classic_pregnancy_points_and_other_cautions_are_flagged() -> TestResult {
    for code in [
        "LI4", "SP6", "BL60", "BL67", "GB21", "CV4", "ST29", "BL32", "GV4",
    ] {
        assert!(
            resolve_code(code)?.cautions.contains(&Caution::Pregnancy),
            "{code}"
        );
    }
    for (code, caution) in [
        ("GB21", Caution::DeepOrgan),
        ("LU1", Caution::DeepOrgan),
        ("BL13", Caution::DeepOrgan),
        ("ST9", Caution::Artery),
        ("LU9", Caution::Artery),
        ("BL1", Caution::Eye),
        ("ST1", Caution::Eye),
        ("EX-HN7", Caution::Eye),
    ] {
        assert!(resolve_code(code)?.cautions.contains(&caution), "{code}");
    }
    assert!(resolve_code("ST36")?.cautions.is_empty());
    for p in catalogue()? {
        if p.cautions.contains(&Caution::Eye) {
            assert_eq!(p.region, BodyRegion::HeadFace, "{}", p.code);
        }
        if p.cautions.contains(&Caution::DeepOrgan) {
            assert!(
                matches!(
                    p.region,
                    BodyRegion::Chest | BodyRegion::UpperBack | BodyRegion::Neck
                ),
                "{} is not over the lung",
                p.code
            );
        }
    }
    Ok(())
}

/// Point codes in the tables of sections 2–5 (the point tables), as written there: `BL23`,
/// `EX-B2`, `EX-B 2`, `BL-36`.
fn sciatica_codes(text: &str) -> Vec<String> {
    const CHANNELS: [&str; 14] = [
        "LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV",
    ];
    let point_tables = text.split("## 6.").next().unwrap_or_default();
    let mut found = Vec::new();
    for line in point_tables.lines().filter(|l| l.starts_with('|')) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let at_word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
            let rest: String = chars[i..].iter().take(12).collect();
            let series = ["EX-HN", "EX-CA", "EX-B", "EX-UE", "EX-LE"]
                .into_iter()
                .chain(CHANNELS)
                .find(|s| rest.starts_with(s));
            // The number may follow a space or a hyphen; everything before it is ASCII, so
            // byte and character offsets agree.
            let head = series.and_then(|s| {
                let after = rest[s.len()..].trim_start_matches([' ', '-']);
                after
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then(|| rest.len() - after.len())
            });
            match head.filter(|_| at_word_start) {
                Some(digits_at) => {
                    let digits: String = rest[digits_at..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    found.push(format!("{}{digits}", &rest[..digits_at]));
                    i += digits_at + digits.len();
                }
                None => i += 1,
            }
        }
    }
    found
}

#[test]
fn every_point_in_the_sciatica_tables_is_in_the_catalogue() -> TestResult {
    let text = std::fs::read_to_string(format!("{REFERENCE}sciatica.md"))?;
    let found: BTreeSet<String> = sciatica_codes(&text).into_iter().collect();
    assert!(found.len() >= 25, "the tables name many points: {found:?}");
    for code in ["EX-B 2", "GB30", "BL54", "ST41", "BL-36"] {
        assert!(found.contains(code), "{code} was extracted: {found:?}");
    }
    for typed in &found {
        let point = resolve_code(typed)?;
        assert!(
            catalogue()?.iter().any(|p| std::ptr::eq(p, point)),
            "{typed}"
        );
    }
    Ok(())
}
