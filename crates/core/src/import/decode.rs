//! Turning a file's bytes into text: a byte-order mark decides when there is one; otherwise
//! UTF-16 is recognised by its zero bytes, valid UTF-8 is UTF-8, and anything else is guessed
//! by `chardetng` (in practice Windows-1252 from older Windows clinic software).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};

/// What the bytes were read as.
pub(super) struct Decoded {
    pub text: String,
    /// The WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: &'static str,
    pub bom: bool,
    /// Bytes that could not be read in that encoding were replaced by U+FFFD.
    pub had_errors: bool,
}

/// UTF-16 without a byte-order mark: text in Latin scripts has a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn detect(bytes: &[u8]) -> (&'static Encoding, bool) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding, true);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, false);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, false);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    (detector.guess(None, false), false)
}

/// Reads `bytes` in `forced` (an encoding label such as `windows-1252` or `utf-16le`) or in
/// the encoding detected.
pub(super) fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded> {
    let (encoding, bom) = match forced.map(str::trim).filter(|f| !f.is_empty()) {
        Some(label) => {
            let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                Error::invalid(
                    "encoding",
                    format!("{label:?} is not a text encoding this app knows; try UTF-8, UTF-16LE or windows-1252."),
                )
            })?;
            (
                encoding,
                Encoding::for_bom(bytes).is_some_and(|(e, _)| e == encoding),
            )
        }
        None => detect(bytes),
    };
    // `decode` strips a byte-order mark of the detected encoding; with a forced one that has no
    // mark it reads the bytes as they are.
    let (text, used, had_errors) = encoding.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        bom,
        had_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn byte_order_marks_and_zero_bytes_name_the_encoding() -> Result<()> {
        let text = "First Name,Surname\nZoë,Lefèvre\n";
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(text.as_bytes());
        for (bytes, name, bom) in [
            (bom8, "UTF-8", true),
            (text.as_bytes().to_vec(), "UTF-8", false),
            (utf16(text, false, true), "UTF-16LE", true),
            (utf16(text, true, true), "UTF-16BE", true),
            (utf16(text, false, false), "UTF-16LE", false),
            (utf16(text, true, false), "UTF-16BE", false),
        ] {
            let d = decode(&bytes, None)?;
            assert_eq!((d.encoding, d.bom, d.text.as_str()), (name, bom, text));
        }
        Ok(())
    }

    #[test]
    fn windows_1252_accents_are_read_as_such() -> Result<()> {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Nom,Prénom\nLefèvre,Hélène\nMüller,Jörg\n");
        let d = decode(&bytes, None)?;
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Hélène") && d.text.contains("Jörg"));
        Ok(())
    }

    #[test]
    fn a_forced_encoding_wins_and_an_unknown_one_is_refused() -> Result<()> {
        let d = decode("Zoë".as_bytes(), Some("windows-1252"))?;
        assert_eq!(d.text, "ZoÃ«");
        assert!(decode(b"x", Some("klingon")).is_err());
        Ok(())
    }
}
