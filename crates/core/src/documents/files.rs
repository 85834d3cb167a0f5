//! A stored document written out as a PDF file: Save as… (to the path the user chose) and
//! the copy handed to the system viewer for reading and printing.

use std::path::Path;

use super::DocumentInfo;
use crate::auth::Actor;
use crate::clinic::Clinic;
use crate::error::Result;
use crate::files::Overwrite;
use crate::ids::DocumentId;

impl Clinic {
    /// Writes a stored document's PDF to `path` (the same permission and audit as opening
    /// it), never over the clinic's data and over an existing file only with
    /// [`Overwrite::Replace`] (a save dialog that already asked). The file is written beside
    /// its final name and then renamed, so a failed write never leaves half a PDF.
    pub fn save_document_pdf(
        &self,
        actor: &Actor,
        id: DocumentId,
        path: &Path,
        overwrite: Overwrite,
    ) -> Result<DocumentInfo> {
        let target = self.output_file(path, overwrite)?;
        let (info, pdf) = self.document_pdf(actor, id)?;
        target.write(&pdf)?;
        Ok(info)
    }
}

/// A file name for a document, from its kind and id only (never typed text):
/// `summary-12.pdf`, `day-sheet-40.pdf`.
pub fn document_file_name(info: &DocumentInfo) -> String {
    format!("{}-{}.pdf", info.kind.as_str().replace('_', "-"), info.id)
}
