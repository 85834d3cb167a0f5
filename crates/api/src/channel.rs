//! A channel the window opens for one run of a long job, through which the host pushes how far
//! the job got (no polling). In the window it is a `Channel<T>` from `@tauri-apps/api/core`,
//! sent as the command's argument; here it is only the channel's name as the window sent it —
//! each host opens its own sender on it (the desktop shell: a Tauri channel to the calling
//! webview), so this crate and the core stay Tauri-free.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer};
use ts_rs::{Config, TypeVisitor, TS};

/// Progress reports of type `T` for the window (`BackupProgress`, `DataProgress`, …).
pub struct ProgressChannel<T> {
    id: String,
    of: PhantomData<fn(T)>,
}

impl<T> ProgressChannel<T> {
    /// The channel as the window named it (Tauri: `__CHANNEL__:<callback id>`).
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<T> fmt::Debug for ProgressChannel<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ProgressChannel").field(&self.id).finish()
    }
}

impl<'de, T> Deserialize<'de> for ProgressChannel<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            id: String::deserialize(deserializer)?,
            of: PhantomData,
        })
    }
}

/// `Channel<T>` in the typed client (imported from `@tauri-apps/api/core`).
impl<T: TS> TS for ProgressChannel<T> {
    type WithoutGenerics = ProgressChannel<ts_rs::Dummy>;
    type OptionInnerType = Self;

    fn ident(_: &Config) -> String {
        CHANNEL.to_owned()
    }

    fn name(cfg: &Config) -> String {
        format!("{CHANNEL}<{}>", T::name(cfg))
    }

    fn inline(cfg: &Config) -> String {
        format!("{CHANNEL}<{}>", T::inline(cfg))
    }

    fn visit_dependencies(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_dependencies(v);
    }

    fn visit_generics(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_generics(v);
        v.visit::<T>();
    }
}

/// The client's name for a channel, and where it imports it from.
pub const CHANNEL: &str = "Channel";
pub const CHANNEL_MODULE: &str = "@tauri-apps/api/core";
