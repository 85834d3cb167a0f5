//! Files a person names for AcuChart to read (a note draft, a CSV to import, a mapping): only
//! ordinary files, and never more than the input could sensibly be, so that a FIFO does not
//! hang the reader and `/dev/urandom` is not read until memory runs out.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// What a kind of input may weigh at most.
pub const MAX_JSON_INPUT: u64 = 16 * 1024 * 1024;
pub const MAX_IMPORT_FILE: u64 = 512 * 1024 * 1024;

/// Refuses anything but an ordinary file (following symbolic links), naming what it is.
pub fn require_regular_file(path: &Path, field: &str) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::invalid(
                field,
                format!("{} does not exist: check the path.", path.display()),
            ))
        }
        Err(e) => {
            return Err(Error::invalid(
                field,
                format!("{} cannot be read ({e}).", path.display()),
            ))
        }
    };
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a folder"
    } else {
        "not an ordinary file (a pipe, socket or device)"
    };
    Err(Error::invalid(
        field,
        format!("{} is {what}: name a file.", path.display()),
    ))
}

/// The whole of an ordinary file of at most `max` bytes.
pub fn read_limited(path: &Path, field: &str, max: u64) -> Result<Vec<u8>> {
    require_regular_file(path, field)?;
    let file = std::fs::File::open(path)
        .map_err(|e| Error::invalid(field, format!("{} cannot be read ({e}).", path.display())))?;
    read_capped(file, path.display().to_string(), field, max)
}

/// At most `max` bytes from `reader` (standard input, say), refused beyond that.
pub fn read_capped(reader: impl Read, name: String, field: &str, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid(field, format!("{name} cannot be read ({e}).")))?;
    if bytes.len() as u64 > max {
        return Err(Error::invalid(
            field,
            format!(
                "{name} is larger than {} MB, far more than this input can be: check the file.",
                max / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_devices_and_oversized_input_are_refused_by_name() {
        let dir = std::env::temp_dir();
        let err = read_limited(&dir, "file", 10).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("a folder")));
        let err = read_limited(Path::new("/dev/zero"), "file", 10)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("not an ordinary file")));
        let err = read_capped(&[0u8; 11][..], "stdin".into(), "file", 10)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("larger than")));
        assert_eq!(
            read_capped(&b"ok"[..], "stdin".into(), "file", 10).ok(),
            Some(b"ok".to_vec())
        );
    }
}
