//! `acuchart-cli user …`: staff accounts, through the same services as the Staff page.

use acuchart_core::auth::{Actor, Role};
use acuchart_core::users::{NewUser, UserSummary};
use acuchart_core::{Clinic, Error, Result};
use serde_json::json;

use crate::args::{Cli, UserCommand};
use crate::output::print_json;

pub const NEW_USER_PASSWORD_ENV: &str = "ACUCHART_NEW_USER_PASSWORD";

fn parse_roles(roles: &[String]) -> Result<Vec<Role>> {
    roles
        .iter()
        .map(|r| {
            Role::parse(r).ok_or_else(|| {
                Error::invalid(
                    "role",
                    format!("{r:?} is not a role: use admin, practitioner or receptionist."),
                )
            })
        })
        .collect()
}

fn new_password() -> Result<String> {
    std::env::var(NEW_USER_PASSWORD_ENV).map_err(|_| {
        Error::invalid(
            "password",
            format!("Set {NEW_USER_PASSWORD_ENV} to the new password."),
        )
    })
}

fn line(u: &UserSummary) -> String {
    let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
    let state = match (&u.disabled_at, &u.wait_until) {
        (Some(at), _) => format!("  disabled {at}"),
        (None, Some(until)) => format!("  waiting after failed sign-ins until {until}"),
        (None, None) => String::new(),
    };
    format!(
        "{:<20} {:<28} {}{state}",
        u.username,
        u.display_name,
        roles.join(",")
    )
}

fn print_user(cli: &Cli, u: &UserSummary, what: &str) -> Result<()> {
    if cli.json {
        print_json(u)
    } else {
        out!("{what}: {}", line(u));
        Ok(())
    }
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add {
            username,
            name,
            roles,
        } => {
            let created = clinic.create_user(
                actor,
                NewUser {
                    username: username.clone(),
                    display_name: name.clone(),
                    password: new_password()?,
                    roles: parse_roles(roles)?,
                },
            )?;
            print_user(cli, &created, "Created")
        }
        UserCommand::List => {
            let users = clinic.list_users(actor)?;
            if cli.json {
                return print_json(&users);
            }
            for u in &users {
                out!("{}", line(u));
            }
            Ok(())
        }
        UserCommand::Disable { username } | UserCommand::Enable { username } => {
            let id = clinic.user_by_username(actor, username)?.id;
            let disable = matches!(cmd, UserCommand::Disable { .. });
            let changed = clinic.set_user_disabled(actor, id, disable)?;
            print_user(cli, &changed, if disable { "Disabled" } else { "Enabled" })
        }
        UserCommand::ResetPassword { username } => {
            let id = clinic.user_by_username(actor, username)?.id;
            clinic.reset_user_password(actor, id, &new_password()?)?;
            if cli.json {
                print_json(&json!({ "reset": username }))
            } else {
                out!("The password of {username} was reset; their open session has ended.");
                Ok(())
            }
        }
        UserCommand::Roles { username, roles } => {
            let id = clinic.user_by_username(actor, username)?.id;
            let changed = clinic.set_user_roles(actor, id, &parse_roles(roles)?)?;
            print_user(cli, &changed, "Roles changed")
        }
        UserCommand::Passwd => {
            let current = crate::run::password(cli)?;
            clinic.change_own_password(actor, &current, &new_password()?)?;
            if cli.json {
                print_json(&json!({ "changed": actor.username() }))
            } else {
                out!("Your password was changed.");
                Ok(())
            }
        }
    }
}
