//! Export files appear whole or not at all: each is written under its temporary name (see
//! [`OutputFile::part`]) and moved into place only when every file of the export is complete.
//! A failed or abandoned export removes its parts.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::files::OutputFile;

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        // Writing CSV fails only when the file does: report it as the file error it is.
        Error::Io(std::io::Error::from(e))
    }
}

pub(super) struct Staged {
    files: Vec<OutputFile>,
    committed: bool,
}

impl Staged {
    /// The checked files of one export (see `Clinic::output_file` and `output_folder`).
    pub fn new(files: Vec<OutputFile>) -> Self {
        Self {
            files,
            committed: false,
        }
    }

    pub fn part(&self, index: usize) -> Result<PathBuf> {
        self.files
            .get(index)
            .map(OutputFile::part)
            .ok_or_else(|| Error::Internal(format!("export file {index} was not checked")))
    }

    pub fn commit(mut self) -> Result<()> {
        for file in &self.files {
            file.commit()?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            for file in &self.files {
                let _ = std::fs::remove_file(file.part());
            }
        }
    }
}
