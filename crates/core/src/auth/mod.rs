//! Who is acting, and what they may do. Every core service takes an [`Actor`].

mod actor;
mod password;
mod permissions;

pub use actor::{Actor, Role};
pub use password::{hash_password, verify_password, MIN_PASSWORD_LEN};
pub use permissions::{allowed_roles, Operation};
