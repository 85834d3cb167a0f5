//! The fonts every document is set in, subset once from Debian's Noto fonts by
//! `scripts/subset-font.py` (SIL Open Font Licence, `crates/core/data/fonts/OFL.txt`) and
//! compiled into the binary; printpdf subsets them again to the glyphs each PDF uses.
//!
//! * AcuChart Sans (Noto Sans): Latin with every accent, Greek, Cyrillic, punctuation.
//! * AcuChart Han (Noto Sans CJK SC): GB 2312, Big5 level 1 and every catalogue character;
//!   its bold face has the catalogue's characters only.
//!
//! Each character is drawn from the first face that has it: Sans, then Han, in the weight
//! asked for, else Han Regular.

use std::sync::LazyLock;

use printpdf::ParsedFont;

use crate::error::{Error, Result};

static SANS_REGULAR: &[u8] = include_bytes!("../../data/fonts/AcuChartSans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("../../data/fonts/AcuChartSans-Bold.ttf");
static HAN_REGULAR: &[u8] = include_bytes!("../../data/fonts/AcuChartHan-Regular.otf");
static HAN_BOLD: &[u8] = include_bytes!("../../data/fonts/AcuChartHan-Bold.otf");

/// The weight a run of text asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// One of the four embedded fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    SansRegular = 0,
    SansBold = 1,
    HanRegular = 2,
    HanBold = 3,
}

pub(crate) struct Fonts {
    /// In [`Slot`] order.
    pub faces: [ParsedFont; 4],
    units_per_em: [f32; 4],
}

static FONTS: LazyLock<std::result::Result<Fonts, String>> = LazyLock::new(|| {
    let parse = |bytes: &[u8], name: &str| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| format!("the embedded {name} font could not be read"))
    };
    let faces = [
        parse(SANS_REGULAR, "Sans Regular")?,
        parse(SANS_BOLD, "Sans Bold")?,
        parse(HAN_REGULAR, "Han Regular")?,
        parse(HAN_BOLD, "Han Bold")?,
    ];
    let units_per_em = faces
        .each_ref()
        .map(|f| f32::from(f.font_metrics.units_per_em.max(1)));
    Ok(Fonts {
        faces,
        units_per_em,
    })
});

/// The parsed fonts, read once per process.
pub(crate) fn fonts() -> Result<&'static Fonts> {
    FONTS.as_ref().map_err(|e| Error::Internal(e.clone()))
}

impl Fonts {
    fn has(&self, slot: Slot, c: char) -> bool {
        self.faces[slot as usize]
            .lookup_glyph_index(c as u32)
            .is_some()
    }

    /// The font that draws `c` in the weight `wanted`.
    pub fn slot_for(&self, c: char, wanted: Face) -> Slot {
        let (sans, han) = match wanted {
            Face::Regular => (Slot::SansRegular, Slot::HanRegular),
            Face::Bold => (Slot::SansBold, Slot::HanBold),
        };
        if self.has(sans, c) {
            sans
        } else if self.has(han, c) {
            han
        } else if self.has(Slot::HanRegular, c) {
            Slot::HanRegular
        } else {
            Slot::SansRegular
        }
    }

    pub fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || self.has(Slot::SansRegular, c) || self.has(Slot::HanRegular, c)
    }

    /// The advance of `c` in em.
    pub fn advance(&self, c: char, wanted: Face) -> f32 {
        let slot = self.slot_for(c, wanted) as usize;
        let face = &self.faces[slot];
        let gid = face.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(face.get_horizontal_advance(gid)) / self.units_per_em[slot]
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, text: &str, size: f32, face: Face) -> f32 {
        text.chars().map(|c| self.advance(c, face)).sum::<f32>() * size
    }
}

/// Characters the fonts cannot draw are replaced so that a PDF never shows an empty box; the
/// replacement is the nearest they have (a decomposed letter's base, else a question mark).
pub(crate) fn printable(fonts: &Fonts, text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        if c == '\t' {
            out.push(' ');
        } else if c.is_control() && c != '\n' {
            continue;
        } else if fonts.has_glyph(c) {
            out.push(c);
        } else {
            let base: String = std::iter::once(c)
                .nfd()
                .filter(|d| fonts.has_glyph(*d))
                .collect();
            match base.chars().next() {
                Some(b) => out.push(b),
                None => out.push('?'),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_name_and_common_accents_have_glyphs() -> Result<()> {
        let f = fonts()?;
        for p in crate::points::catalogue()? {
            for c in p
                .pinyin
                .chars()
                .chain(p.hanzi.chars())
                .chain(p.english.chars())
            {
                assert!(f.has_glyph(c), "{} has no glyph for {c:?}", p.code);
            }
        }
        for c in "ÉéèçñøåüßŁłŐőĂăȘșĀāǎǐǒǔǚ ΑΩαω ЖжЩщЁё 陳黃 ×·–—€£¥".chars()
        {
            assert!(f.has_glyph(c), "no glyph for {c:?}");
        }
        Ok(())
    }

    #[test]
    fn latin_comes_from_sans_and_hanzi_from_han() -> Result<()> {
        let f = fonts()?;
        assert_eq!(f.slot_for('Ł', Face::Bold), Slot::SansBold);
        assert_eq!(f.slot_for('委', Face::Bold), Slot::HanBold);
        assert_eq!(f.slot_for('陳', Face::Bold), Slot::HanRegular);
        assert_eq!(f.slot_for('陳', Face::Regular), Slot::HanRegular);
        assert!(f.width("Weizhong", 10.0, Face::Regular) > 30.0);
        Ok(())
    }

    #[test]
    fn unprintable_characters_become_the_nearest_printable_one() -> Result<()> {
        let f = fonts()?;
        assert_eq!(printable(f, "Elo\u{0069}\u{0308}se\tB"), "Eloïse B");
        assert_eq!(printable(f, "a\u{1F600}b"), "a?b");
        Ok(())
    }
}
