//! Files a person names — `--out FILE`, an export folder, Save as… — are written so that they
//! can never destroy the clinic: the database, the files beside it that share its name (WAL,
//! shared memory, audit head, backup settings), the backup folder and the app's data folder
//! are refused whatever the path's spelling (relative, `..`, a symbolic or hard link); an
//! existing file is replaced only when the person asked for it; and the file is written
//! under a temporary name and renamed into place, so a failed write leaves nothing behind.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::backup::settings::{effective_folder, load_settings};
use crate::clinic::Clinic;
use crate::error::{Error, Result};

/// Whether a file that already exists may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overwrite {
    /// Refuse (the default: the command line's `--force` or a save dialog's own confirmation
    /// asks for [`Overwrite::Replace`]).
    #[default]
    Refuse,
    Replace,
}

/// A checked place to write one file.
#[derive(Debug, Clone)]
pub struct OutputFile {
    path: PathBuf,
    overwrite: Overwrite,
}

/// What may never be written over.
struct Protected {
    /// The database file's folder and name; none for a clinic server's database.
    db: Option<(PathBuf, std::ffi::OsString)>,
    folders: Vec<PathBuf>,
    /// The app's own fallback export folder inside the data folder (see `paths::export_dir`).
    exports: Option<PathBuf>,
    /// (device, inode) of the database and its companions, to catch hard links.
    #[cfg(unix)]
    inodes: Vec<(u64, u64)>,
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    // The folder must exist (a typo must not create folders); the file may not.
    let (Some(dir), Some(name)) = (abs.parent(), abs.file_name()) else {
        return Err(Error::invalid(
            "path",
            format!(
                "{} is not a file name: name a file to write.",
                path.display()
            ),
        ));
    };
    let dir = dir.canonicalize().map_err(|_| {
        Error::invalid(
            "path",
            format!(
                "The folder {} does not exist: choose an existing folder.",
                dir.display()
            ),
        )
    })?;
    let joined = dir.join(name);
    // A symbolic link is judged by what it points to.
    Ok(joined.canonicalize().unwrap_or(joined))
}

impl Protected {
    fn of(clinic: &Clinic) -> Self {
        let mut folders = Vec::new();
        let db = clinic.path().and_then(|path| {
            if let Ok(settings) = load_settings(path) {
                folders.push(effective_folder(path, &settings));
            }
            let file = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            Some((file.parent()?.to_path_buf(), file.file_name()?.to_owned()))
        });
        let data = crate::paths::data_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok());
        let exports = data.as_ref().map(|d| d.join(crate::paths::DATA_EXPORTS));
        folders.extend(data);
        let folders = folders
            .into_iter()
            .filter_map(|f| f.canonicalize().ok())
            .collect();
        #[cfg(unix)]
        let inodes = db
            .iter()
            .flat_map(|(dir, name)| companions(dir, name))
            .filter_map(|p| inode(&p))
            .collect();
        Self {
            db,
            folders,
            exports,
            #[cfg(unix)]
            inodes,
        }
    }

    fn refuses(&self, path: &Path) -> bool {
        let beside_db = self.db.as_ref().is_some_and(|(dir, name)| {
            path.parent() == Some(dir.as_path())
                && path
                    .file_name()
                    .is_some_and(|n| n.as_encoded_bytes().starts_with(name.as_encoded_bytes()))
        });
        #[cfg(unix)]
        let linked = inode(path).is_some_and(|i| self.inodes.contains(&i));
        #[cfg(not(unix))]
        let linked = false;
        let in_exports = self.exports.as_ref().is_some_and(|e| path.starts_with(e));
        beside_db || linked || (self.folders.iter().any(|f| path.starts_with(f)) && !in_exports)
    }
}

fn companions(dir: &Path, name: &std::ffi::OsStr) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(name.as_encoded_bytes()))
        })
        .collect()
}

#[cfg(unix)]
fn inode(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

fn refused(path: &Path) -> Error {
    Error::invalid(
        "path",
        format!(
            "{} is part of the clinic's data (the database, its backups or the data folder): write the file somewhere else.",
            path.display()
        ),
    )
}

impl Clinic {
    /// Checks `path` as a file to write: not the clinic's data, an existing folder, and not
    /// an existing file unless `overwrite` allows it.
    pub fn output_file(&self, path: &Path, overwrite: Overwrite) -> Result<OutputFile> {
        let abs = absolute(path)?;
        if Protected::of(self).refuses(&abs) {
            return Err(refused(path));
        }
        match std::fs::symlink_metadata(&abs) {
            Ok(m) if m.is_dir() => Err(Error::invalid(
                "path",
                format!("{} is a folder: name a file to write.", path.display()),
            )),
            Ok(m) if !m.is_file() => Err(Error::invalid(
                "path",
                format!(
                    "{} is not an ordinary file: name a file to write.",
                    path.display()
                ),
            )),
            Ok(_) if overwrite == Overwrite::Refuse => Err(Error::invalid(
                "path",
                format!(
                    "{} already exists: choose another name, or replace it on purpose (--force).",
                    path.display()
                ),
            )),
            _ => Ok(OutputFile {
                path: abs,
                overwrite,
            }),
        }
    }

    /// Checks `dir` as a folder to write export files into (created if missing, inside an
    /// existing folder), and each of `names` in it as [`Clinic::output_file`] does.
    pub fn output_folder(
        &self,
        dir: &Path,
        names: &[&str],
        overwrite: Overwrite,
    ) -> Result<Vec<OutputFile>> {
        let abs = absolute(dir)?;
        if Protected::of(self).refuses(&abs) {
            return Err(refused(dir));
        }
        if abs.exists() && !abs.is_dir() {
            return Err(Error::invalid(
                "path",
                format!(
                    "{} is a file, not a folder: name a folder to export into.",
                    dir.display()
                ),
            ));
        }
        std::fs::create_dir_all(&abs)?;
        names
            .iter()
            .map(|n| self.output_file(&abs.join(n), overwrite))
            .collect()
    }
}

impl OutputFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary name the file is written under before [`OutputFile::commit`].
    pub fn part(&self) -> PathBuf {
        let mut name = std::ffi::OsString::from(".");
        name.push(self.path.file_name().unwrap_or_default());
        name.push(format!(".{}.part", std::process::id()));
        self.path.with_file_name(name)
    }

    /// Writes `bytes` as the whole file.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        let part = self.part();
        let written = (|| -> std::io::Result<()> {
            let mut f = File::options().write(true).create_new(true).open(&part)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        match written.map_err(Error::from).and_then(|()| self.commit()) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                Err(self.could_not_write(e))
            }
        }
    }

    /// Moves the finished part into place. Without `Replace`, a file that appeared meanwhile
    /// is not replaced: the part is linked under the final name, which fails if it exists.
    pub fn commit(&self) -> Result<()> {
        let part = self.part();
        if self.overwrite == Overwrite::Replace {
            std::fs::rename(&part, &self.path)?;
            return Ok(());
        }
        match std::fs::hard_link(&part, &self.path) {
            Ok(()) => {
                std::fs::remove_file(&part)?;
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let _ = std::fs::remove_file(&part);
                Err(Error::invalid(
                    "path",
                    format!(
                        "{} appeared while it was being written: choose another name.",
                        self.path.display()
                    ),
                ))
            }
            // Some file systems (FAT on a USB stick) have no hard links.
            Err(_) if !self.path.exists() => Ok(std::fs::rename(&part, &self.path)?),
            Err(e) => Err(e.into()),
        }
    }

    fn could_not_write(&self, e: Error) -> Error {
        match e {
            Error::Invalid(_) => e,
            other => Error::invalid(
                "path",
                format!(
                    "{} could not be written ({other}): choose another place.",
                    self.path.display()
                ),
            ),
        }
    }
}
