//! The UI's typed client, written from the table: one function per command, its arguments
//! and result typed with the generated bindings, so the window never names a command itself.

use std::collections::BTreeSet;

use ts_rs::{Config, Dependency, TypeVisitor, TS};

use crate::channel::{CHANNEL, CHANNEL_MODULE};
use crate::{Kind, ReplyForm};

/// One command as the client sees it.
#[derive(Debug, Clone)]
pub struct Signature {
    pub name: &'static str,
    pub kind: Kind,
    /// `{ id: PatientId, details: PatientDetails, }`, or `None` for a command without arguments.
    pub args: Option<String>,
    pub response: String,
    /// The generated types the signature names.
    pub imports: BTreeSet<String>,
}

/// Collects the exported types a type names, through wrappers (`Vec<X>`, `Option<X>`).
struct Named<'a> {
    cfg: &'a Config,
    into: &'a mut BTreeSet<String>,
}

impl TypeVisitor for Named<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        names::<T>(self.cfg, self.into);
    }
}

fn names<T: TS + 'static + ?Sized>(cfg: &Config, into: &mut BTreeSet<String>) {
    into.extend(T::dependencies(cfg).into_iter().map(|d| d.ts_name));
    into.extend(Dependency::from_ty::<T>(cfg).map(|d| d.ts_name));
    T::visit_generics(&mut Named { cfg, into });
}

impl Signature {
    pub fn of<A: TS + 'static, R: TS + 'static>(
        cfg: &Config,
        name: &'static str,
        kind: Kind,
        reply: ReplyForm,
    ) -> Self {
        let mut imports = BTreeSet::new();
        names::<A>(cfg, &mut imports);
        imports.remove(&A::ident(cfg));
        let inline = A::inline(cfg);
        // ts-rs writes a struct without fields as `Record<symbol, never>`.
        let empty = inline.starts_with("Record<")
            || inline
                .trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace())
                .is_empty();
        let response = match reply {
            ReplyForm::Raw => "ArrayBuffer".to_owned(),
            ReplyForm::Json => {
                names::<R>(cfg, &mut imports);
                R::name(cfg)
            }
        };
        Self {
            name,
            kind,
            args: (!empty).then_some(inline),
            response,
            imports,
        }
    }

    /// `create_patient` → `createPatient`.
    pub fn function_name(&self) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in self.name.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// The client module's text (`ui/src/client/commands.ts`).
pub fn typescript(signatures: &[Signature]) -> String {
    // Only the types a signature names itself: the generated files import their own.
    let mut imports: BTreeSet<&String> = BTreeSet::new();
    for s in signatures {
        let text = format!("{} {}", s.args.as_deref().unwrap_or(""), s.response);
        let words: BTreeSet<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .collect();
        imports.extend(s.imports.iter().filter(|i| words.contains(i.as_str())));
    }
    let mut out = String::from(
        "// Generated from the command table in crates/api by `make bindings`; do not edit.\n\
         // One function per command: the only place the window names a command.\n\
         import { call } from \"../ipc\";\n",
    );
    // A long job's progress comes back through a channel the window opens (`ProgressChannel`).
    let channel = format!("{CHANNEL}<");
    if signatures
        .iter()
        .any(|s| s.args.as_deref().is_some_and(|a| a.contains(&channel)))
    {
        out.push_str(&format!(
            "import type {{ {CHANNEL} }} from \"{CHANNEL_MODULE}\";\n"
        ));
    }
    for name in imports {
        out.push_str(&format!(
            "import type {{ {name} }} from \"../bindings/{name}\";\n"
        ));
    }
    out.push_str("\nexport const commands = {\n");
    for s in signatures {
        let f = s.function_name();
        match &s.args {
            Some(args) => out.push_str(&format!(
                "  {f}: (args: {args}) => call<{}>(\"{}\", args),\n",
                s.response, s.name
            )),
            None => out.push_str(&format!(
                "  {f}: () => call<{}>(\"{}\"),\n",
                s.response, s.name
            )),
        }
    }
    out.push_str("};\n");
    out
}

/// The window's capability: exactly the table's commands, plus the save dialog.
pub fn capability(signatures: &[Signature]) -> String {
    let mut permissions: Vec<String> = signatures
        .iter()
        .map(|s| format!("    \"allow-{}\"", s.name.replace('_', "-")))
        .collect();
    permissions.push("    \"dialog:allow-save\"".to_owned());
    format!(
        "{{\n  \"identifier\": \"main-window\",\n  \"description\": \"Generated from the command table in crates/api by `make bindings`; do not edit. The main window may call AcuChart's own commands and, for Save as…, open the native save dialog (it only returns the chosen path; the core writes the file). No shell, no file system, no HTTP, no SQL.\",\n  \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

/// The list of command names the Tauri build script and the permission tests read.
pub fn names_file(signatures: &[Signature]) -> String {
    let mut out = String::from(
        "// Generated from the command table in crates/api by `make bindings`; do not edit.\n\
         // Every IPC command the window may call: `build.rs` turns it into the app's permission\n\
         // manifest and checks the capability against it; the permission matrix test walks it.\n\
         pub const COMMANDS: &[&str] = &[\n",
    );
    for s in signatures {
        out.push_str(&format!("    \"{}\",\n", s.name));
    }
    out.push_str("];\n");
    out
}
