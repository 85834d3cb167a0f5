//! A stored document written out as a PDF file: Save as… (to the path the user chose) and
//! the copy handed to the system viewer for reading and printing.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::DocumentInfo;
use crate::auth::Actor;
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::DocumentId;

impl Clinic {
    /// Writes a stored document's PDF to `path` (the same permission and audit as opening
    /// it). The file is written beside its final name and then renamed, so a failed write
    /// never leaves half a PDF under the chosen name.
    pub fn save_document_pdf(
        &self,
        actor: &Actor,
        id: DocumentId,
        path: &Path,
    ) -> Result<DocumentInfo> {
        let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
            return Err(Error::invalid(
                "path",
                "Choose a folder and a file name to save the PDF to.",
            ));
        };
        if !dir.is_dir() {
            return Err(Error::invalid(
                "path",
                format!(
                    "The folder {} does not exist: choose another folder.",
                    dir.display()
                ),
            ));
        }
        let (info, pdf) = self.document_pdf(actor, id)?;
        let mut partial = path.as_os_str().to_owned();
        partial.push(".part");
        let partial = PathBuf::from(partial);
        let written = (|| -> std::io::Result<()> {
            let mut f = std::fs::File::create(&partial)?;
            f.write_all(&pdf)?;
            f.sync_all()?;
            std::fs::rename(&partial, path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(Error::invalid(
                "path",
                format!(
                    "The PDF could not be saved to {}: {e}. Choose another place.",
                    path.display()
                ),
            ));
        }
        Ok(info)
    }
}

/// A file name for a document, from its kind and id only (never typed text):
/// `summary-12.pdf`, `day-sheet-40.pdf`.
pub fn document_file_name(info: &DocumentInfo) -> String {
    format!("{}-{}.pdf", info.kind.as_str().replace('_', "-"), info.id)
}
