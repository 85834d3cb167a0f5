//! Logging that never carries patient data or secrets.
//!
//! Log lines name records by id. A value that must appear in a log statement's fields but is
//! sensitive (a name, a note, a password) is wrapped in [`Sensitive`], whose `Debug` and
//! `Display` print only `<redacted>`. Types that carry patient content get a redacting
//! `Debug` through [`redacted_debug!`], so `tracing::info!(?input)` cannot leak them either.
//! The keyring's D-Bus stack is held at `warn` whatever `RUST_LOG` says: at `trace` it logs
//! whole Secret Service messages, the database key among them.

use tracing_subscriber::EnvFilter;

/// A value that must never be printed. `Sensitive(name)` in a log field shows `<redacted>`.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Sensitive<T>(pub T);

impl<T> Sensitive<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> std::fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// `Debug` for a type holding patient content or secrets: its name and nothing else.
#[macro_export]
macro_rules! redacted_debug {
    ($($ty:ty),+ $(,)?) => {
        $(impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($ty), " { <redacted> }"))
            }
        })+
    };
}

/// Crates whose verbose levels log secrets (the keyring's D-Bus messages).
const HELD_AT_WARN: &[&str] = &[
    "zbus",
    "zbus_names",
    "keyring",
    "keyring_core",
    "secret_service",
    "zbus_secret_service_keyring_store",
];

/// `RUST_LOG` (or `default`), with the keyring stack held at `warn`.
pub fn filter(default: &str) -> EnvFilter {
    let wanted = std::env::var("RUST_LOG")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| default.to_owned());
    let mut directives = vec![wanted];
    directives.extend(HELD_AT_WARN.iter().map(|c| format!("{c}=warn")));
    EnvFilter::try_new(directives.join(","))
        .or_else(|_| EnvFilter::try_new(default))
        .unwrap_or_else(|_| EnvFilter::new("warn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_values_never_print() {
        let name = Sensitive("Quillonette Zabrowskiwitz".to_owned());
        assert_eq!(format!("{name}"), "<redacted>");
        assert_eq!(format!("{name:?}"), "<redacted>");
        assert_eq!(format!("{:#?}", Some(&name)), "Some(\n    <redacted>,\n)");
        assert_eq!(name.into_inner(), "Quillonette Zabrowskiwitz");
    }

    #[test]
    fn patient_inputs_debug_without_their_content() {
        let p = crate::patients::NewPatient {
            given_name: "Quillonette".into(),
            family_name: "Zabrowskiwitz".into(),
            phone: Some("555 0199".into()),
            ..Default::default()
        };
        let shown = format!(
            "{p:?} {:?}",
            crate::patients::MedicalHistory {
                medical_history: Some("Quillonette's migraines".into()),
                ..Default::default()
            }
        );
        for secret in ["Quillonette", "Zabrowskiwitz", "0199", "migraines"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("NewPatient"));
    }

    #[test]
    fn the_keyring_stack_stays_quiet_at_trace() {
        let f = filter("trace").to_string();
        assert!(f.contains("zbus=warn") && f.contains("keyring=warn"), "{f}");
    }
}
