//! The recovery key: the database key written for people — Crockford base32 (no I, L, O, U),
//! in groups of four, with a checksum so a mistyped character is caught before any unlock try.

use data_encoding::{Encoding, Specification};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{DbKey, KEY_LEN};
use crate::error::{Error, Result};

const CHECKSUM_LEN: usize = 3;
const GROUP: usize = 4;

fn crockford() -> Result<Encoding> {
    let mut spec = Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzOoIiLl");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ001111");
    spec.ignore.push_str("- ");
    spec.check_trailing_bits = false;
    spec.encoding()
        .map_err(|e| Error::Internal(format!("recovery key alphabet: {e}")))
}

fn checksum(key: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::digest(key);
    [digest[0], digest[1], digest[2]]
}

/// The printable form, e.g. `7K3Q-M0ZD-…` (14 groups). Wiped from memory when dropped.
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    pub fn from_key(key: &DbKey) -> Result<Self> {
        let mut raw = Zeroizing::new(Vec::with_capacity(KEY_LEN + CHECKSUM_LEN));
        raw.extend_from_slice(key.as_bytes());
        raw.extend_from_slice(&checksum(key.as_bytes()));
        let plain = Zeroizing::new(crockford()?.encode(&raw));
        let grouped = plain
            .as_bytes()
            .chunks(GROUP)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-");
        Ok(Self(Zeroizing::new(grouped)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Reads a typed recovery key: case, spaces and dashes do not matter; O/I/L read as 0/1/1.
    pub fn parse(typed: &str) -> Result<DbKey> {
        let cleaned: Zeroizing<String> =
            Zeroizing::new(typed.chars().filter(|c| !c.is_whitespace()).collect());
        if cleaned.is_empty() {
            return Err(Error::InvalidRecoveryKey(
                "Enter the recovery key (14 groups of 4 characters).".into(),
            ));
        }
        let decoded = crockford()?
            .decode(cleaned.as_bytes())
            .map_err(|_| {
                Error::InvalidRecoveryKey(
                    "That recovery key contains characters that are not used in recovery keys, or \
                 has the wrong length. It has 14 groups of 4 letters and digits."
                        .into(),
                )
            })
            .map(Zeroizing::new)?;
        if decoded.len() != KEY_LEN + CHECKSUM_LEN {
            return Err(Error::InvalidRecoveryKey(
                "That recovery key has the wrong length: it has 14 groups of 4 letters and digits."
                    .into(),
            ));
        }
        let (key, sum) = decoded.split_at(KEY_LEN);
        if sum != checksum(key) {
            return Err(Error::InvalidRecoveryKey(
                "That recovery key has a typing mistake (its checksum does not match). Check each \
                 group against the printed copy."
                    .into(),
            ));
        }
        DbKey::from_bytes(key).ok_or_else(|| Error::Internal("recovery key length".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_case_spaces_and_lookalikes() -> Result<()> {
        let key = DbKey::generate()?;
        let rk = RecoveryKey::from_key(&key)?;
        assert_eq!(rk.as_str().split('-').count(), 14);
        assert!(rk.as_str().split('-').all(|g| g.len() == 4));
        assert!(RecoveryKey::parse(rk.as_str())? == key);
        let sloppy = rk
            .as_str()
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o");
        assert!(RecoveryKey::parse(&sloppy)? == key);
        Ok(())
    }

    #[test]
    fn a_single_wrong_character_is_caught_by_the_checksum() -> Result<()> {
        let key = DbKey::generate()?;
        let rk = RecoveryKey::from_key(&key)?;
        let mut chars: Vec<char> = rk.as_str().chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        let err = RecoveryKey::parse(&typo).err().map(|e| e.code());
        assert_eq!(err, Some(crate::error::ErrorCode::InvalidRecoveryKey));
        assert!(RecoveryKey::parse("").is_err());
        assert!(RecoveryKey::parse("ABCD-EFGH").is_err());
        assert!(RecoveryKey::parse("!!!!").is_err());
        Ok(())
    }
}
