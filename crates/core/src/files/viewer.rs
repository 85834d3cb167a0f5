//! Copies of documents handed to the system's PDF viewer. A viewer can only open a file, so
//! the PDF leaves the encrypted database here, in plain: the copies live in a folder only this
//! user may enter, each readable by this user only, and are removed when the next document is
//! opened, when the app exits, and when it starts (after a crash). Whether the viewer has
//! finished with a file cannot be known (the system's opener returns at once), so exit and
//! the next start are the latest points.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;

pub struct ViewerCopies {
    dir: PathBuf,
}

impl ViewerCopies {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes every copy; a folder that does not exist is already clear.
    pub fn clear(&self) -> Result<()> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
        }
        Ok(())
    }

    /// Writes `bytes` as `name` (a name made by the app, never typed text), after removing
    /// earlier copies, and returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        self.private_folder()?;
        self.clear()?;
        let path = self.dir.join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(path)
    }

    /// The folder, made (or tightened, if it already existed) so only this user may enter.
    fn private_folder(&self) -> Result<()> {
        fs::create_dir_all(&self.dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn a_copy_is_private_and_replaces_the_one_before() -> TestResult {
        let root = tempfile::tempdir()?;
        let copies = ViewerCopies::new(root.path().join("documents"));
        let first = copies.write("summary-1.pdf", b"%PDF first")?;
        let second = copies.write("summary-2.pdf", b"%PDF second")?;
        assert!(!first.exists(), "the earlier copy is removed");
        assert_eq!(fs::read(&second)?, b"%PDF second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let dir_mode = fs::metadata(copies.dir())?.permissions().mode() & 0o777;
            let file_mode = fs::metadata(&second)?.permissions().mode() & 0o777;
            assert_eq!(dir_mode, 0o700);
            assert_eq!(file_mode, 0o600);
        }
        Ok(())
    }

    #[test]
    fn a_folder_left_open_by_an_older_version_is_tightened() -> TestResult {
        let root = tempfile::tempdir()?;
        let dir = root.path().join("documents");
        fs::create_dir(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))?;
            fs::write(dir.join("left-over.pdf"), b"%PDF old")?;
            ViewerCopies::new(&dir).write("day-sheet-3.pdf", b"%PDF")?;
            assert_eq!(fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
            assert!(!dir.join("left-over.pdf").exists());
        }
        Ok(())
    }

    #[test]
    fn clearing_removes_every_copy_and_accepts_a_missing_folder() -> TestResult {
        let root = tempfile::tempdir()?;
        let copies = ViewerCopies::new(root.path().join("documents"));
        copies.clear()?;
        copies.write("summary-9.pdf", b"%PDF")?;
        copies.clear()?;
        assert_eq!(fs::read_dir(copies.dir())?.count(), 0);
        Ok(())
    }
}
