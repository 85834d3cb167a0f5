//! Turns the command table into one module per command: its `Args` (the object the window
//! sends, camelCase, unknown fields refused), its `Response`, its name and, for core commands,
//! `run`. Hosts expand the same table with their own macro (see `for_each_command!`).

/// The grammar of the table, one line a command:
/// `core name(arg: Type, …) -> Response => |session| expression;` or
/// `shell name(arg: Type, …) -> Response;`; `#[raw]` before the name sends the response's
/// bytes as they are.
macro_rules! define_commands {
    ( $( $kind:ident $(#[$form:ident])? $name:ident ( $( $arg:ident : $ty:ty ),* $(,)? ) -> $ret:ty $( => |$cx:ident| $body:expr )? ; )* ) => {
        $(
            pub mod $name {
                #[allow(unused_imports)]
                use super::*;

                /// The arguments the window sends, as one object.
                #[derive(Debug, serde::Deserialize, ts_rs::TS)]
                #[serde(rename_all = "camelCase", deny_unknown_fields)]
                pub struct Args {
                    $( pub $arg: $ty, )*
                }
                pub type Response = $ret;
                pub const NAME: &str = stringify!($name);
                pub const KIND: $crate::Kind = define_commands!(@kind $kind);
                pub const REPLY: $crate::ReplyForm = define_commands!(@form $($form)?);
                define_commands!(@run $kind [$($arg),*] $( |$cx| $body )?);
            }
        )*

        /// Every command, as the window names it, in table order.
        pub const COMMANDS: &[&str] = &[ $( stringify!($name) ),* ];

        /// Every command's signature in TypeScript terms, for the generated client.
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<$crate::client::Signature> {
            vec![ $( $crate::client::Signature::of::<$name::Args, $name::Response>(
                cfg, $name::NAME, $name::KIND, $name::REPLY,
            ) ),* ]
        }
    };
    (@kind core) => { $crate::Kind::Core };
    (@kind shell) => { $crate::Kind::Shell };
    (@form) => { $crate::ReplyForm::Json };
    (@form raw) => { $crate::ReplyForm::Raw };
    (@run core [$($arg:ident),*] |$cx:ident| $body:expr) => {
        /// Runs the command for whoever `session` says is signed in; the core checks the role.
        pub fn run($cx: &dyn $crate::Session, args: Args) -> acuchart_core::Result<Response> {
            let Args { $($arg),* } = args;
            $body
        }
    };
    (@run shell [$($arg:ident),*]) => {};
}
