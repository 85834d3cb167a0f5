//! The database key, its human-readable recovery form, and where it is kept (the OS keyring).

mod recovery;
mod store;

pub use recovery::RecoveryKey;
pub use store::KeyStore;

use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

pub const KEY_LEN: usize = 32;

/// A random 256-bit SQLCipher key. Wiped from memory when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; KEY_LEN]);

impl DbKey {
    pub fn generate() -> Result<Self> {
        let mut bytes = [0u8; KEY_LEN];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Internal(format!("no system randomness: {e}")))?;
        Ok(Self(bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(Self(array))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// `PRAGMA key = "x'…'"`: the raw-key form, which skips SQLCipher's passphrase KDF.
    pub(crate) fn pragma_statement(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.0));
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()))
    }

    /// `PRAGMA rekey`: re-encrypts an open database under this key.
    pub(crate) fn rekey_statement(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.0));
        Zeroizing::new(format!("PRAGMA rekey = \"x'{}'\";", hex.as_str()))
    }
}

impl Drop for DbKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}
