//! Export files appear whole or not at all: each is written as `NAME.part` beside its final
//! name and renamed only when every file of the export is complete. A failed or abandoned
//! export removes its parts.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        // Writing CSV fails only when the file does: report it as the file error it is.
        Error::Io(std::io::Error::from(e))
    }
}

pub(super) struct Staged {
    finals: Vec<PathBuf>,
    parts: Vec<PathBuf>,
    committed: bool,
}

fn part_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

impl Staged {
    /// Files `names` inside `dir` (created if needed).
    pub fn new(dir: &Path, names: &[&str]) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let finals: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        Ok(Self::of(finals))
    }

    /// One file at `path`; its folder must exist.
    pub fn single(path: &Path) -> Result<Self> {
        match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) if !parent.is_dir() => Err(Error::invalid(
                "path",
                format!(
                    "The folder {} does not exist; choose an existing folder.",
                    parent.display()
                ),
            )),
            _ => Ok(Self::of(vec![path.to_path_buf()])),
        }
    }

    fn of(finals: Vec<PathBuf>) -> Self {
        let parts = finals.iter().map(|f| part_of(f)).collect();
        Self {
            finals,
            parts,
            committed: false,
        }
    }

    pub fn part(&self, index: usize) -> &Path {
        &self.parts[index]
    }

    pub fn commit(mut self) -> Result<()> {
        for (part, fin) in self.parts.iter().zip(&self.finals) {
            std::fs::rename(part, fin)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            for part in &self.parts {
                let _ = std::fs::remove_file(part);
            }
        }
    }
}
