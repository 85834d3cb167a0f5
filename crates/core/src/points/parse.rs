//! Reads `data/acupoints.csv`. The file is ours and simple (no quoting: no field holds a comma
//! or a quote), so a strict line splitter is enough and any surprise is reported with its line.

use std::collections::HashSet;

use super::{codes, BodyRegion, Caution, Point};

const HEADER: &str = "code,channel,number,pinyin,hanzi,english,region,cautions";

pub fn parse(text: &str) -> Result<Vec<Point>, String> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    if lines.next() != Some(HEADER) {
        return Err(format!("line 1 is not the header {HEADER:?}"));
    }
    let mut points = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let at = i + 2;
        let point = parse_line(line).map_err(|msg| format!("line {at}: {msg}"))?;
        if !seen.insert(point.code.clone()) {
            return Err(format!("line {at}: {} appears twice", point.code));
        }
        points.push(point);
    }
    if points.is_empty() {
        return Err("no points".to_owned());
    }
    Ok(points)
}

fn parse_line(line: &str) -> Result<Point, String> {
    if line.contains('"') {
        return Err("quotes are not supported".to_owned());
    }
    let fields: Vec<&str> = line.split(',').collect();
    let [code, channel, number, pinyin, hanzi, english, region, cautions] = fields[..] else {
        return Err(format!("expected 8 fields, found {}", fields.len()));
    };
    for (name, value) in [
        ("code", code),
        ("channel", channel),
        ("pinyin", pinyin),
        ("hanzi", hanzi),
        ("english", english),
    ] {
        if value.trim().is_empty() || value.trim() != value {
            return Err(format!("{name} is empty or padded: {value:?}"));
        }
    }
    let number: u8 = number
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("number {number:?} is not a positive number"))?;
    let series = codes::series(code);
    let series_fits = if channel == "EX" {
        series
            .strip_prefix("EX-")
            .is_some_and(|area| codes::EX_AREAS.contains(&area))
    } else {
        series == channel && codes::is_channel(channel)
    };
    if !series_fits || format!("{series}{number}") != code {
        return Err(format!(
            "code {code} does not match channel {channel} and number {number}"
        ));
    }
    let region =
        BodyRegion::parse(region).ok_or_else(|| format!("{region:?} is not a body region"))?;
    let cautions = cautions
        .split(';')
        .filter(|c| !c.is_empty())
        .map(|c| Caution::parse(c).ok_or_else(|| format!("{c:?} is not a caution")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Point {
        code: code.to_owned(),
        channel: channel.to_owned(),
        number,
        pinyin: pinyin.to_owned(),
        hanzi: hanzi.to_owned(),
        english: english.to_owned(),
        region,
        cautions,
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    const HEAD: &str = "code,channel,number,pinyin,hanzi,english,region,cautions\n";

    fn one(line: &str) -> Result<(), String> {
        parse(&format!("{HEAD}{line}\n")).map(|_| ())
    }

    #[test]
    fn a_good_row_parses_with_its_cautions() -> Result<(), String> {
        let points = parse(&format!(
            "{HEAD}LI4,LI,4,Hegu,合谷,Joining Valley,hand,pregnancy\r\n\
             EX-HN7,EX,7,Qiuhou,球后,Behind the Eyeball,head_face,eye\n"
        ))?;
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].cautions, vec![super::Caution::Pregnancy]);
        assert_eq!(points[1].code, "EX-HN7");
        Ok(())
    }

    #[test]
    fn bad_rows_are_reported_with_the_reason() {
        let cases = [
            (
                "ST36,ST,36,Zusanli,足三里,Leg Three Miles,lower_limb",
                "8 fields",
            ),
            (
                "ST36,ST,37,Zusanli,足三里,Leg,lower_limb,",
                "does not match",
            ),
            (
                "ST36,SP,36,Zusanli,足三里,Leg,lower_limb,",
                "does not match",
            ),
            (
                "ST36,ST,x,Zusanli,足三里,Leg,lower_limb,",
                "positive number",
            ),
            ("ST36,ST,36,,足三里,Leg,lower_limb,", "pinyin is empty"),
            (
                "ST36,ST,36,Zusanli,足三里,Leg,lower_limb,lungs",
                "not a caution",
            ),
            ("XY3,XY,3,Zusanli,足三里,Leg,lower_limb,", "does not match"),
            (
                "EX-XY3,EX,3,Zusanli,足三里,Leg,lower_limb,",
                "does not match",
            ),
            (
                "ST036,ST,36,Zusanli,足三里,Leg,lower_limb,",
                "does not match",
            ),
            (
                "ST36,ST,36,Zusanli,足三里,\"Leg, Three\",lower_limb,",
                "quotes",
            ),
        ];
        for (line, expected) in cases {
            let err = one(line).err().unwrap_or_default();
            assert!(err.contains(expected), "{line}: {err}");
        }
        let twice = "ST36,ST,36,Zusanli,足三里,Leg,lower_limb,\n";
        let err = parse(&format!("{HEAD}{twice}{twice}")).err();
        assert!(err.unwrap_or_default().contains("twice"));
        assert!(parse("code,channel\n").is_err());
        assert!(parse(HEAD).is_err());
    }
}
