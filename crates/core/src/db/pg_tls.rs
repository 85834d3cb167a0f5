//! TLS for a connection to the clinic's PostgreSQL server: rustls, trusting the system's
//! certificate authorities, or only the clinic's own when `ACUCHART_DATABASE_CA` names one.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::pg_pool::CA_FILE_VAR;
use crate::error::{Error, Result};

pub(crate) fn connector() -> Result<MakeRustlsConnect> {
    let roots = match std::env::var_os(CA_FILE_VAR) {
        Some(path) if !path.is_empty() => clinic_roots(Path::new(&path))?,
        _ => system_roots()?,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Internal(format!("TLS could not be set up: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

fn clinic_roots(path: &Path) -> Result<RootCertStore> {
    let unreadable = |why: String| {
        Error::invalid(
            "database_ca",
            format!(
                "The certificate file {} ({CA_FILE_VAR}) {why}: name the PEM file of the \
                 clinic server's certificate authority.",
                path.display()
            ),
        )
    };
    let mut roots = RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| unreadable(format!("could not be read ({e})")))?;
    for cert in certs {
        let cert = cert.map_err(|e| unreadable(format!("is not a PEM certificate ({e})")))?;
        roots
            .add(cert)
            .map_err(|e| unreadable(format!("holds a certificate that cannot be used ({e})")))?;
    }
    if roots.is_empty() {
        return Err(unreadable("holds no certificate".into()));
    }
    Ok(roots)
}

fn system_roots() -> Result<RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(found.certs);
    if added == 0 {
        return Err(Error::Internal(format!(
            "this computer has no certificate authorities to check the database server \\
             against; set {CA_FILE_VAR} to the clinic's certificate authority file"
        )));
    }
    Ok(roots)
}
