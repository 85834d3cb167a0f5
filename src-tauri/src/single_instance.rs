//! One AcuChart per data folder: a second launch on the same folder hands over to the running
//! window and exits. Launches on different folders (a training clinic beside the real one,
//! or one test after another) do not hand over to each other, because each folder gets its
//! own D-Bus name.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use acuchart_core::paths::{APP_IDENTIFIER, DATA_DIR_ENV};

/// The platform's own folder keeps the plain identifier; a folder named by
/// `ACUCHART_DATA_DIR` adds a suffix derived from its path.
pub fn instance_id() -> String {
    match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => id_for_folder(Path::new(&dir)),
        None => APP_IDENTIFIER.to_string(),
    }
}

fn id_for_folder(dir: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    dir.hash(&mut hasher);
    // A D-Bus name element may not start with a digit, hence the letter.
    format!("{APP_IDENTIFIER}.d{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_folder_has_its_own_valid_name() {
        let a = id_for_folder(Path::new("/tmp/clinic-a"));
        let b = id_for_folder(Path::new("/tmp/clinic-b"));
        assert_ne!(a, b);
        assert_eq!(a, id_for_folder(Path::new("/tmp/clinic-a")));
        let last = a.rsplit('.').next().unwrap_or_default();
        assert!(last.starts_with('d'));
        assert!(last.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
